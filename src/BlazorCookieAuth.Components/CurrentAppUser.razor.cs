using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BlazorCookieAuth.Components;

/// <summary>
/// Shows the app's own user, loaded through the <see cref="IAuthUserLoader{TUser}"/> registered with
/// <c>AddUserLoader&lt;TUser, TLoader&gt;()</c>: <see cref="CurrentUser"/> for the app's user type. The loader
/// runs once per request or circuit. Like <see cref="CurrentUser"/>, it follows logouts live. Its
/// <see cref="AuthStateComponentBase.Authorizing"/> content also shows while the user loads.
/// </summary>
/// <typeparam name="TUser">The app's user type; name it with <c>TUser="MyUser"</c>.</typeparam>
public sealed partial class CurrentAppUser<TUser> : AuthStateComponentBase
    where TUser : class
{
    private bool _loading = true;
    private TUser? _user;

    /// <summary>The content for a signed-in user; its context is the app's user.</summary>
    [Parameter]
    [EditorRequired]
    public RenderFragment<TUser> Authenticated { get; set; } = default!;

    /// <summary>The content for an anonymous user, or one the loader no longer finds. Empty by default.</summary>
    [Parameter]
    public RenderFragment? Anonymous { get; set; }

    [Inject]
    private ICurrentUser CurrentUser { get; set; } = default!;

    private protected override string Tag => "CurrentAppUser";

    private protected override void OnStateResolving() => _loading = true;

    private protected override async Task OnStateAsync(AuthenticationState state, Func<bool> isCurrent)
    {
        _loading = true;
        TUser? user = null;
        if (state.User.Identity?.IsAuthenticated == true)
        {
            user = await CurrentUser.GetUserAsync<TUser>().ConfigureAwait(true);
        }

        if (isCurrent())
        {
            _user = user;
            _loading = false;
        }
    }
}
