using System.Collections.Concurrent;
using System.Net;
using BlazorCookieAuth.Tests.TestHost;
using BlazorCookieAuth.Tests.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.Sessions;

public class SessionManagerTests
{
    [Fact]
    public async Task EndSessionAsync_refuses_a_session_of_another_user_and_that_session_keeps_working()
    {
        await using var app = await TestApp.StartAsync();
        using var alice = app.CreateBrowser();
        using var bob = app.CreateBrowser();
        await alice.LoginAsync("alice");
        await bob.LoginAsync("bob");
        var bobSessionId = await bob.Client.GetStringAsync("/test/session");

        var ended = await Manager(app).EndSessionAsync("alice", bobSessionId);

        Assert.False(ended);
        Assert.Equal("bob", await TamperedTokenTests.SendWithCookieAsync(app, bob.AuthCookie!, expectDeletion: false));
        Assert.Equal("alice", await alice.WhoAmIAsync());
    }

    [Fact]
    public async Task EndSessionAsync_ends_one_session_of_the_user_and_leaves_the_others()
    {
        await using var app = await TestApp.StartAsync();
        using var laptop = app.CreateBrowser();
        using var phone = app.CreateBrowser();
        await laptop.LoginAsync("alice");
        await phone.LoginAsync("alice");
        var phoneSessionId = await phone.Client.GetStringAsync("/test/session");

        Assert.True(await Manager(app).EndSessionAsync("alice", phoneSessionId));
        Assert.False(await Manager(app).EndSessionAsync("alice", phoneSessionId));

        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, phone.AuthCookie!, expectDeletion: true));
        Assert.Equal("alice", await laptop.WhoAmIAsync());
    }

    [Fact]
    public async Task After_a_password_change_EndAllSessionsAsync_except_the_current_one_leaves_only_that_one_working()
    {
        await using var app = await TestApp.StartAsync();
        using var laptop = app.CreateBrowser();
        using var phone = app.CreateBrowser();
        using var tablet = app.CreateBrowser();
        using var bob = app.CreateBrowser();
        foreach (var browser in new[] { laptop, phone, tablet })
        {
            await browser.LoginAsync("alice");
        }

        await bob.LoginAsync("bob");
        var laptopSessionId = await laptop.Client.GetStringAsync("/test/session");

        var response = await laptop.Client.PostAsync("/test/end-other-sessions", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2", await response.Content.ReadAsStringAsync());
        Assert.Equal("alice", await TamperedTokenTests.SendWithCookieAsync(app, laptop.AuthCookie!, expectDeletion: false));
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, phone.AuthCookie!, expectDeletion: true));
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, tablet.AuthCookie!, expectDeletion: true));
        Assert.Equal("bob", await bob.WhoAmIAsync());
        Assert.Equal([laptopSessionId], (await Manager(app).ListSessionsAsync("alice")).Select(s => s.SessionId));
    }

    [Fact]
    public async Task EndAllSessionsAsync_without_an_exception_ends_every_session_of_the_user()
    {
        await using var app = await TestApp.StartAsync();
        using var laptop = app.CreateBrowser();
        using var phone = app.CreateBrowser();
        await laptop.LoginAsync("alice");
        await phone.LoginAsync("alice");

        Assert.Equal(2, await Manager(app).EndAllSessionsAsync("alice"));

        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, laptop.AuthCookie!, expectDeletion: true));
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, phone.AuthCookie!, expectDeletion: true));
        Assert.Empty(await Manager(app).ListSessionsAsync("alice"));
    }

    [Fact]
    public async Task A_user_deleted_behind_the_kits_back_is_refused_within_SessionCacheDuration_though_the_session_lives()
    {
        var users = new DeletableUsers();
        await using var app = await TestApp.StartAsync(
            configureBuilder: b => b.Services.AddSingleton(users),
            configureKit: kit => kit.AddUserLoader<DeletableUsers.User, DeletableUsers.Loader>());
        using var alice = app.CreateBrowser();
        using var bob = app.CreateBrowser();
        await alice.LoginAsync("alice");
        await bob.LoginAsync("bob");
        Assert.Equal("alice", await alice.WhoAmIAsync());

        users.Delete("alice");

        // The loader is asked again once what the kit learned of the user is as old as a cached session may be.
        Assert.Equal("alice", await alice.WhoAmIAsync());
        app.Time.Advance(BlazorCookieAuthDefaults.SessionCacheDuration);
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, alice.AuthCookie!, expectDeletion: true));
        Assert.Equal("bob", await bob.WhoAmIAsync());
        Assert.Contains(app.Logs.Entries, e => e.Message.Contains("UserNotFound", StringComparison.Ordinal));
    }

    private static IAuthSessionManager Manager(TestApp app) => app.Services.GetRequiredService<IAuthSessionManager>();

    /// <summary>The app's users, some of whom get deleted.</summary>
    public sealed class DeletableUsers
    {
        private readonly ConcurrentDictionary<string, bool> _deleted = new(StringComparer.Ordinal);

        public void Delete(string authId) => _deleted[authId] = true;

        public sealed record User(string Id);

        public sealed class Loader(DeletableUsers users) : IAuthUserLoader<User>
        {
            public Task<User?> LoadUserAsync(string authId, CancellationToken cancellationToken) =>
                Task.FromResult(users._deleted.ContainsKey(authId) ? null : new User(authId));
        }
    }
}
