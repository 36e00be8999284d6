using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Primitives;

namespace BlazorCookieAuth.Benchmarks;

/// <summary>
/// A login: <c>SignInAsync</c> issuing the token and writing the cookie, on a new request in a DI scope of its own.
/// <c>AddCookie</c>, the kit, and the kit for a remembered login (a persistent cookie beside a browser-session one).
/// The kit also stores a session per login; Alice soon has the most a user may (50 by default), so from then on each
/// login also ends her oldest session, as it would for a user who logs in again and again without logging out.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Login")]
public class LoginBenchmarks
{
    private AuthServer _addCookie = null!;
    private AuthServer _kit = null!;
    private ClaimsPrincipal _addCookieAlice = null!;
    private ClaimsPrincipal _kitAlice = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _addCookie = AuthServer.WithAddCookie();
        _addCookieAlice = Alice.Principal(_addCookie.Scheme);
        await _addCookie.LoginAliceAsync(remember: false);

        _kit = AuthServer.WithKit();
        _kitAlice = Alice.Principal(_kit.Scheme);
        await _kit.LoginAliceAsync(remember: false);
        await _kit.LoginAliceAsync(remember: true);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _addCookie.Dispose();
        _kit.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task<StringValues> AddCookie() => _addCookie.SignInAsync(_addCookieAlice, remember: false);

    [Benchmark]
    public Task<StringValues> Kit() => _kit.SignInAsync(_kitAlice, remember: false);

    [Benchmark]
    public Task<StringValues> KitRemembered() => _kit.SignInAsync(_kitAlice, remember: true);
}
