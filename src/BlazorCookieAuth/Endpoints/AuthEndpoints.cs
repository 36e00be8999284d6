using System.Text.Json;
using BlazorCookieAuth.Authentication;
using BlazorCookieAuth.Tokens;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Endpoints;

/// <summary>
/// The request handlers behind <c>POST {prefix}/login</c> and <c>POST {prefix}/logout</c>. Both check the
/// antiforgery token themselves, answer with <c>Cache-Control: no-store</c>, and redirect only to local URLs.
/// Form posts get 303 redirects; JSON posts get JSON. In Bearer mode a login answers with the token as JSON.
/// </summary>
internal static class AuthEndpoints
{
    /// <summary>The query string parameter added to the login page URL after a failed login.</summary>
    public const string ErrorParameter = "error";

    /// <summary>The <see cref="ErrorParameter"/> value after wrong credentials.</summary>
    public const string WrongCredentials = "1";

    /// <summary>The <see cref="ErrorParameter"/> value when the session store can't be reached: try again later.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>The most of a request body either endpoint reads, whatever its framing (a form, JSON, chunked).</summary>
    private const int MaxBodyBytes = 16 * 1024;

    public static async Task LoginAsync(HttpContext context)
    {
        LimitBody(context);
        if (await RefuseWithoutAntiforgeryAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var request = await ReadRequestAsync(context).ConfigureAwait(false);
        if (request is null)
        {
            await WriteBadRequestAsync(context, "invalid_request", "The login request could not be read.").ConfigureAwait(false);
            return;
        }

        var services = context.RequestServices;
        var returnUrl = LocalUrl.IsLocal(request.ReturnUrl) ? request.ReturnUrl : null;
        AuthUser? user = null;
        if (!string.IsNullOrEmpty(request.Username) && !string.IsNullOrEmpty(request.Password))
        {
            var validator = services.GetRequiredService<ICredentialValidator>();
            user = await validator.ValidateAsync(request.Username, request.Password, context.RequestAborted).ConfigureAwait(false);
        }

        if (user is null || !user.IsAuthenticated)
        {
            Logger(context).LoginFailed();
            await RefuseLoginAsync(context, StatusCodes.Status401Unauthorized, "invalid_credentials", WrongCredentials, returnUrl).ConfigureAwait(false);
            return;
        }

        if (!AuthTokenFormat.CarriesExactly(user))
        {
            // A token written for this user would come back as another one. Refused as wrong credentials, so the
            // client learns nothing about the account, and logged for the app's developers.
            Logger(context).LoginNotCarried(user.AuthId!);
            await RefuseLoginAsync(context, StatusCodes.Status401Unauthorized, "invalid_credentials", WrongCredentials, returnUrl).ConfigureAwait(false);
            return;
        }

        var target = returnUrl ?? Home(context);
        try
        {
            if (Options(context).Mode == AuthMode.Bearer)
            {
                // No cookie in Bearer mode: the client keeps the token and sends it as Authorization: Bearer.
                var token = await services.GetRequiredService<IAuthTokenService>().CreateTokenAsync(user, context.RequestAborted).ConfigureAwait(false);
                Logger(context).IssuedBearerToken(user.AuthId!);
                await WriteJsonAsync(context, StatusCodes.Status200OK, new AuthEndpointResponse { Authenticated = true, AuthId = user.AuthId, ReturnUrl = target, Token = token }).ConfigureAwait(false);
                return;
            }

            await services.GetRequiredService<IAuthSession>().LoginAsync(user, request.Remember).ConfigureAwait(false);
        }
        catch (AuthUnavailableException)
        {
            // The outage is logged once where it was found; the user is told to try again, and nothing changed.
            await RefuseLoginAsync(context, StatusCodes.Status503ServiceUnavailable, "unavailable", Unavailable, returnUrl).ConfigureAwait(false);
            return;
        }

        if (IsJson(context))
        {
            await WriteJsonAsync(context, StatusCodes.Status200OK, new AuthEndpointResponse { Authenticated = true, AuthId = user.AuthId, ReturnUrl = target }).ConfigureAwait(false);
            return;
        }

        SeeOther(context, target);
    }

    public static async Task LogoutAsync(HttpContext context)
    {
        LimitBody(context);
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
        if (IsJson(context))
        {
            await WriteJsonAsync(context, StatusCodes.Status200OK, new AuthEndpointResponse { Authenticated = false, ReturnUrl = target }).ConfigureAwait(false);
            return;
        }

        SeeOther(context, target);
    }

    /// <summary>
    /// Sends a refused login back: JSON with <paramref name="error"/> to a JSON client, else 303 to the login page
    /// with <c>error=<paramref name="reason"/></c> and the return URL kept.
    /// </summary>
    private static Task RefuseLoginAsync(HttpContext context, int statusCode, string error, string reason, string? returnUrl)
    {
        if (IsJson(context))
        {
            return WriteJsonAsync(context, statusCode, new AuthEndpointResponse { Error = error });
        }

        var options = Options(context);
        var query = QueryString.Create(ErrorParameter, reason);
        if (returnUrl is not null)
        {
            query = query.Add(options.ReturnUrlParameter, returnUrl);
        }

        SeeOther(context, context.Request.PathBase + options.LoginPath + query);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Caps what is read of the body at <see cref="MaxBodyBytes"/> before anything reads it (the antiforgery check
    /// reads a form). The cap holds while reading, so a chunked body with no length is cut off there too: reading
    /// past it fails, and the request is answered as unreadable. Nothing past it is kept in memory.
    /// </summary>
    private static void LimitBody(HttpContext context) =>
        context.Request.EnableBuffering(bufferThreshold: MaxBodyBytes, bufferLimit: MaxBodyBytes);

    private static async Task<bool> RefuseWithoutAntiforgeryAsync(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
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

    private static bool IsJson(HttpContext context) => context.Request.HasJsonContentType();

    private static string Home(HttpContext context) => context.Request.PathBase.HasValue ? context.Request.PathBase + "/" : "/";

    private static void SeeOther(HttpContext context, string location)
    {
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = LocalUrl.ToHeaderValue(location);
    }

    /// <summary>400 as JSON for JSON requests, and as a sentence a person can act on for form posts.</summary>
    private static Task WriteBadRequestAsync(HttpContext context, string error, string message)
    {
        if (IsJson(context))
        {
            return WriteJsonAsync(context, StatusCodes.Status400BadRequest, new AuthEndpointResponse { Error = error });
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message, context.RequestAborted);
    }

    /// <summary>Answers GET (and HEAD) on the endpoints: they change state, so only POST is allowed.</summary>
    public static Task MethodNotAllowedAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = HttpMethods.Post;
        return Task.CompletedTask;
    }

    private static Task WriteJsonAsync(HttpContext context, int statusCode, AuthEndpointResponse body)
    {
        context.Response.StatusCode = statusCode;
        return context.Response.WriteAsJsonAsync(body, AuthEndpointJsonContext.Default.AuthEndpointResponse, cancellationToken: context.RequestAborted);
    }

    private static BlazorCookieAuthOptions Options(HttpContext context)
    {
        var scheme = context.RequestServices.GetRequiredService<BlazorCookieAuthScheme>();
        return context.RequestServices.GetRequiredService<IOptionsMonitor<BlazorCookieAuthOptions>>().Get(scheme.Name);
    }

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuthEndpoints).FullName!);
}
