using BlazorCookieAuth.Components;
using BlazorCookieAuth.Testing;
using Bunit;
using Bunit.TestDoubles;

namespace BlazorCookieAuth.Components.Tests;

public sealed class RedirectToLoginTests : BunitContext
{
    [Fact]
    public void Sends_the_browser_to_the_login_page_with_the_current_page_as_return_url()
    {
        this.AddBlazorCookieAuth();
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("admin/users?page=2");

        var cut = Render<RedirectToLogin>();

        Assert.Equal("http://localhost/login?returnUrl=%2Fadmin%2Fusers%3Fpage%3D2", navigation.Uri);
        Assert.True(navigation.History.First().Options.ForceLoad);
        cut.MarkupMatches(string.Empty);
    }

    [Theory]
    [InlineData("login")]
    [InlineData("login?returnUrl=%2Faccount")]
    [InlineData("Login/")]
    public void On_the_login_page_itself_it_does_not_navigate_again(string page)
    {
        this.AddBlazorCookieAuth();
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo(page);
        var before = navigation.History.Count;

        Render<RedirectToLogin>();

        // A login page that requires a login would otherwise reload itself again and again.
        Assert.Equal(before, navigation.History.Count);
        Assert.Equal("http://localhost/" + page, navigation.Uri);
    }

    [Fact]
    public void A_page_address_too_long_for_a_return_url_sends_to_the_login_page_without_one()
    {
        this.AddBlazorCookieAuth();
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("search?q=" + new string('a', 3_000));

        Render<RedirectToLogin>();

        Assert.Equal("http://localhost/login", navigation.Uri);
    }

    [Fact]
    public void Return_url_keeps_the_whole_query_string_of_another_page_encoded_as_one_value()
    {
        var auth = this.AddBlazorCookieAuth();
        auth.SetAnonymous();
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("orders/7?sort=desc&status=open%20orders");

        Render<RedirectToLogin>();

        var navigated = navigation.History.First();
        Assert.Equal("http://localhost/login?returnUrl=%2Forders%2F7%3Fsort%3Ddesc%26status%3Dopen%2520orders", navigated.Uri);
        Assert.True(navigated.Options.ForceLoad);

        // The login page reads back exactly the page the user was on, query and all.
        var returnUrl = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(navigation.Uri).Query)["returnUrl"];
        Assert.Equal("/orders/7?sort=desc&status=open%20orders", returnUrl.ToString());
    }

    [Fact]
    public void Uses_the_configured_login_path_and_return_url_parameter()
    {
        this.AddBlazorCookieAuth(options =>
        {
            options.LoginPath = "/account/sign-in";
            options.ReturnUrlParameter = "next";
        });
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("reports?year=2024");

        Render<RedirectToLogin>();

        var navigated = navigation.History.First();
        Assert.Equal("http://localhost/account/sign-in?next=%2Freports%3Fyear%3D2024", navigated.Uri);
        Assert.True(navigated.Options.ForceLoad);
    }

    [Fact]
    public void Navigates_once_and_not_again_when_the_state_changes_while_rendered()
    {
        var auth = this.AddBlazorCookieAuth();
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("admin");
        var cut = Render<RedirectToLogin>();
        var navigations = navigation.History.Count;

        auth.SetUser("alice");
        auth.SetAnonymous();

        Assert.Equal(navigations, navigation.History.Count);
        Assert.Equal("http://localhost/login?returnUrl=%2Fadmin", navigation.Uri);
        cut.MarkupMatches(string.Empty);
    }
}
