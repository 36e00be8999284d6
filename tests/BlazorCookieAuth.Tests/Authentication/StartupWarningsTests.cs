using BlazorCookieAuth.Tests.TestHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Tests.Authentication;

/// <summary>Settings and setups that work but weaken the app or will surprise its developer log one warning each at startup.</summary>
public class StartupWarningsTests
{
    [Fact]
    public async Task Turning_Secure_off_logs_one_warning_at_startup()
    {
        await using var app = await TestApp.StartAsync(o => o.Cookie.SecurePolicy = CookieSecurePolicy.None);
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        await browser.LoginAsync("43");

        var warning = Assert.Single(app.Logs.Entries, e => e.Level == LogLevel.Warning && e.Category.StartsWith("BlazorCookieAuth", StringComparison.Ordinal));
        Assert.Contains("Cookie.SecurePolicy is None", warning.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, Action<BlazorCookieAuthOptions>> WeakerSettings => new()
    {
        { "Cookie.SecurePolicy is SameAsRequest", o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest },
        { "Cookie.SameSite is Unspecified", o => o.Cookie.SameSite = SameSiteMode.Unspecified },
        { "Cookie.Name 'auth' for scheme BlazorCookieAuth has no __Host- or __Secure- prefix", o => o.Cookie.Name = "auth" },
        { "Cookie.Domain is 'localhost'", o => { o.Cookie.Name = "__Secure-auth"; o.Cookie.Domain = "localhost"; } },
        { "Duration is 500 days", o => o.Duration = TimeSpan.FromDays(500) },
    };

    [Theory]
    [MemberData(nameof(WeakerSettings))]
    public async Task Insecure_cookie_settings_log_one_warning_each_naming_the_option(string expected, Action<BlazorCookieAuthOptions> configure)
    {
        await using var app = await TestApp.StartAsync(configure);
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");

        var warning = Assert.Single(app.Logs.Entries, e => e.Level == LogLevel.Warning && e.Category.StartsWith("BlazorCookieAuth", StringComparison.Ordinal));
        Assert.Contains("BlazorCookieAuthOptions." + expected, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_settings_log_no_cookie_warning()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");

        Assert.DoesNotContain(app.Logs.Entries, e => e.Level == LogLevel.Warning && e.Category.StartsWith("BlazorCookieAuth", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false, "Cookie.HttpOnly is false")]
    [InlineData(true, "Cookie.SameSite is None")]
    public async Task Other_legal_but_weaker_cookie_settings_log_a_warning_at_startup(bool sameSiteNone, string expected)
    {
        await using var app = await TestApp.StartAsync(o =>
        {
            o.Cookie.HttpOnly = sameSiteNone;
            o.Cookie.SameSite = sameSiteNone ? SameSiteMode.None : SameSiteMode.Lax;
        });

        var warning = Assert.Single(app.Logs.Entries, e => e.Level == LogLevel.Warning && e.Category.StartsWith("BlazorCookieAuth", StringComparison.Ordinal));
        Assert.Contains(expected, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_memory_session_store_in_Production_logs_a_warning_that_names_the_fix()
    {
        await using var app = await TestApp.StartAsync(environment: Environments.Production);

        var warning = Assert.Single(app.Logs.Entries, e => e.Level == LogLevel.Warning && e.Category.StartsWith("BlazorCookieAuth", StringComparison.Ordinal));
        Assert.Contains("every user is logged out when the app restarts", warning.Message, StringComparison.Ordinal);
        Assert.Contains(".AddEntityFrameworkSessionStore(...)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_session_store_in_Production_logs_no_warning()
    {
        await using var app = await TestApp.StartAsync(
            configureKit: kit => kit.AddSessionStore<TestSessionStore>(),
            environment: Environments.Production);

        Assert.DoesNotContain(app.Logs.Entries, e => e.Level >= LogLevel.Warning && e.Category.StartsWith("BlazorCookieAuth", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Forgetting_MapBlazorCookieAuth_logs_one_warning_naming_the_call_and_the_routes()
    {
        await using var app = await TestApp.StartAsync(mapEndpoints: false);

        var warning = Assert.Single(app.Logs.Entries, e => e.EventId.Name == "EndpointsNotMapped");
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("app.MapBlazorCookieAuth() was not called, so nothing answers POST /auth/login and /auth/logout", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_default_scheme_beside_the_kit_logs_one_warning_naming_it()
    {
        // What AddAuthentication("Cookies").AddCookie() next to the kit does: logins set the kit's cookie, nobody is signed in.
        await using var app = await TestApp.StartAsync(configureBuilder: b => b.Services.AddAuthentication("Cookies").AddCookie());

        var warning = Assert.Single(app.Logs.Entries, e => e.EventId.Name == "OtherDefaultScheme");
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.StartsWith("The default authentication scheme is 'Cookies', not BlazorCookieAuth's 'BlazorCookieAuth'", warning.Message, StringComparison.Ordinal);
        Assert.Contains("AddAuthentication(\"Cookies\")", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080", true)]
    [InlineData("http://[::]:80", true)]
    [InlineData("http://+:80", true)]
    [InlineData("http://shop.example:80", true)]
    [InlineData("http://localhost:5000", false)]
    [InlineData("http://127.0.0.1:5000", false)]
    [InlineData("http://[::1]:5000", false)]
    [InlineData("https://0.0.0.0:443", false)]
    public async Task Plain_http_beyond_loopback_in_Production_logs_one_warning(string address, bool warns)
    {
        await using var app = await TestApp.StartAsync(
            environment: "Production",
            configureBuilder: b => b.Services.AddSingleton<IAuthSessionStore, TestSessionStore>(),
            configureApp: a => a.GetTestServer().Features.Set<IServerAddressesFeature>(new ServerAddresses(address)));

        var warnings = app.Logs.Entries.Where(e => e.EventId.Name == "PlainHttpInProduction").ToList();
        Assert.Equal(warns ? 1 : 0, warnings.Count);
        if (warns)
        {
            Assert.Contains($"serves {address} over plain HTTP in Production", warnings[0].Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Plain_http_behind_a_proxy_that_forwards_the_scheme_logs_no_warning()
    {
        await using var app = await TestApp.StartAsync(
            environment: "Production",
            configureBuilder: b => b.Services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto),
            configureApp: a => a.GetTestServer().Features.Set<IServerAddressesFeature>(new ServerAddresses("http://0.0.0.0:8080")));

        Assert.DoesNotContain(app.Logs.Entries, e => e.EventId.Name == "PlainHttpInProduction");
    }

    [Fact]
    public async Task UseAntiforgery_before_UseAuthentication_logs_one_warning_naming_the_order()
    {
        await using var app = await TestApp.StartAsync(configureEarly: a => a.UseAntiforgery());
        using var browser = app.CreateBrowser();

        await browser.LoginAsync("42");
        await browser.WhoAmIAsync();
        await browser.WhoAmIAsync();

        var warning = Assert.Single(app.Logs.Entries, e => e.EventId.Name == "AntiforgeryBeforeAuthentication");
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("Call app.UseAuthentication() and app.UseAuthorization() before app.UseAntiforgery()", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_kit_set_up_as_getting_started_says_logs_no_setup_warning()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        await browser.WhoAmIAsync();

        Assert.DoesNotContain(app.Logs.Entries, e => e.EventId.Name is "EndpointsNotMapped" or "OtherDefaultScheme" or "PlainHttpInProduction" or "AntiforgeryBeforeAuthentication");
    }

    private sealed class ServerAddresses(string address) : IServerAddressesFeature
    {
        public ICollection<string> Addresses { get; } = [address];

        public bool PreferHostingUrls { get; set; }
    }

    [Fact]
    public async Task Secure_defaults_log_no_warning()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");

        Assert.DoesNotContain(app.Logs.Entries, e => e.Level >= LogLevel.Warning && e.Category.StartsWith("BlazorCookieAuth", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_secure_cookie_set_over_plain_http_logs_a_warning()
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.Server.CreateClient();
        client.BaseAddress = new Uri("http://intranet.example");

        var response = await client.PostAsync("/test/login?authId=42", null);

        Assert.True(response.Headers.Contains("Set-Cookie"));
        var warning = Assert.Single(app.Logs.Entries, e => e.Level == LogLevel.Warning && e.Category.StartsWith("BlazorCookieAuth", StringComparison.Ordinal));
        Assert.Contains("Secure cookie was set on a plain HTTP request to intranet.example", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:5000")]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("http://[::1]:5000")]
    public async Task A_secure_cookie_set_over_plain_http_on_loopback_logs_no_warning(string baseAddress)
    {
        // Browsers keep Secure cookies there: it is how apps are developed.
        await using var app = await TestApp.StartAsync();
        using var client = app.Server.CreateClient();
        client.BaseAddress = new Uri(baseAddress);

        var response = await client.PostAsync("/test/login?authId=42", null);

        Assert.True(response.Headers.Contains("Set-Cookie"));
        Assert.DoesNotContain(app.Logs.Entries, e => e.Level == LogLevel.Warning && e.Category.StartsWith("BlazorCookieAuth", StringComparison.Ordinal));
    }
}
