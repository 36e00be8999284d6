using Microsoft.Playwright;

namespace BlazorCookieAuth.Templates.Tests;

/// <summary>How the tests launch the machine's Chromium: Playwright never downloads a browser of its own here.</summary>
internal static class Chromium
{
    public static BrowserTypeLaunchOptions LaunchOptions { get; } = new()
    {
        ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium",
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
}
