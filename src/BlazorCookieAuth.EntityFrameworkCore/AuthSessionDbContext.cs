using Microsoft.EntityFrameworkCore;

namespace BlazorCookieAuth.EntityFrameworkCore;

/// <summary>
/// A ready <see cref="DbContext"/> that holds only the sessions table, used by
/// <c>AddEntityFrameworkSessionStore(options => ...)</c>. It creates its table at startup when it is missing, so a
/// SQLite file of its own needs nothing else. To keep sessions in your app's own context and migrations instead, use
/// <see cref="AuthSessionModelBuilderExtensions.AddBlazorCookieAuthSessions"/> and <c>AddEntityFrameworkSessionStore&lt;TContext&gt;()</c>.
/// </summary>
/// <param name="options">The context options, such as <c>UseSqlite("Data Source=sessions.db")</c>.</param>
public sealed class AuthSessionDbContext(DbContextOptions<AuthSessionDbContext> options) : DbContext(options), IKitDbContext
{
    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddBlazorCookieAuthSessions();
}
