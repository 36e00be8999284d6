using BlazorCookieAuth.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BlazorCookieAuth.Passkeys.EntityFrameworkCore;

/// <summary>
/// A ready <see cref="DbContext"/> that holds only the passkey tables, used by
/// <c>AddEntityFrameworkPasskeyStore(options => ...)</c>. It creates its tables at startup when they are missing, so a
/// SQLite file of its own, or one it shares with <c>AddEntityFrameworkSessionStore(options => ...)</c>, needs nothing
/// else. To keep passkeys in your app's own context and migrations instead, use
/// <see cref="PasskeyModelBuilderExtensions.AddBlazorCookieAuthPasskeys"/> and <c>AddEntityFrameworkPasskeyStore&lt;TContext&gt;()</c>.
/// </summary>
/// <param name="options">The context options, such as <c>UseSqlite("Data Source=passkeys.db")</c>.</param>
public sealed class PasskeyDbContext(DbContextOptions<PasskeyDbContext> options) : DbContext(options), IKitDbContext
{
    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddBlazorCookieAuthPasskeys();
}
