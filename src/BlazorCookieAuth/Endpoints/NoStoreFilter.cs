using Microsoft.AspNetCore.Http;

namespace BlazorCookieAuth.Endpoints;

/// <summary>
/// Marks every answer of the kit's endpoints <c>Cache-Control: no-store</c>, errors and 405s included: each one
/// depends on who asked, and a login or logout answer may carry a cookie.
/// </summary>
internal sealed class NoStoreFilter : IEndpointFilter
{
    public static readonly NoStoreFilter Instance = new();

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        context.HttpContext.Response.Headers.CacheControl = "no-store";
        return next(context);
    }
}
