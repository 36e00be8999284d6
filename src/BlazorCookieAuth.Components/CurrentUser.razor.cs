using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BlazorCookieAuth.Components;

/// <summary>
/// Shows who is signed in: Quart-Auth's <c>current_user</c> in markup. Without fragments it renders the
/// user's display name (<see cref="AuthUser.DisplayName"/>: the <see cref="ClaimTypes.Name"/> claim, or else the auth
/// id), and nothing for an anonymous user. It follows the authentication state live, so a logout elsewhere shows at
/// once.
/// </summary>
public sealed partial class CurrentUser : AuthStateComponentBase
{
    private AuthUser? _user;

    /// <summary>
    /// The content for a signed-in user; its context is the <see cref="AuthUser"/>. Name the context with
    /// <c>Context="user"</c> on the component.
    /// </summary>
    [Parameter]
    public RenderFragment<AuthUser>? Authenticated { get; set; }

    /// <summary>The content for an anonymous user. Empty by default.</summary>
    [Parameter]
    public RenderFragment? Anonymous { get; set; }

    private protected override string Tag => "CurrentUser";

    private protected override void OnStateResolving() => _user = null;

    private protected override Task OnStateAsync(AuthenticationState state, Func<bool> isCurrent)
    {
        _user = AuthUser.FromClaimsPrincipal(state.User);
        return Task.CompletedTask;
    }
}
