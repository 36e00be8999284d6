using System.Net;
using BlazorCookieAuth.Demo.Tests.TestHost;

namespace BlazorCookieAuth.Demo.Tests.Endpoints;

/// <summary>
/// The demo maps static assets, whose development fallback route catches every GET; the kit's endpoints
/// must still answer GET with 405 there, not 404.
/// </summary>
public sealed class AuthEndpointMethodTests(DemoAppFactory factory) : IClassFixture<DemoAppFactory>
{
    [Theory]
    [InlineData("/auth/login")]
    [InlineData("/auth/logout")]
    public async Task Get_on_the_auth_endpoints_is_405_in_a_real_blazor_app(string path)
    {
        using var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("POST", Assert.Single(response.Content.Headers.Allow));
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }
}
