using BlazorCookieAuth.Endpoints;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Tests.Endpoints;

/// <summary>
/// <see cref="CredentialCheck.CheckReauthenticationAsync"/>: a signed-in user's password, checked through
/// <see cref="ICredentialValidator.ValidatePasswordAsync"/> under the same limits as a login, the auth id being the account.
/// </summary>
public class ReauthenticationCheckTests
{
    [Fact]
    public async Task The_eleventh_wrong_password_from_one_client_is_refused_with_a_wait()
    {
        await using var app = await StartAsync();
        var validator = app.Services.GetRequiredService<PasswordValidator>();

        for (var attempt = 1; attempt <= 10; attempt++)
        {
            var failed = await ReauthenticateAsync(app, "203.0.113.7", "guess " + attempt);
            Assert.Equal(new CredentialCheckResult(null, null), failed);
        }

        var refused = await ReauthenticateAsync(app, "203.0.113.7", TestApp.Password);
        Assert.Null(refused.User);
        Assert.InRange(refused.RetryAfter!.Value, TimeSpan.FromTicks(1), TimeSpan.FromMinutes(5));
        Assert.Equal(10, validator.Calls);
        Assert.Single(app.Logs.Entries, e => e.EventId.Name == "LoginFailureLimitReached");
        Assert.Equal(10, app.Logs.Entries.Count(e => e.EventId.Name == "LoginFailed"));

        // Another client is not held to this one's failures, and gets the user back.
        var accepted = await ReauthenticateAsync(app, "198.51.100.20", TestApp.Password);
        Assert.Equal(TestApp.AliceId, accepted.User?.AuthId);
        Assert.Null(accepted.RetryAfter);
    }

    [Fact]
    public async Task Failures_from_many_clients_lock_the_account_of_the_auth_id()
    {
        await using var app = await StartAsync(o => o.AccountFailureLimit = 3);
        for (var address = 1; address <= 3; address++)
        {
            Assert.Null((await ReauthenticateAsync(app, "198.51.100." + address, "wrong")).RetryAfter);
        }

        var refused = await ReauthenticateAsync(app, "198.51.100.4", TestApp.Password);
        Assert.Null(refused.User);
        Assert.InRange(refused.RetryAfter!.Value, TimeSpan.FromTicks(1), TimeSpan.FromHours(1));
        Assert.Equal(3, app.Services.GetRequiredService<PasswordValidator>().Calls);

        var warning = Assert.Single(app.Logs.Entries, e => e.EventId.Name == "AccountFailureLimitReached");
        Assert.DoesNotContain(TestApp.AliceId, warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(warning.Properties, p => p.Value?.Contains(TestApp.AliceId, StringComparison.Ordinal) == true);

        // Another user's re-authentication from the same client is not affected.
        var bob = await ReauthenticateAsync(app, "198.51.100.4", TestApp.Password, TestApp.BobId);
        Assert.Equal(TestApp.BobId, bob.User?.AuthId);
    }

    [Fact]
    public async Task An_empty_password_is_a_failure_without_asking_the_validator()
    {
        await using var app = await StartAsync(o => o.LoginFailureLimit = 2);

        Assert.Equal(new CredentialCheckResult(null, null), await ReauthenticateAsync(app, "203.0.113.7", null));
        Assert.Equal(new CredentialCheckResult(null, null), await ReauthenticateAsync(app, "203.0.113.7", string.Empty));
        Assert.NotNull((await ReauthenticateAsync(app, "203.0.113.7", TestApp.Password)).RetryAfter);
        Assert.Equal(0, app.Services.GetRequiredService<PasswordValidator>().Calls);
    }

    [Fact]
    public async Task A_validator_without_ValidatePasswordAsync_gives_NotSupportedException_that_says_so()
    {
        await using var app = await TestApp.StartAsync(configureBuilder: b => b.Services.AddSingleton<ICredentialValidator, StagedCredentialValidator>());

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => ReauthenticateAsync(app, "203.0.113.7", TestApp.Password));

        Assert.StartsWith(
            "StagedCredentialValidator doesn't implement ICredentialValidator.ValidatePasswordAsync, which re-authentication needs",
            error.Message,
            StringComparison.Ordinal);
    }

    private static Task<TestApp> StartAsync(Action<BlazorCookieAuthOptions>? configure = null) =>
        TestApp.StartAsync(configure, configureBuilder: b =>
        {
            b.Services.AddSingleton<PasswordValidator>();
            b.Services.AddSingleton<ICredentialValidator>(sp => sp.GetRequiredService<PasswordValidator>());
        });

    private static async Task<CredentialCheckResult> ReauthenticateAsync(TestApp app, string client, string? password, string authId = TestApp.AliceId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = "/auth/reauthenticate";
        var logger = scope.ServiceProvider.GetRequiredService<ILogger<AuthEndpoints>>();
        return await CredentialCheck.CheckReauthenticationAsync(context, client, new AuthUser(authId), password, logger);
    }

    /// <summary>Knows alice's and bob's password by their auth ids, and counts how often it was asked.</summary>
    private sealed class PasswordValidator : ICredentialValidator
    {
        private int _calls;

        public int Calls => _calls;

        public Task<AuthUser?> ValidateAsync(string username, string password, CancellationToken cancellationToken) =>
            Task.FromResult<AuthUser?>(null);

        public Task<bool> ValidatePasswordAsync(AuthUser user, string password, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return Task.FromResult(user.AuthId is TestApp.AliceId or TestApp.BobId && password == TestApp.Password);
        }
    }
}
