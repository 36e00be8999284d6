using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BlazorCookieAuth.Tests.TestHost;
using BlazorCookieAuth.Tests.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Tests.Authentication;

/// <summary>
/// Everything an app logs, at every level and in every category, over logins, failed logins, signed-in requests,
/// logouts and refused tokens: no token, cookie, password or antiforgery token may appear in any message, any
/// structured value or any exception, whole or as a slice long enough to find it or narrow a guess.
/// </summary>
public class SecretsInLogsTests
{
    private const string WrongPassword = "Tr0ub4dor&3, which is not it";

    [Fact]
    public async Task Nothing_secret_is_logged_in_cookie_mode()
    {
        await using var app = await TestApp.StartAsync(o => o.Duration = TimeSpan.FromHours(1), configureBuilder: LogEverything);
        using var browser = app.CreateBrowser();
        var secrets = new LoggedSecrets();
        secrets.Add("password", TestApp.Password);
        secrets.Add("wrong password", WrongPassword);

        var failed = await PostFormAsync(browser, secrets, "/auth/login", LoginForm(WrongPassword));
        Assert.StartsWith("/login?error=1", failed.Headers.Location?.OriginalString, StringComparison.Ordinal);

        var login = await PostFormAsync(browser, secrets, "/auth/login", LoginForm(TestApp.Password));
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        var token = browser.AuthCookie!;
        Assert.Equal(TestApp.AliceId, await browser.WhoAmIAsync());
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/protected")).StatusCode);

        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, secrets.Add("tampered token", Tampered(token)), expectDeletion: true));
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, token + "; __Host-BlazorCookieAuth=" + token, expectDeletion: true));

        Assert.Equal(HttpStatusCode.SeeOther, (await PostFormAsync(browser, secrets, "/auth/logout", [])).StatusCode);
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, token, expectDeletion: true));

        await PostFormAsync(browser, secrets, "/auth/login", LoginForm(TestApp.Password));
        var expiring = browser.AuthCookie!;
        app.Time.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, expiring, expectDeletion: true));

        Assert.Contains(secrets.Names, n => n.StartsWith("cookie __Host-AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Contains("cookie __Host-BlazorCookieAuth-fresh", secrets.Names);
        Assert.Contains("Set-Cookie __Host-BlazorCookieAuth", secrets.Names);
        AssertLoggedNoSecret(app.Logs, secrets, token, ["LoginFailed", "LoggedIn", "DuplicateCookie", "LoggedOut", "TokenRejected"]);
        Assert.Contains(app.Logs.Entries, e => e.Message.Contains("token was rejected: SessionEnded", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Entries, e => e.Message.Contains("token was rejected: Expired", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Nothing_secret_is_logged_in_bearer_mode()
    {
        await using var app = await TestApp.StartAsync(
            o =>
            {
                o.Mode = AuthMode.Bearer;
                o.Duration = TimeSpan.FromHours(1);
            },
            configureBuilder: LogEverything);
        using var browser = app.CreateBrowser();
        var secrets = new LoggedSecrets();
        secrets.Add("password", TestApp.Password);
        secrets.Add("wrong password", WrongPassword);

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostJsonLoginAsync(browser, secrets, WrongPassword)).StatusCode);
        var token = await ReadTokenAsync(await PostJsonLoginAsync(browser, secrets, TestApp.Password), secrets);
        Assert.Equal(TestApp.AliceId, await GetAsBearerAsync(browser, "/me", token));
        Assert.Equal("anonymous", await GetAsBearerAsync(browser, "/me", secrets.Add("tampered token", Tampered(token))));

        using (var logout = new HttpRequestMessage(HttpMethod.Post, "/auth/logout") { Content = JsonContent.Create(new { }) })
        {
            logout.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            // An antiforgery token belongs to the user it was made for, so the client asks for one with its token.
            logout.Headers.Add("RequestVerificationToken", secrets.Add("antiforgery form token", await GetAsBearerAsync(browser, "/test/antiforgery", token)));
            Assert.Equal(HttpStatusCode.OK, (await browser.Client.SendAsync(logout)).StatusCode);
        }

        Assert.Equal("anonymous", await GetAsBearerAsync(browser, "/me", token));
        var expiring = await ReadTokenAsync(await PostJsonLoginAsync(browser, secrets, TestApp.Password), secrets);
        app.Time.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal("anonymous", await GetAsBearerAsync(browser, "/me", expiring));

        AssertLoggedNoSecret(app.Logs, secrets, token, ["LoginFailed", "IssuedBearerToken", "LoggedOut", "TokenRejected"]);
        Assert.Contains(app.Logs.Entries, e => e.Message.Contains("token was rejected: SessionEnded", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Entries, e => e.Message.Contains("token was rejected: Expired", StringComparison.Ordinal));
    }

    /// <summary>
    /// Fails naming every log entry that carries a secret, after checking that the check can fail: that the run
    /// was logged down to Trace, through the events it should have caused, and that a slice of the token would be found.
    /// </summary>
    private static void AssertLoggedNoSecret(TestLogSink logs, LoggedSecrets secrets, string token, string[] events)
    {
        var entries = logs.Entries;
        Assert.Contains(entries, e => e.Level == LogLevel.Trace);
        Assert.All(events, name => Assert.Contains(entries, e => e.EventId.Name == name));
        Assert.Contains(secrets.FoundIn($"x{token[^(LoggedSecrets.SliceLength + 1)..^1]}x"), found => found.Contains(secrets.NameOf(token), StringComparison.Ordinal));

        var leaks = entries
            .SelectMany(e => secrets.FoundIn(TextOf(e)).Select(found => $"{e.Level} {e.Category} ({e.EventId.Name}): {found}"))
            .ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} of {entries.Count} log entries carry a secret:{Environment.NewLine}{string.Join(Environment.NewLine, leaks)}");
    }

    /// <summary>All the text a log store would keep of an entry.</summary>
    private static string TextOf(LogEntry entry) =>
        string.Join('\n', [entry.Message, entry.Exception?.ToString(), .. entry.Properties.Select(p => $"{p.Key}={p.Value}")]);

    private static void LogEverything(WebApplicationBuilder builder) => builder.Logging.SetMinimumLevel(LogLevel.Trace);

    private static Dictionary<string, string> LoginForm(string password) => new()
    {
        ["username"] = TestApp.Username,
        ["password"] = password,
        ["remember"] = "true",
    };

    /// <summary>Posts a form as a page would, keeping its antiforgery token and every cookie it leads to as secrets.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(TestBrowser browser, LoggedSecrets secrets, string path, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await AntiforgeryTokenAsync(browser, secrets);
        using var content = new FormUrlEncodedContent(fields);
        var response = await browser.Client.PostAsync(path, content);
        secrets.AddCookies(response, browser);
        return response;
    }

    private static async Task<HttpResponseMessage> PostJsonLoginAsync(TestBrowser browser, LoggedSecrets secrets, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login")
        {
            Content = JsonContent.Create(new { username = TestApp.Username, password }),
        };
        request.Headers.Add("RequestVerificationToken", await AntiforgeryTokenAsync(browser, secrets));
        return await browser.Client.SendAsync(request);
    }

    private static async Task<string> AntiforgeryTokenAsync(TestBrowser browser, LoggedSecrets secrets)
    {
        var token = secrets.Add("antiforgery form token", await browser.AntiforgeryTokenAsync());
        secrets.AddCookies(null, browser);
        return token;
    }

    private static async Task<string> ReadTokenAsync(HttpResponseMessage login, LoggedSecrets secrets)
    {
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        using var json = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        return secrets.Add("bearer token", json.RootElement.GetProperty("token").GetString()!);
    }

    private static async Task<string> GetAsBearerAsync(TestBrowser browser, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await (await browser.Client.SendAsync(request)).Content.ReadAsStringAsync();
    }

    /// <summary>The token with a character in its middle changed, so that it is refused but shares most of its text.</summary>
    private static string Tampered(string token)
    {
        var chars = token.ToCharArray();
        chars[chars.Length / 2] = chars[chars.Length / 2] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    /// <summary>The secrets a run handled, each named, and a way to find them or a slice of them in a text.</summary>
    private sealed class LoggedSecrets
    {
        /// <summary>A slice of a secret this long is enough to find it in a log, or to narrow a guess.</summary>
        public const int SliceLength = 16;

        private readonly Dictionary<string, string> _whole = new(StringComparer.Ordinal);
        private readonly Dictionary<string, SortedSet<string>> _slices = new(StringComparer.Ordinal);

        public IEnumerable<string> Names => _whole.Values.Distinct();

        /// <summary>The name <paramref name="value"/> was first kept under.</summary>
        public string NameOf(string value) => _whole[value];

        /// <summary>Keeps <paramref name="value"/> and each of its slices as a secret; returns it.</summary>
        public string Add(string name, string value)
        {
            Assert.False(string.IsNullOrEmpty(value), $"The {name} was not captured.");
            _whole.TryAdd(value, name);
            for (var i = 0; i + SliceLength <= value.Length; i++)
            {
                // Data Protection starts every payload it makes with a magic number and the key id, so the first 26
                // characters of the token, the antiforgery tokens and the antiforgery cookie are the same: name them all.
                var slice = value.Substring(i, SliceLength);
                if (!_slices.TryGetValue(slice, out var names))
                {
                    _slices[slice] = names = [];
                }

                names.Add(name);
            }

            return value;
        }

        /// <summary>
        /// Keeps every <c>Set-Cookie</c> header of <paramref name="response"/> whole (its attributes are no secret,
        /// so it isn't sliced), and the value of every cookie the browser now holds.
        /// </summary>
        public void AddCookies(HttpResponseMessage? response, TestBrowser browser)
        {
            if (response is not null && response.Headers.NonValidated.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies)
                {
                    Assert.False(string.IsNullOrEmpty(setCookie), "A Set-Cookie header was not captured.");
                    _whole.TryAdd(setCookie, "Set-Cookie " + setCookie.Split('=')[0]);
                }
            }

            foreach (var cookie in browser.Cookies.GetAllCookies().Where(c => c.Value.Length > 0))
            {
                Add("cookie " + cookie.Name, cookie.Value);
            }
        }

        /// <summary>Which secrets <paramref name="text"/> carries, whole or by a slice, and the slice found.</summary>
        public IEnumerable<string> FoundIn(string text)
        {
            foreach (var (value, name) in _whole)
            {
                if (text.Contains(value, StringComparison.Ordinal))
                {
                    yield return $"the {name}";
                }
            }

            // One slice found is enough to name a secret; a whole token would otherwise be named once per character.
            var slices = _slices.GetAlternateLookup<ReadOnlySpan<char>>();
            var named = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i + SliceLength <= text.Length; i++)
            {
                if (slices.TryGetValue(text.AsSpan(i, SliceLength), out var names) && named.Add(string.Join(" or the ", names)))
                {
                    yield return $"a slice of the {string.Join(" or the ", names)}: '{text.Substring(i, SliceLength)}'";
                }
            }
        }
    }
}
