using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Authentication;

/// <summary>
/// Notices, once per app, <c>UseAntiforgery()</c> placed before <c>UseAuthentication()</c>: antiforgery then checks a
/// signed-in user's forms as if nobody were signed in, and refuses them with a bare 400.
/// </summary>
internal sealed class MiddlewareOrderCheck(ILogger<MiddlewareOrderCheck> logger)
{
    /// <summary>What the framework's antiforgery middleware puts in <see cref="HttpContext.Items"/> of every request with an endpoint.</summary>
    private const string AntiforgeryRanKey = "__AntiforgeryMiddlewareWithEndpointInvoked";

    /// <summary>1 once a request has told: the order is the app's, the same for every request.</summary>
    private int _decided;

    /// <summary>Called as a request is authenticated; does nothing once the order is known.</summary>
    public void Check(HttpContext context)
    {
        // Only the authentication middleware's own call (no result yet) on a request with an endpoint, which is when
        // antiforgery marks the request, tells: had antiforgery run, it ran first.
        if (Volatile.Read(ref _decided) != 0
            || context.GetEndpoint() is null
            || context.Features.Get<IAuthenticateResultFeature>() is not null
            || Interlocked.Exchange(ref _decided, 1) != 0)
        {
            return;
        }

        if (context.Items.ContainsKey(AntiforgeryRanKey))
        {
            logger.AntiforgeryBeforeAuthentication();
        }
    }
}
