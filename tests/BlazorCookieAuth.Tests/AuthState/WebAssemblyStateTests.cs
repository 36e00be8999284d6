using BlazorCookieAuth.Tests.TestHost;
using System.Security.Claims;
using System.Text.Json;
using BlazorCookieAuth.Components.Client;

namespace BlazorCookieAuth.Tests.AuthState;

/// <summary>What of a signed-in user the server writes into a page for WebAssembly components.</summary>
public class WebAssemblyStateTests
{
    private static readonly DateTimeOffset IssuedAt = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private static AuthUser Alice() => new(
        "alice",
        [
            new Claim(ClaimTypes.Name, "Alice Liddell"),
            new Claim(ClaimTypes.Role, "admin"),
            new Claim(ClaimTypes.Email, "alice@example.com"),
            new Claim("tenant", "wonderland"),
        ])
    {
        SessionId = "session-1",
        IssuedAt = IssuedAt,
        ExpiresAt = IssuedAt.AddDays(365),
        IsPersistent = true,
        AuthenticatedAt = IssuedAt,
    };

    [Fact]
    public void Only_the_name_and_role_claims_and_the_apps_chosen_types_go_with_the_auth_id_and_times()
    {
        var user = ClientAuthState.ToClientUser(Alice(), ["tenant"])!;

        Assert.Equal("alice", user.AuthId);
        Assert.Equal(
            [(ClaimTypes.Name, "Alice Liddell"), (ClaimTypes.Role, "admin"), ("tenant", "wonderland")],
            user.Claims.Select(c => (c.Type, c.Value)));
        Assert.Equal(IssuedAt.ToUnixTimeMilliseconds(), user.IssuedAt);
        Assert.Equal(IssuedAt.AddDays(365).ToUnixTimeMilliseconds(), user.ExpiresAt);
        Assert.True(user.IsPersistent);

        var back = user.ToAuthUser();
        Assert.Equal("alice", back.AuthId);
        Assert.Null(back.SessionId);
        Assert.DoesNotContain("session-1", JsonSerializer.Serialize(user), StringComparison.Ordinal);
        Assert.Equal(IssuedAt, back.AuthenticatedAt);
        Assert.Equal("Alice Liddell", back.ToClaimsPrincipal().Identity!.Name);
        Assert.True(back.ToClaimsPrincipal().IsInRole("admin"));
    }

    [Fact]
    public void An_anonymous_user_is_carried_as_none_and_a_page_with_a_forged_reserved_claim_loses_it()
    {
        Assert.Null(ClientAuthState.ToClientUser(AuthUser.Anonymous, []));

        var forged = ClientAuthState.ToClientUser(Alice(), [])!;
        forged.Claims = [.. forged.Claims, new ClientClaim { Type = BlazorCookieAuthClaimTypes.SessionId, Value = "other" }];

        Assert.Null(forged.ToAuthUser().SessionId);
        Assert.Null(forged.ToAuthUser().ToClaimsPrincipal().FindFirst(BlazorCookieAuthClaimTypes.SessionId));
    }
}
