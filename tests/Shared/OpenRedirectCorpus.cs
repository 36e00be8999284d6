namespace BlazorCookieAuth.Tests.Shared;

/// <summary>
/// Return URLs and page addresses that try to send a browser off the site, or to a script, after a login or
/// logout. Each is a way browsers are known to read a URL differently from a server: slashes and backslashes,
/// encodings, userinfo, look-alike characters, schemes, characters that browsers drop, and sheer length.
/// Linked into each project that checks where the kit redirects.
/// </summary>
internal static class OpenRedirectCorpus
{
    /// <summary>The host every payload aims at.</summary>
    public const string EvilHost = "evil.example";

    public static IReadOnlyList<string> Payloads { get; } =
    [
        // Protocol-relative, and the slashes browsers collapse into one authority.
        "//evil.example",
        "//evil.example/path",
        "///evil.example",
        "////evil.example",
        "~//evil.example",
        "evil.example",

        // Backslashes, which browsers read as slashes in http(s) URLs, alone and mixed with slashes.
        "/\\evil.example",
        "\\\\evil.example",
        "\\/evil.example",
        "/\\/evil.example",
        "\\\\\\evil.example",
        "/\t\\evil.example",

        // Absolute URLs, and schemes without slashes (http: from an https page is another host).
        "https://evil.example",
        "http://evil.example/",
        "HTTPS://EVIL.EXAMPLE",
        "HtTpS://evil.example",
        "https:evil.example",
        "http:evil.example",
        "http:/evil.example",
        "https:/\\evil.example",
        "https:\\\\evil.example",

        // Userinfo: everything before the last @ of the authority is a user name, not the host.
        "/@evil.example",
        "//@evil.example",
        "//localhost@evil.example",
        "https://localhost@evil.example",
        "https://localhost:443@evil.example/",
        "https://localhost%40evil.example",

        // Percent-encoded and double-encoded slashes and backslashes.
        "%2F%2Fevil.example",
        "%2f%2fevil.example",
        "/%2F/evil.example",
        "/%2f%2fevil.example",
        "/%5Cevil.example",
        "%5C%5Cevil.example",
        "/%5C%5Cevil.example",
        "%252F%252Fevil.example",
        "/%252F%252Fevil.example",
        "/%255Cevil.example",
        "/%09/evil.example",
        "/%0D%0A/evil.example",

        // Dot segments: browsers remove them after reading the authority, servers may before.
        "/.//evil.example",
        "/./\\evil.example",
        "/../evil.example",
        "/..//evil.example",

        // Unicode look-alikes of the slash, the backslash and the dot.
        "/\uFF0Fevil.example",
        "\uFF0F\uFF0Fevil.example",
        "/\u2215evil.example",
        "\u2215\u2215evil.example",
        "/\u2044evil.example",
        "/\uFF3Cevil.example",
        "\uFF3C\uFF3Cevil.example",
        "//evil\u3002example",
        "//evil\uFF0Eexample",
        "https://evil\u3002example",
        "https://localhost\uFF0F@evil.example",

        // Script and data schemes, in any case and with the characters browsers strip inside a scheme.
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "java\rscript:alert(1)",
        " javascript:alert(1)",
        "\u0001javascript:alert(1)",
        "javascript://%0Aalert(1)",
        "data:text/html,<script>alert(1)</script>",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",

        // Control and invisible characters, which browsers drop (tab, CR, LF) or trim (leading C0 and space).
        "/\t/evil.example",
        "/\n/evil.example",
        "/\r\n/evil.example",
        "/\r/evil.example",
        "/\0/evil.example",
        "\0//evil.example",
        "/\u000B/evil.example",
        "/\f/evil.example",
        "/\u0085/evil.example",
        "/\u2028/evil.example",
        "/\u2029/evil.example",
        "/\u00A0/evil.example",
        "/\u200B/evil.example",
        "\uFEFF//evil.example",

        // Leading whitespace.
        " //evil.example",
        "\t//evil.example",
        "\n//evil.example",
        "\r\n//evil.example",
        "   /\\evil.example",

        // Length: past the 2,048-character return URL limit, as characters and as the header encodes them,
        // a local URL whose query encoding is three times its length, and far past any header limit.
        "/" + new string('a', 2_100),
        "//evil.example/" + new string('a', 2_100),
        "/" + string.Concat(Enumerable.Repeat("\u00e9", 700)),
        "/" + new string('%', 2_000),
        "/?" + new string('/', 2_000),
        "/" + new string('a', 100_000),
        "//evil.example/" + new string('a', 100_000),
    ];
}
