using System.Globalization;
using System.Net;
using System.Security.Claims;
using BlazorCookieAuth.Tests.Diagnostics;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.Sessions;

/// <summary>
/// A credential change (<c>CredentialsChangedAsync</c>) ends every older login of the user, on every device, including
/// a login that checked the old password a moment before the change and starts its session a moment after.
/// </summary>
public class CredentialChangeTests
{
    private const string OldPassword = "old password";
    private const string NewPassword = "new password";

    [Fact]
    public async Task The_changer_keeps_a_new_session_while_every_other_session_and_the_copy_of_its_old_cookie_are_refused()
    {
        await using var app = await StartAsync();
        using var changer = app.CreateBrowser();
        using var laptop = app.CreateBrowser();
        using var phone = app.CreateBrowser();
        using var bob = app.CreateBrowser();
        foreach (var browser in new[] { changer, laptop, phone })
        {
            await LogInAsync(browser, OldPassword);
        }

        await bob.LoginAsync(TestApp.BobId);
        var oldCookie = changer.AuthCookie!;

        var changed = await changer.PostFormAsync("/test/change-password", new Dictionary<string, string> { ["password"] = NewPassword });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("2", await changed.Content.ReadAsStringAsync());
        Assert.Contains(changed.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-BlazorCookieAuth=", StringComparison.Ordinal));
        Assert.NotEqual(oldCookie, changer.AuthCookie);
        Assert.Equal(TestApp.AliceId, await changer.WhoAmIAsync());
        Assert.Equal("anonymous", await laptop.WhoAmIAsync());
        Assert.Equal("anonymous", await phone.WhoAmIAsync());
        Assert.Equal(TestApp.BobId, await bob.WhoAmIAsync());
        using var copy = app.CreateBrowser();
        copy.Cookies.Add(TestBrowser.BaseAddress, new Cookie("__Host-BlazorCookieAuth", oldCookie, "/"));
        Assert.Equal("anonymous", await copy.WhoAmIAsync());

        var sessions = await app.Services.GetRequiredService<IAuthSessionManager>().ListSessionsAsync(TestApp.AliceId);
        Assert.Equal(await changer.Client.GetStringAsync("/test/session"), Assert.Single(sessions).SessionId);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Name == "CredentialsChanged");
    }

    [Fact]
    public async Task A_login_that_checked_the_old_password_before_the_change_and_finishes_after_it_is_refused()
    {
        await using var app = await StartAsync();
        var validator = app.Services.GetRequiredService<ChangeablePasswords>();
        using var changer = app.CreateBrowser();
        using var attacker = app.CreateBrowser();
        await LogInAsync(changer, OldPassword);

        // The attacker's login reads the old hash, then stalls before it returns, while the password changes.
        var gate = validator.HoldNextCheck();
        var login = LogInAsync(attacker, OldPassword);
        await gate.Reached;
        app.Time.Advance(TimeSpan.FromMilliseconds(200));
        var changed = await changer.PostFormAsync("/test/change-password", new Dictionary<string, string> { ["password"] = NewPassword });
        Assert.Equal("0", await changed.Content.ReadAsStringAsync());
        app.Time.Advance(TimeSpan.FromMilliseconds(200));
        gate.Release();
        var refused = await login;

        Assert.Equal(HttpStatusCode.SeeOther, refused.StatusCode);
        Assert.Equal("/login?error=1", refused.Headers.Location?.OriginalString);
        Assert.Null(attacker.AuthCookie);
        Assert.Equal("anonymous", await attacker.WhoAmIAsync());
        var sessions = await app.Services.GetRequiredService<IAuthSessionManager>().ListSessionsAsync(TestApp.AliceId);
        Assert.Equal(await changer.Client.GetStringAsync("/test/session"), Assert.Single(sessions).SessionId);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Name == "LoginAfterCredentialsChanged");

        // A login that checks the new password after the change is in.
        Assert.Equal("/", (await LogInAsync(attacker, NewPassword)).Headers.Location?.OriginalString);
        Assert.Equal(TestApp.AliceId, await attacker.WhoAmIAsync());
    }

    [Fact]
    public async Task The_manager_ends_every_session_of_the_user_and_counts_them_as_credentials_changed()
    {
        await using var app = await StartAsync();
        using var metrics = new KitMetrics(app.Services);
        using var one = app.CreateBrowser();
        using var two = app.CreateBrowser();
        await LogInAsync(one, OldPassword);
        await LogInAsync(two, OldPassword);

        var ended = await app.Services.GetRequiredService<IAuthSessionManager>().CredentialsChangedAsync(TestApp.AliceId);

        Assert.Equal(2, ended);
        Assert.Equal("anonymous", await one.WhoAmIAsync());
        Assert.Equal("anonymous", await two.WhoAmIAsync());
        Assert.Equal(2, metrics.Sum(BlazorCookieAuth.Diagnostics.AuthTelemetry.EndedSessions, "blazorcookieauth.session.end_reason", "credentials_changed"));
    }

    [Fact]
    public async Task Proving_the_current_password_then_changing_it_in_one_request_leaves_one_new_fresh_login()
    {
        await using var app = await StartAsync();
        using var changer = app.CreateBrowser();
        using var other = app.CreateBrowser();
        await LogInAsync(changer, OldPassword, remember: true);
        await LogInAsync(other, OldPassword);
        var before = changer.AuthCookie;

        var changed = await changer.PostFormAsync(
            "/test/change-password-with-current", new Dictionary<string, string> { ["current"] = OldPassword, ["password"] = NewPassword });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("1", await changed.Content.ReadAsStringAsync());
        var setCookies = changed.Headers.GetValues("Set-Cookie").ToList();
        Assert.Single(setCookies, c => c.StartsWith("__Host-BlazorCookieAuth=", StringComparison.Ordinal));
        Assert.Single(setCookies, c => c.StartsWith("__Host-BlazorCookieAuth-fresh=", StringComparison.Ordinal));
        Assert.NotEqual(before, changer.AuthCookie);
        Assert.Equal(HttpStatusCode.OK, (await changer.Client.GetAsync("/fresh")).StatusCode);
        Assert.Equal("anonymous", await other.WhoAmIAsync());
        Assert.Single(await app.Services.GetRequiredService<IAuthSessionManager>().ListSessionsAsync(TestApp.AliceId));
    }

    [Fact]
    public async Task A_wrong_current_password_changes_nothing()
    {
        await using var app = await StartAsync();
        using var changer = app.CreateBrowser();
        await LogInAsync(changer, OldPassword);
        var before = changer.AuthCookie;

        var refused = await changer.PostFormAsync(
            "/test/change-password-with-current", new Dictionary<string, string> { ["current"] = "wrong", ["password"] = NewPassword });

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("WrongPassword", await refused.Content.ReadAsStringAsync());
        Assert.Equal(before, changer.AuthCookie);
        Assert.Equal(TestApp.AliceId, await changer.WhoAmIAsync());
        Assert.Equal("/", (await LogInAsync(app.CreateBrowser(), OldPassword)).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_anonymous_request_can_not_rotate_and_is_told_what_to_call_instead()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.PostFormAsync("/test/change-password", new Dictionary<string, string> { ["password"] = NewPassword });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("IAuthSessionManager.CredentialsChangedAsync(authId)", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> LogInAsync(TestBrowser browser, string password, bool remember = false) =>
        await browser.PostFormAsync(
            "/auth/login",
            new Dictionary<string, string> { ["username"] = TestApp.Username, ["password"] = password, ["remember"] = remember ? "true" : "false" });

    private static Task<TestApp> StartAsync() =>
        TestApp.StartAsync(
            configureBuilder: builder => builder.Services.AddSingleton<ChangeablePasswords>().AddSingleton<ICredentialValidator>(sp => sp.GetRequiredService<ChangeablePasswords>()),
            configureApp: app =>
            {
                app.MapGet("/fresh", [RequireFreshLogin] () => "fresh page");
                app.MapPost("/test/change-password", async (HttpContext context, IAuthSession session, ChangeablePasswords passwords) =>
                {
                    var form = await context.Request.ReadFormAsync();
                    passwords.Change(form["password"].ToString());
                    try
                    {
                        return Results.Text((await session.CredentialsChangedAsync()).ToString(CultureInfo.InvariantCulture));
                    }
                    catch (InvalidOperationException ex)
                    {
                        return Results.Text(ex.Message, statusCode: StatusCodes.Status409Conflict);
                    }
                });

                // A password page: the current password proven under the login limits, then the new one saved.
                app.MapPost("/test/change-password-with-current", async (HttpContext context, IAuthSession session, ChangeablePasswords passwords) =>
                {
                    var form = await context.Request.ReadFormAsync();
                    var proof = await session.ReauthenticateAsync(form["current"].ToString());
                    if (!proof.Succeeded)
                    {
                        return Results.Text(proof.Status.ToString(), statusCode: StatusCodes.Status401Unauthorized);
                    }

                    passwords.Change(form["password"].ToString());
                    return Results.Text((await session.CredentialsChangedAsync()).ToString(CultureInfo.InvariantCulture));
                });
            });

    /// <summary>alice's password, which a test changes; a check can be held after it read the password, as a slow login is.</summary>
    private sealed class ChangeablePasswords : ICredentialValidator
    {
        private volatile string _password = OldPassword;
        private volatile Gate? _hold;

        public void Change(string password) => _password = password;

        public Gate HoldNextCheck() => _hold = new Gate();

        public Task<bool> ValidatePasswordAsync(AuthUser user, string password, CancellationToken cancellationToken) =>
            Task.FromResult(user.AuthId == TestApp.AliceId && password == _password);

        public async Task<AuthUser?> ValidateAsync(string username, string password, CancellationToken cancellationToken)
        {
            var matches = username == TestApp.Username && password == _password;
            if (Interlocked.Exchange(ref _hold, null) is { } gate)
            {
                await gate.PassAsync();
            }

            return matches ? new AuthUser(TestApp.AliceId, [new Claim(ClaimTypes.Name, "Alice")]) : null;
        }
    }

    private sealed class Gate
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Reached => _reached.Task;

        public void Release() => _released.SetResult();

        public Task PassAsync()
        {
            _reached.SetResult();
            return _released.Task;
        }
    }
}
