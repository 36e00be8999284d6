using System.Globalization;
using BlazorCookieAuth.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;

namespace BlazorCookieAuth.Passkeys.Components;

/// <summary>
/// The signed-in user's passkeys, for the account area: each with its name, when it was created and last used, and
/// whether it is synced to the user's other devices; with buttons to add one (under a name the user types), rename
/// one and remove one (after a confirmation). It needs an interactive render mode (Interactive Server, or a page
/// rendered by WebAssembly): the package's script runs each call in the browser, so the requests carry the browser's
/// cookies, and the buttons stay disabled until the component is interactive. Adding, renaming and removing need a
/// fresh login: put it on a <c>[RequireFreshLogin]</c> page. Should the login turn stale while the page is open, the
/// component says so, with a link to sign in again.
/// </summary>
public sealed partial class PasskeyManager : ComponentBase, IAsyncDisposable
{
    /// <summary>The package's script, relative to the page's base.</summary>
    internal const string ScriptPath = "./_content/BlazorCookieAuth.Passkeys/passkeys.js";

    private IJSObjectReference? _script;
    private IReadOnlyList<PasskeyEntry>? _passkeys;
    private bool _working;
    private bool _unsupported;
    private string? _message;
    private string? _signInAgainUrl;
    private string? _notice;
    private string? _newName;
    private string? _renaming;
    private string? _renameTo;
    private string? _removing;

    /// <summary>Attributes for the section around the list, such as <c>class</c>.</summary>
    [Parameter(CaptureUnmatchedValues = true)]
    public IReadOnlyDictionary<string, object>? AdditionalAttributes { get; set; }

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private IAuthLocations Locations { get; set; } = default!;

    [Inject]
    private AntiforgeryStateProvider Antiforgery { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>Whether the buttons are off: before the component is interactive, and while a call runs.</summary>
    private bool Busy => !RendererInfo.IsInteractive || _script is null || _working;

    private string Endpoint => Navigation.ToAbsoluteUri(PasskeyEndpointPath.Of(Locations)).ToString();

    private string? Token => Antiforgery.GetAntiforgeryToken()?.Value;

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive)
        {
            return;
        }

        _script = await JS.InvokeAsync<IJSObjectReference>("import", ScriptPath);
        _unsupported = !await _script.InvokeAsync<bool>("isSupported");
        await LoadAsync();
        StateHasChanged();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_script is not null)
        {
            try
            {
                await _script.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the module with it.
            }
        }
    }

    private async Task LoadAsync()
    {
        var result = await _script!.InvokeAsync<PasskeyScriptResult>("list", Endpoint);
        if (Show(result))
        {
            _passkeys = result.Passkeys ?? [];
        }
    }

    private async Task AddAsync()
    {
        var name = string.IsNullOrWhiteSpace(_newName) ? null : _newName.Trim();
        if (await RunAsync(script => script.InvokeAsync<PasskeyScriptResult>("register", Endpoint, Token, name)))
        {
            _notice = "Your passkey was added.";
            _newName = null;
        }
    }

    private void StartRename(PasskeyEntry passkey)
    {
        _removing = null;
        _renaming = passkey.Id;
        _renameTo = passkey.Name;
    }

    private async Task RenameAsync(PasskeyEntry passkey)
    {
        if (await RunAsync(script => script.InvokeAsync<PasskeyScriptResult>("rename", Endpoint, Token, passkey.Id, _renameTo?.Trim() ?? string.Empty)))
        {
            _notice = "Your passkey was renamed.";
            _renaming = null;
        }
    }

    private void StartRemove(PasskeyEntry passkey)
    {
        _renaming = null;
        _removing = passkey.Id;
    }

    private async Task RemoveAsync(PasskeyEntry passkey)
    {
        if (await RunAsync(script => script.InvokeAsync<PasskeyScriptResult>("remove", Endpoint, Token, passkey.Id)))
        {
            _notice = $"“{passkey.Name}” was removed. It no longer signs you in.";
        }

        _removing = null;
    }

    private void CancelChange()
    {
        _renaming = null;
        _removing = null;
    }

    /// <summary>Runs one change through the script, then shows the list again.</summary>
    /// <returns>Whether the change was made.</returns>
    private async Task<bool> RunAsync(Func<IJSObjectReference, ValueTask<PasskeyScriptResult>> change)
    {
        if (_script is null)
        {
            return false;
        }

        _working = true;
        _notice = null;
        _message = null;
        _signInAgainUrl = null;
        try
        {
            var changed = Show(await change(_script));
            await LoadAsync();
            return changed;
        }
        finally
        {
            _working = false;
        }
    }

    /// <summary>Shows what a refused call says; a stale or ended login comes with a link to sign in again.</summary>
    /// <returns>Whether the call succeeded.</returns>
    private bool Show(PasskeyScriptResult result)
    {
        if (result.Ok)
        {
            return true;
        }

        _message = result.Message ?? "Something went wrong with the passkey. Please try again.";
        _signInAgainUrl = result.Error switch
        {
            "fresh_login_required" => SignInAgainUrl(Locations.ReauthenticationPath ?? Locations.LoginPath),
            "login_required" => SignInAgainUrl(Locations.LoginPath),
            _ => null,
        };
        return false;
    }

    /// <summary>A page to sign in again on, relative to the page's base, that comes back here afterwards.</summary>
    private string SignInAgainUrl(string page) =>
        $"{page.TrimStart('/')}?{Locations.ReturnUrlParameter}={Uri.EscapeDataString(new Uri(Navigation.Uri).PathAndQuery)}";

    private static string When(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Synced(PasskeyEntry passkey) => passkey switch
    {
        { IsBackedUp: true } => "yes",
        { IsBackupEligible: true } => "not yet",
        _ => "no, this device only",
    };
}
