using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using BlazorCookieAuth.Tests.TestHost;
using BlazorCookieAuth.Tokens;
using CsCheck;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Xunit.Abstractions;

namespace BlazorCookieAuth.Tests.Authentication;

/// <summary>
/// Fuzz and property tests of how the scheme reads the login cookie and the bearer header (issue 10): garbled, doubled
/// and oversized headers never authenticate and never fail the request, real tokens still do, and a login with odd
/// text in its auth id or claims works exactly or is refused cleanly. The bulk runs in-process against the handler
/// with a <see cref="DefaultHttpContext"/>; a few thousand cases go through real requests.
/// </summary>
public class CookieAndBearerFuzzTests(ITestOutputHelper output)
{
    private const string CookieName = "__Host-BlazorCookieAuth";
    private const string Alice = "fuzz-alice";
    private const string Bob = "fuzz-bob";

    [Fact]
    public async Task Garbled_doubled_and_oversized_cookies_and_bearer_headers_never_authenticate_in_the_handler()
    {
        await using var app = await TestApp.StartAsync(o => o.Mode = AuthMode.CookieAndBearer);
        var tokens = app.Services.GetRequiredService<IAuthTokenService>();
        var known = new KnownTokens(await tokens.CreateTokenAsync(new AuthUser(Alice)), await tokens.CreateTokenAsync(new AuthUser(Bob)));
        var authenticated = 0;

        await Headers(known, kestrelSafe: false).SampleSeededAsync(async headers =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var response = new TestResponseFeature();
            var context = NewContext(scope.ServiceProvider, response, headers);

            var result = await context.AuthenticateAsync(BlazorCookieAuthDefaults.AuthenticationScheme);
            await response.StartAsync();

            var who = result.Succeeded ? result.Principal.FindFirstValue(ClaimTypes.NameIdentifier) : null;
            AssertOnlyAllowed(known, headers, who);
            var deletes = context.Response.Headers.SetCookie.Any(c => c!.StartsWith(CookieName + "=;", StringComparison.Ordinal));
            Assert.False(deletes && who is not null, "The cookie of a request that was authenticated was deleted.");
            Assert.True(!deletes || context.Response.Headers.CacheControl == "no-store", "A response that deletes the login cookie is not no-store.");
            if (who is not null)
            {
                authenticated++;
            }
        }, seed: 201, cases: 20_000, output);

        SeededSample.Report(output, $"{authenticated:N0} requests carried a real token where it is read and were authenticated as its user; the rest stayed anonymous.");
        Assert.DoesNotContain(app.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Garbled_doubled_and_oversized_cookies_and_bearer_headers_in_real_requests_stay_anonymous_and_never_fail()
    {
        await using var app = await TestApp.StartAsync(o => o.Mode = AuthMode.CookieAndBearer);
        using var browser = app.CreateBrowser();
        await browser.LoginAsync(Alice);
        var known = new KnownTokens(browser.AuthCookie!, await app.Services.GetRequiredService<IAuthTokenService>().CreateTokenAsync(new AuthUser(Bob)));

        // Straight into the server, not through HttpClient, which would tidy the headers (a tab after Bearer becomes a space).
        await Gen.Select(Headers(known, kestrelSafe: true), Gen.Bool).SampleSeededAsync(async input =>
        {
            var (headers, toProtectedPage) = input;
            var context = await app.Server.SendAsync(c =>
            {
                c.Request.Method = HttpMethods.Get;
                c.Request.Scheme = "https";
                c.Request.Host = new HostString("localhost");
                c.Request.Path = toProtectedPage ? "/protected" : "/me";
                c.Request.Headers.Cookie = headers.Cookies;
                c.Request.Headers.Authorization = headers.Authorization;
            });

            var status = context.Response.StatusCode;
            if (toProtectedPage)
            {
                Assert.Contains(status, new[] { StatusCodes.Status200OK, StatusCodes.Status302Found, StatusCodes.Status401Unauthorized });
                Assert.True(status != StatusCodes.Status200OK || known.AllowedUser(headers) is not null, "A protected page was served to a request with no real token.");
                Assert.True(headers.Clean is null || status == StatusCodes.Status200OK, "A real token, sent cleanly, was refused.");
            }
            else
            {
                Assert.Equal(StatusCodes.Status200OK, status);
                using var reader = new StreamReader(context.Response.Body);
                var body = await reader.ReadToEndAsync();
                AssertOnlyAllowed(known, headers, body == "anonymous" ? null : body);
            }

            var deletes = context.Response.Headers.SetCookie.Any(c => c!.StartsWith(CookieName + "=;", StringComparison.Ordinal));
            Assert.True(!deletes || context.Response.Headers.CacheControl == "no-store", "A response that deletes the login cookie is not no-store.");
        }, seed: 202, cases: 2_000, output);

        Assert.DoesNotContain(app.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Logins_with_control_characters_or_lone_surrogates_in_the_auth_id_or_claims_work_exactly_or_are_refused_cleanly()
    {
        var staged = new StagedCredentialValidator();
        await using var app = await TestApp.StartAsync(
            configureKit: kit => kit.Services.Replace(ServiceDescriptor.Singleton<ICredentialValidator>(staged)),
            configureApp: a => a.MapGet("/fuzz/claims", (HttpContext context) =>
                AuthUser.FromClaimsPrincipal(context.User).Claims.Select(c => new[] { c.Type, c.Value }).ToArray()));
        var sessions = app.Services.GetRequiredService<IAuthSessionManager>();
        var accessor = app.Services.GetRequiredService<IHttpContextAccessor>();
        int loggedIn = 0, refused = 0;

        // The bulk in-process: IAuthSession.LoginAsync, then the cookies it wrote sent back on the next request.
        await Gen.Select(FuzzInputs.AuthId, FuzzInputs.Claims, Gen.Bool).SampleSeededAsync(async login =>
        {
            var (authId, claims, remember) = login;
            if (string.IsNullOrWhiteSpace(authId))
            {
                Assert.Throws<ArgumentException>(() => new AuthUser(authId, claims));
                return;
            }

            var user = new AuthUser(authId, claims);
            var before = (await sessions.ListSessionsAsync(authId)).Count;
            await using var scope = app.Services.CreateAsyncScope();
            var response = new TestResponseFeature();
            var context = NewContext(scope.ServiceProvider, response, AuthHeaders.None);
            accessor.HttpContext = context;
            try
            {
                await scope.ServiceProvider.GetRequiredService<IAuthSession>().LoginAsync(user, remember);
            }
            catch (InvalidOperationException) when (!FuzzInputs.IsWellFormed(user))
            {
                await response.StartAsync();
                Assert.DoesNotContain(context.Response.Headers.SetCookie, c => c!.StartsWith(CookieName, StringComparison.Ordinal));
                Assert.True((await sessions.ListSessionsAsync(authId)).Count <= before, "The session of a refused login is still live.");
                refused++;
                return;
            }

            await response.StartAsync();
            var written = SetCookieHeaderValue.ParseList([.. context.Response.Headers.SetCookie.OfType<string>()]);
            Assert.Contains(written, c => c.Name == CookieName);
            var sentBack = new AuthHeaders([string.Join("; ", written.Select(c => $"{c.Name}={c.Value}"))], [], Clean: null);
            await using var nextScope = app.Services.CreateAsyncScope();
            var next = NewContext(nextScope.ServiceProvider, new TestResponseFeature(), sentBack);
            var result = await next.AuthenticateAsync(BlazorCookieAuthDefaults.AuthenticationScheme);

            Assert.True(result.Succeeded, $"The login's own cookie was refused on the next request: {result.Failure?.Message}");
            var back = AuthUser.FromClaimsPrincipal(result.Principal);
            Assert.Equal(FuzzInputs.Printable(authId), FuzzInputs.Printable(back.AuthId!));
            Assert.Equal(FuzzInputs.Describe(claims), FuzzInputs.Describe(back.Claims));
            loggedIn++;
        }, seed: 203, cases: 3_000, output, print: login => $"{FuzzInputs.Printable(login.Item1)} with {FuzzInputs.Describe(login.Item2)}, remember {login.Item3}");

        SeededSample.Report(output, $"{loggedIn:N0} logins came back exactly on the next request; {refused:N0} refused at login.");
        Assert.True(loggedIn > 0 && refused > 0, "The in-process logins didn't reach both outcomes.");

        // A few through POST /auth/login, the login form's way in: its credential validator returns the odd user.
        int posted = 0, postedRefused = 0;
        await Gen.Select(FuzzInputs.AuthId, FuzzInputs.Claims).SampleSeededAsync(async login =>
        {
            var (authId, claims) = login;
            if (string.IsNullOrWhiteSpace(authId))
            {
                return;
            }

            var user = new AuthUser(authId, claims);
            var username = $"user-{++posted}";
            staged.Stage(username, user);
            using var browser = app.CreateBrowser();

            var response = await browser.PostFormAsync("/auth/login", new Dictionary<string, string> { ["username"] = username, ["password"] = "any" });

            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
            if (!FuzzInputs.IsWellFormed(user))
            {
                Assert.StartsWith("/login?error=", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
                Assert.Null(browser.AuthCookie);
                postedRefused++;
                return;
            }

            Assert.Equal("/", response.Headers.Location?.OriginalString);
            Assert.Equal(FuzzInputs.Printable(authId), FuzzInputs.Printable(await browser.WhoAmIAsync()));
            var claimsBack = await browser.Client.GetFromJsonAsync<string[][]>("/fuzz/claims");
            Assert.Equal(FuzzInputs.Describe(claims), FuzzInputs.Describe(claimsBack!.Select(c => new Claim(c[0], c[1]))));
        }, seed: 204, cases: 40, output, print: login => $"{FuzzInputs.Printable(login.Item1)} with {FuzzInputs.Describe(login.Item2)}");

        SeededSample.Report(output, $"POST /auth/login: {posted} logins in one app, {postedRefused} of them refused.");
        Assert.True(posted > postedRefused && postedRefused > 0, "The posted logins didn't reach both outcomes.");
    }

    /// <summary>A request authenticated as anyone is authenticated as the one user whose real token it carries where it is read.</summary>
    private static void AssertOnlyAllowed(KnownTokens known, AuthHeaders headers, string? who)
    {
        if (who is not null)
        {
            Assert.True(who == known.AllowedUser(headers), $"Authenticated as {FuzzInputs.Printable(who)} without that user's token where it is read.");
        }

        if (headers.Clean is { } clean)
        {
            Assert.True(who == clean, $"A real token of {clean}, sent cleanly, was refused.");
        }
    }

    private static DefaultHttpContext NewContext(IServiceProvider services, TestResponseFeature response, AuthHeaders headers)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Features.Set<IHttpResponseFeature>(response);
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("localhost");
        context.Request.Path = "/me";
        if (headers.Cookies.Length > 0)
        {
            context.Request.Headers.Cookie = headers.Cookies;
        }

        if (headers.Authorization.Length > 0)
        {
            context.Request.Headers.Authorization = headers.Authorization;
        }

        return context;
    }

    /// <summary>
    /// Cookie and Authorization headers: real tokens, tokens changed by <see cref="TokenChange"/>, garbage, empty and
    /// quoted values and values up to the header limit, under the login cookie's name, the name in another case or
    /// with white space, or other names; the cookie sent twice, in one header or split over several; bearer headers in
    /// every case and spacing. One case in ten sends a real token cleanly, which must authenticate.
    /// </summary>
    /// <param name="known">The real tokens.</param>
    /// <param name="kestrelSafe">Whether to keep to what Kestrel lets through in a header (visible ASCII, space and tab).</param>
    private static Gen<AuthHeaders> Headers(KnownTokens known, bool kestrelSafe)
    {
        var text = kestrelSafe ? FuzzInputs.HeaderChar : FuzzInputs.AnyChar;
        string Safe(string value) => kestrelSafe ? new string([.. value.Select(c => c is '\t' or (>= ' ' and <= '~') ? c : '~')]) : value;
        var value = Gen.Frequency(
            (4, Gen.Const(known.AliceToken)),
            (2, Gen.Const(known.BobToken)),
            (5, TokenChange.Any.Select(change => Safe(change.ApplyTo(known.AliceToken, known.BobToken)))),
            (2, Gen.String[text, 0, 300]),
            (1, Gen.Const(string.Empty)),
            (1, Gen.Const($"\"{known.AliceToken}\"")),
            (1, FuzzInputs.Long(FuzzInputs.Base64UrlChar, AuthTokenFormat.MaxTokenLength, FuzzInputs.HeaderLimit)));
        var name = Gen.Frequency(
            (6, Gen.Const(CookieName)),
            (2, Gen.Bool.Array[CookieName.Length].Select(upper => new string([.. CookieName.Select((c, i) => upper[i] ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c))]))),
            (1, Gen.OneOf(CookieName + "-fresh", " " + CookieName, "\t" + CookieName, CookieName + " ", "x" + CookieName, CookieName[..^1])),
            (2, Gen.String[kestrelSafe ? Gen.Char.AlphaNumeric : text, 1, 12]));
        var separator = Gen.Frequency((8, Gen.Const("; ")), (1, Gen.OneOf(";", ";\t", " ; ", ", ", ";;", "; \t")));
        var pair = Gen.Select(name, value, separator);
        var cookies = Gen.Frequency(
            (6, Gen.Select(pair.Array[0, 5], Gen.Int[0, 5], (pairs, split) => split == 0
                ? pairs.Select(p => $"{p.Item1}={p.Item2}").ToArray()
                : [string.Concat(pairs.Select((p, i) => $"{(i == 0 ? string.Empty : p.Item3)}{p.Item1}={p.Item2}"))])),
            (1, Gen.String[text, 0, 400].Select(header => new[] { header })));
        var authorization = Gen.Frequency(
            (6, Gen.Const(Array.Empty<string>())),
            (4, Gen.Select(Gen.OneOf("Bearer ", "bearer ", "BEARER ", "Bearer  ", "Bearer\t", "Bearer", "Basic ", " Bearer ", "Bearer: "), value, (scheme, token) => new[] { scheme + token })),
            (1, Gen.Select(value, value, (first, second) => new[] { "Bearer " + first, "Bearer " + second })),
            (1, Gen.String[text, 0, 200].Select(header => new[] { header })));
        return Gen.Frequency(
            (8, Gen.Select(cookies, authorization, (c, a) => AuthHeaders.Within(c, a, clean: null))),
            (1, Gen.Const(new AuthHeaders([$"theme=dark; {CookieName}={known.AliceToken}; lang=en"], [], Alice))),
            (1, cookies.Select(c => AuthHeaders.Within(c, [$"Bearer {known.BobToken}"], Bob))));
    }

    /// <summary>One request's Cookie and Authorization header values.</summary>
    /// <param name="Clean">The user a clean case sends the real token of, which must authenticate; <see langword="null"/> for the rest.</param>
    private sealed record AuthHeaders(string[] Cookies, string[] Authorization, string? Clean)
    {
        public static AuthHeaders None { get; } = new([], [], null);

        /// <summary>The headers, cookies cut to fit beside the Authorization header in Kestrel's header limit.</summary>
        public static AuthHeaders Within(string[] cookies, string[] authorization, string? clean)
        {
            var room = FuzzInputs.HeaderLimit - authorization.Sum(a => a.Length);
            var kept = new List<string>();
            foreach (var cookie in cookies)
            {
                if (room <= 0)
                {
                    break;
                }

                kept.Add(cookie.Length <= room ? cookie : cookie[..room]);
                room -= cookie.Length;
            }

            return new AuthHeaders([.. kept], authorization.Select(a => a.Length <= FuzzInputs.HeaderLimit ? a : a[..FuzzInputs.HeaderLimit]).ToArray(), clean);
        }

        public override string ToString() =>
            $"Authorization [{string.Join(" | ", Authorization.Select(FuzzInputs.Printable))}] Cookie [{string.Join(" | ", Cookies.Select(FuzzInputs.Printable))}]" +
            (Clean is null ? string.Empty : $" (clean, {Clean})");
    }

    /// <summary>The two real tokens the requests may carry, and who a request may be authenticated as.</summary>
    private sealed class KnownTokens(string alice, string bob)
    {
        private readonly byte[] _alice = FuzzInputs.Decode(alice)!;
        private readonly byte[] _bob = FuzzInputs.Decode(bob)!;

        public string AliceToken => alice;

        public string BobToken => bob;

        /// <summary>
        /// The user whose real token the request carries where the scheme reads it, or <see langword="null"/>: a bearer
        /// header (<c>Bearer </c> in any case, the values of several headers joined with commas, as the framework joins
        /// them) wins; otherwise the login cookie, if the Cookie headers name it exactly once, in any case, after any
        /// spaces or tabs, as the framework's cookie collection reads names.
        /// </summary>
        public string? AllowedUser(AuthHeaders headers)
        {
            const string Prefix = "Bearer ";
            var authorization = string.Join(",", headers.Authorization);
            if (headers.Authorization.Length > 0 && authorization.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && authorization[Prefix.Length..].Trim().Length > 0)
            {
                return UserOf(authorization[Prefix.Length..].Trim());
            }

            var named = headers.Cookies
                .SelectMany(header => header.Split(';'))
                .Select(pair => pair.TrimStart(' ', '\t'))
                .Where(pair => pair.StartsWith(CookieName + "=", StringComparison.OrdinalIgnoreCase))
                .ToList();
            return named.Count == 1 ? UserOf(named[0][(CookieName.Length + 1)..]) : null;
        }

        private string? UserOf(string token) => FuzzInputs.Decode(token) switch
        {
            { } bytes when bytes.SequenceEqual(_alice) => Alice,
            { } bytes when bytes.SequenceEqual(_bob) => Bob,
            _ => null,
        };
    }
}
