using BlazorCookieAuth.Components;
using BlazorCookieAuth.Testing;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace BlazorCookieAuth.Components.Tests.Components;

public sealed class LogoutButtonTests : BunitContext
{
    private readonly BunitBlazorCookieAuthContext _auth;
    private readonly NavigationManager _navigation;

    public LogoutButtonTests()
    {
        _auth = this.AddBlazorCookieAuth();
        _navigation = Services.GetRequiredService<NavigationManager>();
        _navigation.NavigateTo("account?tab=profile");
    }

    [Fact]
    public void Signed_in_user_gets_a_form_posting_to_the_logout_endpoint_with_antiforgery_token_and_return_url()
    {
        _auth.SetUser("alice");

        var cut = Render<LogoutButton>(p => p.AddUnmatched("class", "link"));

        cut.MarkupMatches("""
            <form method="post" action="auth/logout">
                <input type="hidden" name="__RequestVerificationToken" value="bunit-antiforgery-token" />
                <input type="hidden" name="returnUrl" value="/account?tab=profile" />
                <button type="submit" class="link">Log out</button>
            </form>
            """);
    }

    [Fact]
    public void Posts_to_the_prefix_given_to_MapBlazorCookieAuth()
    {
        Services.GetRequiredService<AuthEndpointPaths>().Prefix = "/api/session/";

        var cut = Render<LogoutButton>(p => p.AddChildContent("Sign out"));

        Assert.Equal("api/session/logout", cut.Find("form").GetAttribute("action"));
        Assert.Equal("Sign out", cut.Find("button").TextContent);
    }

    [Fact]
    public void Anonymous_and_authorizing_states_render_the_same_form_since_the_endpoint_decides()
    {
        var anonymous = Render<LogoutButton>().Markup;
        _auth.SetAuthorizing();
        var authorizing = Render<LogoutButton>().Markup;

        Assert.Equal(anonymous, authorizing);
        Assert.Contains("action=\"auth/logout\"", anonymous, StringComparison.Ordinal);
    }

    [Fact]
    public void Return_url_follows_navigation_while_rendered()
    {
        _auth.SetUser("alice");
        var cut = Render<LogoutButton>();

        _navigation.NavigateTo("orders/7");

        cut.WaitForAssertion(() => Assert.Equal("/orders/7", cut.Find("input[name=returnUrl]").GetAttribute("value")));
    }
}
