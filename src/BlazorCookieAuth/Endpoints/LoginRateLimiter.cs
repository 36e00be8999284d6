using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using BlazorCookieAuth.Authentication;
using BlazorCookieAuth.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Endpoints;

/// <summary>
/// The limits the kit counts itself: failed logins per client and username (for the login endpoint and basic
/// authentication), and login requests per client where the rate limiting middleware doesn't count them (basic
/// authentication, and an app without <c>UseRateLimiter()</c>; see <see cref="LoginRateLimiterPolicy"/>). Both are
/// the framework's partitioned sliding-window limiters (those the rate limiting middleware builds on), with a
/// partition per key that is dropped once it has been idle a while, so memory follows the active clients.
/// </summary>
internal sealed class LoginRateLimiter : IDisposable
{
    /// <summary>
    /// How finely a window slides. With ten segments a limit of n per window allows at most about n + n/10 in any
    /// span of one window, where a fixed window would allow 2n across its boundary.
    /// </summary>
    private const int SegmentsPerWindow = 10;

    /// <summary>How many attempts for one client and username may wait for their turn; more are refused at once.</summary>
    private const int TurnQueueLimit = 64;

    private readonly PartitionedRateLimiter<string> _requests;
    private readonly PartitionedRateLimiter<string>? _failures;
    private readonly PartitionedRateLimiter<string>? _turns;
    private readonly TimeSpan _failureWindow;

    private readonly AuthTelemetry _telemetry;

    public LoginRateLimiter(BlazorCookieAuthScheme scheme, IOptionsMonitor<BlazorCookieAuthOptions> optionsMonitor, AuthTelemetry telemetry)
    {
        _telemetry = telemetry;
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(optionsMonitor);
        var options = optionsMonitor.Get(scheme.Name);
        _failureWindow = options.LoginFailureWindow;
        _requests = PartitionedRateLimiter.Create<string, string>(
            key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => RequestWindowOptions), StringComparer.Ordinal);
        _failures = Create(options.LoginFailureLimit, options.LoginFailureWindow, StringComparer.OrdinalIgnoreCase);

        // Attempts for one client and username take turns, so each is checked against the failures counted so far:
        // concurrent guesses can't all pass the check before the first of them is counted.
        _turns = options.LoginFailureLimit == 0
            ? null
            : PartitionedRateLimiter.Create<string, string>(
                key => RateLimitPartition.GetConcurrencyLimiter(key, _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = 1,
                    QueueLimit = TurnQueueLimit,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                }),
                StringComparer.OrdinalIgnoreCase);
        FailureLimit = options.LoginFailureLimit;
    }

    /// <summary>
    /// The request limit of <see cref="LoginRateLimiterPolicy"/>, which this class also counts for basic authentication
    /// and for apps without the rate limiting middleware: <see cref="BlazorCookieAuthDefaults.LoginRequestLimit"/> per
    /// <see cref="BlazorCookieAuthDefaults.LoginRequestWindow"/>, refused at once rather than queued.
    /// </summary>
    public static SlidingWindowRateLimiterOptions RequestWindowOptions => new()
    {
        PermitLimit = BlazorCookieAuthDefaults.LoginRequestLimit,
        Window = BlazorCookieAuthDefaults.LoginRequestWindow,
        SegmentsPerWindow = SegmentsPerWindow,
        QueueLimit = 0,
    };

    /// <summary>How many failed logins lock a username for a client; 0 when that limit is off.</summary>
    public int FailureLimit { get; }

    /// <summary>The window of <see cref="FailureLimit"/>.</summary>
    public TimeSpan FailureWindow => _failureWindow;

    /// <summary>
    /// The client a request counts against: its connection's IP address, an IPv6 address by its /64 network (one
    /// host usually holds a whole /64), and the empty string when the server knows no address.
    /// </summary>
    public static string ClientOf(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return string.Empty;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>
    /// Starts the answer to a refused attempt: 429 Too Many Requests, <c>Retry-After</c> in whole seconds (at least
    /// one) and <c>Cache-Control: no-store</c>. The caller writes the body.
    /// </summary>
    public static void StartRefusal(HttpResponse response, TimeSpan wait)
    {
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.CacheControl = "no-store";
        response.Headers.RetryAfter = ((long)Math.Ceiling(Math.Max(wait.TotalSeconds, 1))).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Answers a refused attempt: <see cref="StartRefusal"/>, then <see cref="Refusal"/>.</summary>
    public static Task RefuseAsync(HttpContext context, TimeSpan wait)
    {
        StartRefusal(context.Response, wait);
        return Refusal(context).ExecuteAsync(context);
    }

    /// <summary>The body of a refusal that <see cref="StartRefusal"/> started: problem details with <c>error: rate_limited</c>, or a sentence.</summary>
    public static IResult Refusal(HttpContext context) =>
        ErrorResponse.For(
            context,
            StatusCodes.Status429TooManyRequests,
            "rate_limited",
            "Too many login attempts. Try again after the number of seconds in Retry-After.");

    /// <summary>
    /// Counts a login request of <paramref name="client"/> against <see cref="RequestWindowOptions"/>:
    /// <see langword="null"/> when it may go on, else how long to wait.
    /// </summary>
    public TimeSpan? CountRequest(string client) =>
        Refused(Acquire(_requests, client, permits: 1, BlazorCookieAuthDefaults.LoginRequestWindow), LoginRateLimit.RequestsPerClient);

    /// <summary>
    /// Whether <paramref name="client"/> may try <paramref name="username"/>: <see langword="null"/> when it may,
    /// else how long to wait. Counts nothing; <see cref="CountFailure"/> counts a failure once it happened.
    /// </summary>
    public TimeSpan? CheckFailures(string client, string username) =>
        Refused(Acquire(_failures, FailureKey(client, username), permits: 0, _failureWindow), LoginRateLimit.FailuresPerUsername);

    /// <summary>
    /// Waits until no other attempt of <paramref name="client"/> for <paramref name="username"/> is being checked, and
    /// holds the turn until disposed. <see langword="null"/> when too many attempts are already waiting.
    /// </summary>
    public async ValueTask<IDisposable?> TakeTurnAsync(string client, string username, CancellationToken cancellationToken)
    {
        if (_turns is null)
        {
            return NoTurn.Instance;
        }

        var lease = await _turns.AcquireAsync(FailureKey(client, username), permitCount: 1, cancellationToken).ConfigureAwait(false);
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        _telemetry.RateLimited(LoginRateLimit.FailuresPerUsername);
        return null;
    }

    /// <summary><paramref name="wait"/>, counted as a refusal by <paramref name="limit"/> when there is one.</summary>
    private TimeSpan? Refused(TimeSpan? wait, LoginRateLimit limit)
    {
        if (wait is not null)
        {
            _telemetry.RateLimited(limit);
        }

        return wait;
    }

    /// <summary>Counts a failed login; <see langword="true"/> when this failure used up the limit.</summary>
    public bool CountFailure(string client, string username)
    {
        var key = FailureKey(client, username);
        return Acquire(_failures, key, permits: 1, _failureWindow) is null
            && Acquire(_failures, key, permits: 0, _failureWindow) is not null;
    }

    public void Dispose()
    {
        _requests.Dispose();
        _failures?.Dispose();
        _turns?.Dispose();
    }

    private static PartitionedRateLimiter<string>? Create(int limit, TimeSpan window, StringComparer comparer) =>
        limit == 0
            ? null
            : PartitionedRateLimiter.Create<string, string>(
                key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = limit,
                    Window = window,
                    SegmentsPerWindow = SegmentsPerWindow,
                    QueueLimit = 0,
                }),
                comparer);

    private static string FailureKey(string client, string username) => client + "\n" + username;

    /// <summary>The turn when the failure limit is off: there is nothing to wait for.</summary>
    private sealed class NoTurn : IDisposable
    {
        public static readonly NoTurn Instance = new();

        public void Dispose()
        {
        }
    }

    private static TimeSpan? Acquire(PartitionedRateLimiter<string>? limiter, string key, int permits, TimeSpan window)
    {
        if (limiter is null)
        {
            return null;
        }

        using var lease = limiter.AttemptAcquire(key, permits);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero ? retryAfter : window;
    }
}
