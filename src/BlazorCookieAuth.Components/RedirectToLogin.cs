using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Components;

/// <summary>
/// Sends the browser to the login page (<c>BlazorCookieAuthOptions.LoginPath</c>) with the current page as the return
/// URL as soon as it renders. Put it in the <c>NotAuthorized</c> fragment of the router's
/// <c>AuthorizeRouteView</c>, for anonymous users; a signed-in user without permission would only be sent
/// back, so show that user a message instead.
/// </summary>
public sealed class RedirectToLogin : ComponentBase
{
    private LoginRedirector? _loginRedirector;

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    /// <summary>Made from the component's services, not injected: the server package can't register it.</summary>
    private LoginRedirector LoginRedirector => _loginRedirector ??= ActivatorUtilities.CreateInstance<LoginRedirector>(Services);

    /// <inheritdoc />
    protected override void OnInitialized() => LoginRedirector.RedirectToLogin();
}
