using Microsoft.EntityFrameworkCore;

namespace BlazorCookieAuth.Passkeys.EntityFrameworkCore.Tests.TestHost;

/// <summary>
/// An app's own context, which maps the session tables and, under a name of its choosing, the passkey tables.
/// </summary>
internal sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
{
    public const string PasskeysTable = "AppPasskeys";

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.AddBlazorCookieAuthSessions().AddBlazorCookieAuthPasskeys(PasskeysTable);
}
