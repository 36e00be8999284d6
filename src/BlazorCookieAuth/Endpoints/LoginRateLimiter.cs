using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using BlazorCookieAuth.Authentication;
using BlazorCookieAuth.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Endpoints;

/// <summary>
/// The login limits, all counted by the kit itself: login requests per client (for the login endpoint after its
/// antiforgery check, and for basic authentication), failed logins per client and account, and failed logins per
/// account from all clients together. Each is one of the framework's partitioned sliding-window limiters (those the
/// rate limiting middleware builds on), with a partition per key that is dropped once it has been idle a while, so
/// memory follows the active clients.
/// </summary>
/// <remarks>
/// An account is a username for a login (compared without regard to case) and an auth id for a re-authentication,
/// each under a prefix of its own so that the two never meet; see <see cref="AccountOfUsername"/> and
/// <see cref="AccountOfAuthId"/>.
/// </remarks>
internal sealed class LoginRateLimiter : IDisposable
{
    /// <summary>
    /// How finely a window slides. With ten segments a limit of n per window allows at most about n + n/10 in any
    /// span of one window, where a fixed window would allow 2n across its boundary.
    /// </summary>
    private const int SegmentsPerWindow = 10;

    /// <summary>How many attempts for one client and account may wait for their turn; more are refused at once.</summary>
    private const int TurnQueueLimit = 64;

    private readonly PartitionedRateLimiter<string> _requests;
    private readonly PartitionedRateLimiter<string>? _failures;
    private readonly PartitionedRateLimiter<string>? _turns;
    private readonly PartitionedRateLimiter<string>? _accountFailures;
    private readonly PartitionedRateLimiter<string>? _accountShares;

    /// <summary>Taken while a failure is counted against its account, so exactly one failure is the one that locks it.</summary>
    private readonly Lock _accountCount = new();

    private readonly AuthTelemetry _telemetry;
    private long _partitionsCreated;

    public LoginRateLimiter(BlazorCookieAuthScheme scheme, IOptionsMonitor<BlazorCookieAuthOptions> optionsMonitor, AuthTelemetry telemetry)
    {
        _telemetry = telemetry;
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(optionsMonitor);
        var options = optionsMonitor.Get(scheme.Name);
        FailureLimit = options.LoginFailureLimit;
        FailureWindow = options.LoginFailureWindow;
        AccountFailureLimit = options.AccountFailureLimit;
        AccountFailureWindow = options.AccountFailureWindow;
        _requests = Create(BlazorCookieAuthDefaults.LoginRequestLimit, BlazorCookieAuthDefaults.LoginRequestWindow)!;
        _failures = Create(FailureLimit, FailureWindow);
        _accountFailures = Create(AccountFailureLimit, AccountFailureWindow);

        // One client's failures count against an account only up to its own failure limit within the account's window,
        // so locking an account out takes failures from AccountFailureLimit / LoginFailureLimit clients, not one.
        _accountShares = _accountFailures is null ? null : Create(FailureLimit, AccountFailureWindow);

        // Attempts for one client and account take turns, so each is checked against the failures counted so far:
        // concurrent guesses can't all pass the check before the first of them is counted.
        _turns = FailureLimit == 0 && AccountFailureLimit == 0
            ? null
            : PartitionedRateLimiter.Create<string, string>(
                key => RateLimitPartition.GetConcurrencyLimiter(key, _ =>
                {
                    Interlocked.Increment(ref _partitionsCreated);
                    return new ConcurrencyLimiterOptions
                    {
                        PermitLimit = 1,
                        QueueLimit = TurnQueueLimit,
                        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    };
                }),
                StringComparer.Ordinal);
    }

    /// <summary>How many failed logins lock an account for a client; 0 when that limit is off.</summary>
    public int FailureLimit { get; }

    /// <summary>The window of <see cref="FailureLimit"/>.</summary>
    public TimeSpan FailureWindow { get; }

    /// <summary>How many failed logins from all clients lock an account; 0 when that limit is off.</summary>
    public int AccountFailureLimit { get; }

    /// <summary>The window of <see cref="AccountFailureLimit"/>.</summary>
    public TimeSpan AccountFailureWindow { get; }

    /// <summary>
    /// How many partitions (a limiter for one key) the limits have created so far, counting one again that was dropped
    /// while idle and made anew. Requests that never reach a limit, such as those without a valid antiforgery token,
    /// create none.
    /// </summary>
    public long PartitionsCreated => Interlocked.Read(ref _partitionsCreated);

    /// <summary>The account a login for <paramref name="username"/> counts against; usernames are compared without regard to case.</summary>
    public static string AccountOfUsername(string username) => "name:" + username.ToUpperInvariant();

    /// <summary>The account a re-authentication of the user with <paramref name="authId"/> counts against.</summary>
    public static string AccountOfAuthId(string authId) => "id:" + authId;

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
    /// Counts a login request of <paramref name="client"/> against the request limit of
    /// <see cref="BlazorCookieAuthDefaults.LoginRateLimiterPolicy"/>: <see langword="null"/> when it may go on, else
    /// how long to wait.
    /// </summary>
    public TimeSpan? CountRequest(string client) =>
        Refused(Acquire(_requests, client, permits: 1, BlazorCookieAuthDefaults.LoginRequestWindow), LoginRateLimit.RequestsPerClient);

    /// <summary>
    /// Counts a request to a login endpoint (login, re-authentication) against the request limit, when the endpoint
    /// still carries the kit's policy <see cref="BlazorCookieAuthDefaults.LoginRateLimiterPolicy"/>: not replaced by the
    /// app's own <c>RequireRateLimiting</c>, which the rate limiting middleware counts, nor turned off with
    /// <c>DisableRateLimiting</c>. Call it right after the antiforgery check passed and before the password is checked,
    /// so a flood of requests without a valid token leaves no state behind here. A refusal is logged and counted.
    /// </summary>
    /// <returns><see langword="null"/> when the request may go on; else how long the client must wait.</returns>
    public static TimeSpan? CountRequestAfterAntiforgery(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!HasKitPolicy(context))
        {
            return null;
        }

        var services = context.RequestServices;
        var client = ClientOf(context);
        var wait = services.GetRequiredService<LoginRateLimiter>().CountRequest(client);
        if (wait is not null)
        {
            services.GetRequiredService<ILogger<AuthEndpoints>>().LoginRateLimited(client, BlazorCookieAuthDefaults.LoginRateLimiterPolicy);
        }

        return wait;
    }

    /// <summary>
    /// Whether the request's endpoint carries the kit's request limit: its rate limiter policy is still
    /// <see cref="BlazorCookieAuthDefaults.LoginRateLimiterPolicy"/>, as <c>MapBlazorCookieAuth</c> put it on the group.
    /// </summary>
    private static bool HasKitPolicy(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata;
        return metadata?.GetMetadata<DisableRateLimitingAttribute>() is null
            && metadata?.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == BlazorCookieAuthDefaults.LoginRateLimiterPolicy;
    }

    /// <summary>
    /// Whether <paramref name="client"/> may try <paramref name="account"/>: <see langword="null"/> when it may, else
    /// how long to wait, and which limit refused it. Counts nothing; <see cref="CountFailure"/> counts a failure once it
    /// happened.
    /// </summary>
    public (TimeSpan Wait, LoginRateLimit Limit)? CheckFailures(string client, string account)
    {
        if (Refused(Acquire(_failures, FailureKey(client, account), permits: 0, FailureWindow), LoginRateLimit.FailuresPerUsername) is { } lockedForClient)
        {
            return (lockedForClient, LoginRateLimit.FailuresPerUsername);
        }

        if (Refused(Acquire(_accountFailures, account, permits: 0, AccountFailureWindow), LoginRateLimit.FailuresPerAccount) is { } lockedForAll)
        {
            return (lockedForAll, LoginRateLimit.FailuresPerAccount);
        }

        return null;
    }

    /// <summary>
    /// Waits until no other attempt of <paramref name="client"/> for <paramref name="account"/> is being checked, and
    /// holds the turn until disposed. <see langword="null"/> when too many attempts are already waiting.
    /// </summary>
    public async ValueTask<IDisposable?> TakeTurnAsync(string client, string account, CancellationToken cancellationToken)
    {
        if (_turns is null)
        {
            return NoTurn.Instance;
        }

        var lease = await _turns.AcquireAsync(FailureKey(client, account), permitCount: 1, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Counts a failed attempt of <paramref name="client"/> for <paramref name="account"/>, against the client's limit
    /// and, within the client's share, against the account's limit.
    /// </summary>
    /// <returns>Which limits this failure used up.</returns>
    public FailureCount CountFailure(string client, string account)
    {
        var key = FailureKey(client, account);
        var clientLocked = UsesUp(_failures, key, FailureWindow);
        var accountLocked = false;
        if (_accountFailures is not null && (_accountShares is null || Acquire(_accountShares, key, permits: 1, AccountFailureWindow) is null))
        {
            lock (_accountCount)
            {
                accountLocked = UsesUp(_accountFailures, account, AccountFailureWindow);
            }
        }

        return new FailureCount(clientLocked, accountLocked);
    }

    public void Dispose()
    {
        _requests.Dispose();
        _failures?.Dispose();
        _turns?.Dispose();
        _accountFailures?.Dispose();
        _accountShares?.Dispose();
    }

    /// <summary>Takes one permit for <paramref name="key"/>; <see langword="true"/> when it was the last one.</summary>
    private static bool UsesUp(PartitionedRateLimiter<string>? limiter, string key, TimeSpan window) =>
        Acquire(limiter, key, permits: 1, window) is null
            && Acquire(limiter, key, permits: 0, window) is not null;

    /// <summary>A partitioned sliding-window limiter of <paramref name="limit"/> per <paramref name="window"/>; <see langword="null"/> for a limit of 0.</summary>
    private PartitionedRateLimiter<string>? Create(int limit, TimeSpan window) =>
        limit == 0
            ? null
            : PartitionedRateLimiter.Create<string, string>(
                key => RateLimitPartition.GetSlidingWindowLimiter(key, _ =>
                {
                    Interlocked.Increment(ref _partitionsCreated);
                    return new SlidingWindowRateLimiterOptions
                    {
                        PermitLimit = limit,
                        Window = window,
                        SegmentsPerWindow = SegmentsPerWindow,
                        QueueLimit = 0,
                    };
                }),
                StringComparer.Ordinal);

    private static string FailureKey(string client, string account) => client + "\n" + account;

    /// <summary>The turn when the failure limits are off: there is nothing to wait for.</summary>
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

/// <summary>The outcome of <see cref="LoginRateLimiter.CountFailure"/>.</summary>
/// <param name="ClientLimitReached">This failure used up the client's failures for the account (<see cref="BlazorCookieAuthOptions.LoginFailureLimit"/>).</param>
/// <param name="AccountLimitReached">This failure used up the account's failures from all clients (<see cref="BlazorCookieAuthOptions.AccountFailureLimit"/>).</param>
internal readonly record struct FailureCount(bool ClientLimitReached, bool AccountLimitReached);
