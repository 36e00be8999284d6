using System.Net;
using System.Text.Json;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.Endpoints;

/// <summary><c>GET /auth/session</c>: how a page running in the browser learns whether its login still holds.</summary>
public class SessionEndpointTests
{
    [Fact]
    public async Task A_signed_in_browser_gets_200_with_its_auth_id_and_nothing_secret()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");

        var response = await browser.Client.GetAsync("/auth/session");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        Assert.True(json.RootElement.GetProperty("authenticated").GetBoolean());
        Assert.Equal("42", json.RootElement.GetProperty("authId").GetString());
        Assert.DoesNotContain(browser.AuthCookie!, body, StringComparison.Ordinal);
        Assert.DoesNotContain(await app.Services.GetRequiredService<IAuthSessionManager>().ListSessionsAsync("42") is [var session] ? session.SessionId : "none", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/json")]
    public async Task An_anonymous_caller_gets_401_never_a_redirect(string accept)
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        browser.Client.DefaultRequestHeaders.Accept.ParseAdd(accept);

        var response = await browser.Client.GetAsync("/auth/session");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task A_session_ended_elsewhere_gets_401_and_the_cookie_deleted()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/auth/session")).StatusCode);

        await app.Services.GetRequiredService<IAuthSessionManager>().EndAllSessionsAsync("42");
        var response = await browser.Client.GetAsync("/auth/session");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(browser.AuthCookie);
    }

    [Fact]
    public async Task Asking_is_not_activity_so_a_page_left_open_does_not_keep_an_idle_session_alive()
    {
        var idleTimeout = TimeSpan.FromMinutes(10);
        await using var app = await TestApp.StartAsync(o => o.IdleTimeout = idleTimeout);
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");

        // A page polls every 3 minutes; nobody does anything.
        HttpResponseMessage response;
        var polled = TimeSpan.Zero;
        do
        {
            app.Time.Advance(TimeSpan.FromMinutes(3));
            polled += TimeSpan.FromMinutes(3);
            response = await browser.Client.GetAsync("/auth/session");
        }
        while (response.StatusCode == HttpStatusCode.OK && polled < 2 * idleTimeout);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.InRange(polled, idleTimeout, idleTimeout + TimeSpan.FromMinutes(3));
    }
}
