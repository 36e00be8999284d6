namespace BlazorCookieAuth.Sessions;

/// <summary>
/// Turns a User-Agent header into the short text a user recognizes on a "your sessions" page, such as
/// <c>Firefox on Windows</c>. Only the browser family and the operating system are kept: enough to tell one's
/// devices apart, too little to fingerprint anyone.
/// </summary>
internal static class ClientDescription
{
    // Order matters: Edge and Opera say "Chrome" too, Chrome says "Safari", and Android says "Linux".
    private static readonly (string Token, string Name)[] Browsers =
    [
        ("Edg/", "Edge"),
        ("EdgA/", "Edge"),
        ("OPR/", "Opera"),
        ("SamsungBrowser/", "Samsung Internet"),
        ("Firefox/", "Firefox"),
        ("FxiOS/", "Firefox"),
        ("HeadlessChrome/", "Headless Chrome"),
        ("CriOS/", "Chrome"),
        ("Chromium/", "Chromium"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
        ("curl/", "curl"),
    ];

    private static readonly (string Token, string Name)[] Systems =
    [
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Android", "Android"),
        ("CrOS", "ChromeOS"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("Macintosh", "macOS"),
        ("Linux", "Linux"),
    ];

    /// <returns>
    /// A short description, or <see langword="null"/> when there is no User-Agent or it names no browser or system
    /// known here (the raw header is never kept: it says too much).
    /// </returns>
    public static string? FromUserAgent(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return null;
        }

        var browser = Find(Browsers, userAgent);
        var system = Find(Systems, userAgent);
        return (browser, system) switch
        {
            (not null, not null) => $"{browser} on {system}",
            (not null, null) => browser,
            (null, not null) => $"A browser on {system}",
            _ => null,
        };
    }

    private static string? Find((string Token, string Name)[] candidates, string userAgent)
    {
        foreach (var (token, name) in candidates)
        {
            if (userAgent.Contains(token, StringComparison.Ordinal))
            {
                return name;
            }
        }

        return null;
    }
}
