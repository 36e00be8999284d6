using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace BlazorCookieAuth.Endpoints;

/// <summary>
/// The body of the kit's error answers (400, 401, 403, 405, 429, 503): RFC 9457 problem details for a client that
/// speaks JSON, one sentence for anyone else. Either way the answer has a body and a content type, so status-code
/// pages (such as the template's <c>UseStatusCodePagesWithReExecute</c>) leave it alone instead of showing "Not Found".
/// </summary>
internal static class ErrorResponse
{
    /// <param name="context">The request being answered.</param>
    /// <param name="statusCode">The status code.</param>
    /// <param name="error">The kit's error code, such as <c>invalid_credentials</c>; JSON clients read it as <c>error</c>.</param>
    /// <param name="detail">What happened and what to do, for a person.</param>
    public static Task WriteAsync(HttpContext context, int statusCode, string error, string detail)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        if (ApiRequests.WantsJson(context.Request))
        {
            var problem = new ProblemBody
            {
                Title = ReasonPhrases.GetReasonPhrase(statusCode),
                Status = statusCode,
                Detail = detail,
                Error = error,
            };
            return response.WriteAsJsonAsync(problem, AuthEndpointJsonContext.Default.ProblemBody, "application/problem+json; charset=utf-8", context.RequestAborted);
        }

        response.ContentType = "text/plain; charset=utf-8";
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.WriteAsync(detail, context.RequestAborted);
    }
}
