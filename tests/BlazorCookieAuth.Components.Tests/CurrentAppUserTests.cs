using BlazorCookieAuth.Tests.Shared;
using BlazorCookieAuth.Testing;
using Bunit;

namespace BlazorCookieAuth.Components.Tests;

public sealed class CurrentAppUserTests : BunitContext
{
    private readonly BunitBlazorCookieAuthContext _auth;
    private readonly TestUserDirectory _directory = new();

    public CurrentAppUserTests()
    {
        _auth = this.AddBlazorCookieAuth();
        _auth.Builder.Services.AddSingleton(_directory);
        _auth.Builder.AddUserLoader<TestUser, TestUserLoader>();
    }

    [Fact]
    public void Signed_in_user_gets_the_app_user_from_the_loader()
    {
        _auth.SetUser("7");

        var cut = Render<CurrentAppUser<TestUser>>(p => p
            .Add(c => c.Authenticated, user => $"<span>{user.DisplayName}</span>")
            .Add(c => c.Anonymous, "<a href=login>Log in</a>"));

        cut.MarkupMatches("<span>User 7</span>");
    }

    [Fact]
    public void Loader_runs_once_for_several_components_on_the_page()
    {
        _auth.SetUser("7");

        Render<CurrentAppUser<TestUser>>(p => p.Add(c => c.Authenticated, user => user.DisplayName));
        Render<CurrentAppUser<TestUser>>(p => p.Add(c => c.Authenticated, user => user.Id));

        Assert.Equal(1, _directory.Loads);
    }

    [Fact]
    public void Anonymous_user_sees_Anonymous_and_nothing_is_loaded()
    {
        var cut = Render<CurrentAppUser<TestUser>>(p => p
            .Add(c => c.Authenticated, user => $"<span>{user.DisplayName}</span>")
            .Add(c => c.Anonymous, "<a href=login>Log in</a>"));

        cut.MarkupMatches("<a href=login>Log in</a>");
        Assert.Equal(0, _directory.Loads);
    }

    [Fact]
    public void User_the_loader_no_longer_finds_sees_Anonymous()
    {
        _directory.Deleted.Add("7");
        _auth.SetUser("7");

        var cut = Render<CurrentAppUser<TestUser>>(p => p
            .Add(c => c.Authenticated, user => $"<span>{user.DisplayName}</span>")
            .Add(c => c.Anonymous, "<a href=login>Log in</a>"));

        cut.MarkupMatches("<a href=login>Log in</a>");
    }

    [Fact]
    public void While_the_state_resolves_shows_Authorizing()
    {
        _auth.SetAuthorizing();

        var cut = Render<CurrentAppUser<TestUser>>(p => p
            .Add(c => c.Authenticated, user => $"<span>{user.DisplayName}</span>")
            .Add(c => c.Authorizing, "<span>…</span>"));

        cut.MarkupMatches("<span>…</span>");
    }

    [Fact]
    public void Follows_logout_while_rendered()
    {
        _auth.SetUser("7");
        var cut = Render<CurrentAppUser<TestUser>>(p => p
            .Add(c => c.Authenticated, user => $"<span>{user.DisplayName}</span>")
            .Add(c => c.Anonymous, "<a href=login>Log in</a>"));
        cut.MarkupMatches("<span>User 7</span>");

        _auth.SetAnonymous();

        cut.WaitForAssertion(() => cut.MarkupMatches("<a href=login>Log in</a>"));
    }
}
