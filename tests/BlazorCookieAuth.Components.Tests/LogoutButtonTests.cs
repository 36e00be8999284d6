using BlazorCookieAuth.Components;
using BlazorCookieAuth.Testing;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace BlazorCookieAuth.Components.Tests;

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
            <form method="post" action="auth/logout" data-blazorcookieauth-logout>
                <input type="hidden" name="__RequestVerificationToken" value="bunit-antiforgery-token" />
                <input type="hidden" name="returnUrl" value="/account?tab=profile" />
                <button type="submit" class="link">Log out</button>
            </form>
            """);
    }

    [Fact]
    public void Anonymous_user_gets_the_same_working_form_since_the_endpoint_decides_what_a_logout_means()
    {
        _auth.SetAnonymous();

        var cut = Render<LogoutButton>();

        cut.MarkupMatches(FormFor("/account?tab=profile"));
    }

    [Fact]
    public void While_the_state_resolves_renders_the_form_at_once_instead_of_waiting()
    {
        _auth.SetAuthorizing();

        var cut = Render<LogoutButton>();

        cut.MarkupMatches(FormFor("/account?tab=profile"));
    }

    [Fact]
    public void Keeps_a_working_form_when_the_user_turns_anonymous_while_rendered()
    {
        _auth.SetUser("alice");
        var cut = Render<LogoutButton>();

        _auth.SetAnonymous();

        cut.MarkupMatches(FormFor("/account?tab=profile"));

        // Still wired to navigation after the state change, so the return URL stays the page the user is on.
        _navigation.NavigateTo("orders/7?view=full");
        cut.WaitForAssertion(() => cut.MarkupMatches(FormFor("/orders/7?view=full")));
    }

    [Fact]
    public void Keeps_a_working_form_when_the_state_resolves_to_a_user_while_rendered()
    {
        _auth.SetAuthorizing();
        var cut = Render<LogoutButton>(p => p.AddChildContent("Sign out"));

        _auth.SetUser("alice");

        cut.MarkupMatches(FormFor("/account?tab=profile", "Sign out"));
    }

    [Fact]
    public void Return_url_follows_navigation_while_rendered()
    {
        _auth.SetUser("alice");
        var cut = Render<LogoutButton>();

        _navigation.NavigateTo("orders/7");

        cut.WaitForAssertion(() => Assert.Equal("/orders/7", cut.Find("input[name=returnUrl]").GetAttribute("value")));
    }

    private static string FormFor(string returnUrl, string buttonText = "Log out") => $"""
        <form method="post" action="auth/logout" data-blazorcookieauth-logout>
            <input type="hidden" name="__RequestVerificationToken" value="bunit-antiforgery-token" />
            <input type="hidden" name="returnUrl" value="{returnUrl}" />
            <button type="submit">{buttonText}</button>
        </form>
        """;
}
