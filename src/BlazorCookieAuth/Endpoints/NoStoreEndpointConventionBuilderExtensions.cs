using Microsoft.AspNetCore.Http;
using BlazorCookieAuth.Endpoints;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Keeps the answers of an app's own signed-in endpoints out of shared caches.</summary>
public static class NoStoreEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Sends <c>Cache-Control: no-store</c> with every answer of the endpoint (or of every endpoint of the group),
    /// errors included, so no browser or shared cache keeps what a signed-in user was shown. For minimal API
    /// endpoints and groups (<c>MapGet</c>, <c>MapGroup</c>), such as <c>app.MapGet("/api/me", ...).RequireAuthorization().WithNoStore()</c>.
    /// The kit's own endpoints already send it.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint or group builder.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static TBuilder WithNoStore<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddEndpointFilter(NoStoreFilter.Instance);
    }
}
