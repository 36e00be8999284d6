using BlazorCookieAuth.Testing;
using Bunit;
using Microsoft.AspNetCore.Components.Authorization;

namespace BlazorCookieAuth.Components.Tests;

/// <summary>The framework's own authorization components run unchanged on the kit's authentication state.</summary>
public sealed class FrameworkAuthorizationTests : BunitContext
{
    private readonly BunitBlazorCookieAuthContext _auth;

    public FrameworkAuthorizationTests()
    {
        _auth = this.AddBlazorCookieAuth();
    }

    [Fact]
    public void AuthorizeView_sees_the_signed_in_user_and_follows_logout()
    {
        _auth.SetUser("42", "Alice");
        var cut = Render<AuthorizeView>(p => p
            .Add(c => c.Authorized, state => $"<p>Hi {state.User.Identity!.Name}</p>")
            .Add(c => c.NotAuthorized, _ => "<p>Please log in</p>"));
        cut.MarkupMatches("<p>Hi Alice</p>");

        _auth.SetAnonymous();

        cut.WaitForAssertion(() => cut.MarkupMatches("<p>Please log in</p>"));
    }

    [Fact]
    public void AuthorizeView_checks_roles_carried_in_the_token()
    {
        _auth.SetUser("42", "Alice", "editor");

        var cut = Render<AuthorizeView>(p => p
            .Add(c => c.Roles, "admin")
            .Add(c => c.Authorized, _ => "<p>Admin</p>")
            .Add(c => c.NotAuthorized, _ => "<p>Not an admin</p>"));

        cut.MarkupMatches("<p>Not an admin</p>");
    }
}
