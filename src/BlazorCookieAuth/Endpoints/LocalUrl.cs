namespace BlazorCookieAuth.Endpoints;

/// <summary>
/// Decides whether a return URL stays on this site. Only an absolute path is local: not <c>//host</c>,
/// not <c>/\host</c> (browsers read both as another host), and no control characters (browsers drop tabs
/// and newlines, which would turn <c>/\t/host</c> into <c>//host</c>).
/// </summary>
internal static class LocalUrl
{
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/')
        {
            return false;
        }

        if (url.Length > 1 && (url[1] == '/' || url[1] == '\\'))
        {
            return false;
        }

        foreach (var c in url)
        {
            if (char.IsControl(c) || c == '\\')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The URL when it is local, else <paramref name="fallback"/>.</summary>
    public static string OrDefault(string? url, string fallback) => IsLocal(url) ? url! : fallback;
}
