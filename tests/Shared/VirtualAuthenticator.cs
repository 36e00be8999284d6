using System.Text.Json;
using Microsoft.Playwright;

namespace BlazorCookieAuth.Tests.Shared;

/// <summary>
/// Chromium's virtual authenticator (the DevTools protocol's WebAuthn domain) on one page: a platform authenticator
/// with discoverable credentials and user verification that answers every prompt at once, as a fingerprint reader
/// a user touches would.
/// </summary>
internal sealed class VirtualAuthenticator
{
    private readonly ICDPSession _devTools;

    private VirtualAuthenticator(ICDPSession devTools, string id)
    {
        _devTools = devTools;
        Id = id;
    }

    /// <summary>The authenticator's id, as the protocol names it.</summary>
    public string Id { get; }

    /// <summary>Adds an authenticator to <paramref name="page"/>'s browser context.</summary>
    public static async Task<VirtualAuthenticator> AddAsync(IPage page)
    {
        var devTools = await page.Context.NewCDPSessionAsync(page);
        await devTools.SendAsync("WebAuthn.enable");
        var added = await devTools.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        return new VirtualAuthenticator(devTools, added!.Value.GetProperty("authenticatorId").GetString()!);
    }

    /// <summary>The credentials the authenticator holds: what it keeps whatever the site forgot.</summary>
    public async Task<IReadOnlyList<JsonElement>> CredentialsAsync()
    {
        var answer = await _devTools.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = Id });
        return [.. answer!.Value.GetProperty("credentials").EnumerateArray()];
    }
}
