namespace BlazorCookieAuth.Tests.Shared;

/// <summary>The app's user store for the tests: users can be deleted, and loads are counted.</summary>
internal sealed class TestUserDirectory
{
    public HashSet<string> Deleted { get; } = [];

    public int Loads { get; set; }
}
