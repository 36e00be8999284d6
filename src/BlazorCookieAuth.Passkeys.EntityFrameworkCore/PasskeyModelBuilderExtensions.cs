using BlazorCookieAuth.EntityFrameworkCore;
using BlazorCookieAuth.Passkeys;
using BlazorCookieAuth.Passkeys.EntityFrameworkCore;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Maps BlazorCookieAuth's passkey tables into an app's own <see cref="DbContext"/>.</summary>
public static class PasskeyModelBuilderExtensions
{
    /// <summary>The default name of the passkeys table.</summary>
    public const string DefaultTableName = "BlazorCookieAuthPasskeys";

    /// <summary>
    /// Adds the passkey store's three tables to the model: the passkeys table, one row per passkey with its credential
    /// id unique across all users; beside it <c>{tableName}UserHandles</c>, the WebAuthn user handle of each user; and
    /// <c>{tableName}UsedChallenges</c>, the ceremony challenges answered and not yet expired, so that each is
    /// answered once across all servers.
    /// Call it from your context's <c>OnModelCreating</c>, add a migration
    /// (<c>dotnet ef migrations add BlazorCookieAuthPasskeys</c>), and register the store with
    /// <c>AddEntityFrameworkPasskeyStore&lt;TContext&gt;()</c>. Until the migration is applied, startup logs the
    /// missing tables and passkeys fail.
    /// </summary>
    /// <param name="modelBuilder">The model builder of your context.</param>
    /// <param name="tableName">The name of the passkeys table, which the other tables' names begin with; <see cref="DefaultTableName"/> by default.</param>
    /// <returns>The model builder.</returns>
    public static ModelBuilder AddBlazorCookieAuthPasskeys(this ModelBuilder modelBuilder, string tableName = DefaultTableName)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        modelBuilder.Entity<PasskeyEntity>(passkey =>
        {
            passkey.ToTable(tableName);
            passkey.HasKey(p => p.Id);
            passkey.Property(p => p.CredentialId).HasMaxLength(PasskeyEntity.MaxCredentialIdLength).IsRequired();
            passkey.Property(p => p.AuthId).HasMaxLength(AuthSessionEntity.MaxAuthIdLength).IsRequired();
            passkey.Property(p => p.PublicKey).IsRequired();
            passkey.Property(p => p.Name).HasMaxLength(StoredPasskey.MaxNameLength).IsRequired();
            passkey.Property(p => p.Transports).HasMaxLength(PasskeyEntity.MaxTransportsLength).IsUnicode(false).IsRequired();

            // The database refuses a second passkey with a credential id, whichever server adds it.
            passkey.HasIndex(p => p.CredentialId).IsUnique();
            // A user's passkeys are listed by one index.
            passkey.HasIndex(p => p.AuthId);
        });
        modelBuilder.Entity<PasskeyUserHandleEntity>(handle =>
        {
            handle.ToTable(tableName + "UserHandles");
            handle.HasKey(h => h.AuthId);
            handle.Property(h => h.AuthId).HasMaxLength(AuthSessionEntity.MaxAuthIdLength);
            handle.Property(h => h.Handle).HasMaxLength(PasskeyUserHandleEntity.MaxHandleLength).IsRequired();

            // Sign-in finds the user by the handle the authenticator sends; a handle is one user's only.
            handle.HasIndex(h => h.Handle).IsUnique();
        });
        modelBuilder.Entity<PasskeyUsedChallengeEntity>(challenge =>
        {
            challenge.ToTable(tableName + "UsedChallenges");
            challenge.HasKey(c => c.Id);
            challenge.Property(c => c.Id).HasMaxLength(PasskeyUsedChallengeEntity.MaxIdLength).IsUnicode(false);

            // Expired ones are deleted by this index.
            challenge.HasIndex(c => c.ExpiresAt);
        });

        return modelBuilder;
    }
}
