using BlazorCookieAuth.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.Sessions;

/// <summary>
/// The handles that stand for sessions in a page: they end the session they name, of their own user only, and carry
/// nothing of the session id.
/// </summary>
public class SessionHandleTests
{
    [Fact]
    public async Task Listed_sessions_carry_handles_that_hold_no_session_id_and_end_their_session()
    {
        await using var app = await TestApp.StartAsync();
        using var first = app.CreateBrowser();
        using var second = app.CreateBrowser();
        await first.LoginAsync("42");
        await second.LoginAsync("42");
        var manager = app.Services.GetRequiredService<IAuthSessionManager>();

        var sessions = await manager.ListSessionsAsync("42");

        Assert.Equal(2, sessions.Count);
        foreach (var session in sessions)
        {
            Assert.False(string.IsNullOrEmpty(session.Handle));
            Assert.DoesNotContain(session.SessionId, session.Handle, StringComparison.Ordinal);
            Assert.DoesNotContain(session.SessionId, Base64UrlDecodedText(session.Handle!), StringComparison.Ordinal);
        }

        var firstSession = await first.Client.GetStringAsync("/test/session");
        var handle = sessions.Single(s => s.SessionId == firstSession).Handle!;
        Assert.True(await manager.EndSessionByHandleAsync("42", handle));
        Assert.Equal("anonymous", await first.WhoAmIAsync());
        Assert.Equal("42", await second.WhoAmIAsync());
        Assert.False(await manager.EndSessionByHandleAsync("42", handle));
    }

    [Fact]
    public async Task A_handle_of_another_users_session_or_a_damaged_one_ends_nothing()
    {
        await using var app = await TestApp.StartAsync();
        using var mine = app.CreateBrowser();
        using var theirs = app.CreateBrowser();
        await mine.LoginAsync("42");
        await theirs.LoginAsync("7");
        var manager = app.Services.GetRequiredService<IAuthSessionManager>();
        var theirHandle = Assert.Single(await manager.ListSessionsAsync("7")).Handle!;
        var myHandle = Assert.Single(await manager.ListSessionsAsync("42")).Handle!;

        Assert.False(await manager.EndSessionByHandleAsync("42", theirHandle));
        Assert.False(await manager.EndSessionByHandleAsync("42", myHandle[..^2] + (myHandle[^2] == 'A' ? "BA" : "AA")));
        Assert.False(await manager.EndSessionByHandleAsync("42", "not a handle"));
        Assert.False(await manager.EndSessionByHandleAsync("42", string.Empty));

        Assert.Equal("7", await theirs.WhoAmIAsync());
        Assert.Equal("42", await mine.WhoAmIAsync());
    }

    [Fact]
    public async Task A_handle_from_another_app_with_its_own_key_ring_ends_nothing()
    {
        await using var app = await TestApp.StartAsync();
        await using var other = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        using var elsewhere = other.CreateBrowser();
        await browser.LoginAsync("42");
        await elsewhere.LoginAsync("42");
        var foreignHandle = Assert.Single(await other.Services.GetRequiredService<IAuthSessionManager>().ListSessionsAsync("42")).Handle!;

        Assert.False(await app.Services.GetRequiredService<IAuthSessionManager>().EndSessionByHandleAsync("42", foreignHandle));
        Assert.Equal("42", await browser.WhoAmIAsync());
    }

    private static string Base64UrlDecodedText(string handle)
    {
        var bytes = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(handle);
        return System.Text.Encoding.Latin1.GetString(bytes);
    }
}
