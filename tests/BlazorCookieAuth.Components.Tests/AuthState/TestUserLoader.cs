namespace BlazorCookieAuth.Components.Tests.AuthState;

/// <summary>The app's user store for the tests: users can be deleted, and loads are counted.</summary>
internal sealed class TestUserDirectory
{
    public HashSet<string> Deleted { get; } = [];

    public int Loads { get; set; }
}

/// <summary>A user loader over <see cref="TestUserDirectory"/>.</summary>
internal sealed class TestUserLoader(TestUserDirectory directory) : IAuthUserLoader<TestUser>
{
    public Task<TestUser?> LoadUserAsync(string authId, CancellationToken cancellationToken)
    {
        directory.Loads++;
        return Task.FromResult(directory.Deleted.Contains(authId) ? null : new TestUser(authId, "User " + authId));
    }
}

internal sealed record TestUser(string Id, string DisplayName);
