using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BlazorCookieAuth.Components;

/// <summary>
/// Shows who is signed in: Quart-Auth's <c>current_user</c> in markup. Without fragments it renders the
/// user's display name (the <see cref="ClaimTypes.Name"/> claim) or else the auth id, and nothing for an
/// anonymous user. It follows the authentication state live, so a logout elsewhere shows at once.
/// </summary>
public sealed partial class CurrentUser : ComponentBase
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

    /// <summary>Shown while the authentication state resolves. Empty by default.</summary>
    [Parameter]
    public RenderFragment? Authorizing { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>The name to show for a signed-in user: the <see cref="ClaimTypes.Name"/> claim, else the auth id.</summary>
    /// <param name="user">A signed-in user.</param>
    /// <returns>The display name.</returns>
    public static string DisplayName(AuthUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindClaimValue(ClaimTypes.Name) ?? user.AuthId ?? string.Empty;
    }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        var stateTask = AuthenticationState ?? throw new InvalidOperationException(
            "<CurrentUser> needs the cascading authentication state, which services.AddBlazorCookieAuth(...) provides. " +
            "Is BlazorCookieAuth added to the app's services?");

        if (!stateTask.IsCompleted)
        {
            _user = null;
        }

        var state = await stateTask.ConfigureAwait(true);
        if (ReferenceEquals(stateTask, AuthenticationState))
        {
            _user = AuthUser.FromClaimsPrincipal(state.User);
        }
    }
}
