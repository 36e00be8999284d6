namespace BlazorCookieAuth.BasicAuth;

/// <summary>
/// What <c>RequireBasicAuth</c> puts on an endpoint: the realm it challenges with and whether it accepts plain HTTP.
/// An endpoint's own call overrides its group's, since the most specific metadata comes last.
/// </summary>
/// <param name="Realm">The realm, or <see langword="null"/> for the app's name.</param>
/// <param name="AllowPlainHttp">See <see cref="BasicAuthOptions.AllowPlainHttp"/>.</param>
internal sealed record BasicAuthMetadata(string? Realm, bool AllowPlainHttp)
{
    /// <summary>The realm when the app's name can't be one.</summary>
    public const string FallbackRealm = "BlazorCookieAuth";

    /// <summary>For a request to the scheme from an endpoint without <c>RequireBasicAuth</c>.</summary>
    public static readonly BasicAuthMetadata Default = new(null, AllowPlainHttp: false);

    /// <summary>Checks <paramref name="options"/> and keeps what they say.</summary>
    /// <exception cref="ArgumentException">The realm can't be sent in a header.</exception>
    public static BasicAuthMetadata From(BasicAuthOptions options, string paramName)
    {
        if (options.Realm is { } realm && !IsValidRealm(realm))
        {
            throw new ArgumentException(
                $"The basic authentication realm '{realm}' can't be sent in a WWW-Authenticate header: use printable ASCII without \" or \\, " +
                "such as \"Reports\", or leave it null for the app's name.",
                paramName);
        }

        return new BasicAuthMetadata(options.Realm, options.AllowPlainHttp);
    }

    /// <summary>
    /// Whether <paramref name="realm"/> can go between the quotes of <c>realm="..."</c> as it is: not empty, printable
    /// ASCII (servers refuse other header bytes), and no <c>"</c> or <c>\</c>, which a quoted string would need to escape.
    /// </summary>
    public static bool IsValidRealm(string realm) =>
        !string.IsNullOrWhiteSpace(realm) && realm.All(c => c is >= ' ' and <= '~' and not '"' and not '\\');

    /// <summary>The <c>WWW-Authenticate</c> value for <paramref name="realm"/> (RFC 7617), saying credentials are read as UTF-8.</summary>
    public static string Challenge(string realm) => $"Basic realm=\"{realm}\", charset=\"UTF-8\"";
}
