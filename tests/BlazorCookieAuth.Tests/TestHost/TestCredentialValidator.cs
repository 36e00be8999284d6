using System.Security.Claims;

namespace BlazorCookieAuth.Tests.TestHost;

/// <summary>
/// Accepts <see cref="TestApp.Username"/> and <see cref="TestApp.OtherUsername"/>, each with <see cref="TestApp.Password"/>,
/// and nobody else; re-authentication takes the same password for either.
/// </summary>
internal sealed class TestCredentialValidator : ICredentialValidator
{
    public Task<AuthUser?> ValidateAsync(string username, string password, CancellationToken cancellationToken)
    {
        var user = password != TestApp.Password ? null : username switch
        {
            TestApp.Username => new AuthUser(TestApp.AliceId, [new Claim(ClaimTypes.Name, "Alice")]),
            TestApp.OtherUsername => new AuthUser(TestApp.BobId, [new Claim(ClaimTypes.Name, "Bob")]),
            _ => null,
        };
        return Task.FromResult(user);
    }

    public Task<bool> ValidatePasswordAsync(AuthUser user, string password, CancellationToken cancellationToken) =>
        Task.FromResult(password == TestApp.Password && user.AuthId is TestApp.AliceId or TestApp.BobId);
}
