namespace BlazorCookieAuth.Demo.Users;

/// <summary>The accounts created on first run, so the demo can be tried at once. Listed in the README too.</summary>
internal static class DemoAccounts
{
    public static IReadOnlyList<DemoAccount> All { get; } =
    [
        new("alice", "Alice Liddell", "wonderland"),
        new("bob", "Bob the Builder", "canwefixit"),
    ];
}
