using System.Security.Claims;

namespace BlazorCookieAuth.Passkeys.Tests.TestHost;

/// <summary>Gives alice and bob, with their names as claims; nobody else. Bob has no password.</summary>
internal sealed class TestPasskeyUsers : IPasskeyUserLoader
{
    public const string AliceId = "alice-id";
    public const string BobId = "bob-id";

    public Task<AuthUser?> LoadUserAsync(string authId, CancellationToken cancellationToken) =>
        Task.FromResult(authId switch
        {
            AliceId => new AuthUser(AliceId, [new Claim(ClaimTypes.Name, "alice")]),
            BobId => new AuthUser(BobId, [new Claim(ClaimTypes.Name, "bob")]),
            _ => null,
        });

    public Task<bool> HasOtherSignInAsync(string authId, CancellationToken cancellationToken) => Task.FromResult(authId != BobId);
}
