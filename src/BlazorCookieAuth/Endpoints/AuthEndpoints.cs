using System.Text.Encodings.Web;
using System.Text.Json;
using BlazorCookieAuth.Authentication;
using BlazorCookieAuth.Diagnostics;
using BlazorCookieAuth.Tokens;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Endpoints;

/// <summary>
/// The request handlers behind <c>POST {prefix}/login</c> and <c>POST {prefix}/logout</c>. Both check the
/// antiforgery token themselves, answer with <c>Cache-Control: no-store</c>, and redirect only to local URLs.
/// A page's form post gets 303 redirects; an API caller (see <see cref="ApiRequests"/>) gets a status with JSON. In Bearer mode a login answers with the token as JSON.
/// </summary>
internal static class AuthEndpoints
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

    public static async Task LoginAsync(HttpContext context)
    {
        var telemetry = context.RequestServices.GetRequiredService<AuthTelemetry>();
        using var activity = telemetry.StartLogin();
        LoginResult result;
        try
        {
            result = await AttemptLoginAsync(context, telemetry).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            AuthTelemetry.SetException(activity, exception);
            throw;
        }

        AuthTelemetry.SetLoginResult(activity, result);
    }

    private static async Task<LoginResult> AttemptLoginAsync(HttpContext context, AuthTelemetry telemetry)
    {
        if (!await ReadBodyAsync(context).ConfigureAwait(false))
        {
            return LoginResult.InvalidRequest;
        }

        var services = context.RequestServices;
        var limiter = services.GetRequiredService<LoginRateLimiter>();
        var client = LoginRateLimiter.ClientOf(context);
        if (limiter.CountRequest(client) is { } wait)
        {
            // Counted before anything costly. The body is read only for the return URL the login page keeps.
            var unverified = await ReadRequestAsync(context).ConfigureAwait(false);
            Logger(context).LoginRateLimited(client, nameof(BlazorCookieAuthOptions.LoginRequestLimit));
            await RefuseRateLimitedAsync(context, wait, unverified?.ReturnUrl).ConfigureAwait(false);
            return LoginResult.RateLimited;
        }

        if (await RefuseWithoutAntiforgeryAsync(context).ConfigureAwait(false))
        {
            return LoginResult.Antiforgery;
        }

        var request = await ReadRequestAsync(context).ConfigureAwait(false);
        if (request is null)
        {
            await WriteBadRequestAsync(context, "invalid_request", "The login request could not be read.").ConfigureAwait(false);
            return LoginResult.InvalidRequest;
        }

        var returnUrl = LocalUrl.IsLocal(request.ReturnUrl) ? request.ReturnUrl : null;
        var check = await CredentialCheck.CheckAsync(context, client, request.Username ?? string.Empty, request.Password, Logger(context)).ConfigureAwait(false);
        if (check.RetryAfter is { } retryAfter)
        {
            await RefuseRateLimitedAsync(context, retryAfter, returnUrl).ConfigureAwait(false);
            return LoginResult.RateLimited;
        }

        if (check.User is not { } user)
        {
            await RefuseLoginAsync(context, StatusCodes.Status401Unauthorized, "invalid_credentials", WrongCredentials, returnUrl).ConfigureAwait(false);
            return LoginResult.Failed;
        }

        if (!AuthTokenFormat.CarriesExactly(user))
        {
            // A token written for this user would come back as another one. Refused as wrong credentials, so the
            // client learns nothing about the account, and logged for the app's developers.
            Logger(context).LoginNotCarried(user.AuthId!);
            telemetry.LoginFailed();
            await RefuseLoginAsync(context, StatusCodes.Status401Unauthorized, "invalid_credentials", WrongCredentials, returnUrl).ConfigureAwait(false);
            return LoginResult.Failed;
        }

        var target = returnUrl ?? Home(context);
        try
        {
            if (Options(context).Mode == AuthMode.Bearer)
            {
                // No cookie in Bearer mode: the client keeps the token and sends it as Authorization: Bearer.
                var token = await services.GetRequiredService<IAuthTokenService>().CreateTokenAsync(user, context.RequestAborted).ConfigureAwait(false);
                Logger(context).IssuedBearerToken(user.AuthId!);
                await WriteJsonAsync(context, new AuthEndpointResponse { Authenticated = true, AuthId = user.AuthId, ReturnUrl = target, Token = token }).ConfigureAwait(false);
                return LoginResult.Succeeded;
            }

            await services.GetRequiredService<IAuthSession>().LoginAsync(user, request.Remember).ConfigureAwait(false);
        }
        catch (AuthUnavailableException)
        {
            // The outage is logged once where it was found; the user is told to try again, and nothing changed.
            await RefuseLoginAsync(context, StatusCodes.Status503ServiceUnavailable, "unavailable", Unavailable, returnUrl).ConfigureAwait(false);
            return LoginResult.Unavailable;
        }

        if (IsApiRequest(context))
        {
            await WriteJsonAsync(context, new AuthEndpointResponse { Authenticated = true, AuthId = user.AuthId, ReturnUrl = target }).ConfigureAwait(false);
            return LoginResult.Succeeded;
        }

        SeeOther(context, target);
        return LoginResult.Succeeded;
    }

    public static async Task LogoutAsync(HttpContext context)
    {
        if (!await ReadBodyAsync(context).ConfigureAwait(false))
        {
            return;
        }

        if (await RefuseWithoutAntiforgeryAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var request = await ReadRequestAsync(context).ConfigureAwait(false);
        if (request is null)
        {
            await WriteBadRequestAsync(context, "invalid_request", "The logout request could not be read.").ConfigureAwait(false);
            return;
        }

        var session = context.RequestServices.GetRequiredService<IAuthSession>();
        await (request.Everywhere ? session.LogoutEverywhereAsync() : session.LogoutAsync()).ConfigureAwait(false);
        var target = LocalUrl.OrDefault(request.ReturnUrl, Home(context));
        if (IsApiRequest(context))
        {
            await WriteJsonAsync(context, new AuthEndpointResponse { Authenticated = false, ReturnUrl = target }).ConfigureAwait(false);
            return;
        }

        SeeOther(context, target);
    }

    /// <summary>
    /// Answers <c>GET {prefix}/session</c>: 200 while the request's login holds, else 401 (never a redirect), with
    /// <c>no-store</c>. A page that runs in the browser calls it to learn that its session ended elsewhere. The answer
    /// carries the auth id, never the token or the session id.
    /// </summary>
    public static async Task SessionAsync(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        var scheme = context.RequestServices.GetRequiredService<BlazorCookieAuthScheme>();
        var result = await context.AuthenticateAsync(scheme.Name).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            await ErrorResponse.WriteAsync(context, StatusCodes.Status401Unauthorized, "login_required", "This needs a login.").ConfigureAwait(false);
            return;
        }

        await WriteJsonAsync(context, new AuthEndpointResponse { Authenticated = true, AuthId = AuthUser.FromClaimsPrincipal(result.Principal).AuthId }).ConfigureAwait(false);
    }

    /// <summary>
    /// Answers a login that the rate limiter refused (logged and counted already) with 429 and <c>Retry-After</c>: problem
    /// details with <c>error: rate_limited</c> to an API caller; to a form post, a short page that
    /// takes the browser straight back to the login page with <c>error=<see cref="RateLimited"/></c> and the return URL
    /// kept, so the user reads why there.
    /// </summary>
    private static Task RefuseRateLimitedAsync(HttpContext context, TimeSpan wait, string? returnUrl)
    {
        if (IsApiRequest(context))
        {
            return LoginRateLimiter.RefuseAsync(context, wait);
        }

        var response = context.Response;
        LoginRateLimiter.StartRefusal(response, wait);

        var loginPage = HtmlEncoder.Default.Encode(LocalUrl.ToHeaderValue(LoginPageUrl(context, RateLimited, LocalUrl.IsLocal(returnUrl) ? returnUrl : null)));
        response.ContentType = "text/html; charset=utf-8";
        return response.WriteAsync(
            $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0; url={loginPage}\"><title>Too many login attempts</title></head>" +
            $"<body><p>Too many login attempts. <a href=\"{loginPage}\">Back to the login page</a></p></body></html>",
            context.RequestAborted);
    }

    /// <summary>
    /// Sends a refused login back: the status with <paramref name="error"/> to an API caller, else 303 to the login page
    /// with <c>error=<paramref name="reason"/></c> and the return URL kept.
    /// </summary>
    private static Task RefuseLoginAsync(HttpContext context, int statusCode, string error, string reason, string? returnUrl)
    {
        if (IsApiRequest(context))
        {
            var detail = statusCode == StatusCodes.Status503ServiceUnavailable
                ? "Logging in is not possible right now. Try again in a moment."
                : "The username or password is wrong.";
            return ErrorResponse.WriteAsync(context, statusCode, error, detail);
        }

        SeeOther(context, LoginPageUrl(context, reason, returnUrl));
        return Task.CompletedTask;
    }

    /// <summary>The login page with <c>error=<paramref name="reason"/></c> and the return URL, if any.</summary>
    private static string LoginPageUrl(HttpContext context, string reason, string? returnUrl)
    {
        var options = Options(context);
        return LocalUrl.PageWithReturnUrl(context.Request.PathBase.Value ?? string.Empty, options.LoginPath, options.ReturnUrlParameter, returnUrl,
            QueryString.Create(ErrorParameter, reason).Value!);
    }

    /// <summary>
    /// Reads the body into memory before anything else does (the antiforgery check reads a form, the rate limiter's
    /// page the return URL), at most <see cref="MaxBodyBytes"/> of it whatever its framing: a chunked body with no
    /// length is cut off there too, and nothing past it is read. A longer body is answered with 400 saying so.
    /// Also marks the answer <c>no-store</c>, as every answer of the endpoints is.
    /// </summary>
    /// <returns><see langword="false"/> when the body was too long or unreadable, and the request is answered.</returns>
    private static async Task<bool> ReadBodyAsync(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
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
                await WriteBadRequestAsync(context, "invalid_request", "The request body could not be read.").ConfigureAwait(false);
                return false;
            }
        }

        if (request.ContentLength > MaxBodyBytes || length > MaxBodyBytes)
        {
            await WriteBadRequestAsync(context, "body_too_large", $"The request body is larger than {MaxBodyBytes / 1024} KB, more than a login or logout ever sends.").ConfigureAwait(false);
            return false;
        }

        request.Body = new MemoryStream(body, 0, length, writable: false);
        return true;
    }

    private static async Task<bool> RefuseWithoutAntiforgeryAsync(HttpContext context)
    {
        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        bool valid;
        try
        {
            valid = await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnreadableBody(ex))
        {
            // A body that can't be parsed can't carry a valid token either.
            valid = false;
        }

        if (valid)
        {
            return false;
        }

        Logger(context).AntiforgeryRejected(context.Request.Path);
        await WriteBadRequestAsync(context, "antiforgery", "This form has expired or did not come from this site. Go back, reload the page and try again.").ConfigureAwait(false);
        return true;
    }

    private static bool IsUnreadableBody(Exception exception) =>
        exception is AntiforgeryValidationException or InvalidDataException or IOException or BadHttpRequestException;

    private static async Task<LoginRequest?> ReadRequestAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsUnreadableBody(ex))
            {
                return null;
            }

            return new LoginRequest
            {
                Username = form["username"],
                Password = form["password"],
                Remember = IsChecked(form["remember"]),
                ReturnUrl = form["returnUrl"],
                Everywhere = IsChecked(form["everywhere"]),
            };
        }

        if (!request.HasJsonContentType())
        {
            return new LoginRequest();
        }

        try
        {
            return await request.ReadFromJsonAsync(AuthEndpointJsonContext.Default.LoginRequest, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonException || IsUnreadableBody(ex))
        {
            return null;
        }
    }

    private static bool IsChecked(string? value) =>
        value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("on", StringComparison.OrdinalIgnoreCase) || value == "1");

    /// <summary>Whether the caller gets a status and a body rather than a redirect (see <see cref="ApiRequests"/>).</summary>
    private static bool IsApiRequest(HttpContext context) => ApiRequests.IsApiRequest(context, Options(context).Mode);

    private static string Home(HttpContext context) => context.Request.PathBase.HasValue ? context.Request.PathBase + "/" : "/";

    private static void SeeOther(HttpContext context, string location)
    {
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = LocalUrl.ToHeaderValue(location);
    }

    /// <summary>400 as problem details for JSON requests, and as a sentence a person can act on for form posts.</summary>
    private static Task WriteBadRequestAsync(HttpContext context, string error, string message) =>
        ErrorResponse.WriteAsync(context, StatusCodes.Status400BadRequest, error, message);

    /// <summary>Answers GET (and HEAD) on the endpoints: they change state, so only POST is allowed.</summary>
    public static Task MethodNotAllowedAsync(HttpContext context)
    {
        context.Response.Headers.Allow = HttpMethods.Post;
        context.Response.Headers.CacheControl = "no-store";
        return ErrorResponse.WriteAsync(
            context,
            StatusCodes.Status405MethodNotAllowed,
            "method_not_allowed",
            $"{context.Request.Path} only answers POST, from a form with an antiforgery token: it changes who is logged in.");
    }

    /// <summary>A successful answer to a JSON client.</summary>
    private static Task WriteJsonAsync(HttpContext context, AuthEndpointResponse body) =>
        context.Response.WriteAsJsonAsync(body, AuthEndpointJsonContext.Default.AuthEndpointResponse, cancellationToken: context.RequestAborted);

    private static BlazorCookieAuthOptions Options(HttpContext context)
    {
        var scheme = context.RequestServices.GetRequiredService<BlazorCookieAuthScheme>();
        return context.RequestServices.GetRequiredService<IOptionsMonitor<BlazorCookieAuthOptions>>().Get(scheme.Name);
    }

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuthEndpoints).FullName!);
}
