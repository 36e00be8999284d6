using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Components;

/// <summary>
/// A logout button: a form that posts to the kit's logout endpoint (<c>POST {prefix}/logout</c>, at the
/// prefix given to <c>MapBlazorCookieAuth</c>) with an antiforgery token and the current page as the return
/// URL. It is a plain HTML form, so it works on static-SSR pages and in circuits alike; in a circuit the token
/// comes from prerendering, so keep prerendering on for interactive pages that show it. In a browser with WebAssembly
/// pages open in other tabs, the page the logout lands on tells them at once (a <c>BroadcastChannel</c>), so they
/// turn anonymous too; a form of the app's own does the same with a <c>data-blazorcookieauth-logout</c> attribute.
/// It renders the same form
/// for everyone; place it where only signed-in users see it, such as <see cref="CurrentUser"/>'s
/// <c>Authenticated</c> content.
/// </summary>
public sealed partial class LogoutButton : ComponentBase, IDisposable
{
    private static readonly RenderFragment DefaultText = builder => builder.AddContent(0, "Log out");

    private string? _action;
    private string? _returnUrl;
    private LoginRedirector? _loginRedirector;

    /// <summary>The button's content. "Log out" by default.</summary>
    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    /// <summary>
    /// <see langword="true"/> to end every session of the user (all devices and browsers), not just this one.
    /// Give the button a text that says so, such as "Sign out everywhere".
    /// </summary>
    [Parameter]
    public bool Everywhere { get; set; }

    /// <summary>The CSS class of the form around the button.</summary>
    [Parameter]
    public string? FormClass { get; set; }

    /// <summary>Attributes for the button, such as <c>class</c> or <c>title</c>.</summary>
    [Parameter(CaptureUnmatchedValues = true)]
    public IReadOnlyDictionary<string, object>? AdditionalAttributes { get; set; }

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    /// <summary>Made from the component's services, not injected: the server package can't register it.</summary>
    private LoginRedirector LoginRedirector => _loginRedirector ??= ActivatorUtilities.CreateInstance<LoginRedirector>(Services);

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        Navigation.LocationChanged += OnLocationChanged;
    }

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        // Relative to the page's <base href>, as the framework's own links are, so an app under a path base works.
        _action = LoginRedirector.LogoutAction;
        _returnUrl = LoginRedirector.CurrentLocalUrl;
    }

    /// <inheritdoc />
    public void Dispose() => Navigation.LocationChanged -= OnLocationChanged;

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        _returnUrl = LoginRedirector.CurrentLocalUrl;
        _ = InvokeAsync(StateHasChanged);
    }
}
