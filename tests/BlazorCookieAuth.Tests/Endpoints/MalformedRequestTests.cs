using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BlazorCookieAuth.Tests.TestHost;

namespace BlazorCookieAuth.Tests.Endpoints;

public class MalformedRequestTests
{
    [Theory]
    [InlineData("/auth/login")]
    [InlineData("/auth/logout")]
    public async Task A_body_that_cannot_be_parsed_is_a_bad_request_not_a_server_error(string path)
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("garbage without any boundary"));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");

        var response = await browser.Client.PostAsync(path, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_refused_form_post_says_what_to_do_in_plain_words()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(), withAntiforgery: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("reload the page", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/café", "/caf%C3%A9")]
    [InlineData("/a b?q=x y", "/a%20b?q=x%20y")]
    [InlineData("/orders/%C3%A9", "/orders/%C3%A9")]
    [InlineData("/🍪", "/%F0%9F%8D%AA")]
    public async Task A_local_return_url_with_characters_a_header_cannot_carry_is_percent_encoded(string returnUrl, string location)
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var login = await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(returnUrl: returnUrl));
        var logout = await browser.PostFormAsync("/auth/logout", new Dictionary<string, string> { ["returnUrl"] = returnUrl });

        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal(location, login.Headers.Location?.OriginalString);
        Assert.Equal(location, logout.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/auth/login")]
    [InlineData("/auth/logout")]
    public async Task Get_is_answered_with_405_and_the_allowed_method(string path)
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("POST", Assert.Single(response.Content.Headers.Allow));
    }
}
