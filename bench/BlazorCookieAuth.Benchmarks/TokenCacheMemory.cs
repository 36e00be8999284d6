using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Benchmarks;

/// <summary>
/// The memory the validated-token cache holds when full, which no benchmark measures: the heap a server grows by
/// while it validates <see cref="BlazorCookieAuthDefaults.TokenCacheSize"/> distinct tokens, with the cache on,
/// less the same with the cache off (what the sessions, their cache and the users themselves take). Measured for
/// tokens like Alice's, and for tokens with long or many claims, of which the cache keeps fewer.
/// </summary>
internal static class TokenCacheMemory
{
    /// <summary>Measures both servers and writes the difference per token and in all.</summary>
    /// <param name="output">Where the lines go.</param>
    public static async Task WriteAsync(TextWriter output)
    {
        await output.WriteLineAsync($"Validated-token cache after {BlazorCookieAuthDefaults.TokenCacheSize:N0} distinct tokens (default size):");
        await WriteAsync(output, "tokens like Alice's", Alice.User.Claims);

        await WriteAsync(output, "tokens of 5 roles of 118 characters", [.. Enumerable.Range(0, 5).Select(i => new Claim(ClaimTypes.Role, new string((char)('a' + i), 118)))]);

        // As many claims as a token holds.
        await WriteAsync(output, "tokens of 64 short roles", [.. Enumerable.Range(0, 64).Select(i => new Claim(ClaimTypes.Role, $"role-{i:D2}"))]);
        await output.WriteLineAsync();
    }

    private static async Task WriteAsync(TextWriter output, string what, IReadOnlyList<Claim> claims)
    {
        var tokens = BlazorCookieAuthDefaults.TokenCacheSize;
        var (withCache, length) = await HeapGrowthAsync(tokens, cacheSize: tokens, claims);
        var (withoutCache, _) = await HeapGrowthAsync(tokens, cacheSize: 0, claims);
        var cache = withCache - withoutCache;
        await output.WriteLineAsync(
            $"  {what} ({length:N0} characters): {cache / 1024.0 / 1024.0:F1} MB, {cache / (double)tokens:N0} B per token validated");
    }

    /// <summary>How much the heap grows while a server validates <paramref name="count"/> distinct tokens once each.</summary>
    /// <returns>The growth, and the length of a token.</returns>
    private static async Task<(long Growth, int TokenLength)> HeapGrowthAsync(int count, int cacheSize, IReadOnlyList<Claim> claims)
    {
        using var server = AuthServer.WithKit(o => o.TokenCacheSize = cacheSize);
        var service = server.Services.GetRequiredService<IAuthTokenService>();
        var tokens = new string[count];
        for (var i = 0; i < count; i++)
        {
            tokens[i] = await service.CreateTokenAsync(new AuthUser("user-" + i, claims));
        }

        // One token first, so what every server builds once is already there before the heap is measured.
        await service.ValidateTokenAsync(tokens[0]);
        var before = SettledHeap();
        foreach (var token in tokens)
        {
            if (!(await service.ValidateTokenAsync(token)).IsAuthenticated)
            {
                throw new InvalidOperationException("A token just issued was refused.");
            }
        }

        var growth = SettledHeap() - before;
        GC.KeepAlive(tokens);
        return (growth, tokens[0].Length);
    }

    private static long SettledHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
