using BlazorCookieAuth.EntityFrameworkCore.Tests.TestHost;
using BlazorCookieAuth.Passkeys.Tests.TestHost;
using BlazorCookieAuth.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Passkeys.EntityFrameworkCore.Tests.TestHost;

/// <summary>
/// The passkey test app keeping its sessions and passkeys in one SQLite file through the ready contexts, as an app that
/// keeps everything of the kit in one database does; its host runs the startup checks. Stopped and started again on
/// the same file, it is the same app after a restart.
/// </summary>
internal static class PasskeyStoreApp
{
    public static Task<PasskeyTestApp> StartAsync(SqliteFile database, TestClock time) =>
        PasskeyTestApp.StartAsync(time: time, kit: kit => kit
            .AddEntityFrameworkSessionStore(options => options.UseSqlite(database.ConnectionString))
            .AddEntityFrameworkPasskeyStore(options => options.UseSqlite(database.ConnectionString)));
}
