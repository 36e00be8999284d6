using BlazorCookieAuth.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Endpoints;

/// <summary>
/// Checks a username and password through the app's <see cref="ICredentialValidator"/> under the login rate limiter's
/// failure limit, for the login endpoint and basic authentication alike: one attempt per client and username at a time,
/// none while that pair is locked, and each failure counted against it.
/// </summary>
internal static class CredentialCheck
{
    /// <summary>What a developer reads when something checks credentials and the app registered no validator.</summary>
    public static string NoValidatorMessage(string what) =>
        $"{what} checks credentials through an ICredentialValidator, and none is registered. " +
        "Add one with services.AddBlazorCookieAuth(...).AddCredentialValidator<MyValidator>().";

    /// <param name="context">The request the credentials came with.</param>
    /// <param name="client">The client the attempt counts against, from <see cref="LoginRateLimiter.ClientOf"/>.</param>
    /// <param name="username">The username as sent.</param>
    /// <param name="password">The password as sent.</param>
    /// <param name="logger">Where the failure and the limits are logged.</param>
    /// <returns>The user when the validator accepted the credentials; else how long to wait, or neither for wrong credentials.</returns>
    /// <exception cref="InvalidOperationException">No <see cref="ICredentialValidator"/> is registered.</exception>
    public static async Task<CredentialCheckResult> CheckAsync(HttpContext context, string client, string username, string? password, ILogger logger)
    {
        var services = context.RequestServices;
        var limiter = services.GetRequiredService<LoginRateLimiter>();
        using var turn = await limiter.TakeTurnAsync(client, username, context.RequestAborted).ConfigureAwait(false);
        if (turn is null)
        {
            logger.LoginRateLimited(client, "BlazorCookieAuthOptions." + nameof(BlazorCookieAuthOptions.LoginFailureLimit));
            return new CredentialCheckResult(null, TimeSpan.FromSeconds(1));
        }

        if (limiter.CheckFailures(client, username) is { } lockedFor)
        {
            logger.LoginRateLimited(client, "BlazorCookieAuthOptions." + nameof(BlazorCookieAuthOptions.LoginFailureLimit));
            return new CredentialCheckResult(null, lockedFor);
        }

        AuthUser? user = null;
        if (username.Length > 0 && !string.IsNullOrEmpty(password))
        {
            var validator = services.GetService<ICredentialValidator>()
                ?? throw new InvalidOperationException(NoValidatorMessage($"{context.Request.Method} {context.Request.Path}"));
            user = await validator.ValidateAsync(username, password, context.RequestAborted).ConfigureAwait(false);
        }

        if (user is null || !user.IsAuthenticated)
        {
            logger.LoginFailed();
            services.GetRequiredService<AuthTelemetry>().LoginFailed();
            if (limiter.CountFailure(client, username))
            {
                logger.LoginFailureLimitReached(client, limiter.FailureLimit, limiter.FailureWindow);
            }

            return new CredentialCheckResult(null, null);
        }

        return new CredentialCheckResult(user, null);
    }

    /// <summary>
    /// Checks the password of a signed-in user who proves who they are again, through the app's
    /// <see cref="ICredentialValidator.ValidatePasswordAsync"/>, under the same failure limit as a login, keyed by the
    /// client and the auth id.
    /// </summary>
    public static async Task<CredentialCheckResult> CheckReauthenticationAsync(HttpContext context, string client, AuthUser user, string? password, ILogger logger)
    {
        var services = context.RequestServices;
        var limiter = services.GetRequiredService<LoginRateLimiter>();
        var account = "id:" + user.AuthId;
        using var turn = await limiter.TakeTurnAsync(client, account, context.RequestAborted).ConfigureAwait(false);
        if (turn is null || limiter.CheckFailures(client, account) is { } _)
        {
            logger.LoginRateLimited(client, "BlazorCookieAuthOptions." + nameof(BlazorCookieAuthOptions.LoginFailureLimit));
            return new CredentialCheckResult(null, limiter.CheckFailures(client, account) ?? TimeSpan.FromSeconds(1));
        }

        var validator = services.GetService<ICredentialValidator>()
            ?? throw new InvalidOperationException(NoValidatorMessage($"{context.Request.Method} {context.Request.Path}"));
        if (!string.IsNullOrEmpty(password) && await validator.ValidatePasswordAsync(user, password, context.RequestAborted).ConfigureAwait(false))
        {
            return new CredentialCheckResult(user, null);
        }

        logger.LoginFailed();
        services.GetRequiredService<AuthTelemetry>().LoginFailed();
        if (limiter.CountFailure(client, account))
        {
            logger.LoginFailureLimitReached(client, limiter.FailureLimit, limiter.FailureWindow);
        }

        return new CredentialCheckResult(null, null);
    }
}

/// <summary>The outcome of <see cref="CredentialCheck.CheckAsync"/>.</summary>
/// <param name="User">The accepted user, or <see langword="null"/>.</param>
/// <param name="RetryAfter">How long the client must wait when the attempt was refused unchecked, or <see langword="null"/>.</param>
internal readonly record struct CredentialCheckResult(AuthUser? User, TimeSpan? RetryAfter);
