using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BlazorCookieAuth.Authentication;
using BlazorCookieAuth.Diagnostics;
using BlazorCookieAuth.Sessions;
using BlazorCookieAuth.Tokens;
using BlazorCookieAuth.Users;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Endpoints;

/// <summary>
/// The request handlers behind <c>POST {prefix}/login</c>, <c>POST {prefix}/logout</c> and <c>GET {prefix}/session</c>.
/// They take their services as parameters and answer with results. Login and logout check the antiforgery token
/// themselves and redirect only to local URLs: a page's form post gets 303 redirects, an API caller (see
/// <see cref="ApiRequests"/>) a status with JSON. In Bearer mode a login answers with the token as JSON.
/// </summary>
/// <remarks>Also the category of the endpoints' logs.</remarks>
internal sealed class AuthEndpoints
{
    /// <summary>The query string parameter added to the login page URL after a failed login.</summary>
    public const string ErrorParameter = "error";

    /// <summary>The <see cref="ErrorParameter"/> value after wrong credentials.</summary>
    public const string WrongCredentials = "1";

    /// <summary>The <see cref="ErrorParameter"/> value when the session store can't be reached: try again later.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>The <see cref="ErrorParameter"/> value after too many login attempts: wait, then try again.</summary>
    public const string RateLimited = "ratelimited";

    /// <summary>The most of a request body either endpoint reads, whatever its framing (a form, JSON, chunked).</summary>
    private const int MaxBodyBytes = 16 * 1024;

    private AuthEndpoints()
    {
    }

    public static async Task<IResult> LoginAsync(
        HttpContext context,
        [FromServices] IAntiforgery antiforgery,
        [FromServices] AuthLogins logins,
        [FromServices] AuthTokenService tokens,
        [FromServices] BlazorCookieAuthScheme scheme,
        [FromServices] IOptionsMonitor<BlazorCookieAuthOptions> options,
        [FromServices] AuthTelemetry telemetry,
        [FromServices] ILogger<AuthEndpoints> logger)
    {
        var login = new Login(context, antiforgery, logins, tokens, options.Get(scheme.Name), telemetry, logger);
        using var activity = telemetry.StartLogin();
        try
        {
            var (result, answer) = await login.AttemptAsync().ConfigureAwait(false);
            AuthTelemetry.SetLoginResult(activity, result);
            return answer;
        }
        catch (Exception exception)
        {
            AuthTelemetry.SetException(activity, exception);
            throw;
        }
    }

    public static async Task<IResult> LogoutAsync(
        HttpContext context,
        [FromServices] IAntiforgery antiforgery,
        [FromServices] IAuthSession session,
        [FromServices] BlazorCookieAuthScheme scheme,
        [FromServices] IOptionsMonitor<BlazorCookieAuthOptions> options,
        [FromServices] ILogger<AuthEndpoints> logger)
    {
        if (await ReadBodyAsync(context).ConfigureAwait(false) is { } unread)
        {
            return unread;
        }

        var uncheckedUser = await UncheckedUserAsync(context, scheme).ConfigureAwait(false);
        if (await RefuseWithoutAntiforgeryAsync(context, antiforgery, logger, uncheckedUser).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var request = await ReadRequestAsync(context, LogoutRequest.FromForm, AuthEndpointJsonContext.Default.LogoutRequest).ConfigureAwait(false);
        if (request is null)
        {
            return ErrorResponse.For(context, StatusCodes.Status400BadRequest, "invalid_request", "The logout request could not be read.");
        }

        await (request.Everywhere ? session.LogoutEverywhereAsync() : session.LogoutAsync()).ConfigureAwait(false);
        var target = LocalUrl.OrDefault(request.ReturnUrl, Home(context));
        return ApiRequests.IsApiRequest(context, options.Get(scheme.Name).Mode)
            ? Json(new AuthEndpointResponse { Authenticated = false, ReturnUrl = target })
            : SeeOther(context, target);
    }

    /// <summary>
    /// Answers <c>GET {prefix}/session</c>: 200 while the request's login holds, else 401 (never a redirect). A page
    /// that runs in the browser calls it to learn that its session ended elsewhere. The answer carries the auth id,
    /// never the token or the session id.
    /// </summary>
    public static async Task<IResult> SessionAsync(HttpContext context, [FromServices] BlazorCookieAuthScheme scheme)
    {
        var result = await context.AuthenticateAsync(scheme.Name).ConfigureAwait(false);
        return result.Succeeded
            ? Json(new AuthEndpointResponse { Authenticated = true, AuthId = AuthUser.FromClaimsPrincipal(result.Principal).AuthId })
            : ErrorResponse.For(context, StatusCodes.Status401Unauthorized, "login_required", "This needs a login.");
    }

    /// <summary>
    /// Answers <c>POST {prefix}/reauthenticate</c>: a signed-in user proves who they are again with their password
    /// (<see cref="IAuthSession.ReauthenticateAsync"/>), under the login limits, and is sent back to the return URL with
    /// a fresh login. A wrong password goes back to the re-authentication page with <c>error=1</c>; an anonymous request
    /// to the login page. API callers get JSON and statuses, as from the login endpoint.
    /// </summary>
    public static async Task<IResult> ReauthenticateAsync(
        HttpContext context,
        [FromServices] IAntiforgery antiforgery,
        [FromServices] IAuthSession session,
        [FromServices] BlazorCookieAuthScheme scheme,
        [FromServices] IOptionsMonitor<BlazorCookieAuthOptions> optionsMonitor,
        [FromServices] ILogger<AuthEndpoints> logger)
    {
        if (await ReadBodyAsync(context).ConfigureAwait(false) is { } unread)
        {
            return unread;
        }

        if (await RefuseWithoutAntiforgeryAsync(context, antiforgery, logger).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        // The same per-client request limit as a login, counted once the antiforgery token is known good.
        var options = optionsMonitor.Get(scheme.Name);
        var page = options.ReauthenticationPath ?? options.LoginPath;
        var overRequestLimit = LoginRateLimiter.CountRequestAfterAntiforgery(context);
        var request = await ReadRequestAsync(context, ReauthenticateRequest.FromForm, AuthEndpointJsonContext.Default.ReauthenticateRequest).ConfigureAwait(false);
        var returnUrl = LocalUrl.IsLocal(request?.ReturnUrl) ? request!.ReturnUrl : null;
        if (overRequestLimit is { } wait)
        {
            return RefuseRateLimited(context, options, wait, returnUrl, page);
        }

        if (request is null)
        {
            return ErrorResponse.For(context, StatusCodes.Status400BadRequest, "invalid_request", "The re-authentication request could not be read.");
        }

        var isApiRequest = ApiRequests.IsApiRequest(context, options.Mode);
        var authenticated = await context.AuthenticateAsync(scheme.Name).ConfigureAwait(false);
        if (!authenticated.Succeeded || options.Mode == AuthMode.Bearer)
        {
            // Nobody to re-authenticate (the login ended meanwhile): logging in again is what helps.
            return isApiRequest
                ? ErrorResponse.For(context, StatusCodes.Status401Unauthorized, "login_required", "This needs a login.")
                : SeeOther(context, LocalUrl.PageWithReturnUrl(context.Request.PathBase.Value ?? string.Empty, options.LoginPath, options.ReturnUrlParameter, returnUrl, string.Empty));
        }

        var result = await session.ReauthenticateAsync(request.Password ?? string.Empty).ConfigureAwait(false);
        switch (result.Status)
        {
            case ReauthenticationStatus.Succeeded:
                var target = returnUrl ?? Home(context);
                return isApiRequest
                    ? Json(new AuthEndpointResponse { Authenticated = true, AuthId = AuthUser.FromClaimsPrincipal(context.User).AuthId, ReturnUrl = target })
                    : SeeOther(context, target);
            case ReauthenticationStatus.TooManyAttempts:
                return RefuseRateLimited(context, options, result.RetryAfter ?? TimeSpan.FromSeconds(1), returnUrl, page);
            case ReauthenticationStatus.Unavailable:
                return isApiRequest
                    ? ErrorResponse.For(context, StatusCodes.Status503ServiceUnavailable, "unavailable", "Checking the password is not possible right now. Try again in a moment.")
                    : SeeOther(context, PageUrl(context, options, page, Unavailable, returnUrl));
            default:
                return isApiRequest
                    ? ErrorResponse.For(context, StatusCodes.Status401Unauthorized, "invalid_credentials", "The password is wrong.")
                    : SeeOther(context, PageUrl(context, options, page, WrongCredentials, returnUrl));
        }
    }

    /// <summary>Answers GET (and HEAD) on the endpoints: they change state, so only POST is allowed.</summary>
    public static IResult MethodNotAllowed(HttpContext context)
    {
        context.Response.Headers.Allow = HttpMethods.Post;
        return ErrorResponse.For(
            context,
            StatusCodes.Status405MethodNotAllowed,
            "method_not_allowed",
            $"{context.Request.Path} only answers POST, from a form with an antiforgery token: it changes who is logged in.");
    }

    /// <summary>
    /// Reads the body into memory before anything else does (the antiforgery check reads a form, the rate-limited
    /// page the return URL), at most <see cref="MaxBodyBytes"/> of it whatever its framing: a chunked body with no
    /// length is cut off there too, and nothing past it is read.
    /// </summary>
    /// <returns>The answer when the body is too long or unreadable; <see langword="null"/> when it was read.</returns>
    internal static async Task<IResult?> ReadBodyAsync(HttpContext context)
    {
        var request = context.Request;
        var body = new byte[MaxBodyBytes + 1];
        var length = 0;
        if (request.ContentLength is null or <= MaxBodyBytes)
        {
            try
            {
                int read;
                while (length < body.Length && (read = await request.Body.ReadAsync(body.AsMemory(length), context.RequestAborted).ConfigureAwait(false)) > 0)
                {
                    length += read;
                }
            }
            catch (Exception ex) when (IsUnreadableBody(ex))
            {
                // A body cut short or badly framed is not acted on, whatever part of it arrived.
                return ErrorResponse.For(context, StatusCodes.Status400BadRequest, "invalid_request", "The request body could not be read.");
            }
        }

        if (request.ContentLength > MaxBodyBytes || length > MaxBodyBytes)
        {
            return ErrorResponse.For(context, StatusCodes.Status400BadRequest, "body_too_large", $"The request body is larger than {MaxBodyBytes / 1024} KB, more than a login or logout ever sends.");
        }

        request.Body = new MemoryStream(body, 0, length, writable: false);
        return null;
    }

    /// <summary>
    /// The user whose cookie came with the request when only its session couldn't be checked, because the store can't
    /// be reached: the request is anonymous, but a page loaded before the outage made its logout form's antiforgery
    /// token for that user. <see langword="null"/> otherwise.
    /// </summary>
    private static async Task<ClaimsPrincipal?> UncheckedUserAsync(HttpContext context, BlazorCookieAuthScheme scheme)
    {
        var handlers = context.RequestServices.GetRequiredService<IAuthenticationHandlerProvider>();
        if (await handlers.GetHandlerAsync(context, scheme.Name).ConfigureAwait(false) is not BlazorCookieAuthHandler handler)
        {
            return null;
        }

        await handler.AuthenticateAsync().ConfigureAwait(false);
        return handler.UncheckedToken?.User.ToClaimsPrincipal(scheme.Name);
    }

    /// <summary>
    /// 400 when the antiforgery token is missing or invalid; <see langword="null"/> when it is valid for the request's
    /// user or, on a logout during a store outage, for <paramref name="uncheckedUser"/>.
    /// </summary>
    internal static async Task<IResult?> RefuseWithoutAntiforgeryAsync(HttpContext context, IAntiforgery antiforgery, ILogger logger, ClaimsPrincipal? uncheckedUser = null)
    {
        if (uncheckedUser is not null && await IsAntiforgeryValidForAsync(context, antiforgery, uncheckedUser).ConfigureAwait(false))
        {
            return null;
        }

        if (await IsAntiforgeryValidAsync(context, antiforgery).ConfigureAwait(false))
        {
            return null;
        }

        logger.AntiforgeryRejected(context.Request.Path);
        return ErrorResponse.For(context, StatusCodes.Status400BadRequest, "antiforgery", "This form has expired or did not come from this site. Go back, reload the page and try again.");
    }

    private static async Task<bool> IsAntiforgeryValidAsync(HttpContext context, IAntiforgery antiforgery)
    {
        try
        {
            return await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnreadableBody(ex))
        {
            // A body that can't be parsed can't carry a valid token either.
            return false;
        }
    }

    /// <summary>
    /// Checks the antiforgery token as if <paramref name="user"/> made the request. Only for this check: the request
    /// stays anonymous afterwards, whatever the answer.
    /// </summary>
    private static async Task<bool> IsAntiforgeryValidForAsync(HttpContext context, IAntiforgery antiforgery, ClaimsPrincipal user)
    {
        var requestUser = context.User;
        context.User = user;
        try
        {
            return await IsAntiforgeryValidAsync(context, antiforgery).ConfigureAwait(false);
        }
        finally
        {
            context.User = requestUser;
        }
    }

    private static bool IsUnreadableBody(Exception exception) =>
        exception is AntiforgeryValidationException or InvalidDataException or IOException or BadHttpRequestException;

    /// <summary>The request from a form or JSON; an empty one for any other body; <see langword="null"/> when unreadable.</summary>
    internal static async Task<T?> ReadRequestAsync<T>(HttpContext context, Func<IFormCollection, T> fromForm, JsonTypeInfo<T> json)
        where T : class, new()
    {
        var request = context.Request;
        if (request.HasFormContentType)
        {
            try
            {
                return fromForm(await request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false));
            }
            catch (Exception ex) when (IsUnreadableBody(ex))
            {
                return null;
            }
        }

        if (!request.HasJsonContentType())
        {
            return new T();
        }

        try
        {
            return await request.ReadFromJsonAsync(json, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonException || IsUnreadableBody(ex))
        {
            return null;
        }
    }

    internal static string Home(HttpContext context) => context.Request.PathBase.HasValue ? context.Request.PathBase + "/" : "/";

    /// <summary>303 See Other to a local <paramref name="location"/>; the framework's redirect results have no 303.</summary>
    private static StatusCodeHttpResult SeeOther(HttpContext context, string location)
    {
        context.Response.Headers.Location = LocalUrl.ToHeaderValue(location);
        return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
    }

    /// <summary>A successful answer to an API caller.</summary>
    internal static JsonHttpResult<AuthEndpointResponse> Json(AuthEndpointResponse body) => TypedResults.Json(body, AuthEndpointJsonContext.Default.AuthEndpointResponse);

    /// <summary>
    /// Answers a login that a rate limit refused (logged and counted already) with 429 and <c>Retry-After</c>:
    /// problem details with <c>error: rate_limited</c> to an API caller; to a form post, <see cref="RateLimitedPage"/>,
    /// which takes the browser straight back to the login page with <c>error=<see cref="RateLimited"/></c> and the
    /// return URL kept, so the user reads why there.
    /// </summary>
    internal static IResult RefuseRateLimited(HttpContext context, BlazorCookieAuthOptions options, TimeSpan wait, string? returnUrl, string? page = null)
    {
        LoginRateLimiter.StartRefusal(context.Response, wait);
        if (ApiRequests.IsApiRequest(context, options.Mode))
        {
            return LoginRateLimiter.Refusal(context);
        }

        var loginPage = LocalUrl.ToHeaderValue(PageUrl(context, options, page ?? options.LoginPath, RateLimited, LocalUrl.IsLocal(returnUrl) ? returnUrl : null));
        return TypedResults.Content(RateLimitedPage.Render(loginPage), "text/html; charset=utf-8", statusCode: StatusCodes.Status429TooManyRequests);
    }

    /// <summary>The login page with <c>error=<paramref name="reason"/></c> and the return URL, if any.</summary>
    private static string LoginPageUrl(HttpContext context, BlazorCookieAuthOptions options, string reason, string? returnUrl) =>
        PageUrl(context, options, options.LoginPath, reason, returnUrl);

    /// <summary><paramref name="page"/> (the login or re-authentication page) with <c>error=<paramref name="reason"/></c> and the return URL, if any.</summary>
    private static string PageUrl(HttpContext context, BlazorCookieAuthOptions options, string page, string reason, string? returnUrl) =>
        LocalUrl.PageWithReturnUrl(context.Request.PathBase.Value ?? string.Empty, page, options.ReturnUrlParameter, returnUrl,
            QueryString.Create(ErrorParameter, reason).Value!);

    /// <summary>One login attempt, with the services it needs.</summary>
    internal sealed class Login(
        HttpContext context,
        IAntiforgery antiforgery,
        AuthLogins logins,
        AuthTokenService tokens,
        BlazorCookieAuthOptions options,
        AuthTelemetry telemetry,
        ILogger logger)
    {
        public async Task<(LoginResult Result, IResult Answer)> AttemptAsync()
        {
            if (await ReadBodyAsync(context).ConfigureAwait(false) is { } unread)
            {
                return (LoginResult.InvalidRequest, unread);
            }

            var client = LoginRateLimiter.ClientOf(context);
            if (await RefuseWithoutAntiforgeryAsync(context, antiforgery, logger).ConfigureAwait(false) is { } refused)
            {
                return (LoginResult.Antiforgery, refused);
            }

            // Counted only now, so requests without a valid token leave no state in the limiter; and before the request
            // is read, so every request with one counts, readable or not.
            var overRequestLimit = LoginRateLimiter.CountRequestAfterAntiforgery(context);
            var request = await ReadRequestAsync(context, LoginRequest.FromForm, AuthEndpointJsonContext.Default.LoginRequest).ConfigureAwait(false);
            var returnUrl = LocalUrl.IsLocal(request?.ReturnUrl) ? request!.ReturnUrl : null;
            if (overRequestLimit is { } wait)
            {
                return (LoginResult.RateLimited, RefuseRateLimited(context, options, wait, returnUrl));
            }

            if (request is null)
            {
                return (LoginResult.InvalidRequest, ErrorResponse.For(context, StatusCodes.Status400BadRequest, "invalid_request", "The login request could not be read."));
            }

            // Taken before the password is checked: a password change that happens while it is being checked voids this login.
            var checkedAt = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            var check = await CredentialCheck.CheckAsync(context, client, request.Username ?? string.Empty, request.Password, logger).ConfigureAwait(false);
            return await FinishAsync(check, checkedAt, request.Remember, returnUrl).ConfigureAwait(false);
        }

        /// <summary>
        /// Ends a login attempt once its credential was checked, whatever the credential (a password, a passkey): a
        /// refusal, or the session started and the answer to the client.
        /// </summary>
        /// <param name="check">What the credential check found.</param>
        /// <param name="checkedAt">When the check began, recorded as the login's <see cref="AuthUser.AuthenticatedAt"/>.</param>
        /// <param name="remember">Whether the login outlives the browser.</param>
        /// <param name="returnUrl">A local URL to go to, or <see langword="null"/>.</param>
        /// <param name="credential">
        /// The credential other than a password that was checked, such as a passkey: its session keeps its name, and the
        /// login is refused as wrong credentials when it was removed before the session was stored.
        /// </param>
        public async Task<(LoginResult Result, IResult Answer)> FinishAsync(
            CredentialCheckResult check, DateTimeOffset checkedAt, bool remember, string? returnUrl, SignInCredential? credential = null)
        {
            if (check.RetryAfter is { } retryAfter)
            {
                return (LoginResult.RateLimited, RefuseRateLimited(context, options, retryAfter, returnUrl));
            }

            if (check.User is not { } user)
            {
                return (LoginResult.Failed, RefuseLogin(StatusCodes.Status401Unauthorized, "invalid_credentials", WrongCredentials, returnUrl));
            }

            if (!AuthTokenFormat.CarriesExactly(user))
            {
                // A token written for this user would come back as another one. Refused as wrong credentials, so the
                // client learns nothing about the account, and logged for the app's developers.
                logger.LoginNotCarried(user.AuthId!);
                telemetry.LoginFailed();
                return (LoginResult.Failed, RefuseLogin(StatusCodes.Status401Unauthorized, "invalid_credentials", WrongCredentials, returnUrl));
            }

            var target = returnUrl ?? Home(context);
            user = user.CheckedAt(checkedAt);
            try
            {
                if (options.Mode == AuthMode.Bearer)
                {
                    // No cookie in Bearer mode: the client keeps the token and sends it as Authorization: Bearer.
                    var token = await tokens.CreateTokenAsync(user, credential, context.RequestAborted).ConfigureAwait(false);
                    logger.IssuedBearerToken(user.AuthId!);
                    return (LoginResult.Succeeded, Json(new AuthEndpointResponse { Authenticated = true, AuthId = user.AuthId, ReturnUrl = target, Token = token }));
                }

                await logins.LoginAsync(context, user, remember, expiresCap: null, sessionData: null, credential).ConfigureAwait(false);
            }
            catch (AuthUnavailableException)
            {
                // The outage is logged once where it was found; the user is told to try again, and nothing changed.
                return (LoginResult.Unavailable, RefuseLogin(StatusCodes.Status503ServiceUnavailable, "unavailable", Unavailable, returnUrl));
            }
            catch (CredentialsChangedException)
            {
                // The password changed, or the passkey was removed, while this login checked it: it is no longer the user's.
                if (options.Mode == AuthMode.Bearer)
                {
                    logger.LoginAfterCredentialsChanged(user.AuthId!);
                }

                telemetry.LoginFailed();
                return (LoginResult.Failed, RefuseLogin(StatusCodes.Status401Unauthorized, "invalid_credentials", WrongCredentials, returnUrl));
            }

            IResult answer = IsApiRequest
                ? Json(new AuthEndpointResponse { Authenticated = true, AuthId = user.AuthId, ReturnUrl = target })
                : SeeOther(context, target);
            return (LoginResult.Succeeded, answer);
        }

        /// <summary>What an API caller reads when the credentials were not accepted.</summary>
        public string WrongCredentialsDetail { get; init; } = "The username or password is wrong.";

        private bool IsApiRequest => ApiRequests.IsApiRequest(context, options.Mode);

        /// <summary>
        /// Sends a refused login back: the status with <paramref name="error"/> to an API caller, else 303 to the
        /// login page with <c>error=<paramref name="reason"/></c> and the return URL kept.
        /// </summary>
        private IResult RefuseLogin(int statusCode, string error, string reason, string? returnUrl)
        {
            if (!IsApiRequest)
            {
                return SeeOther(context, LoginPageUrl(context, options, reason, returnUrl));
            }

            var detail = statusCode == StatusCodes.Status503ServiceUnavailable
                ? "Logging in is not possible right now. Try again in a moment."
                : WrongCredentialsDetail;
            return ErrorResponse.For(context, statusCode, error, detail);
        }
    }
}
