namespace BlazorCookieAuth.Tests.Shared;

/// <summary>The app's own user type in the tests.</summary>
internal sealed record TestUser(string Id, string DisplayName);
