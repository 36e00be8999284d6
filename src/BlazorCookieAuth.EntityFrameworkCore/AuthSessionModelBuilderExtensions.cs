using BlazorCookieAuth;
using BlazorCookieAuth.EntityFrameworkCore;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Maps BlazorCookieAuth's session tables into an app's own <see cref="DbContext"/>.</summary>
public static class AuthSessionModelBuilderExtensions
{
    /// <summary>The default name of the sessions table.</summary>
    public const string DefaultTableName = "BlazorCookieAuthSessions";

    /// <summary>
    /// Adds the kit's two tables to the model: the sessions table, and beside it <c>{tableName}CredentialChanges</c>,
    /// which holds for a day the time of each user's latest credential change (a new password, a deleted account), so
    /// that a login which checked the old credentials can't start a session. Call it from your context's
    /// <c>OnModelCreating</c>, add a migration (<c>dotnet ef migrations add BlazorCookieAuthSessions</c>), and register
    /// the store with <c>AddEntityFrameworkSessionStore&lt;TContext&gt;()</c>. An app that mapped the sessions table
    /// with an earlier version gets what came later (the credential changes table, the sessions' <c>Credential</c>
    /// column) in its next migration; until that is applied, every login fails, and startup logs what is missing.
    /// </summary>
    /// <param name="modelBuilder">The model builder of your context.</param>
    /// <param name="tableName">The name of the sessions table, which the other table's name begins with; <see cref="DefaultTableName"/> by default.</param>
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
            session.Property(s => s.Credential).HasMaxLength(AuthSessionRecord.MaxCredentialLength).IsUnicode(false);

            // Listing and ending a user's sessions, and removing ended ones, each read one index.
            session.HasIndex(s => s.AuthId);
            session.HasIndex(s => s.EndsAt);
        });
        modelBuilder.Entity<AuthCredentialsChangeEntity>(change =>
        {
            change.ToTable(tableName + "CredentialChanges");
            change.HasKey(c => c.AuthId);
            change.Property(c => c.AuthId).HasMaxLength(AuthSessionEntity.MaxAuthIdLength);

            // The cleanup drops the rows older than a day by one index range.
            change.HasIndex(c => c.ValidFrom);
        });

        return modelBuilder;
    }
}
