using System.Security.Claims;
using System.Security.Cryptography;
using BlazorCookieAuth.Authentication;
using BlazorCookieAuth.Diagnostics;
using BlazorCookieAuth.Endpoints;
using BlazorCookieAuth.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Sessions;

/// <summary>
/// Logs a request's user in, renews the login and logs out: starts, renews and ends the session, issues its token,
/// and writes or deletes the cookies on the response. <see cref="IAuthSession"/> calls it directly, and the scheme's
/// handler forwards <c>HttpContext.SignInAsync</c> and <c>SignOutAsync</c> to it.
/// </summary>
internal sealed class AuthLogins(
    BlazorCookieAuthScheme scheme,
    AuthTokenService tokens,
    AuthSessions sessions,
    AuthTelemetry telemetry,
    ILogger<AuthLogins> logger)
{
    /// <summary>
    /// Starts a session for <paramref name="user"/>, ends the one this browser had, and writes the cookies.
    /// </summary>
    /// <param name="context">The request whose response carries the cookies.</param>
    /// <param name="user">The user to log in, authenticated.</param>
    /// <param name="remember">Whether the login is remembered: a persistent cookie and a session of the full duration.</param>
    /// <param name="expiresCap">An end for the session earlier than its duration gives, or <see langword="null"/>.</param>
    /// <param name="sessionData">The value the app keeps with the session, or <see langword="null"/>.</param>
    /// <param name="credential">The credential other than a password that the login checked, such as a passkey, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="user"/> is anonymous.</exception>
    /// <exception cref="InvalidOperationException">The cookie can't be written.</exception>
    /// <exception cref="CredentialsChangedException">The credentials the login checked changed or were removed meanwhile.</exception>
    public async Task LoginAsync(HttpContext context, AuthUser user, bool remember, DateTimeOffset? expiresCap, string? sessionData, SignInCredential? credential = null)
    {
        var handler = await HandlerAsync(context).ConfigureAwait(false);
        EnsureCookieCanBeWritten(context, handler.Options, "log in");
        if (!user.IsAuthenticated)
        {
            throw new ArgumentException(KitErrors.AnonymousUser, nameof(user));
        }

        using var activity = telemetry.StartLogin();
        try
        {
            // What the app set as the user's AuthenticatedAt is when its credential check began.
            await LogInAsync(context, handler, user, remember, expiresCap, sessionData, sessions.CheckedBy(user), credential).ConfigureAwait(false);
        }
        catch (AuthUnavailableException)
        {
            AuthTelemetry.SetLoginResult(activity, LoginResult.Unavailable);
            throw;
        }
        catch (CredentialsChangedException)
        {
            logger.LoginAfterCredentialsChanged(user.AuthId!);
            AuthTelemetry.SetLoginResult(activity, LoginResult.Failed);
            throw;
        }
        catch (Exception exception)
        {
            AuthTelemetry.SetException(activity, exception);
            throw;
        }

        telemetry.LoginSucceeded();
        AuthTelemetry.SetLoginResult(activity, LoginResult.Succeeded);
    }

    /// <summary>
    /// Gives the request's session a fresh lifetime from now and writes its cookies again, keeping the session id,
    /// whether it is remembered, when the credentials were checked, and its browser secret.
    /// </summary>
    /// <exception cref="InvalidOperationException">The request has no live login, or its cookie can't be written.</exception>
    public async Task RenewAsync(HttpContext context)
    {
        var handler = await HandlerAsync(context).ConfigureAwait(false);
        await handler.AuthenticateAsync().ConfigureAwait(false);
        if (handler.Token is not { } current || handler.TokenSession is not { } session)
        {
            throw new InvalidOperationException(KitErrors.RenewWithoutLogin);
        }

        var options = handler.Options;
        EnsureCookieCanBeWritten(context, options, "renew the login");
        var renewed = await sessions.RenewAsync(session, context.RequestAborted).ConfigureAwait(false)
            ?? throw new InvalidOperationException(KitErrors.RenewWithoutLogin);

        // The browser secret carries over, and its browser-session cookie is written again only where it was sent:
        // a renewal neither makes a restored login fresh nor a fresh one stale.
        var continues = handler.BrowserSessionContinues(current);
        var issued = AuthTokenService.Issue(current.User, renewed, renewed.LastSeenAt, current.BrowserSecret);
        AuthCookies.Write(context, options, issued, tokens.Protect(issued), writeBrowserSecret: continues, logger);
        context.User = SessionCheckedUser.Of(issued, renewed, continues).ToClaimsPrincipal(scheme.Name);
        handler.UseToken(issued, renewed, continues);
        logger.LoginRenewed(issued.AuthId);
    }

    /// <summary>
    /// Ends the request's session, or every session of its user when <paramref name="everywhere"/>, and deletes the
    /// cookies. A session store that is down still lets the browser sign out: this server refuses the session at once,
    /// and the store ends it once it answers again.
    /// </summary>
    public async Task LogoutAsync(HttpContext context, bool everywhere)
    {
        var handler = await HandlerAsync(context).ConfigureAwait(false);
        var options = handler.Options;

        // In Bearer mode there is no cookie to delete: signing out ends the bearer token's session.
        if (options.ReadsCookie)
        {
            EnsureResponseCanBeWritten(context, "log out");
        }

        using var activity = telemetry.StartLogout(everywhere);
        (string AuthId, int Ended)? signedOut = null;
        try
        {
            signedOut = await EndCurrentSessionAsync(context, handler, everywhere ? SessionEndReason.LogoutEverywhere : SessionEndReason.Logout).ConfigureAwait(false);
        }
        catch (AuthUnavailableException exception)
        {
            // The store is down (logged once per outage): this browser still gets signed out, and the end waits for
            // the store (AuthSessions.EndWhenStoreAnswers).
            AuthTelemetry.SetException(activity, exception);
        }

        if (options.ReadsCookie)
        {
            AuthCookies.Delete(context, options);
        }

        context.User = new ClaimsPrincipal(new ClaimsIdentity());
        if (signedOut is not { } user)
        {
            return;
        }

        telemetry.LoggedOut(everywhere);
        activity?.SetTag(AuthTelemetry.LogoutEndedSessionsTag, user.Ended);
        if (everywhere)
        {
            logger.LoggedOutEverywhere(user.AuthId, user.Ended);
        }
        else
        {
            logger.LoggedOut(user.AuthId);
        }
    }

    /// <summary>
    /// Has the request's user prove who they are again with their password, under the login limits; on success starts
    /// a fresh session in place of the current one, as a login does.
    /// </summary>
    /// <exception cref="InvalidOperationException">The request has no live login, or its cookie can't be written.</exception>
    public async Task<ReauthenticationResult> ReauthenticateAsync(HttpContext context, string password)
    {
        var handler = await HandlerAsync(context).ConfigureAwait(false);
        EnsureCookieCanBeWritten(context, handler.Options, "re-authenticate");
        await handler.AuthenticateAsync().ConfigureAwait(false);
        if (handler.Token is not { } current || handler.TokenSession is not { } session)
        {
            throw new InvalidOperationException(KitErrors.ReauthenticateWithoutLogin);
        }

        // Taken before the password is checked, so that a password change racing this check voids it.
        var checkedAt = sessions.Now();
        var check = await CredentialCheck.CheckReauthenticationAsync(
            context, LoginRateLimiter.ClientOf(context), current.User, password, logger).ConfigureAwait(false);
        if (check.RetryAfter is { } wait)
        {
            return new ReauthenticationResult(ReauthenticationStatus.TooManyAttempts, wait);
        }

        if (check.User is null)
        {
            return new ReauthenticationResult(ReauthenticationStatus.WrongPassword);
        }

        try
        {
            await LogInAsync(context, handler, current.User, session.IsPersistent, session.MaxExpiresAt, session.Data, checkedAt, credential: null).ConfigureAwait(false);
        }
        catch (AuthUnavailableException)
        {
            return new ReauthenticationResult(ReauthenticationStatus.Unavailable);
        }
        catch (CredentialsChangedException)
        {
            // The password changed while it was being checked: the one typed is no longer the user's.
            logger.LoginAfterCredentialsChanged(current.AuthId);
            return new ReauthenticationResult(ReauthenticationStatus.WrongPassword);
        }

        logger.Reauthenticated(current.AuthId);
        return new ReauthenticationResult(ReauthenticationStatus.Succeeded);
    }

    /// <summary>
    /// Ends every session of the request's user whose credentials were checked before now, refuses older logins from
    /// now on, and starts a new session for this browser in place of its own, so a copy of its old cookie dies too.
    /// </summary>
    /// <returns>How many other sessions were ended.</returns>
    /// <exception cref="InvalidOperationException">The request has no live login, or its cookie can't be written.</exception>
    public async Task<int> CredentialsChangedAsync(HttpContext context)
    {
        var handler = await HandlerAsync(context).ConfigureAwait(false);
        var options = handler.Options;
        EnsureCookieCanBeWritten(context, options, "rotate the login after a credential change");
        await handler.AuthenticateAsync().ConfigureAwait(false);
        if (handler.Token is not { } current || handler.TokenSession is not { } session)
        {
            throw new InvalidOperationException(KitErrors.CredentialsChangedWithoutLogin);
        }

        // A login that was fresh stays fresh; one restored from a remembered cookie stays as it was.
        var continues = handler.BrowserSessionContinues(current);
        var (ended, validFrom) = await sessions.ChangeCredentialsAsync(current.AuthId, context.RequestAborted).ConfigureAwait(false);

        // This browser's session ended with the others; it gets a new one, its credentials counted from the change.
        await RotateAsync(context, handler, current, session, continues, validFrom).ConfigureAwait(false);
        return ended.Count(sessionId => sessionId != current.SessionId);
    }

    /// <summary>
    /// Ends every session of <paramref name="authId"/> that <paramref name="credential"/> started, once that credential
    /// (a passkey) is removed; the user's other sessions stay. When the request's own session is one of them, this
    /// browser stays signed in: it gets a new session in its place, which no credential counts as started (so removing
    /// the credential doesn't sign out the person who removed it), with a new id and cookie, so a copy of its old cookie
    /// dies with the others. In <see cref="AuthMode.Bearer"/> mode there is no cookie to rotate, and it just ends.
    /// </summary>
    /// <returns>How many sessions ended, not counting this browser's when it got a new one.</returns>
    /// <exception cref="AuthUnavailableException">The session store can't be reached.</exception>
    public async Task<int> CredentialRemovedAsync(HttpContext context, string authId, string credential)
    {
        var handler = await HandlerAsync(context).ConfigureAwait(false);
        await handler.AuthenticateAsync().ConfigureAwait(false);
        var own = handler.Token is { } current && handler.TokenSession is { } session
            && current.AuthId == authId && session.Credential == credential && handler.Options.Mode != AuthMode.Bearer
            ? (Token: current, Session: session, Continues: handler.BrowserSessionContinues(current))
            : default;
        if (own.Session is not null)
        {
            EnsureCookieCanBeWritten(context, handler.Options, "rotate the login after its credential was removed");
        }

        var ended = await sessions.EndByCredentialAsync(authId, credential, context.RequestAborted).ConfigureAwait(false);
        if (own.Session is null)
        {
            return ended.Count;
        }

        // The login's credential check stands (the user proved who they are then), only the credential is gone.
        await RotateAsync(context, handler, own.Token, own.Session, own.Continues, own.Session.AuthenticatedAt).ConfigureAwait(false);
        return ended.Count(sessionId => sessionId != own.Session.SessionId);
    }

    /// <summary>
    /// Starts a new session for this browser in place of <paramref name="session"/>, which has just ended, and writes its
    /// cookies: the same user, remembered or not, cap and data, started by no credential but the one checked at
    /// <paramref name="credentialsCheckedAt"/>. A fresh login stays fresh; one restored from a remembered cookie stays as
    /// it was. When the store can't take it, this browser is signed out rather than kept on a dead session.
    /// </summary>
    private async Task RotateAsync(
        HttpContext context, BlazorCookieAuthHandler handler, AuthToken current, AuthSessionRecord session, bool continues, DateTimeOffset credentialsCheckedAt)
    {
        var options = handler.Options;
        handler.ForgetToken();
        AuthSessionRecord rotated;
        try
        {
            rotated = await sessions.StartAsync(
                current.AuthId, session.IsPersistent, session.MaxExpiresAt, ClientDescription.FromUserAgent(context.Request.Headers.UserAgent),
                session.Data, replacesOwnSession: false, credentialsCheckedAt, credential: null, context.RequestAborted).ConfigureAwait(false);
        }
        catch (AuthUnavailableException)
        {
            AuthCookies.Delete(context, options);
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
            throw;
        }

        var browserSecret = session.IsPersistent ? RandomNumberGenerator.GetBytes(AuthTokenFormat.BrowserSecretBytes) : null;
        var issued = AuthTokenService.Issue(current.User, rotated, rotated.CreatedAt, browserSecret);
        var token = await tokens.ProtectOrEndAsync(issued, context.RequestAborted).ConfigureAwait(false);
        AuthCookies.Write(context, options, issued, token, writeBrowserSecret: continues, logger);
        context.User = SessionCheckedUser.Of(issued, rotated, continues).ToClaimsPrincipal(scheme.Name);
        handler.UseToken(issued, rotated, continues);
    }

    private async Task LogInAsync(
        HttpContext context,
        BlazorCookieAuthHandler handler,
        AuthUser user,
        bool remember,
        DateTimeOffset? expiresCap,
        string? sessionData,
        DateTimeOffset? credentialsCheckedAt,
        SignInCredential? credential)
    {
        await handler.AuthenticateAsync().ConfigureAwait(false);
        var replacesOwnSession = handler.Token?.AuthId == user.AuthId;
        var client = ClientDescription.FromUserAgent(context.Request.Headers.UserAgent);
        var session = await sessions.StartAsync(
            user.AuthId!, remember, expiresCap, client, sessionData, replacesOwnSession, credentialsCheckedAt, credential, context.RequestAborted).ConfigureAwait(false);

        // A remembered cookie outlives the browser; its secret, also kept in a browser-session cookie, tells a
        // login in this browser session from one restored later, which is not fresh.
        var browserSecret = remember ? RandomNumberGenerator.GetBytes(AuthTokenFormat.BrowserSecretBytes) : null;
        var issued = AuthTokenService.Issue(user, session, session.CreatedAt, browserSecret);
        var token = await tokens.ProtectOrEndAsync(issued, context.RequestAborted).ConfigureAwait(false);

        // Only now, with the new login in place, does the one this browser had end, so that its copies stop
        // working; a login that fails leaves the browser signed in as before.
        await EndCurrentSessionAsync(context, handler, SessionEndReason.Replaced).ConfigureAwait(false);
        AuthCookies.Write(context, handler.Options, issued, token, writeBrowserSecret: true, logger);
        context.User = issued.User.ToClaimsPrincipal(scheme.Name);
        handler.UseToken(issued, session, browserSessionContinues: true);
        logger.LoggedIn(issued.AuthId, remember);
    }

    /// <summary>
    /// Ends the session of the token the request came with, or every session of its user when
    /// <paramref name="reason"/> is <see cref="SessionEndReason.LogoutEverywhere"/>.
    /// </summary>
    /// <returns>The auth id of the user whose sessions ended, and how many; <see langword="null"/> for an anonymous request.</returns>
    private async Task<(string AuthId, int Ended)?> EndCurrentSessionAsync(HttpContext context, BlazorCookieAuthHandler handler, SessionEndReason reason)
    {
        await handler.AuthenticateAsync().ConfigureAwait(false);

        // A token whose session couldn't be checked, as the store is down, still names the session to end.
        if ((handler.Token ?? handler.UncheckedToken) is not { AuthId: var authId, SessionId: var sessionId })
        {
            return null;
        }

        handler.ForgetToken();
        try
        {
            var ended = reason == SessionEndReason.LogoutEverywhere
                ? await sessions.EndAllAsync(authId, exceptSessionId: null, reason, context.RequestAborted).ConfigureAwait(false)
                : await sessions.EndAsync(sessionId, reason, context.RequestAborted).ConfigureAwait(false) ? 1 : 0;
            return (authId, ended);
        }
        catch (AuthUnavailableException) when (reason is SessionEndReason.Logout or SessionEndReason.LogoutEverywhere)
        {
            // A logout is kept until the store answers; a replaced session is not, since its login failed with it.
            sessions.EndWhenStoreAnswers(authId, sessionId, reason == SessionEndReason.LogoutEverywhere);
            throw;
        }
    }

    /// <summary>The request's instance of the scheme's handler, which knows the token the request came with.</summary>
    private async Task<BlazorCookieAuthHandler> HandlerAsync(HttpContext context)
    {
        var handlers = context.RequestServices.GetRequiredService<IAuthenticationHandlerProvider>();
        return await handlers.GetHandlerAsync(context, scheme.Name).ConfigureAwait(false) as BlazorCookieAuthHandler
            ?? throw new InvalidOperationException($"The authentication scheme '{scheme.Name}' is not BlazorCookieAuth's.");
    }

    private static void EnsureCookieCanBeWritten(HttpContext context, BlazorCookieAuthOptions options, string action)
    {
        if (options.Mode == AuthMode.Bearer)
        {
            throw new InvalidOperationException(
                $"Can't {action} with a cookie: BlazorCookieAuthOptions.Mode is Bearer, so no cookie is written. " +
                "Give the client a token from IAuthTokenService.CreateTokenAsync instead, or set Mode to CookieAndBearer.");
        }

        EnsureResponseCanBeWritten(context, action);
    }

    private static void EnsureResponseCanBeWritten(HttpContext context, string action)
    {
        if (context.Response.HasStarted)
        {
            var paths = context.RequestServices.GetRequiredService<AuthEndpointPaths>();
            throw new InvalidOperationException(
                $"Can't {action}: the HTTP response has already started (streaming rendering, or an interactive component), so the auth cookie " +
                "can no longer be written. " + KitErrors.WhereCookiesCanBeWritten(paths));
        }
    }
}
