using Microsoft.Playwright;

namespace BlazorCookieAuth.Tests.Shared;

/// <summary>
/// How the test projects launch the machine's Chromium (Debian's, or the one CHROMIUM_PATH names, as test.sh
/// sets): Playwright never downloads a browser of its own here. Linked into each project that drives a browser.
/// </summary>
internal static class Chromium
{
    public static string ExecutablePath { get; } =
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static BrowserTypeLaunchOptions LaunchOptions { get; } = new()
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        Args =
        [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    };

    /// <summary>Fails with the fix in the message when the browser is not installed.</summary>
    public static void EnsureInstalled()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"The browser tests drive Debian's Chromium at {ExecutablePath}, which is not installed. " +
                "Install it with 'apt-get install -y chromium' (the repository's test script does this), then run the tests again.");
        }
    }
}
