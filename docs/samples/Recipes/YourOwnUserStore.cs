using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BlazorCookieAuth.DocSamples.Recipes;

#region user
/// <summary>A user of the app, as its database keeps them.</summary>
public sealed class AppUser
{
    public int Id { get; set; }

    /// <summary>The name typed on the login page.</summary>
    public required string UserName { get; set; }

    /// <summary><see cref="UserName"/> in upper case, unique: logins ignore case.</summary>
    public required string NormalizedUserName { get; set; }

    public required string DisplayName { get; set; }

    /// <summary>A <see cref="PasswordHasher{TUser}"/> hash, never the password.</summary>
    public string PasswordHash { get; set; } = "";

    public bool IsDisabled { get; set; }

    public List<string> Roles { get; set; } = [];
}

public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
{
    public DbSet<AppUser> Users => Set<AppUser>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AppUser>().HasIndex(u => u.NormalizedUserName).IsUnique();

        // The kit's sessions table, in this database and its migrations.
        modelBuilder.AddBlazorCookieAuthSessions();
    }
}
#endregion

#region validator
/// <summary>Checks the passwords posted to the kit's login and re-authentication endpoints.</summary>
public sealed class AppCredentialValidator(AppDbContext db, IPasswordHasher<AppUser> hasher) : ICredentialValidator
{
    // An unknown username is checked against this hash, so that it takes as long to refuse as a wrong password.
    private static readonly AppUser Nobody = new() { UserName = "", NormalizedUserName = "", DisplayName = "" };
    private static readonly string NobodysHash = new PasswordHasher<AppUser>().HashPassword(Nobody, Guid.NewGuid().ToString());

    public async Task<AuthUser?> ValidateAsync(string username, string password, CancellationToken cancellationToken)
    {
        var normalized = username.Trim().ToUpperInvariant();
        var found = await db.Users.SingleOrDefaultAsync(u => u.NormalizedUserName == normalized, cancellationToken);
        if (await CheckAsync(found, password, cancellationToken) is not { } user)
        {
            return null;
        }

        // The auth id is the user's id. The name and roles travel in the cookie as claims.
        Claim[] claims = [new(ClaimTypes.Name, user.DisplayName), .. user.Roles.Select(role => new Claim(ClaimTypes.Role, role))];
        return new AuthUser(user.Id.ToString(CultureInfo.InvariantCulture), claims);
    }

    // A signed-in user confirming their password (re-authentication): the same check, finding the user by id.
    public async Task<bool> ValidatePasswordAsync(AuthUser user, string password, CancellationToken cancellationToken)
    {
        var id = int.Parse(user.AuthId!, CultureInfo.InvariantCulture);
        var found = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        return await CheckAsync(found, password, cancellationToken) is not null;
    }

    /// <summary>The user, when the password is theirs and they may log in; null otherwise, after as long.</summary>
    private async Task<AppUser?> CheckAsync(AppUser? user, string password, CancellationToken cancellationToken)
    {
        var result = hasher.VerifyHashedPassword(user ?? Nobody, user?.PasswordHash ?? NobodysHash, password);
        if (user is null || user.IsDisabled || result == PasswordVerificationResult.Failed)
        {
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, password);
            await db.SaveChangesAsync(cancellationToken);
        }

        return user;
    }
}
#endregion

#region loader
/// <summary>Loads the signed-in user; null logs the user out (deleted or disabled).</summary>
public sealed class AppUserLoader(AppDbContext db) : IAuthUserLoader<AppUser>
{
    public async Task<AppUser?> LoadUserAsync(string authId, CancellationToken cancellationToken) =>
        int.TryParse(authId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id && !u.IsDisabled, cancellationToken)
            : null;
}
#endregion

public static class YourOwnUserStore
{
    public static void Register(WebApplicationBuilder builder)
    {
        #region register
        builder.Services.AddDbContext<AppDbContext>(o => o.UseSqlite(builder.Configuration.GetConnectionString("App")));
        builder.Services.AddSingleton<IPasswordHasher<AppUser>, PasswordHasher<AppUser>>();
        builder.Services.AddBlazorCookieAuth(o => o.LoginPath = "/login")
            .AddCredentialValidator<AppCredentialValidator>()
            .AddUserLoader<AppUser, AppUserLoader>()
            .AddEntityFrameworkSessionStore<AppDbContext>();
        #endregion
    }

    public static void CurrentUser(WebApplication app)
    {
        #region current-user
        app.MapGet("/api/profile", async (ICurrentUser currentUser) =>
            await currentUser.GetUserAsync<AppUser>() is { } user
                ? Results.Ok(new { user.DisplayName, user.Roles })
                : Results.Unauthorized())
            .RequireAuthorization();
        #endregion
    }

    public static void SignUp(WebApplication app)
    {
        #region sign-up
        app.MapPost("/signup", async (
            [FromForm] string userName,
            [FromForm] string password,
            AppDbContext db,
            IPasswordHasher<AppUser> hasher,
            IAuthSession session) =>
        {
            var user = new AppUser { UserName = userName, NormalizedUserName = userName.Trim().ToUpperInvariant(), DisplayName = userName };
            user.PasswordHash = hasher.HashPassword(user, password);
            db.Users.Add(user);
            await db.SaveChangesAsync();

            // The new user just chose their password: log them in, as the login endpoint would.
            await session.LoginAsync(new AuthUser(user.Id.ToString(CultureInfo.InvariantCulture), [new Claim(ClaimTypes.Name, user.DisplayName)]));
            return Results.LocalRedirect("~/");
        });
        #endregion
    }

    public static void ChangePassword(WebApplication app)
    {
        #region change-password
        app.MapPost("/account/password", async (
            [FromForm] string currentPassword,
            [FromForm] string newPassword,
            ICurrentUser currentUser,
            IAuthSession session,
            AppDbContext db,
            IPasswordHasher<AppUser> hasher) =>
        {
            // The kit checks the current password with ValidatePasswordAsync, under the login failure limits.
            var check = await session.ReauthenticateAsync(currentPassword);
            if (!check.Succeeded)
            {
                // WrongPassword, TooManyAttempts (wait check.RetryAfter) or Unavailable: the page says which.
                return Results.LocalRedirect($"~/account/password?error={check.Status}");
            }

            var id = int.Parse(currentUser.AuthId!, CultureInfo.InvariantCulture);
            var user = await db.Users.SingleAsync(u => u.Id == id);
            user.PasswordHash = hasher.HashPassword(user, newPassword);
            await db.SaveChangesAsync();

            // Every other browser and device must log in again, with the new password, and a login that checked the
            // old one a moment ago is refused. This browser stays signed in, with a new session and cookie.
            await session.CredentialsChangedAsync();
            return Results.LocalRedirect("~/account");
        }).RequireAuthorization(BlazorCookieAuthDefaults.FreshLoginPolicy);
        #endregion
    }

    public static void DeleteUser(WebApplication app)
    {
        #region delete-user
        app.MapPost("/admin/users/{id:int}/delete", async (int id, AppDbContext db, IAuthSessionManager sessions) =>
        {
            await db.Users.Where(u => u.Id == id).ExecuteDeleteAsync();

            // Their cookies and tokens stop working at once, on every server sharing the session store, and a login
            // that checked their password a moment ago is refused too.
            await sessions.CredentialsChangedAsync(id.ToString(CultureInfo.InvariantCulture));
            return Results.NoContent();
        }).RequireAuthorization(p => p.RequireRole("admin"));
        #endregion
    }

    public static void DeleteAccount(WebApplication app)
    {
        #region delete-account
        app.MapPost("/account/delete", async (
            [FromForm] string password,
            ICurrentUser currentUser,
            IAuthSession session,
            IAuthSessionManager sessions,
            AppDbContext db) =>
        {
            var check = await session.ReauthenticateAsync(password);
            if (!check.Succeeded)
            {
                return Results.LocalRedirect($"~/account/delete?error={check.Status}");
            }

            var authId = currentUser.AuthId!;
            var id = int.Parse(authId, CultureInfo.InvariantCulture);
            await db.Users.Where(u => u.Id == id).ExecuteDeleteAsync();

            // Every session of the user ends, this one too, and no login that checked the password before is let in.
            await sessions.CredentialsChangedAsync(authId);
            await session.LogoutAsync();   // deletes this browser's cookie
            return Results.LocalRedirect("~/");
        }).RequireAuthorization(BlazorCookieAuthDefaults.FreshLoginPolicy);
        #endregion
    }
}

#region identity
/// <summary>Checks logins against ASP.NET Core Identity's user tables, through its UserManager.</summary>
public sealed class IdentityCredentialValidator(UserManager<IdentityUser> users) : ICredentialValidator
{
    private static readonly IdentityUser Nobody = new();
    private static readonly string NobodysHash = new PasswordHasher<IdentityUser>().HashPassword(Nobody, Guid.NewGuid().ToString());

    public async Task<AuthUser?> ValidateAsync(string username, string password, CancellationToken cancellationToken)
    {
        var user = await users.FindByNameAsync(username);
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(Nobody, NobodysHash, password);
            return null;
        }

        if (!await MayLogInAsync(user, password))
        {
            return null;
        }

        var roles = users.SupportsUserRole ? await users.GetRolesAsync(user) : [];
        Claim[] claims = [new(ClaimTypes.Name, user.UserName ?? user.Id), .. roles.Select(role => new Claim(ClaimTypes.Role, role))];
        return new AuthUser(user.Id, claims);
    }

    // A signed-in user confirming their password (re-authentication).
    public async Task<bool> ValidatePasswordAsync(AuthUser user, string password, CancellationToken cancellationToken) =>
        await users.FindByIdAsync(user.AuthId!) is { } found && await MayLogInAsync(found, password);

    // CheckPasswordAsync also stores a new hash when the old one is out of date.
    private async Task<bool> MayLogInAsync(IdentityUser user, string password) =>
        await users.CheckPasswordAsync(user, password) && !(users.SupportsUserLockout && await users.IsLockedOutAsync(user));
}

/// <summary>Loads the signed-in Identity user; null logs the user out.</summary>
public sealed class IdentityUserLoader(UserManager<IdentityUser> users) : IAuthUserLoader<IdentityUser>
{
    public Task<IdentityUser?> LoadUserAsync(string authId, CancellationToken cancellationToken) => users.FindByIdAsync(authId);
}
#endregion
