using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication;

namespace BlazorCookieAuth.Benchmarks;

/// <summary>
/// A whole <c>AuthenticateAsync</c> of a request that carries Alice's login cookie, each request in a DI scope of
/// its own as the server makes one: <c>AddCookie</c>, and the kit with its defaults.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Authenticate")]
public class AuthenticateBenchmarks
{
    private AuthServer _addCookie = null!;
    private AuthServer _kit = null!;
    private string _addCookieRequest = null!;
    private string _kitRequest = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _addCookie = AuthServer.WithAddCookie();
        _addCookieRequest = await CookieHeaderAsync(_addCookie);
        Alice.EnsureIs((await AddCookie()).Principal, "AddCookie's AuthenticateAsync");

        _kit = AuthServer.WithKit();
        _kitRequest = await CookieHeaderAsync(_kit);
        Alice.EnsureIs((await Kit()).Principal, "The kit's AuthenticateAsync");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _addCookie.Dispose();
        _kit.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task<AuthenticateResult> AddCookie() => _addCookie.AuthenticateAsync(_addCookieRequest);

    [Benchmark]
    public Task<AuthenticateResult> Kit() => _kit.AuthenticateAsync(_kitRequest);

    private static async Task<string> CookieHeaderAsync(AuthServer server) =>
        server.CookieName + "=" + await server.LoginAliceAsync(remember: false);
}
