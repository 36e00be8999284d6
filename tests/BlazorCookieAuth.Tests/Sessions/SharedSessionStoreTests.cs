using BlazorCookieAuth.Tests.TestHost;
using BlazorCookieAuth.Tests.Tokens;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.Sessions;

/// <summary>
/// Apps on one SQLite session database and one key ring: the same app restarted, and two servers at once.
/// </summary>
public sealed class SharedSessionStoreTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("blazorcookieauth-shared-");

    [Fact]
    public async Task A_restart_keeps_every_login_and_every_logout()
    {
        string kept;
        string loggedOut;
        await using (var beforeRestart = await StartServerAsync())
        {
            using var laptop = beforeRestart.CreateBrowser();
            using var phone = beforeRestart.CreateBrowser();
            await laptop.LoginAsync("42", remember: true);
            await phone.LoginAsync("42", remember: true);
            loggedOut = phone.AuthCookie!;
            await phone.Client.PostAsync("/test/logout", null);
            kept = laptop.AuthCookie!;
            Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(beforeRestart, loggedOut, expectDeletion: true));
        }

        await using var afterRestart = await StartServerAsync();

        Assert.Equal("42", await TamperedTokenTests.SendWithCookieAsync(afterRestart, kept, expectDeletion: false));
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(afterRestart, loggedOut, expectDeletion: true));
    }

    [Fact]
    public async Task A_login_on_one_server_works_on_the_other_and_a_logout_reaches_it_within_the_cache_duration()
    {
        await using var serverA = await StartServerAsync();
        await using var serverB = await StartServerAsync();
        using var browser = serverA.CreateBrowser();
        await browser.LoginAsync("42");
        var cookie = browser.AuthCookie!;
        Assert.Equal("42", await TamperedTokenTests.SendWithCookieAsync(serverB, cookie, expectDeletion: false));

        await browser.Client.PostAsync("/test/logout", null);

        // Server A refuses the copy at once; server B trusts what it read for SessionCacheDuration, then asks again.
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(serverA, cookie, expectDeletion: true));
        Assert.Equal("42", await TamperedTokenTests.SendWithCookieAsync(serverB, cookie, expectDeletion: false));
        serverB.Time.Advance(BlazorCookieAuthDefaults.SessionCacheDuration);
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(serverB, cookie, expectDeletion: true));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    /// <summary>An app on this test's session database and key ring, as every server of one deployment is.</summary>
    private Task<TestApp> StartServerAsync() => TestApp.StartAsync(
        configureKit: kit => kit.AddEntityFrameworkSessionStore(o => o.UseSqlite($"Data Source={Path.Combine(_folder.FullName, "sessions.db")}")),
        configureBuilder: builder => TamperedTokenTests.ShareKeys(builder, _folder.CreateSubdirectory("keys")));
}
