using BlazorCookieAuth.Tests.TestHost;
using BlazorCookieAuth.Tests.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.Sessions;

public class MaxSessionsPerUserTests
{
    [Fact]
    public async Task A_login_beyond_the_cap_ends_the_oldest_session_and_keeps_the_rest()
    {
        await using var app = await TestApp.StartAsync(o => o.MaxSessionsPerUser = 3);
        using var first = app.CreateBrowser();
        using var second = app.CreateBrowser();
        using var third = app.CreateBrowser();
        using var fourth = app.CreateBrowser();
        var browsers = new[] { first, second, third, fourth };
        var sessionIds = new List<string>();
        foreach (var browser in browsers)
        {
            await browser.LoginAsync("42");
            sessionIds.Add(await browser.Client.GetStringAsync("/test/session"));
            app.Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, first.AuthCookie!, expectDeletion: true));
        foreach (var browser in new[] { second, third, fourth })
        {
            Assert.Equal("42", await TamperedTokenTests.SendWithCookieAsync(app, browser.AuthCookie!, expectDeletion: false));
        }

        var listed = await app.Services.GetRequiredService<IAuthSessionManager>().ListSessionsAsync("42");
        Assert.Equal(sessionIds[1..], listed.Select(s => s.SessionId));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Name == "OldestSessionsEnded");
    }

    [Fact]
    public async Task Logging_in_again_in_the_same_browser_at_the_cap_pushes_out_no_other_device()
    {
        await using var app = await TestApp.StartAsync(o => o.MaxSessionsPerUser = 2);
        using var laptop = app.CreateBrowser();
        using var phone = app.CreateBrowser();
        await laptop.LoginAsync("42");
        app.Time.Advance(TimeSpan.FromSeconds(1));
        await phone.LoginAsync("42");
        app.Time.Advance(TimeSpan.FromSeconds(1));

        await phone.LoginAsync("42");

        Assert.Equal("42", await laptop.WhoAmIAsync());
        Assert.Equal("42", await phone.WhoAmIAsync());
        Assert.Equal(2, (await app.Services.GetRequiredService<IAuthSessionManager>().ListSessionsAsync("42")).Count);
    }

    [Fact]
    public async Task The_cap_counts_each_user_apart()
    {
        await using var app = await TestApp.StartAsync(o => o.MaxSessionsPerUser = 1);
        using var alice = app.CreateBrowser();
        using var bob = app.CreateBrowser();

        await alice.LoginAsync("alice");
        await bob.LoginAsync("bob");

        Assert.Equal("alice", await alice.WhoAmIAsync());
        Assert.Equal("bob", await bob.WhoAmIAsync());
    }
}
