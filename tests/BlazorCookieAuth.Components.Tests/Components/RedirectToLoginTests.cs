using BlazorCookieAuth.Components;
using BlazorCookieAuth.Testing;
using Bunit;
using Bunit.TestDoubles;

namespace BlazorCookieAuth.Components.Tests.Components;

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
}
