using System.Collections.Concurrent;

namespace BlazorCookieAuth.Tests.TestHost;

/// <summary>Accepts any password for a username a test staged, and logs in the user staged for it.</summary>
internal sealed class StagedCredentialValidator : ICredentialValidator
{
    private readonly ConcurrentDictionary<string, AuthUser> _users = new(StringComparer.Ordinal);

    public void Stage(string username, AuthUser user) => _users[username] = user;

    public Task<AuthUser?> ValidateAsync(string username, string password, CancellationToken cancellationToken) =>
        Task.FromResult(_users.GetValueOrDefault(username));
}
