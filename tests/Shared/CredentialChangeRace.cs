using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Claims;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Tests.Shared;

/// <summary>
/// The race between a password change and logins with the old password, on one or more app servers that share a
/// session store: clients keep logging in with the old password on every server while one browser changes it, and
/// afterwards no session made with the old password may still work anywhere. The password check takes a few
/// milliseconds, as hashing does, so logins that read the old password before the change finish after it.
/// </summary>
internal static class CredentialChangeRace
{
    public const string Username = "alice";
    public const string AuthId = "alice-id";
    public const string OldPassword = "old password";
    public const string NewPassword = "new password";

    private const string CookieName = "__Host-BlazorCookieAuth";
    private static readonly Uri BaseAddress = new("https://localhost");

    /// <summary>What happened in one run.</summary>
    /// <param name="Attempts">Logins tried with the old password.</param>
    /// <param name="LoginsBeforeChange">Of them, those that got a cookie before the change started.</param>
    /// <param name="LoginsDuringChange">Those that got a cookie while the change ran (their sessions must end too).</param>
    /// <param name="RefusedAsChanged">Those refused because the credentials changed after they checked them.</param>
    /// <param name="Survivors">Cookies from old-password logins that some server still accepted afterwards: must be 0.</param>
    /// <param name="ChangerKeptLogin">Whether the changing browser's new cookie works on every server.</param>
    /// <param name="ChangerOldCookieRefused">Whether the copy of the changer's old cookie is refused on every server.</param>
    public sealed record Outcome(
        int Attempts, int LoginsBeforeChange, int LoginsDuringChange, int RefusedAsChanged, int Survivors, bool ChangerKeptLogin, bool ChangerOldCookieRefused)
    {
        public override string ToString() =>
            $"{Attempts} attempts with the old password; {LoginsBeforeChange} logged in before the change, {LoginsDuringChange} while it ran, " +
            $"{RefusedAsChanged} refused as checked before it; {Survivors} survivors";
    }

    /// <summary>
    /// Runs the race on <paramref name="servers"/> app servers, each set up with <paramref name="addStore"/> (which adds
    /// the session store the servers share) and one Data Protection key folder.
    /// </summary>
    public static async Task<Outcome> RunAsync(int servers, Action<BlazorCookieAuthBuilder, int> addStore, int clients = 8)
    {
        var keys = Directory.CreateTempSubdirectory("blazorcookieauth-race-keys-");
        var password = new Password();
        var logs = new TestLogSink();
        var apps = new List<WebApplication>();
        try
        {
            for (var i = 0; i < servers; i++)
            {
                apps.Add(await StartServerAsync(i, keys, password, logs, addStore));
            }

            return await RaceAsync(apps, logs, clients);
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }

            keys.Delete(recursive: true);
        }
    }

    private static async Task<Outcome> RaceAsync(List<WebApplication> apps, TestLogSink logs, int clients)
    {
        using var changer = new Browser(apps[0]);
        Assert.Equal(HttpStatusCode.SeeOther, (await changer.LogInAsync(OldPassword)).StatusCode);
        var changerOldCookie = changer.AuthCookie!;

        var attempts = 0;
        var changeStarted = long.MaxValue;
        var changeEnded = long.MaxValue;
        var clock = Stopwatch.StartNew();
        var cookies = new ConcurrentBag<(string Cookie, long At)>();
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, clients).Select(worker => Task.Run(async () =>
        {
            for (var round = 0; !stop.IsCancellationRequested; round++)
            {
                using var browser = new Browser(apps[(worker + round) % apps.Count]);
                Interlocked.Increment(ref attempts);
                var response = await browser.LogInAsync(OldPassword);
                if (response.Headers.Location?.OriginalString == "/" && browser.AuthCookie is { } cookie)
                {
                    cookies.Add((cookie, clock.ElapsedMilliseconds));
                }
            }
        })).ToList();

        // Let logins through before the change, then change the password while they keep coming.
        await PollAsync(() => cookies.Count >= clients, "logins with the old password getting through before the change");
        Interlocked.Exchange(ref changeStarted, clock.ElapsedMilliseconds);
        var changed = await changer.ChangePasswordAsync();
        Interlocked.Exchange(ref changeEnded, clock.ElapsedMilliseconds);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        var survivors = 0;
        foreach (var (cookie, _) in cookies)
        {
            foreach (var app in apps)
            {
                if (await WhoAsync(app, cookie) != "anonymous")
                {
                    survivors++;
                    break;
                }
            }
        }

        var changerKept = true;
        var oldRefused = true;
        foreach (var app in apps)
        {
            changerKept &= await WhoAsync(app, changer.AuthCookie!) == AuthId;
            oldRefused &= await WhoAsync(app, changerOldCookie) == "anonymous";
        }

        return new Outcome(
            attempts,
            cookies.Count(c => c.At < changeStarted),
            cookies.Count(c => c.At >= changeStarted),
            logs.Entries.Count(e => e.EventId.Name == "LoginAfterCredentialsChanged"),
            survivors,
            changerKept,
            oldRefused);
    }

    private static async Task<WebApplication> StartServerAsync(int index, DirectoryInfo keys, Password password, TestLogSink logs, Action<BlazorCookieAuthBuilder, int> addStore)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Services.AddDataProtection().SetApplicationName("credential-change-race").PersistKeysToFileSystem(keys);
        builder.Services.AddSingleton<ICredentialValidator>(password);
        var kit = builder.Services.AddBlazorCookieAuth(o => o.LoginFailureLimit = 0);
        addStore(kit, index);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapBlazorCookieAuth().DisableRateLimiting();
        app.MapGet("/me", (HttpContext context) =>
            context.User.Identity?.IsAuthenticated == true ? context.User.FindFirstValue(ClaimTypes.NameIdentifier)! : "anonymous");
        app.MapGet("/antiforgery", (HttpContext context, IAntiforgery antiforgery) => antiforgery.GetAndStoreTokens(context).RequestToken!);

        // What an app's password page does once the current password was proven: save the new one, then tell the kit.
        app.MapPost("/change-password", async (IAuthSession session, ICredentialValidator passwords) =>
        {
            ((Password)passwords).Change(NewPassword);
            return (await session.CredentialsChangedAsync()).ToString(CultureInfo.InvariantCulture);
        });
        await app.StartAsync();
        return app;
    }

    private static async Task<string> WhoAsync(WebApplication app, string cookie)
    {
        using var client = new HttpClient(app.GetTestServer().CreateHandler()) { BaseAddress = BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Add("Cookie", $"{CookieName}={cookie}");
        return await (await client.SendAsync(request)).Content.ReadAsStringAsync();
    }

    private static async Task PollAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), $"Timed out waiting for {what}.");
            await Task.Delay(10);
        }
    }

    /// <summary>alice's password, shared by the servers as a user table is; a check takes a few milliseconds, as hashing does.</summary>
    private sealed class Password : ICredentialValidator
    {
        private volatile string _current = OldPassword;

        public void Change(string password) => _current = password;

        public async Task<AuthUser?> ValidateAsync(string username, string password, CancellationToken cancellationToken)
        {
            var matches = username == Username && password == _current;
            await Task.Delay(Random.Shared.Next(1, 15), cancellationToken);
            return matches ? new AuthUser(AuthId, [new Claim(ClaimTypes.Name, "Alice")]) : null;
        }
    }

    /// <summary>One browser's cookie jar against one server.</summary>
    private sealed class Browser : IDisposable
    {
        private readonly CookieContainer _cookies = new();
        private readonly HttpClient _client;

        public Browser(WebApplication app)
        {
            _client = new HttpClient(new CookieContainerHandler(_cookies) { InnerHandler = app.GetTestServer().CreateHandler() }) { BaseAddress = BaseAddress };
        }

        public string? AuthCookie => _cookies.GetCookies(BaseAddress)[CookieName]?.Value;

        public async Task<HttpResponseMessage> LogInAsync(string password) =>
            await PostFormAsync("/auth/login", new Dictionary<string, string> { ["username"] = Username, ["password"] = password });

        public async Task<HttpResponseMessage> ChangePasswordAsync() =>
            await PostFormAsync("/change-password", new Dictionary<string, string>());

        public void Dispose() => _client.Dispose();

        private async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields)
        {
            fields["__RequestVerificationToken"] = await _client.GetStringAsync("/antiforgery");
            using var content = new FormUrlEncodedContent(fields);
            return await _client.PostAsync(path, content);
        }
    }
}
