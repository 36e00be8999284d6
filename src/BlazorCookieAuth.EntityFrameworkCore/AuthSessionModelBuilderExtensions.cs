using BlazorCookieAuth;
using BlazorCookieAuth.EntityFrameworkCore;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Maps BlazorCookieAuth's sessions table into an app's own <see cref="DbContext"/>.</summary>
public static class AuthSessionModelBuilderExtensions
{
    /// <summary>The default name of the sessions table.</summary>
    public const string DefaultTableName = "BlazorCookieAuthSessions";

    /// <summary>
    /// Adds the sessions table to the model. Call it from your context's <c>OnModelCreating</c>, add a migration
    /// (<c>dotnet ef migrations add BlazorCookieAuthSessions</c>), and register the store with
    /// <c>AddEntityFrameworkSessionStore&lt;TContext&gt;()</c>.
    /// </summary>
    /// <param name="modelBuilder">The model builder of your context.</param>
    /// <param name="tableName">The table name; <see cref="DefaultTableName"/> by default.</param>
    /// <returns>The model builder.</returns>
    public static ModelBuilder AddBlazorCookieAuthSessions(this ModelBuilder modelBuilder, string tableName = DefaultTableName)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        modelBuilder.Entity<AuthSessionEntity>(session =>
        {
            session.ToTable(tableName);
            session.HasKey(s => s.SessionId);
            session.Property(s => s.SessionId).HasMaxLength(AuthSessionEntity.MaxSessionIdLength).IsUnicode(false);
            session.Property(s => s.AuthId).HasMaxLength(AuthSessionEntity.MaxAuthIdLength).IsRequired();
            session.Property(s => s.Client).HasMaxLength(AuthSessionRecord.MaxClientLength);
            session.Property(s => s.Data).HasMaxLength(AuthSessionRecord.MaxDataLength);

            // Listing and ending a user's sessions, and removing ended ones, each read one index.
            session.HasIndex(s => s.AuthId);
            session.HasIndex(s => s.EndsAt);
        });

        return modelBuilder;
    }
}
