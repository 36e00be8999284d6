using System.Net;
using BlazorCookieAuth.Tests.TestHost;

namespace BlazorCookieAuth.Tests.Endpoints;

public class OpenRedirectTests
{
    public static TheoryData<string> ForeignUrls => new()
    {
        "//evil.example",
        "//evil.example/path",
        "/\\evil.example",
        "\\\\evil.example",
        "\\/evil.example",
        "https://evil.example",
        "http://evil.example/",
        "HTTPS://EVIL.EXAMPLE",
        "https:evil.example",
        "javascript:alert(1)",
        "%2F%2Fevil.example",
        "%2f%2fevil.example",
        "/%5Cevil.example",
        "%5C%5Cevil.example",
        "/\t/evil.example",
        "/\n/evil.example",
        "/\r\n/evil.example",
        " //evil.example",
        "///evil.example",
        "evil.example",
        "~//evil.example",
    };

    [Theory]
    [MemberData(nameof(ForeignUrls))]
    public async Task Login_never_redirects_off_site(string returnUrl)
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(returnUrl: returnUrl));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        AssertStaysOnSite(response);
    }

    [Theory]
    [MemberData(nameof(ForeignUrls))]
    public async Task Failed_login_never_redirects_off_site(string returnUrl)
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(password: "wrong", returnUrl: returnUrl));

        AssertStaysOnSite(response);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/login?error=1", location, StringComparison.Ordinal);
        var carried = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(TestBrowser.BaseAddress, location).Query)
            .GetValueOrDefault("returnUrl").ToString();
        Assert.True(carried.Length == 0 || new Uri(TestBrowser.BaseAddress, carried).Host == "localhost", carried);
    }

    [Theory]
    [MemberData(nameof(ForeignUrls))]
    public async Task Logout_never_redirects_off_site(string returnUrl)
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.PostFormAsync("/auth/logout", new Dictionary<string, string> { ["returnUrl"] = returnUrl });

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        AssertStaysOnSite(response);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/protected")]
    [InlineData("/a/b?c=d&e=%2F%2Fevil.example")]
    public async Task Local_return_urls_are_kept(string returnUrl)
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(returnUrl: returnUrl));

        Assert.Equal(returnUrl, response.Headers.Location?.OriginalString);
    }

    public static TheoryData<string> OverlongUrls => new()
    {
        "/" + new string('a', 10_000),
        "/" + new string('a', 2_048),
        "/" + string.Concat(Enumerable.Repeat("\u00e9", 700)),
    };

    [Theory]
    [MemberData(nameof(OverlongUrls))]
    public async Task A_return_url_longer_than_2048_characters_as_sent_is_not_local(string returnUrl)
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var succeeded = await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(returnUrl: returnUrl));
        var failed = await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(password: "wrong", returnUrl: returnUrl));
        var loggedOut = await browser.PostFormAsync("/auth/logout", new Dictionary<string, string> { ["returnUrl"] = returnUrl });

        Assert.Equal("/", succeeded.Headers.Location?.OriginalString);
        Assert.Equal("/login?error=1", failed.Headers.Location?.OriginalString);
        Assert.Equal("/", loggedOut.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_return_url_of_2048_characters_is_kept()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var returnUrl = "/" + new string('a', 2_047);

        var response = await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(returnUrl: returnUrl));

        Assert.Equal(returnUrl, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_challenge_from_a_very_long_address_sends_to_the_login_page_without_it()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.Client.GetAsync("/protected?q=" + new string('a', 4_000));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location?.OriginalString);
    }

    private static void AssertStaysOnSite(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString;
        Assert.NotNull(location);
        Assert.StartsWith("/", location, StringComparison.Ordinal);
        Assert.False(location.StartsWith("//", StringComparison.Ordinal) || location.StartsWith("/\\", StringComparison.Ordinal), location);
        Assert.DoesNotContain(location, char.IsControl);
        var resolved = new Uri(TestBrowser.BaseAddress, location);
        Assert.Equal("localhost", resolved.Host);
    }
}
