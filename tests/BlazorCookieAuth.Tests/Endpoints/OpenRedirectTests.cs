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
