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

    private int _warned;

    /// <summary>Called as a request is authenticated.</summary>
    public void Check(HttpContext context)
    {
        // Without a result yet, this is the authentication middleware's own first call: had antiforgery run, it ran first.
        if (Volatile.Read(ref _warned) == 0
            && context.Items.ContainsKey(AntiforgeryRanKey)
            && context.Features.Get<IAuthenticateResultFeature>() is null
            && Interlocked.Exchange(ref _warned, 1) == 0)
        {
            logger.AntiforgeryBeforeAuthentication();
        }
    }
}
