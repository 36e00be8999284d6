using BlazorCookieAuth.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Endpoints;

/// <summary>
/// Checks a password through the app's <see cref="ICredentialValidator"/> under the login rate limiter's failure
/// limits, for the login endpoint, basic authentication and re-authentication alike: one attempt per client and
/// account at a time, none while that pair or the account is locked, and each failure counted against both.
/// </summary>
internal static class CredentialCheck
{
    /// <summary>What a developer reads when something checks credentials and the app registered no validator.</summary>
    public static string NoValidatorMessage(string what) =>
        $"{what} checks credentials through an ICredentialValidator, and none is registered. " +
        "Add one with services.AddBlazorCookieAuth(...).AddCredentialValidator<MyValidator>().";

    /// <summary>Checks a username and password for a login.</summary>
    /// <param name="context">The request the credentials came with.</param>
    /// <param name="client">The client the attempt counts against, from <see cref="LoginRateLimiter.ClientOf"/>.</param>
    /// <param name="username">The username as sent.</param>
    /// <param name="password">The password as sent.</param>
    /// <param name="logger">Where the failure and the limits are logged.</param>
    /// <returns>The user when the validator accepted the credentials; else how long to wait, or neither for wrong credentials.</returns>
    /// <exception cref="InvalidOperationException">No <see cref="ICredentialValidator"/> is registered.</exception>
    public static async Task<CredentialCheckResult> CheckAsync(HttpContext context, string client, string username, string? password, ILogger logger)
    {
        var result = await CheckUnderLimitsAsync(context, client, LoginRateLimiter.AccountOfUsername(username), logger, async () =>
            username.Length > 0 && !string.IsNullOrEmpty(password)
                ? await ValidatorOf(context).ValidateAsync(username, password, context.RequestAborted).ConfigureAwait(false)
                : null).ConfigureAwait(false);
        if (result is { User: null, RetryAfter: null })
        {
            context.RequestServices.GetRequiredService<AuthTelemetry>().LoginFailed();
        }

        return result;
    }

    /// <summary>
    /// Checks the password of a signed-in user who proves who they are again, through
    /// <see cref="ICredentialValidator.ValidatePasswordAsync"/>, under the same limits as a login: the account is the
    /// user's auth id (<see cref="LoginRateLimiter.AccountOfAuthId"/>). An empty password fails without asking the
    /// validator.
    /// </summary>
    /// <param name="context">The request the password came with.</param>
    /// <param name="client">The client the attempt counts against, from <see cref="LoginRateLimiter.ClientOf"/>.</param>
    /// <param name="user">The signed-in user.</param>
    /// <param name="password">The password as sent.</param>
    /// <param name="logger">Where the failure and the limits are logged.</param>
    /// <returns><paramref name="user"/> when the validator accepted the password; else how long to wait, or neither for a wrong password.</returns>
    /// <exception cref="ArgumentException"><paramref name="user"/> is not signed in.</exception>
    /// <exception cref="InvalidOperationException">No <see cref="ICredentialValidator"/> is registered.</exception>
    /// <exception cref="NotSupportedException">The validator doesn't implement <see cref="ICredentialValidator.ValidatePasswordAsync"/>.</exception>
    public static Task<CredentialCheckResult> CheckReauthenticationAsync(HttpContext context, string client, AuthUser user, string? password, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.AuthId is not { } authId)
        {
            throw new ArgumentException("Re-authentication needs a signed-in user, one with an auth id.", nameof(user));
        }

        return CheckUnderLimitsAsync(context, client, LoginRateLimiter.AccountOfAuthId(authId), logger, async () =>
            !string.IsNullOrEmpty(password) && await ValidatorOf(context).ValidatePasswordAsync(user, password, context.RequestAborted).ConfigureAwait(false)
                ? user
                : null);
    }

    /// <summary>The app's validator.</summary>
    /// <exception cref="InvalidOperationException">None is registered.</exception>
    private static ICredentialValidator ValidatorOf(HttpContext context) =>
        context.RequestServices.GetService<ICredentialValidator>()
            ?? throw new InvalidOperationException(NoValidatorMessage($"{context.Request.Method} {context.Request.Path}"));

    /// <summary>
    /// Runs <paramref name="validate"/> in the turn of <paramref name="client"/> and <paramref name="account"/>, unless
    /// a failure limit refuses it first, and counts a failure when it gives no signed-in user. Passwords come through
    /// <see cref="CheckAsync"/>; other credentials, such as a passkey, call it directly with their own account key.
    /// </summary>
    internal static async Task<CredentialCheckResult> CheckUnderLimitsAsync(
        HttpContext context, string client, string account, ILogger logger, Func<Task<AuthUser?>> validate)
    {
        var services = context.RequestServices;
        var limiter = services.GetRequiredService<LoginRateLimiter>();
        using var turn = await limiter.TakeTurnAsync(client, account, context.RequestAborted).ConfigureAwait(false);
        if (turn is null)
        {
            logger.LoginRateLimited(client, "BlazorCookieAuthOptions." + nameof(BlazorCookieAuthOptions.LoginFailureLimit));
            return new CredentialCheckResult(null, TimeSpan.FromSeconds(1));
        }

        if (limiter.CheckFailures(client, account) is { } locked)
        {
            logger.LoginRateLimited(client, "BlazorCookieAuthOptions." + (locked.Limit == LoginRateLimit.FailuresPerAccount
                ? nameof(BlazorCookieAuthOptions.AccountFailureLimit)
                : nameof(BlazorCookieAuthOptions.LoginFailureLimit)));
            return new CredentialCheckResult(null, locked.Wait);
        }

        var user = await validate().ConfigureAwait(false);
        if (user is { IsAuthenticated: true })
        {
            return new CredentialCheckResult(user, null);
        }

        logger.LoginFailed();
        var count = limiter.CountFailure(client, account);
        if (count.ClientLimitReached)
        {
            logger.LoginFailureLimitReached(client, limiter.FailureLimit, limiter.FailureWindow);
        }

        if (count.AccountLimitReached)
        {
            logger.AccountFailureLimitReached(limiter.AccountFailureLimit, limiter.AccountFailureWindow);
        }

        return new CredentialCheckResult(null, null);
    }
}

/// <summary>The outcome of <see cref="CredentialCheck.CheckAsync"/> and <see cref="CredentialCheck.CheckReauthenticationAsync"/>.</summary>
/// <param name="User">The accepted user, or <see langword="null"/>.</param>
/// <param name="RetryAfter">How long the client must wait when the attempt was refused unchecked, or <see langword="null"/>.</param>
internal readonly record struct CredentialCheckResult(AuthUser? User, TimeSpan? RetryAfter);
