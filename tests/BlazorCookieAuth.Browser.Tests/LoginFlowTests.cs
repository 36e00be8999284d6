using BlazorCookieAuth.Browser.Tests.TestHost;
using static BlazorCookieAuth.Browser.Tests.TestHost.DemoPages;
using static Microsoft.Playwright.Assertions;

namespace BlazorCookieAuth.Browser.Tests;

[Collection(BrowserTestGroup.Name)]
public sealed class LoginFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task Anonymous_visit_to_a_protected_page_lands_on_login_with_the_return_url_and_comes_back_after_login()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("account");

        await Expect(page).ToHaveURLAsync(PathIs("/login?returnUrl=%2Faccount"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "login-page");

        await LogInAsync(page, "alice", "wonderland");

        await Expect(page).ToHaveURLAsync(PathIs("/account"));
        await Expect(page.Locator("dd.display-name")).ToHaveTextAsync("Alice Liddell");
        await WaitForCircuitAsync(page);
        await ScreenshotAsync(page, "protected-account-page");
    }

    [Fact]
    public async Task RequireLogin_on_a_static_page_answers_an_anonymous_visit_with_a_redirect_response()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("profile");

        // The browser followed a real HTTP redirect, not a client-side navigation.
        var redirect = await response!.Request.RedirectedFrom!.ResponseAsync();
        Assert.Equal(302, redirect!.Status);
        await Expect(page).ToHaveURLAsync(PathIs("/login?returnUrl=%2Fprofile"));

        // And that redirect carried none of the protected markup.
        var direct = await context.APIRequest.GetAsync("profile", new() { MaxRedirects = 0 });
        Assert.Equal(302, direct.Status);
        Assert.Equal("/login?returnUrl=%2Fprofile", new Uri(direct.Headers["location"]).PathAndQuery);
        Assert.DoesNotContain("Your profile", await direct.TextAsync(), StringComparison.Ordinal);

        await LogInAsync(page, "alice", "wonderland");

        await Expect(page).ToHaveURLAsync(PathIs("/profile"));
        await Expect(page.Locator(".profile-greeting")).ToHaveTextAsync("Hello, Alice Liddell. This page renders without a circuit.");
    }

    [Fact]
    public async Task Wrong_password_shows_an_error_and_sets_no_cookie()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("login?returnUrl=%2Faccount");

        await LogInAsync(page, "alice", "not-the-password");

        await Expect(page).ToHaveURLAsync(PathIs("/login?error=1&returnUrl=%2Faccount"));
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The username or password is wrong.");
        Assert.Null(await AuthCookieAsync(context));
    }

    [Fact]
    public async Task Too_many_wrong_passwords_land_back_on_the_login_page_with_a_message_and_the_return_url()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("login?returnUrl=%2Faccount");

        // A username of its own, so the lock touches no other test's logins.
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            await LogInAsync(page, "mallory", "guess-" + attempt);
            await Expect(page).ToHaveURLAsync(PathIs("/login?error=1&returnUrl=%2Faccount"));
        }

        await LogInAsync(page, "mallory", "guess-11");

        await Expect(page).ToHaveURLAsync(PathIs("/login?error=ratelimited&returnUrl=%2Faccount"));
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Too many login attempts. Please wait a few minutes, then try again.");
        Assert.Null(await AuthCookieAsync(context));
    }

    [Fact]
    public async Task Current_user_shows_in_the_layout_on_static_and_interactive_pages()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("login");
        await LogInAsync(page, "alice", "wonderland");

        // The home page renders statically; the account page runs over a circuit.
        await Expect(page).ToHaveURLAsync(PathIs("/"));
        await Expect(page.Locator("header .current-user")).ToHaveTextAsync("Alice Liddell");

        await page.GotoAsync("account");
        await WaitForCircuitAsync(page);
        await Expect(page.Locator("header .current-user")).ToHaveTextAsync("Alice Liddell");
    }

    [Fact]
    public async Task Anonymous_visitor_sees_a_login_link_instead_of_a_user()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(string.Empty);

        await Expect(page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Log in" })).ToBeVisibleAsync();
        await Expect(page.Locator("header .current-user")).ToHaveCountAsync(0);
    }
}
