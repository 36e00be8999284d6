using Microsoft.Net.Http.Headers;

namespace BlazorCookieAuth.Benchmarks;

/// <summary>The size of Alice's login cookies under each scheme, which no benchmark measures.</summary>
internal static class CookieSizes
{
    /// <summary>Logs Alice in with each scheme and writes the value length of every cookie the login sets.</summary>
    /// <param name="output">Where the lines go.</param>
    public static async Task WriteAsync(TextWriter output)
    {
        using var addCookie = AuthServer.WithAddCookie();
        using var kit = AuthServer.WithKit();
        await output.WriteLineAsync("Cookies set by Alice's login (value length in characters):");
        await WriteAsync(output, "AddCookie", addCookie, remember: false);
        await WriteAsync(output, "BlazorCookieAuth, not remembered", kit, remember: false);
        await WriteAsync(output, "BlazorCookieAuth, remembered", kit, remember: true);
        await output.WriteLineAsync();
    }

    private static async Task WriteAsync(TextWriter output, string login, AuthServer server, bool remember)
    {
        var cookies = SetCookieHeaderValue.ParseList(await server.SignInAsync(Alice.Principal(server.Scheme), remember));
        foreach (var cookie in cookies)
        {
            await output.WriteLineAsync($"  {login,-34}{cookie.Value.Length,6}  {cookie.Name}");
            login = string.Empty;
        }
    }
}
