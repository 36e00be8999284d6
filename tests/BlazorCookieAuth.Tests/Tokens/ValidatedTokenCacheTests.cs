using System.Net;
using System.Security.Claims;
using BlazorCookieAuth.Caching;
using BlazorCookieAuth.Tests.TestHost;
using BlazorCookieAuth.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlazorCookieAuth.Tests.Tokens;

/// <summary>The tokens a server remembers having validated, seen through Data Protection's work and the requests' answers.</summary>
public class ValidatedTokenCacheTests
{
    [Fact]
    public async Task A_cookie_sent_again_is_decrypted_once()
    {
        var protection = new CountingDataProtectionProvider();
        await using var app = await TestApp.StartAsync(configureBuilder: b => UseProtection(b, protection));
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        protection.Unprotects = 0;

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("42", await browser.WhoAmIAsync());
        }

        Assert.Equal(1, protection.Unprotects);
        Assert.Equal(1, Cache(app).Count);
    }

    [Fact]
    public async Task A_hit_on_a_warm_cache_allocates_nothing()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        Assert.Equal("42", await browser.WhoAmIAsync());
        var cache = Cache(app);
        var token = browser.AuthCookie!;
        Assert.NotNull(cache.Find(token));

        var hits = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            hits += cache.Find(token) is null ? 0 : 1;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1000, hits);
    }

    [Fact]
    public async Task With_TokenCacheSize_0_every_request_decrypts_its_cookie()
    {
        var protection = new CountingDataProtectionProvider();
        await using var app = await TestApp.StartAsync(o => o.TokenCacheSize = 0, configureBuilder: b => UseProtection(b, protection));
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        protection.Unprotects = 0;

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("42", await browser.WhoAmIAsync());
        }

        Assert.Equal(3, protection.Unprotects);
        Assert.Equal(0, Cache(app).Count);
    }

    [Fact]
    public async Task Invalid_tokens_are_never_remembered_so_a_flood_of_them_grows_nothing()
    {
        await using var app = await TestApp.StartAsync();
        var ended = await app.Services.GetRequiredService<IAuthTokenService>().CreateTokenAsync(new AuthUser("42"));
        await app.Services.GetRequiredService<IAuthSessionManager>().EndAllSessionsAsync("42");

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, "garbage-" + i, expectDeletion: true));
        }

        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, ended, expectDeletion: true));
        Assert.Equal(0, Cache(app).Count);
    }

    [Fact]
    public async Task A_remembered_token_is_forgotten_the_moment_its_session_ends_and_refused()
    {
        var protection = new CountingDataProtectionProvider();
        await using var app = await TestApp.StartAsync(configureBuilder: b => UseProtection(b, protection));
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        var copy = browser.AuthCookie!;
        Assert.Equal("42", await browser.WhoAmIAsync());
        Assert.Equal(1, Cache(app).Count);

        await browser.Client.PostAsync("/test/logout", null);

        Assert.Equal(0, Cache(app).Count);
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, copy, expectDeletion: true));
    }

    [Fact]
    public async Task A_remembered_token_never_outlives_its_expiry()
    {
        await using var app = await TestApp.StartAsync(o => o.UnrememberedDuration = TimeSpan.FromMinutes(30));
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        Assert.Equal("42", await browser.WhoAmIAsync());

        app.Time.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, browser.AuthCookie!, expectDeletion: true));
        app.Time.Advance(CacheSweeper.Interval);
        Assert.Equal(0, Cache(app).Count);
    }

    [Fact]
    public async Task A_change_of_the_key_ring_forgets_every_remembered_token()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        Assert.Equal("42", await browser.WhoAmIAsync());
        Assert.Equal(1, Cache(app).Count);

        // A key added or revoked: what was validated under the old ring is validated again.
        var keys = app.Services.GetRequiredService<IKeyManager>();
        keys.RevokeAllKeys(DateTimeOffset.UtcNow, reason: "test");
        Assert.Equal(0, Cache(app).Count);

        // Data Protection takes up its new ring in the background; meanwhile it may still accept the token, but the
        // cache keeps nothing it says then. Once the new ring is in use, the token of the revoked key is refused.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await browser.WhoAmIAsync() != "anonymous")
        {
            Assert.True(DateTime.UtcNow < deadline, "The token of a revoked key was still accepted.");
            Assert.Equal(0, Cache(app).Count);
            await Task.Delay(20);
        }

        Assert.Equal(0, Cache(app).Count);
    }

    [Fact]
    public async Task Beyond_its_size_the_cache_remembers_no_more_and_every_token_still_works()
    {
        await using var app = await TestApp.StartAsync(o => o.TokenCacheSize = 2);
        var browsers = Enumerable.Range(0, 4).Select(_ => app.CreateBrowser()).ToList();
        foreach (var (browser, i) in browsers.Select((b, i) => (b, i)))
        {
            await browser.LoginAsync("user-" + i);
        }

        foreach (var (browser, i) in browsers.Select((b, i) => (b, i)))
        {
            Assert.Equal("user-" + i, await browser.WhoAmIAsync());
            Assert.Equal("user-" + i, await browser.WhoAmIAsync());
        }

        Assert.Equal(2, Cache(app).Count);
        browsers.ForEach(b => b.Dispose());
    }

    [Fact]
    public async Task A_token_too_big_for_the_memory_the_cache_may_hold_is_decrypted_every_time_and_still_works()
    {
        // Two tokens' worth of memory: 2 KB. A token of ten 100-character roles holds more than that on its own.
        var protection = new CountingDataProtectionProvider();
        await using var app = await TestApp.StartAsync(o => o.TokenCacheSize = 2, configureBuilder: b => UseProtection(b, protection));
        var roles = Enumerable.Range(0, 10).Select(i => new Claim(ClaimTypes.Role, new string((char)('a' + i), 100)));
        var tokens = app.Services.GetRequiredService<IAuthTokenService>();
        var large = await tokens.CreateTokenAsync(new AuthUser("42", roles));
        var small = await tokens.CreateTokenAsync(new AuthUser("7"));
        protection.Unprotects = 0;

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("42", await TamperedTokenTests.SendWithCookieAsync(app, large, expectDeletion: false));
            Assert.Equal("7", await TamperedTokenTests.SendWithCookieAsync(app, small, expectDeletion: false));
        }

        Assert.Equal(3 + 1, protection.Unprotects);
        Assert.Equal(1, Cache(app).Count);
    }

    private static ValidatedTokenCache Cache(TestApp app) => app.Services.GetRequiredService<ValidatedTokenCache>();

    private static void UseProtection(WebApplicationBuilder builder, CountingDataProtectionProvider protection) =>
        builder.Services.Replace(ServiceDescriptor.Singleton<IDataProtectionProvider>(protection));

    /// <summary>Data Protection with keys in memory, counting how often anything is unprotected.</summary>
    private sealed class CountingDataProtectionProvider : IDataProtectionProvider
    {
        private readonly EphemeralDataProtectionProvider _inner = new();
        private int _unprotects;

        public int Unprotects
        {
            get => Volatile.Read(ref _unprotects);
            set => Volatile.Write(ref _unprotects, value);
        }

        public IDataProtector CreateProtector(string purpose) => new Protector(this, _inner.CreateProtector(purpose));

        private sealed class Protector(CountingDataProtectionProvider owner, IDataProtector inner) : IDataProtector
        {
            public IDataProtector CreateProtector(string purpose) => new Protector(owner, inner.CreateProtector(purpose));

            public byte[] Protect(byte[] plaintext) => inner.Protect(plaintext);

            public byte[] Unprotect(byte[] protectedData)
            {
                Interlocked.Increment(ref owner._unprotects);
                return inner.Unprotect(protectedData);
            }
        }
    }
}
