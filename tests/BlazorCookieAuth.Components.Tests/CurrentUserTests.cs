using BlazorCookieAuth.Components;
using BlazorCookieAuth.Testing;
using Bunit;

namespace BlazorCookieAuth.Components.Tests;

public sealed class CurrentUserTests : BunitContext
{
    private readonly BunitBlazorCookieAuthContext _auth;

    public CurrentUserTests()
    {
        _auth = this.AddBlazorCookieAuth();
    }

    [Fact]
    public void Without_fragments_shows_the_display_name()
    {
        _auth.SetUser("42", "Alice Liddell");

        var cut = Render<CurrentUser>();

        cut.MarkupMatches("Alice Liddell");
    }

    [Fact]
    public void Signed_in_user_carries_the_name_and_roles_given_to_SetUser()
    {
        var alice = _auth.SetUser("42", name: "Alice", roles: "admin");

        var cut = Render<CurrentUser>(p => p.Add(c => c.Authenticated, user => $"<span>{user.DisplayName}</span>"));

        cut.MarkupMatches("<span>Alice</span>");
        Assert.Contains(alice.Claims, c => c.Type == System.Security.Claims.ClaimTypes.Role && c.Value == "admin");
    }

    [Fact]
    public void Without_fragments_or_a_name_shows_the_auth_id()
    {
        _auth.SetUser("42");

        var cut = Render<CurrentUser>();

        cut.MarkupMatches("42");
    }

    [Fact]
    public void Authenticated_fragment_gets_the_signed_in_AuthUser()
    {
        var alice = _auth.SetUser("42", "Alice");

        var cut = Render<CurrentUser>(p => p
            .Add(c => c.Authenticated, user => $"<span class=who>{user.AuthId} {user.SessionId}</span>")
            .Add(c => c.Anonymous, "<a href=login>Log in</a>"));

        cut.MarkupMatches($"<span class=who>42 {alice.SessionId}</span>");
        Assert.NotNull(alice.SessionId);
    }

    [Fact]
    public void Anonymous_user_sees_the_Anonymous_fragment()
    {
        var cut = Render<CurrentUser>(p => p
            .Add(c => c.Authenticated, user => $"<span>{user.AuthId}</span>")
            .Add(c => c.Anonymous, "<a href=login>Log in</a>"));

        cut.MarkupMatches("<a href=login>Log in</a>");
    }

    [Fact]
    public void Anonymous_user_without_fragments_sees_nothing()
    {
        var cut = Render<CurrentUser>();

        cut.MarkupMatches(string.Empty);
    }

    [Fact]
    public void While_the_state_resolves_shows_Authorizing()
    {
        _auth.SetAuthorizing();

        var cut = Render<CurrentUser>(p => p
            .Add(c => c.Authorizing, "<span>…</span>")
            .Add(c => c.Anonymous, "<a href=login>Log in</a>"));

        cut.MarkupMatches("<span>…</span>");
    }

    [Fact]
    public void Follows_login_and_logout_while_rendered()
    {
        var cut = Render<CurrentUser>(p => p.Add(c => c.Anonymous, "<a href=login>Log in</a>"));
        cut.MarkupMatches("<a href=login>Log in</a>");

        _auth.SetUser("42", "Alice");
        cut.WaitForAssertion(() => cut.MarkupMatches("Alice"));

        _auth.SetAnonymous();
        cut.WaitForAssertion(() => cut.MarkupMatches("<a href=login>Log in</a>"));
    }
}
