namespace BlazorCookieAuth.Components.Tests.AuthState;

/// <summary>The app's own user type in the tests.</summary>
internal sealed record TestUser(string Id, string DisplayName);
