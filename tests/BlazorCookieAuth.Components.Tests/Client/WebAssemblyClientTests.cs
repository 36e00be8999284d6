using System.Net;
using System.Security.Claims;
using BlazorCookieAuth.Components.Client;
using BlazorCookieAuth.Components.Tests.TestDoubles;
using BlazorCookieAuth.Tests.Shared;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.JSInterop;

namespace BlazorCookieAuth.Components.Tests.Client;

/// <summary>
/// The kit in a WebAssembly client: <c>AddBlazorCookieAuthClient()</c> and the components, rendering from the state the
/// server wrote into the page, and turning anonymous when the server says the login ended or can't be asked.
/// </summary>
public sealed class WebAssemblyClientTests : BunitContext
{
    private static readonly DateTimeOffset IssuedAt = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private readonly TestClock _clock = new(IssuedAt.AddMinutes(1));
    private readonly StubSessionEndpoint _endpoint = new();
    private readonly BunitPersistentComponentState _persisted;
    private readonly BunitJSModuleInterop _module;
    private BunitNavigationManager _navigation = default!;

    public WebAssemblyClientTests()
    {
        Services.AddSingleton<TimeProvider>(_clock);
        Services.AddScoped(sp => new SessionCheck(
            new HttpClient(_endpoint) { BaseAddress = new Uri("http://localhost/") }, sp.GetRequiredService<IAuthLocations>()));
        // bUnit registers a placeholder authorization service, which a WebAssembly app doesn't have.
        Services.RemoveAll<Microsoft.AspNetCore.Authorization.IAuthorizationService>();
        Services.AddBlazorCookieAuthClient();
        Services.AddScoped<IAuthUserLoader<string>, GreetingLoader>();
        _module = JSInterop.SetupModule(ClientAuthStateProvider.ModulePath);
        _module.Mode = JSRuntimeMode.Loose;
        _persisted = AddBunitPersistentComponentState();
    }

    /// <summary>Opens the page, with <paramref name="state"/> written into it as the server does, or without any.</summary>
    private void PersistState(ClientAuthState? state)
    {
        if (state is not null)
        {
            _persisted.Persist(ClientAuthState.PersistenceKey, state);
        }

        _navigation = Services.GetRequiredService<BunitNavigationManager>();
        _navigation.NavigateTo("account/wasm?tab=1");
    }

    private static ClientAuthState Alice(double revalidationSeconds = 30) => new()
    {
        User = new ClientUser
        {
            AuthId = "alice",
            Claims =
            [
                new ClientClaim { Type = ClaimTypes.Name, Value = "Alice Liddell" },
                new ClientClaim { Type = ClaimTypes.Role, Value = "admin" },
            ],
            IssuedAt = IssuedAt.ToUnixTimeMilliseconds(),
            ExpiresAt = IssuedAt.AddHours(12).ToUnixTimeMilliseconds(),
            AuthenticatedAt = IssuedAt.ToUnixTimeMilliseconds(),
            IsPersistent = true,
        },
        RevalidationSeconds = revalidationSeconds,
    };

    private IRenderedComponent<RequireLogin> RenderProtectedContent() =>
        Render<RequireLogin>(p => p.AddChildContent<CurrentUser>());

    [Fact]
    public void The_components_show_the_user_the_server_wrote_into_the_page()
    {
        PersistState(Alice());

        var cut = Render<RequireLogin>(p => p
            .Add(c => c.Roles, "admin")
            .AddChildContent<CurrentUser>(user => user.Add(c => c.Authenticated, u =>
                $"<span class=name>{u.DisplayName}</span><span class=id>{u.AuthId}</span><span class=remembered>{u.IsPersistent}</span><span class=expires>{u.ExpiresAt:O}</span>")));

        cut.MarkupMatches($"<span class=name>Alice Liddell</span><span class=id>alice</span><span class=remembered>True</span><span class=expires>{IssuedAt.AddHours(12):O}</span>");
        Assert.Equal("http://localhost/account/wasm?tab=1", _navigation.Uri);

        var currentUser = Services.GetRequiredService<ICurrentUser>();
        Assert.Equal("alice", currentUser.AuthId);
        Assert.Null(currentUser.User.SessionId);
        Assert.True(currentUser.User.IsFresh(TimeSpan.FromMinutes(15), _clock.GetUtcNow()));
    }

    [Fact]
    public void A_page_without_state_from_the_server_is_anonymous_and_sent_to_the_default_login_page()
    {
        PersistState(null);

        var cut = RenderProtectedContent();

        Assert.Equal("http://localhost/login?returnUrl=%2Faccount%2Fwasm%3Ftab%3D1", _navigation.Uri);
        Assert.True(_navigation.History.First().Options.ForceLoad);
        Assert.Empty(cut.Markup);
        Assert.Empty(_endpoint.Requests);
    }

    [Fact]
    public void The_login_page_return_url_parameter_and_endpoint_prefix_come_from_the_server()
    {
        var state = Alice();
        state.User = null;
        state.LoginPath = "/signin";
        state.ReturnUrlParameter = "next";
        state.EndpointPrefix = "/account-auth";
        PersistState(state);

        RenderProtectedContent();
        var logout = Render<LogoutButton>();

        Assert.Equal("http://localhost/signin?next=%2Faccount%2Fwasm%3Ftab%3D1", _navigation.Uri);
        Assert.Equal("account-auth/logout", logout.Find("form").GetAttribute("action"));
    }

    [Fact]
    public void Every_revalidation_interval_it_asks_the_session_endpoint_and_an_ended_login_sends_the_page_to_login()
    {
        PersistState(Alice(revalidationSeconds: 10));
        var cut = RenderProtectedContent();
        Assert.Equal("Alice Liddell", cut.Markup);

        _clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Empty(_endpoint.Requests);

        _clock.Advance(TimeSpan.FromSeconds(1));
        cut.WaitForAssertion(() => Assert.Single(_endpoint.Requests));
        Assert.Equal("GET http://localhost/auth/session Accept: application/json", _endpoint.Requests[0]);
        Assert.Equal("Alice Liddell", cut.Markup);

        _endpoint.AnswerStatus(HttpStatusCode.Unauthorized);
        _clock.Advance(TimeSpan.FromSeconds(10));

        cut.WaitForAssertion(() => Assert.Equal("http://localhost/login?returnUrl=%2Faccount%2Fwasm%3Ftab%3D1", _navigation.Uri));
        Assert.True(_navigation.History.First().Options.ForceLoad);
        Assert.Empty(cut.Markup);
        Assert.Null(Services.GetRequiredService<ICurrentUser>().AuthId);

        // Anonymous now: no more checks.
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(2, _endpoint.Requests.Count);
    }

    [Theory]
    [InlineData("another user")]
    [InlineData("server error")]
    [InlineData("network down")]
    public void A_check_that_finds_another_user_or_fails_turns_the_page_anonymous(string answer)
    {
        PersistState(Alice(revalidationSeconds: 10));
        var cut = RenderProtectedContent();
        switch (answer)
        {
            case "another user":
                _endpoint.AnswerLoggedIn("bob");
                break;
            case "server error":
                _endpoint.AnswerStatus(HttpStatusCode.ServiceUnavailable);
                break;
            default:
                _endpoint.AnswerFailure();
                break;
        }

        _clock.Advance(TimeSpan.FromSeconds(10));

        cut.WaitForAssertion(() => Assert.StartsWith("http://localhost/login?", _navigation.Uri, StringComparison.Ordinal));
        Assert.Empty(cut.Markup);
    }

    [Fact]
    public async Task A_logout_announced_by_another_tab_or_the_tab_being_shown_again_is_checked_at_once()
    {
        PersistState(Alice());
        var cut = RenderProtectedContent();

        // The client handed the kit's script a reference to itself; the script calls it back.
        var watch = _module.VerifyInvoke("watchSession");
        var client = Assert.IsType<DotNetObjectReference<ClientAuthStateProvider>>(watch.Arguments[0]).Value;

        await cut.InvokeAsync(client.OnShown);
        Assert.Single(_endpoint.Requests);
        Assert.Equal("Alice Liddell", cut.Markup);

        _endpoint.AnswerStatus(HttpStatusCode.Unauthorized);
        await cut.InvokeAsync(client.OnLogoutAnnounced);

        Assert.Equal(2, _endpoint.Requests.Count);
        cut.WaitForAssertion(() => Assert.Equal("http://localhost/login?returnUrl=%2Faccount%2Fwasm%3Ftab%3D1", _navigation.Uri));
    }

    [Fact]
    public void An_anonymous_page_neither_asks_the_server_nor_loads_the_script()
    {
        PersistState(null);
        Render<CurrentUser>(p => p.Add(c => c.Anonymous, "<a href=login>Log in</a>")).MarkupMatches("<a href=login>Log in</a>");

        _clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Empty(_endpoint.Requests);
        Assert.Empty(_module.Invocations);
    }

    [Fact]
    public async Task The_app_user_comes_from_a_loader_registered_in_the_client()
    {
        PersistState(Alice());

        var cut = Render<CurrentAppUser<string>>(p => p.Add(c => c.Authenticated, greeting => $"<b>{greeting}</b>"));

        cut.WaitForAssertion(() => cut.MarkupMatches("<b>Hello alice</b>"));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await Services.GetRequiredService<ICurrentUser>().GetUserAsync<Uri>());
        Assert.Contains("AddScoped<IAuthUserLoader<Uri>, MyLoader>()", error.Message, StringComparison.Ordinal);
    }

    private sealed class GreetingLoader : IAuthUserLoader<string>
    {
        public Task<string?> LoadUserAsync(string authId, CancellationToken cancellationToken) => Task.FromResult<string?>("Hello " + authId);
    }
}
