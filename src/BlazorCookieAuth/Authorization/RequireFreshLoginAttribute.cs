using Microsoft.AspNetCore.Authorization;

namespace BlazorCookieAuth;

/// <summary>
/// Needs a signed-in user whose credentials were checked within <see cref="BlazorCookieAuthOptions.FreshLoginMaxAge"/>
/// (Flask-Login's <c>fresh_login_required</c>), for pages and endpoints that change a password, an e-mail address
/// or payment details. Anyone else, including a user restored from a remembered cookie, is sent to log in again with
/// the return URL. It is <c>[Authorize(Policy = BlazorCookieAuthDefaults.FreshLoginPolicy)]</c>; for another age,
/// add a policy with <c>policy.RequireFreshLogin(age)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class RequireFreshLoginAttribute : AuthorizeAttribute
{
    /// <summary>Creates the attribute.</summary>
    public RequireFreshLoginAttribute()
        : base(BlazorCookieAuthDefaults.FreshLoginPolicy)
    {
    }
}
