namespace BlazorCookieAuth.Demo.Users;

/// <summary>One demo account, with its password in clear text only so that the login page can show it.</summary>
internal sealed record DemoAccount(string UserName, string DisplayName, string Password);
