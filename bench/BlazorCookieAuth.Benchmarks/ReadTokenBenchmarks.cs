using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Benchmarks;

/// <summary>
/// Reading Alice's token back: the kit without its validated-token cache (every read decrypts), the kit with it
/// (the same token again), <c>AddCookie</c>'s <see cref="TicketDataFormat"/>, and the floor under all of them, a
/// bare Data Protection unprotect of as many bytes as the kit's token holds. The kit also checks the session, as a
/// request does.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("ReadToken")]
public class ReadTokenBenchmarks
{
    private AuthServer _coldKit = null!;
    private AuthServer _warmKit = null!;
    private AuthServer _addCookie = null!;
    private IAuthTokenService _coldTokens = null!;
    private IAuthTokenService _warmTokens = null!;
    private string _coldToken = null!;
    private string _warmToken = null!;
    private ISecureDataFormat<AuthenticationTicket> _ticketFormat = null!;
    private string _ticket = null!;
    private IDataProtector _protector = null!;
    private byte[] _protectedBytes = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _coldKit = AuthServer.WithKit(o => o.TokenCacheSize = 0);
        _coldTokens = _coldKit.Services.GetRequiredService<IAuthTokenService>();
        _coldToken = await _coldTokens.CreateTokenAsync(Alice.User);
        Alice.EnsureIs((await KitCold()).ToClaimsPrincipal(), "The kit with its token cache off");

        _warmKit = AuthServer.WithKit();
        _warmTokens = _warmKit.Services.GetRequiredService<IAuthTokenService>();
        _warmToken = await _warmTokens.CreateTokenAsync(Alice.User);
        Alice.EnsureIs((await KitWarm()).ToClaimsPrincipal(), "The kit with its token cache on");

        _addCookie = AuthServer.WithAddCookie();
        _ticketFormat = _addCookie.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(_addCookie.Scheme).TicketDataFormat;
        _ticket = await _addCookie.LoginAliceAsync(remember: false);
        Alice.EnsureIs(TicketDataFormatUnprotect()?.Principal, "TicketDataFormat.Unprotect");

        _protector = _coldKit.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(nameof(ReadTokenBenchmarks));
        _protectedBytes = ProtectSameLength(_protector, WebEncoders.Base64UrlDecode(_coldToken).Length);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _coldKit.Dispose();
        _warmKit.Dispose();
        _addCookie.Dispose();
    }

    [Benchmark(Baseline = true)]
    public AuthenticationTicket? TicketDataFormatUnprotect() => _ticketFormat.Unprotect(_ticket);

    [Benchmark]
    public Task<AuthUser> KitCold() => _coldTokens.ValidateTokenAsync(_coldToken);

    [Benchmark]
    public Task<AuthUser> KitWarm() => _warmTokens.ValidateTokenAsync(_warmToken);

    [Benchmark]
    public byte[] DataProtectorUnprotect() => _protector.Unprotect(_protectedBytes);

    /// <summary>Protects the shortest payload whose protected form is <paramref name="length"/> bytes long.</summary>
    private static byte[] ProtectSameLength(IDataProtector protector, int length)
    {
        for (var payload = 0; payload < length; payload++)
        {
            var protectedBytes = protector.Protect(new byte[payload]);
            if (protectedBytes.Length == length)
            {
                return protectedBytes;
            }
        }

        throw new InvalidOperationException($"No payload protects to exactly {length} bytes.");
    }
}
