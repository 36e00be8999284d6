using BlazorCookieAuth.Components;
using BlazorCookieAuth.Endpoints;
using BlazorCookieAuth.Testing;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.Components;

/// <summary>Where the server put its endpoints reaches the components it renders.</summary>
public sealed class ServerAuthLocationsTests : BunitContext
{
    [Fact]
    public void The_logout_button_posts_to_the_prefix_given_to_MapBlazorCookieAuth()
    {
        this.AddBlazorCookieAuth();
        Services.GetRequiredService<AuthEndpointPaths>().Prefix = "/api/session/";

        var cut = Render<LogoutButton>(p => p.AddChildContent("Sign out"));

        Assert.Equal("api/session/logout", cut.Find("form").GetAttribute("action"));
        Assert.Equal("Sign out", cut.Find("button").TextContent);
    }
}
