using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BlazorCookieAuth.Components;

/// <summary>
/// The base of the kit's components that render from the cascading authentication state: <see cref="CurrentUser"/>,
/// <see cref="CurrentAppUser{TUser}"/> and <see cref="RequireLogin"/>. It waits for the state, shows
/// <see cref="Authorizing"/> meanwhile, and hands each state to the component, unless a newer one arrived while it
/// resolved (a logout reaches a page and its components both). Only the kit's components derive from it.
/// </summary>
public abstract class AuthStateComponentBase : ComponentBase
{
    private protected AuthStateComponentBase()
    {
    }

    /// <summary>Shown while the authentication state resolves. Empty by default.</summary>
    [Parameter]
    public RenderFragment? Authorizing { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>The component's name as markup writes it, for the message when the state is missing.</summary>
    private protected abstract string Tag { get; }

    /// <inheritdoc />
    protected sealed override async Task OnParametersSetAsync()
    {
        var stateTask = AuthenticationState ?? throw new InvalidOperationException(
            $"<{Tag}> needs the cascading authentication state, which services.AddBlazorCookieAuth(...) provides " +
            "(builder.Services.AddBlazorCookieAuthClient() in a WebAssembly client). Is BlazorCookieAuth added to the app's services?");

        if (!stateTask.IsCompleted)
        {
            OnStateResolving();
        }

        var state = await stateTask.ConfigureAwait(true);
        if (ReferenceEquals(stateTask, AuthenticationState))
        {
            await OnStateAsync(state, () => ReferenceEquals(stateTask, AuthenticationState)).ConfigureAwait(true);
        }
    }

    /// <summary>The state is not known yet: show <see cref="Authorizing"/>.</summary>
    private protected abstract void OnStateResolving();

    /// <summary>
    /// Renders from <paramref name="state"/>. A component that awaits more (a user loader) asks
    /// <paramref name="isCurrent"/> afterwards, since a newer state may have arrived meanwhile and will decide.
    /// </summary>
    private protected abstract Task OnStateAsync(AuthenticationState state, Func<bool> isCurrent);
}
