using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace BlazorCookieAuth.Tests.Shared;

/// <summary>
/// Checks where redirects would take a browser, and collects every one that leaves the site, so that a run over
/// the whole <see cref="OpenRedirectCorpus"/> fails once and names every payload that got through. A target
/// (a <c>Location</c> header or a navigation) is resolved against the site the way browsers resolve it: leading
/// and trailing controls and spaces trimmed, tabs and newlines dropped anywhere, backslashes read as slashes, any
/// run of slashes after the scheme read as the start of an authority, userinfo before the last <c>@</c> skipped,
/// and full-width dots in a host read as dots. It passes only if it stays on the site's host over http(s), carries
/// no control character, is under 4 KB, and carries a return URL (<c>returnUrl=</c>) that passes the same check.
/// Linked into each project that checks where the kit redirects.
/// </summary>
internal sealed class OffSiteRedirects(Uri site)
{
    /// <summary>A <c>Location</c> header or address must be shorter than this many bytes: 4 KB.</summary>
    public const int LocationLimitBytes = 4096;

    /// <summary>The query parameter the login page reads its return URL from, the kit's default.</summary>
    private const string ReturnUrlParameter = "returnUrl";

    /// <summary>What browsers trim from both ends of a URL.</summary>
    private static readonly char[] C0ControlsAndSpace = [.. Enumerable.Range(0, 0x21).Select(c => (char)c)];

    private readonly List<string> _problems = [];

    /// <summary>Each problem found, naming what was checked, the payload and where it led.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>How many targets were checked.</summary>
    public int Checked { get; private set; }

    /// <summary>
    /// Checks where <paramref name="target"/>, the redirect <paramref name="payload"/> led to in <paramref name="what"/>,
    /// would take a browser; <see langword="null"/> is no redirect, which stays on the site.
    /// </summary>
    public void Check(string what, string payload, string? target)
    {
        Checked++;
        if (target is not null && Problem(target) is { } problem)
        {
            Report(what, payload, $"{problem}: {Describe(target)}");
        }
    }

    /// <summary>Records that <paramref name="payload"/> got an answer in <paramref name="what"/> that the test didn't expect.</summary>
    public void Report(string what, string payload, string problem) =>
        _problems.Add($"{what}, payload {Describe(payload)}: {problem}");

    /// <summary>Fails with every problem found, one a line.</summary>
    public void AssertNone() =>
        Assert.True(_problems.Count == 0, $"{_problems.Count} of {Checked} redirects went wrong:{Environment.NewLine}{string.Join(Environment.NewLine, _problems)}");

    private string? Problem(string target)
    {
        if (Encoding.UTF8.GetByteCount(target) >= LocationLimitBytes)
        {
            return $"{Encoding.UTF8.GetByteCount(target)} bytes, not under {LocationLimitBytes}";
        }

        var (scheme, host) = Resolve(target);
        if (scheme is not ("http" or "https"))
        {
            return $"the scheme {scheme}:";
        }

        if (!string.Equals(host, site.Host, StringComparison.OrdinalIgnoreCase))
        {
            return $"the host '{host}'";
        }

        if (target.Any(char.IsControl))
        {
            // A header can't carry one; a server that sends it anyway leaves the browser to guess.
            return "a control character";
        }

        var query = target.IndexOf('?', StringComparison.Ordinal) is var start and >= 0 ? target[start..] : string.Empty;
        var carried = QueryHelpers.ParseQuery(query).GetValueOrDefault(ReturnUrlParameter).ToString();
        return carried.Length > 0 && Problem(carried) is { } problem ? $"the carried return URL has {problem}" : null;
    }

    /// <summary>The scheme and host a browser on the site goes to for <paramref name="target"/>.</summary>
    private (string Scheme, string Host) Resolve(string target)
    {
        var url = new string(target.Trim(C0ControlsAndSpace).Where(c => c is not ('\t' or '\r' or '\n')).ToArray());
        var schemeLength = SchemeLength(url);
        var scheme = schemeLength > 0 ? url[..schemeLength].ToLowerInvariant() : site.Scheme;
        if (scheme is not ("http" or "https"))
        {
            return (scheme, string.Empty);
        }

        var rest = url[(schemeLength > 0 ? schemeLength + 1 : 0)..].Replace('\\', '/');

        // "https:path" on an https page is relative to it; "//" or another scheme starts an authority, whatever the slashes.
        var hasAuthority = rest.StartsWith("//", StringComparison.Ordinal) || (schemeLength > 0 && scheme != site.Scheme);
        return (scheme, hasAuthority ? HostOf(rest.TrimStart('/')) : site.Host);
    }

    private static string HostOf(string authorityAndRest)
    {
        var end = authorityAndRest.IndexOfAny(['/', '?', '#']);
        var authority = end < 0 ? authorityAndRest : authorityAndRest[..end];
        var host = authority[(authority.LastIndexOf('@') + 1)..];
        if (host.LastIndexOf(':') is var colon and >= 0 && !host.StartsWith('['))
        {
            host = host[..colon];
        }

        return Uri.UnescapeDataString(host).Normalize(NormalizationForm.FormKC).Replace('\u3002', '.').ToLowerInvariant();
    }

    /// <summary>The length of the URL's scheme (an ASCII letter, then letters, digits, +, - or .), or 0 for none.</summary>
    private static int SchemeLength(string url)
    {
        if (url.Length == 0 || !char.IsAsciiLetter(url[0]))
        {
            return 0;
        }

        for (var i = 1; i < url.Length; i++)
        {
            if (url[i] == ':')
            {
                return i;
            }

            if (!char.IsAsciiLetterOrDigit(url[i]) && url[i] is not ('+' or '-' or '.'))
            {
                return 0;
            }
        }

        return 0;
    }

    /// <summary>A payload or target as it can be read in a test report: controls escaped, long ones cut.</summary>
    private static string Describe(string text)
    {
        const int Shown = 80;
        var builder = new StringBuilder("\"");
        foreach (var c in text.Length > Shown ? text[..Shown] : text)
        {
            if (c is >= ' ' and <= '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
        }

        builder.Append('"');
        if (text.Length > Shown)
        {
            builder.Append(CultureInfo.InvariantCulture, $"... ({text.Length} characters)");
        }

        return builder.ToString();
    }
}
