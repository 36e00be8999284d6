namespace BlazorCookieAuth.Passkeys;

/// <summary>Options for passkeys, set by <c>AddPasskeys</c>.</summary>
public sealed class PasskeyOptions
{
    /// <summary>The longest a ceremony may take, from its options to the browser's answer.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The relying party id: the domain passkeys are made for, such as <c>example.com</c>, which lets
    /// <c>www.example.com</c> and <c>login.example.com</c> use them too. By default the host of each request. Browsers
    /// refuse IP addresses: open a development app at <c>http://localhost</c>, not <c>http://127.0.0.1</c>.
    /// </summary>
    public string? RelyingPartyId { get; set; }

    /// <summary>The site's name, which some authenticators show; by default the relying party id.</summary>
    public string? RelyingPartyName { get; set; }

    /// <summary>
    /// The origins pages may sign in from, such as <c>https://example.com</c>. By default the origin of each request
    /// (its scheme and host). Set them behind a proxy that changes the scheme or host the app sees.
    /// </summary>
    public IList<string> Origins { get; } = [];

    /// <summary>
    /// How long the browser gives the user to answer, and how long the ceremony's challenge stays good: two minutes
    /// by default, at most <see cref="MaxTimeout"/>.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);
}
