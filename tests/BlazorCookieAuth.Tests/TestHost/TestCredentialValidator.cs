using System.Security.Claims;

namespace BlazorCookieAuth.Tests.TestHost;

/// <summary>Accepts <see cref="TestApp.Username"/> with <see cref="TestApp.Password"/>, and nobody else.</summary>
internal sealed class TestCredentialValidator : ICredentialValidator
{
    public Task<AuthUser?> ValidateAsync(string username, string password, CancellationToken cancellationToken)
    {
        var ok = username == TestApp.Username && password == TestApp.Password;
        return Task.FromResult(ok ? new AuthUser(TestApp.AliceId, [new Claim(ClaimTypes.Name, "Alice")]) : null);
    }
}
