using BlazorCookieAuth.Testing;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Time.Testing;

namespace BlazorCookieAuth.Components.Tests;

public sealed class RequireLoginFreshTests : BunitContext
{
    private const string LoginUrl = "http://localhost/login?returnUrl=%2Faccount%2Fpassword%3Fstep%3D2";
    private static readonly TimeSpan Fresh = TimeSpan.FromMinutes(5);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
    private readonly BunitBlazorCookieAuthContext _auth;
    private readonly BunitNavigationManager _navigation;

    public RequireLoginFreshTests()
    {
        Services.AddSingleton<TimeProvider>(_clock);
        _auth = this.AddBlazorCookieAuth();
        _navigation = Services.GetRequiredService<BunitNavigationManager>();
        _navigation.NavigateTo("account/password?step=2");
    }

    [Fact]
    public void A_user_who_just_logged_in_sees_the_content()
    {
        _auth.SetUser("alice");
        _clock.Advance(Fresh);

        var cut = RenderFreshContent();

        cut.MarkupMatches("<p class=secret>Change password</p>");
        Assert.Equal("http://localhost/account/password?step=2", _navigation.Uri);
    }

    [Fact]
    public void A_user_whose_login_is_older_than_Fresh_is_sent_to_log_in_again_by_a_full_page_load()
    {
        _auth.SetUser("alice");
        _clock.Advance(Fresh + TimeSpan.FromSeconds(1));

        var cut = RenderFreshContent();

        Assert.Equal(LoginUrl, _navigation.Uri);
        Assert.True(_navigation.History.First().Options.ForceLoad);
        Assert.Empty(cut.FindAll("p.secret"));
    }

    [Fact]
    public void A_user_restored_from_a_remembered_cookie_is_sent_to_log_in_again()
    {
        var signedIn = _auth.SetUser("alice");
        var restored = new AuthUser(signedIn.AuthId!, signedIn.Claims)
        {
            SessionId = signedIn.SessionId,
            IssuedAt = signedIn.IssuedAt,
            ExpiresAt = signedIn.ExpiresAt,
            IsPersistent = true,
        };
        SetState(restored);

        var cut = RenderFreshContent();

        Assert.Equal(LoginUrl, _navigation.Uri);
        Assert.Empty(cut.FindAll("p.secret"));
    }

    [Fact]
    public void A_stale_user_is_sent_to_log_in_even_when_Redirect_is_off()
    {
        _auth.SetUser("alice");
        _clock.Advance(Fresh + TimeSpan.FromSeconds(1));

        var cut = Render<RequireLogin>(p => p
            .AddChildContent("<p class=secret>Change password</p>")
            .Add(c => c.Fresh, Fresh)
            .Add(c => c.Redirect, false)
            .Add(c => c.NotAuthenticated, "<a href=login>Log in</a>"));

        Assert.Equal(LoginUrl, _navigation.Uri);
        Assert.Empty(cut.FindAll("p.secret"));
        Assert.Empty(cut.FindAll("a"));
    }

    [Fact]
    public void Without_Fresh_an_old_login_still_sees_the_content()
    {
        _auth.SetUser("alice");
        _clock.Advance(TimeSpan.FromDays(30));

        var cut = Render<RequireLogin>(p => p.AddChildContent("<p class=secret>Orders</p>"));

        cut.MarkupMatches("<p class=secret>Orders</p>");
    }

    [Fact]
    public void An_anonymous_user_with_Redirect_off_sees_NotAuthenticated_though_Fresh_is_set()
    {
        var cut = Render<RequireLogin>(p => p
            .AddChildContent("<p class=secret>Change password</p>")
            .Add(c => c.Fresh, Fresh)
            .Add(c => c.Redirect, false)
            .Add(c => c.NotAuthenticated, "<a href=login>Log in</a>"));

        cut.MarkupMatches("<a href=login>Log in</a>");
        Assert.Equal("http://localhost/account/password?step=2", _navigation.Uri);
    }

    private IRenderedComponent<RequireLogin> RenderFreshContent() =>
        Render<RequireLogin>(p => p
            .AddChildContent("<p class=secret>Change password</p>")
            .Add(c => c.Fresh, Fresh));

    private void SetState(AuthUser user) =>
        ((IHostEnvironmentAuthenticationStateProvider)Services.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(user.ToClaimsPrincipal())));
}
