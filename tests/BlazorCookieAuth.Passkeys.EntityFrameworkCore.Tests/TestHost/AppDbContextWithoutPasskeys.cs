using Microsoft.EntityFrameworkCore;

namespace BlazorCookieAuth.Passkeys.EntityFrameworkCore.Tests.TestHost;

/// <summary>An app's own context whose author forgot to map the passkey tables.</summary>
internal sealed class AppDbContextWithoutPasskeys(DbContextOptions<AppDbContextWithoutPasskeys> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddBlazorCookieAuthSessions();
}
