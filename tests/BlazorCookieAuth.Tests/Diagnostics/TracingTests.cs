using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using BlazorCookieAuth.Diagnostics;
using BlazorCookieAuth.Tests.Endpoints;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.Diagnostics;

/// <summary>
/// The kit's spans, heard by an <see cref="ActivityListener"/> as a tracing exporter would. Each test's browser sends
/// a <c>traceparent</c> of its own, so only its requests' spans are looked at, whatever other tests run beside it.
/// </summary>
public sealed class TracingTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;
    private readonly ActivityTraceId _traceId = ActivityTraceId.CreateRandom();

    public TracingTests()
    {
        _listener = new ActivityListener
        {
            // The host's request span too, so the kit's spans join the trace the browser started.
            ShouldListenTo = source => source.Name is BlazorCookieAuthDiagnostics.ActivitySourceName or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public async Task A_login_at_the_endpoint_is_one_login_span_that_succeeded_and_the_next_request_has_a_token_check_span()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = Traced(app.CreateBrowser());

        var login = await browser.PostJsonAsync("/auth/login", new { username = TestApp.Username, password = TestApp.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(TestApp.AliceId, await browser.WhoAmIAsync());

        // The endpoint's span covers the IAuthSession.LoginAsync it calls: one login, one span.
        var loginSpan = Assert.Single(KitSpans(AuthTelemetry.LoginSpan));
        Assert.Equal("succeeded", loginSpan.GetTagItem(AuthTelemetry.LoginResultTag));
        Assert.Equal(ActivityStatusCode.Unset, loginSpan.Status);
        Assert.Equal("Microsoft.AspNetCore", loginSpan.Parent?.Source.Name);

        var check = Assert.Single(KitSpans(AuthTelemetry.AuthenticateSpan));
        Assert.Equal("cookie", check.GetTagItem(AuthTelemetry.TokenSourceTag));
        Assert.Null(check.GetTagItem(AuthTelemetry.TokenRefusalReasonTag));
        Assert.Equal(ActivityStatusCode.Unset, check.Status);

        AssertNoSecrets(TestApp.Username, TestApp.Password, TestApp.AliceId, browser.AuthCookie!, await SessionIdOfAsync(app, browser));
    }

    [Fact]
    public async Task A_wrong_password_is_a_failed_login_span_marked_as_an_error()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = Traced(app.CreateBrowser());

        var login = await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(password: "hunter2"));

        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        var span = Assert.Single(KitSpans(AuthTelemetry.LoginSpan));
        Assert.Equal("failed", span.GetTagItem(AuthTelemetry.LoginResultTag));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        AssertNoSecrets(TestApp.Username, "hunter2");
    }

    [Fact]
    public async Task IAuthSession_LoginAsync_called_by_the_app_has_its_own_login_span_and_a_logout_has_a_logout_span()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = Traced(app.CreateBrowser());

        await browser.LoginAsync("user-1234");
        var sessionId = await SessionIdOfAsync(app, browser);
        var cookie = browser.AuthCookie!;
        await browser.PostFormAsync("/auth/logout", new Dictionary<string, string>());

        var login = Assert.Single(KitSpans(AuthTelemetry.LoginSpan));
        Assert.Equal("succeeded", login.GetTagItem(AuthTelemetry.LoginResultTag));
        var logout = Assert.Single(KitSpans(AuthTelemetry.LogoutSpan));
        Assert.Equal(false, logout.GetTagItem(AuthTelemetry.LogoutEverywhereTag));
        Assert.Equal(1, logout.GetTagItem(AuthTelemetry.LogoutEndedSessionsTag));
        Assert.Equal(ActivityStatusCode.Unset, logout.Status);
        AssertNoSecrets("user-1234", cookie, sessionId);
    }

    [Fact]
    public async Task A_tampered_cookie_is_a_token_check_span_with_the_reason_marked_as_an_error()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = Traced(app.CreateBrowser());
        await browser.LoginAsync("42");
        var bytes = WebEncoders.Base64UrlDecode(browser.AuthCookie!);
        bytes[^1] ^= 0xFF;
        var tampered = WebEncoders.Base64UrlEncode(bytes);

        using var client = app.Server.CreateClient();
        client.BaseAddress = TestBrowser.BaseAddress;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Add("Cookie", "__Host-BlazorCookieAuth=" + tampered);
        request.Headers.Add("traceparent", TraceParent());
        using var response = await client.SendAsync(request);

        Assert.Equal("anonymous", await response.Content.ReadAsStringAsync());

        var check = Assert.Single(KitSpans(AuthTelemetry.AuthenticateSpan));
        Assert.Equal("cookie", check.GetTagItem(AuthTelemetry.TokenSourceTag));
        Assert.Equal("unreadable", check.GetTagItem(AuthTelemetry.TokenRefusalReasonTag));
        Assert.Equal(ActivityStatusCode.Error, check.Status);
        AssertNoSecrets(tampered);
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>Sends every request of <paramref name="browser"/> as part of this test's trace.</summary>
    private TestBrowser Traced(TestBrowser browser)
    {
        browser.Client.DefaultRequestHeaders.Add("traceparent", TraceParent());
        return browser;
    }

    /// <summary>A W3C <c>traceparent</c> header in this test's trace, sampled.</summary>
    private string TraceParent() => $"00-{_traceId}-{ActivitySpanId.CreateRandom()}-01";

    /// <summary>The kit's finished spans named <paramref name="name"/> in this test's trace.</summary>
    private List<Activity> KitSpans(string name) =>
        [.. TraceSpans().Where(a => a.Source.Name == BlazorCookieAuthDiagnostics.ActivitySourceName && a.OperationName == name)];

    private IEnumerable<Activity> TraceSpans() => _stopped.Where(a => a.TraceId == _traceId);

    /// <summary>No span of the kit in this trace carries any of <paramref name="secrets"/> in its name, tags or status.</summary>
    private void AssertNoSecrets(params string[] secrets)
    {
        var kitSpans = TraceSpans().Where(a => a.Source.Name == BlazorCookieAuthDiagnostics.ActivitySourceName).ToList();
        Assert.NotEmpty(kitSpans);
        var texts = kitSpans.SelectMany(a => a.TagObjects.SelectMany(t => new[] { t.Key, Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture) })
            .Append(a.DisplayName)
            .Append(a.StatusDescription)
            .Concat(a.Baggage.Select(b => b.Value))
            .Concat(a.Events.Select(e => e.Name)));
        foreach (var text in texts.OfType<string>())
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    private static async Task<string> SessionIdOfAsync(TestApp app, TestBrowser browser) =>
        (await app.Services.GetRequiredService<IAuthTokenService>().ValidateTokenAsync(browser.AuthCookie!)).SessionId!;
}
