using BlazorCookieAuth.Passkeys.Ceremonies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Net.Http.Headers;

namespace BlazorCookieAuth.Passkeys.Tests.TestHost;

/// <summary>The kit with passkeys added, on a fake clock, without a server: for the ceremony pieces.</summary>
internal sealed class PasskeyServices : IAsyncDisposable
{
    private readonly ServiceProvider _root;

    public PasskeyServices(Action<PasskeyOptions>? configure = null, IDataProtectionProvider? dataProtection = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddBlazorCookieAuth().AddPasskeys<TestPasskeyUsers>(configure ?? (_ => { }));
        services.AddSingleton(dataProtection ?? new EphemeralDataProtectionProvider());
        _root = services.BuildServiceProvider(validateScopes: true);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));

    public IServiceProvider Services => _root;

    public PasskeyChallenges Challenges => _root.GetRequiredService<PasskeyChallenges>();

    /// <summary>A request from a browser that holds <paramref name="cookies"/>.</summary>
    public static DefaultHttpContext Request(IEnumerable<KeyValuePair<string, string>>? cookies = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("localhost");
        if (cookies?.ToList() is { Count: > 0 } list)
        {
            context.Request.Headers.Cookie = string.Join("; ", list.Select(c => new CookieHeaderValue(c.Key, c.Value).ToString()));
        }

        return context;
    }

    /// <summary>The cookies a response set, as a browser would send them back (deleted ones left out).</summary>
    public static Dictionary<string, string> CookiesSetBy(HttpContext context) =>
        SetCookies(context)
            .Where(c => c.Value.Length > 0)
            .ToDictionary(c => c.Name.ToString(), c => c.Value.ToString());

    /// <summary>The response's <c>Set-Cookie</c> headers, parsed.</summary>
    public static IList<SetCookieHeaderValue> SetCookies(HttpContext context) =>
        SetCookieHeaderValue.ParseList([.. context.Response.Headers.SetCookie.OfType<string>()]);

    public ValueTask DisposeAsync() => _root.DisposeAsync();
}
