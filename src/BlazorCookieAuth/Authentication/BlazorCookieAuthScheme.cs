namespace BlazorCookieAuth.Authentication;

/// <summary>The name the kit's scheme was registered under, for services that serve that scheme.</summary>
/// <param name="Name">The authentication scheme name.</param>
internal sealed record BlazorCookieAuthScheme(string Name);
