using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace BlazorCookieAuth.Endpoints;

/// <summary>
/// The kit's error answers (400, 401, 403, 405, 429, 503): RFC 9457 problem details, written through the app's
/// <see cref="IProblemDetailsService"/> (so its customizations apply) with the kit's error code as the <c>error</c>
/// extension, for a caller that reads JSON (<see cref="ApiRequests.WantsJson"/>); one sentence for anyone else. Either
/// way the answer has a body and a content type, so status-code pages (such as the template's
/// <c>UseStatusCodePagesWithReExecute</c>) leave it alone instead of showing "Not Found".
/// </summary>
internal static class ErrorResponse
{
    /// <summary>The problem details extension member that carries the kit's error code.</summary>
    public const string ErrorMember = "error";

    /// <param name="context">The request being answered.</param>
    /// <param name="statusCode">The status code.</param>
    /// <param name="error">The kit's error code, such as <c>invalid_credentials</c>; JSON clients read it as <c>error</c>.</param>
    /// <param name="detail">What happened and what to do, for a person.</param>
    public static IResult For(HttpContext context, int statusCode, string error, string detail)
    {
        if (ApiRequests.WantsJson(context.Request))
        {
            // ProblemHttpResult writes through IProblemDetailsService, and by itself when that can't answer the Accept header.
            return TypedResults.Problem(new ProblemDetails
            {
                Title = ReasonPhrases.GetReasonPhrase(statusCode),
                Status = statusCode,
                Detail = detail,
                Extensions = { [ErrorMember] = error },
            });
        }

        return TypedResults.Text(HttpMethods.IsHead(context.Request.Method) ? string.Empty : detail, "text/plain; charset=utf-8", statusCode: statusCode);
    }

    /// <summary>Writes <see cref="For"/>'s answer, for the authentication handlers, which answer without a result.</summary>
    /// <inheritdoc cref="For" path="/param"/>
    public static Task WriteAsync(HttpContext context, int statusCode, string error, string detail)
    {
        // Written outside the kit's endpoints (a challenge, a refusal): it depends on who asked, so no cache keeps it.
        context.Response.Headers.CacheControl = "no-store";
        return For(context, statusCode, error, detail).ExecuteAsync(context);
    }
}
