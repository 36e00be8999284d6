using BlazorCookieAuth.Components;
using BlazorCookieAuth.Testing;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;

namespace BlazorCookieAuth.Components.Tests;

public sealed class RequireLoginTests : BunitContext
{
    private readonly BunitBlazorCookieAuthContext _auth;
    private readonly BunitNavigationManager _navigation;

    public RequireLoginTests()
    {
        _auth = this.AddBlazorCookieAuth();
        _navigation = Services.GetRequiredService<BunitNavigationManager>();
        _navigation.NavigateTo("orders/42?tab=items");
    }

    [Fact]
    public void Signed_in_user_sees_the_content()
    {
        _auth.SetUser("alice");

        var cut = Render<RequireLogin>(p => p.AddChildContent("<p class=secret>Orders</p>"));

        cut.MarkupMatches("<p class=secret>Orders</p>");
        Assert.Equal("http://localhost/orders/42?tab=items", _navigation.Uri);
    }

    [Fact]
    public void Anonymous_user_is_sent_to_the_login_page_with_the_return_url_by_a_full_page_load()
    {
        var cut = Render<RequireLogin>(p => p
            .AddChildContent("<p class=secret>Orders</p>")
            .Add(c => c.Authorizing, "<p>Checking</p>"));

        Assert.Equal("http://localhost/login?returnUrl=%2Forders%2F42%3Ftab%3Ditems", _navigation.Uri);
        Assert.True(_navigation.History.First().Options.ForceLoad);
        cut.MarkupMatches("<p>Checking</p>");
    }

    [Fact]
    public void Anonymous_user_sees_NotAuthenticated_when_Redirect_is_off()
    {
        var cut = Render<RequireLogin>(p => p
            .AddChildContent("<p class=secret>Orders</p>")
            .Add(c => c.Redirect, false)
            .Add(c => c.NotAuthenticated, "<a href=login>Log in</a>"));

        cut.MarkupMatches("<a href=login>Log in</a>");
        Assert.Equal("http://localhost/orders/42?tab=items", _navigation.Uri);
    }

    [Fact]
    public void While_the_state_resolves_only_Authorizing_shows_and_nobody_is_redirected()
    {
        _auth.SetAuthorizing();

        var cut = Render<RequireLogin>(p => p
            .AddChildContent("<p class=secret>Orders</p>")
            .Add(c => c.Authorizing, "<p>Checking</p>"));

        cut.MarkupMatches("<p>Checking</p>");
        Assert.Equal("http://localhost/orders/42?tab=items", _navigation.Uri);

        _auth.SetUser("alice");

        cut.WaitForAssertion(() => cut.MarkupMatches("<p class=secret>Orders</p>"));
    }

    [Fact]
    public void Logging_out_while_the_content_is_on_screen_sends_the_user_to_the_login_page()
    {
        _auth.SetUser("alice");
        var cut = Render<RequireLogin>(p => p.AddChildContent("<p class=secret>Orders</p>"));
        cut.MarkupMatches("<p class=secret>Orders</p>");

        _auth.SetAnonymous();

        cut.WaitForAssertion(() => Assert.Equal("http://localhost/login?returnUrl=%2Forders%2F42%3Ftab%3Ditems", _navigation.Uri));
        Assert.Empty(cut.FindAll("p.secret"));
    }

    [Fact]
    public void A_parent_rendering_again_after_a_logout_does_not_send_the_browser_a_second_time()
    {
        _auth.SetUser("alice");
        var cut = Render<RequireLogin>(p => p.AddChildContent("<p class=secret>Orders</p>"));
        var before = _navigation.History.Count;

        _auth.SetAnonymous();
        cut.WaitForAssertion(() => Assert.Equal("http://localhost/login?returnUrl=%2Forders%2F42%3Ftab%3Ditems", _navigation.Uri));
        cut.Render(p => p.AddChildContent("<p class=secret>Orders, again</p>"));

        Assert.Equal(before + 1, _navigation.History.Count);
    }

    [Fact]
    public void Signed_in_user_without_the_role_sees_NotAuthorized_and_is_not_redirected()
    {
        _auth.SetUser("alice", "Alice", "reader");

        var cut = Render<RequireLogin>(p => p
            .AddChildContent("<p class=secret>Admin</p>")
            .Add(c => c.Roles, "admin")
            .Add(c => c.NotAuthorized, state => $"<p>{state.User.Identity!.Name} is not an admin</p>"));

        cut.MarkupMatches("<p>Alice is not an admin</p>");
        Assert.Equal("http://localhost/orders/42?tab=items", _navigation.Uri);
    }

    [Fact]
    public void Signed_in_user_with_the_role_sees_the_content()
    {
        _auth.SetUser("bob", "Bob", "reader", "admin");

        var cut = Render<RequireLogin>(p => p
            .AddChildContent("<p class=secret>Admin</p>")
            .Add(c => c.Roles, "admin"));

        cut.MarkupMatches("<p class=secret>Admin</p>");
    }

    [Fact]
    public void Login_path_and_return_url_parameter_come_from_the_options()
    {
        using var context = new BunitContext();
        context.AddBlazorCookieAuth(o =>
        {
            o.LoginPath = "/account/sign-in";
            o.ReturnUrlParameter = "next";
        });
        var navigation = context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("reports");

        context.Render<RequireLogin>(p => p.AddChildContent("secret"));

        Assert.Equal("http://localhost/account/sign-in?next=%2Freports", navigation.Uri);
    }
}
