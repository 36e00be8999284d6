namespace BlazorCookieAuth.Tests.Shared;

/// <summary>A user loader over <see cref="TestUserDirectory"/>.</summary>
internal sealed class TestUserLoader(TestUserDirectory directory) : IAuthUserLoader<TestUser>
{
    public Task<TestUser?> LoadUserAsync(string authId, CancellationToken cancellationToken)
    {
        directory.Loads++;
        return Task.FromResult(directory.Deleted.Contains(authId) ? null : new TestUser(authId, "User " + authId));
    }
}
