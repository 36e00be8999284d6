using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BlazorCookieAuth.Components;

/// <summary>
/// Shows the app's own user, loaded through the <see cref="IAuthUserLoader{TUser}"/> registered with
/// <c>AddUserLoader&lt;TUser, TLoader&gt;()</c>: <see cref="CurrentUser"/> for the app's user type. The loader
/// runs once per request or circuit. Like <see cref="CurrentUser"/>, it follows logouts live.
/// </summary>
/// <typeparam name="TUser">The app's user type; name it with <c>TUser="MyUser"</c>.</typeparam>
public sealed partial class CurrentAppUser<TUser> : ComponentBase
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

    /// <summary>Shown while the authentication state resolves and the user loads. Empty by default.</summary>
    [Parameter]
    public RenderFragment? Authorizing { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private ICurrentUser CurrentUser { get; set; } = default!;

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        var stateTask = AuthenticationState ?? throw new InvalidOperationException(
            "<CurrentAppUser> needs the cascading authentication state, which services.AddBlazorCookieAuth(...) provides. " +
            "Is BlazorCookieAuth added to the app's services?");

        _loading = true;
        var state = await stateTask.ConfigureAwait(true);
        TUser? user = null;
        if (state.User.Identity?.IsAuthenticated == true)
        {
            user = await CurrentUser.GetUserAsync<TUser>().ConfigureAwait(true);
        }

        // A newer state may have arrived during the load; its own parameter update decides.
        if (ReferenceEquals(stateTask, AuthenticationState))
        {
            _user = user;
            _loading = false;
        }
    }
}
