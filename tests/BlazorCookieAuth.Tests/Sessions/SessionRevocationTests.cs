using System.Net;
using BlazorCookieAuth.Tests.TestHost;
using BlazorCookieAuth.Tests.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.Sessions;

public class SessionRevocationTests
{
    [Fact]
    public async Task A_copied_cookie_is_refused_after_logout()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42", remember: true);
        var copied = browser.AuthCookie!;

        await browser.Client.PostAsync("/test/logout", null);

        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, copied, expectDeletion: true));
        Assert.Contains(app.Logs.Entries, e => e.Message.Contains("SessionEnded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_login_gets_its_own_session_so_one_logout_leaves_other_devices_signed_in()
    {
        await using var app = await TestApp.StartAsync();
        using var laptop = app.CreateBrowser();
        using var phone = app.CreateBrowser();
        await laptop.LoginAsync("42");
        await phone.LoginAsync("42");
        Assert.NotEqual(laptop.AuthCookie, phone.AuthCookie);

        await laptop.Client.PostAsync("/test/logout", null);

        Assert.Equal("anonymous", await laptop.WhoAmIAsync());
        Assert.Equal("42", await phone.WhoAmIAsync());
    }

    [Fact]
    public async Task Logging_in_again_replaces_and_revokes_the_previous_session()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("first");
        var previous = browser.AuthCookie!;

        await browser.LoginAsync("second");

        Assert.Equal("second", await browser.WhoAmIAsync());
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, previous, expectDeletion: true));
    }

    [Fact]
    public async Task Renewing_keeps_the_session_so_logout_still_revokes_the_old_cookie()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        var beforeRenew = browser.AuthCookie!;
        await browser.Client.PostAsync("/test/renew", null);
        Assert.Equal("42", await TamperedTokenTests.SendWithCookieAsync(app, beforeRenew, expectDeletion: false));

        await browser.Client.PostAsync("/test/logout", null);

        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, beforeRenew, expectDeletion: true));
    }

    [Fact]
    public async Task A_user_the_loader_no_longer_finds_is_logged_out()
    {
        await using var app = await TestApp.StartAsync(configureKit: kit => kit.AddUserLoader<TestUser, TestUserLoader>());
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        var ghostToken = await app.Services.GetRequiredService<IAuthTokenService>().CreateTokenAsync(new AuthUser("ghost"));

        Assert.Equal("42", await browser.WhoAmIAsync());
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, ghostToken, expectDeletion: true));
        Assert.Contains(app.Logs.Entries, e => e.Message.Contains("UserNotFound", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ValidateTokenAsync_asks_the_user_loader_in_a_scope_of_its_own()
    {
        await using var app = await TestApp.StartAsync(configureKit: kit => kit.AddUserLoader<TestUser, TestUserLoader>());
        var tokens = app.Services.GetRequiredService<IAuthTokenService>();
        var ghost = await tokens.CreateTokenAsync(new AuthUser("ghost"));
        var alice = await tokens.CreateTokenAsync(new AuthUser("42"));

        Assert.False((await tokens.ValidateTokenAsync(ghost)).IsAuthenticated);
        Assert.Equal("42", (await tokens.ValidateTokenAsync(alice)).AuthId);
    }

    [Fact]
    public async Task The_user_loader_is_asked_once_per_SessionCacheDuration_not_on_every_request()
    {
        await using var app = await TestApp.StartAsync(configureKit: kit => kit.AddUserLoader<TestUser, TestUserLoader>());
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        TestUserLoader.Calls = 0;

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/protected")).StatusCode);
        }

        Assert.Equal(1, TestUserLoader.Calls);

        app.Time.Advance(BlazorCookieAuthDefaults.SessionCacheDuration);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/protected")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/protected")).StatusCode);

        Assert.Equal(2, TestUserLoader.Calls);
    }

    [Fact]
    public async Task A_user_deleted_while_logged_in_is_logged_out_within_SessionCacheDuration()
    {
        await using var app = await TestApp.StartAsync(configureKit: kit => kit.AddUserLoader<TestUser, TestUserLoader>());
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("deleted-soon");
        Assert.Equal("deleted-soon", await browser.WhoAmIAsync());

        TestUserLoader.Deleted = "deleted-soon";
        try
        {
            Assert.Equal("deleted-soon", await browser.WhoAmIAsync());
            app.Time.Advance(BlazorCookieAuthDefaults.SessionCacheDuration);

            Assert.Equal("anonymous", await browser.WhoAmIAsync());
            Assert.Null(browser.AuthCookie);
        }
        finally
        {
            TestUserLoader.Deleted = null;
        }
    }

    [Fact]
    public async Task Login_after_the_response_started_explains_where_to_log_in()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.Client.PostAsync("/test/late-login", null);
        var body = await response.Content.ReadAsStringAsync();

        Assert.StartsWith("started;", body, StringComparison.Ordinal);
        Assert.Contains("response has already started", body, StringComparison.Ordinal);
        Assert.Contains("HTTP endpoint", body, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    public sealed record TestUser(string Id);

    public sealed class TestUserLoader : IAuthUserLoader<TestUser>
    {
        private static int calls;

        public static int Calls { get => calls; set => calls = value; }

        /// <summary>An auth id the loader no longer finds, besides "ghost".</summary>
        public static string? Deleted { get; set; }

        public Task<TestUser?> LoadUserAsync(string authId, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(authId == "ghost" || authId == Deleted ? null : new TestUser(authId));
        }
    }
}
