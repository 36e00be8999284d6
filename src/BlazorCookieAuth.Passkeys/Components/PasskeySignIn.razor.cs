using BlazorCookieAuth.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace BlazorCookieAuth.Passkeys.Components;

/// <summary>
/// A "Sign in with a passkey" button for the login page. It works on a static-SSR page (no circuit) and in a circuit
/// alike: the package's script (<c>_content/BlazorCookieAuth.Passkeys/passkeys.js</c>, loaded by the package's
/// JavaScript initializer on pages that show the button, after enhanced navigation too) asks the kit's passkey
/// endpoints for a challenge, lets the browser find a passkey, signs in and loads the return URL the endpoint answers.
/// The button stays disabled until the script runs; in a browser without WebAuthn it says "This browser can't use
/// passkeys." instead. When the page has an input with <c>autocomplete="username webauthn"</c> and the browser
/// supports conditional mediation, the script also offers the user's passkeys in that field's autofill; a click on the
/// button cancels that request and opens the browser's passkey prompt.
/// </summary>
public sealed partial class PasskeySignIn : ComponentBase
{
    private static readonly RenderFragment DefaultText = builder => builder.AddContent(0, "Sign in with a passkey");

    private string? _endpoint;
    private string? _token;

    /// <summary>
    /// Where to go after signing in: a local URL, such as the login page's <c>returnUrl</c> query parameter. The
    /// endpoint ignores any other URL; without one the user lands on the app's home page.
    /// </summary>
    [Parameter]
    public string? ReturnUrl { get; set; }

    /// <summary>Whether the login outlives the browser, as the login form's "Remember me" does.</summary>
    [Parameter]
    public bool Remember { get; set; }

    /// <summary>The button's content. "Sign in with a passkey" by default.</summary>
    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    /// <summary>Attributes for the button, such as <c>class</c> or <c>title</c>.</summary>
    [Parameter(CaptureUnmatchedValues = true)]
    public IReadOnlyDictionary<string, object>? AdditionalAttributes { get; set; }

    [Inject]
    private IAuthLocations Locations { get; set; } = default!;

    [Inject]
    private AntiforgeryStateProvider Antiforgery { get; set; } = default!;

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        _endpoint = PasskeyEndpointPath.Of(Locations);
        _token = Antiforgery.GetAntiforgeryToken()?.Value;
    }
}
