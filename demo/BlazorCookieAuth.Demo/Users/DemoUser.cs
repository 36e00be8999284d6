namespace BlazorCookieAuth.Demo.Users;

/// <summary>A row of the demo's users table.</summary>
/// <param name="Id">The user's id, which is also the auth id in the login cookie.</param>
/// <param name="UserName">The name typed on the login page (unique, case-insensitive).</param>
/// <param name="DisplayName">The name shown in the layout.</param>
/// <param name="PasswordHash">The <c>PasswordHasher&lt;DemoUser&gt;</c> hash of the password.</param>
internal sealed record DemoUser(long Id, string UserName, string DisplayName, string PasswordHash);
