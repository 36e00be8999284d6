using Microsoft.AspNetCore.Http;

namespace BlazorCookieAuth.Authentication;

/// <summary>Reads a bearer token from the <c>Authorization</c> header, for the handler and for telling API callers apart.</summary>
internal static class BearerHeader
{
    private const string Prefix = "Bearer ";

    /// <summary>Whether the request carries <c>Authorization: Bearer</c> with a token; the scheme name is matched in any case.</summary>
    public static bool TryRead(HttpRequest request, out string? token)
    {
        token = null;
        string? header = request.Headers.Authorization;
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        token = header[Prefix.Length..].Trim();
        return token.Length > 0;
    }
}
