using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Components;

/// <summary>
/// Renders its content only for a signed-in user: Quart-Auth's <c>login_required</c> for a piece of a page.
/// An anonymous user is sent to the login page (<c>BlazorCookieAuthOptions.LoginPath</c>) with the current page as the
/// return URL: a redirect response under static SSR and prerendering, a full page load in a circuit. When the
/// user logs out while the content is on screen (in another tab, or through revalidation), the same happens
/// at once. With <see cref="Fresh"/>, a signed-in user whose credentials were checked too long ago is sent to
/// log in again too. Its <see cref="AuthStateComponentBase.Authorizing"/> content also shows while an anonymous user
/// is being redirected, so neither protected nor anonymous content flashes.
/// </summary>
public sealed partial class RequireLogin : AuthStateComponentBase
{
    private Status _status = Status.Authorizing;
    private AuthenticationState? _state;
    private LoginRedirector? _loginRedirector;

    private enum Status
    {
        Authorizing,
        Redirecting,
        Authorized,
        NotAuthenticated,
        NotAuthorized,
    }

    /// <summary>The content for a signed-in user.</summary>
    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    /// <summary>Shown to an anonymous user when <see cref="Redirect"/> is <see langword="false"/>.</summary>
    [Parameter]
    public RenderFragment? NotAuthenticated { get; set; }

    /// <summary>
    /// Shown to a signed-in user who fails <see cref="Roles"/> or <see cref="Policy"/>. Such a user is not
    /// redirected, since logging in again would not help. Empty by default.
    /// </summary>
    [Parameter]
    public RenderFragment<AuthenticationState>? NotAuthorized { get; set; }

    /// <summary>
    /// Whether an anonymous user is sent to the login page. <see langword="true"/> by default; with
    /// <see langword="false"/> the <see cref="NotAuthenticated"/> content is shown instead.
    /// </summary>
    [Parameter]
    public bool Redirect { get; set; } = true;

    /// <summary>
    /// When set, the user's credentials must have been checked within this time (Flask-Login's fresh login), as
    /// for changing a password. A signed-in user whose login is older, or was restored from a remembered cookie,
    /// is sent to the login page with the return URL, even when <see cref="Redirect"/> is <see langword="false"/>.
    /// </summary>
    [Parameter]
    public TimeSpan? Fresh { get; set; }

    /// <summary>A comma-separated list of roles, one of which the user must have, as in <c>AuthorizeView</c>.</summary>
    [Parameter]
    public string? Roles { get; set; }

    /// <summary>The name of an authorization policy the user must satisfy, as in <c>AuthorizeView</c>.</summary>
    [Parameter]
    public string? Policy { get; set; }

    /// <summary>The resource passed to the authorization policy, as in <c>AuthorizeView</c>.</summary>
    [Parameter]
    public object? Resource { get; set; }

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    /// <summary>Made from the component's services, not injected: the server package can't register it.</summary>
    private LoginRedirector LoginRedirector => _loginRedirector ??= ActivatorUtilities.CreateInstance<LoginRedirector>(Services);

    [Inject]
    private TimeProvider TimeProvider { get; set; } = default!;

    private protected override string Tag => "RequireLogin";

    private protected override void OnStateResolving() => _status = Status.Authorizing;

    private protected override async Task OnStateAsync(AuthenticationState state, Func<bool> isCurrent)
    {
        _state = state;
        var signedIn = state.User.Identity?.IsAuthenticated == true;
        var stale = signedIn && Fresh is { } maxAge && !AuthUser.FromClaimsPrincipal(state.User).IsFresh(maxAge, TimeProvider.GetUtcNow());
        if (!signedIn || stale)
        {
            // Parents re-render this component with the same state (a logout reaches the page and this component
            // both); navigate once, since a second forced load would abort the first.
            var redirect = Redirect || stale;
            if (redirect && _status != Status.Redirecting)
            {
                if (stale)
                {
                    LoginRedirector.RedirectToReauthentication();
                }
                else
                {
                    LoginRedirector.RedirectToLogin();
                }
            }

            _status = redirect ? Status.Redirecting : Status.NotAuthenticated;
            return;
        }

        var authorized = await IsAuthorizedAsync(state).ConfigureAwait(true);
        if (isCurrent())
        {
            _status = authorized ? Status.Authorized : Status.NotAuthorized;
        }
    }

    private async Task<bool> IsAuthorizedAsync(AuthenticationState state)
    {
        if (Roles is null && Policy is null)
        {
            return true;
        }

        var policyProvider = Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var policy = await AuthorizationPolicy.CombineAsync(policyProvider, [new AuthorizeAttribute { Policy = Policy, Roles = Roles }])
            .ConfigureAwait(true);
        var result = await Services.GetRequiredService<IAuthorizationService>()
            .AuthorizeAsync(state.User, Resource, policy!)
            .ConfigureAwait(true);
        return result.Succeeded;
    }
}
