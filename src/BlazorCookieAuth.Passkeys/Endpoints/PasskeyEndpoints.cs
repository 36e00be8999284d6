using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BlazorCookieAuth.Authentication;
using BlazorCookieAuth.Diagnostics;
using BlazorCookieAuth.Endpoints;
using BlazorCookieAuth.Passkeys.Ceremonies;
using BlazorCookieAuth.Sessions;
using BlazorCookieAuth.Tokens;
using Fido2NetLib;
using Fido2NetLib.Exceptions;
using Fido2NetLib.Objects;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Passkeys.Endpoints;

/// <summary>
/// The request handlers behind <c>{prefix}/passkeys/...</c>, for the passkey script: JSON in and out, each change with
/// an antiforgery token (the <c>RequestVerificationToken</c> header) under the login request limit, and the kit's error
/// answers. A sign-in ends as a password login does (<see cref="AuthEndpoints.Login.FinishAsync"/>); registering,
/// renaming and removing need a fresh login.
/// </summary>
/// <remarks>Scoped; also the category of the endpoints' logs.</remarks>
internal sealed class PasskeyEndpoints(
    IAntiforgery antiforgery,
    AuthLogins logins,
    AuthTokenService tokens,
    BlazorCookieAuthScheme scheme,
    IOptionsMonitor<BlazorCookieAuthOptions> kitOptions,
    AuthTelemetry telemetry,
    PasskeyChallenges challenges,
    PasskeyRelyingParty relyingParty,
    IPasskeyStore store,
    IPasskeyUserLoader users,
    TimeProvider timeProvider,
    ILogger<PasskeyEndpoints> logger)
{
    /// <summary>The largest user handle WebAuthn allows.</summary>
    private const int MaxUserHandleLength = 64;

    private BlazorCookieAuthOptions KitOptions => kitOptions.Get(scheme.Name);

    /// <summary><c>POST {prefix}/passkeys/signin/options</c>: the options for <c>navigator.credentials.get</c>.</summary>
    public async Task<IResult> SignInOptionsAsync(HttpContext context)
    {
        if (await RefuseBeforeReadingAsync(context).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var options = relyingParty.Fido2For(context.Request).GetAssertionOptions(PasskeyRelyingParty.SignIn);
        challenges.Issue(context, PasskeyCeremony.SignIn, options.Challenge);
        return TypedResults.Text(options.ToJson(), "application/json", statusCode: StatusCodes.Status200OK);
    }

    /// <summary>
    /// <c>POST {prefix}/passkeys/signin</c>: checks the browser's assertion and starts a kit session, as a password
    /// login does. Every refusal of the passkey answers alike, whether or not it exists, and counts against the same
    /// failure limits as a wrong password.
    /// </summary>
    public async Task<IResult> SignInAsync(HttpContext context)
    {
        using var activity = telemetry.StartLogin();
        try
        {
            var (result, answer) = await AttemptSignInAsync(context).ConfigureAwait(false);
            AuthTelemetry.SetLoginResult(activity, result);
            return answer;
        }
        catch (Exception exception)
        {
            AuthTelemetry.SetException(activity, exception);
            throw;
        }
    }

    /// <summary><c>POST {prefix}/passkeys/register/options</c>: the options for <c>navigator.credentials.create</c>.</summary>
    public async Task<IResult> RegistrationOptionsAsync(HttpContext context)
    {
        if (await RefuseBeforeReadingAsync(context).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var (user, unfresh) = await FreshUserAsync(context).ConfigureAwait(false);
        if (user is null)
        {
            return unfresh!;
        }

        var authId = user.AuthId!;
        var handle = await store.GetOrAddUserHandleAsync(authId, RandomNumberGenerator.GetBytes(MaxUserHandleLength / 2), context.RequestAborted).ConfigureAwait(false);
        var existing = await store.ListAsync(authId, context.RequestAborted).ConfigureAwait(false);
        var options = relyingParty.Fido2For(context.Request).RequestNewCredential(PasskeyRelyingParty.Registration(Fido2UserOf(user, handle), existing));
        challenges.Issue(context, PasskeyCeremony.Registration, options.Challenge, authId, handle);
        return TypedResults.Text(options.ToJson(), "application/json", statusCode: StatusCodes.Status200OK);
    }

    /// <summary><c>POST {prefix}/passkeys/register</c>: checks the browser's attestation and keeps the new passkey.</summary>
    public async Task<IResult> RegisterAsync(HttpContext context)
    {
        if (await RefuseBeforeReadingAsync(context).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var request = await ReadJsonAsync(context, PasskeyJsonContext.Default.PasskeyRegistrationRequest).ConfigureAwait(false);
        if (request?.Credential is not { } credential)
        {
            return Unreadable(context);
        }

        var (user, unfresh) = await FreshUserAsync(context).ConfigureAwait(false);
        if (user is null)
        {
            return unfresh!;
        }

        var authId = user.AuthId!;
        if (await challenges.TakeAsync(context, PasskeyCeremony.Registration).ConfigureAwait(false) is not { UserHandle: { } handle } challenge || challenge.AuthId != authId)
        {
            return RefuseChallenge(context, PasskeyCeremony.Registration);
        }

        if (NameOf(request.Name ?? "Passkey") is not { } name)
        {
            return BadName(context);
        }

        var configuration = relyingParty.ConfigurationFor(context.Request);
        var asked = PasskeyRelyingParty.Registration(Fido2UserOf(user, handle), []);
        var options = CredentialCreateOptions.Create(
            configuration, challenge.Challenge, asked.User, asked.AuthenticatorSelection, asked.AttestationPreference,
            asked.ExcludeCredentials, asked.Extensions, asked.PubKeyCredParams);
        RegisteredPublicKeyCredential registered;
        try
        {
            registered = await new Fido2(configuration).MakeNewCredentialAsync(new MakeNewCredentialParams
            {
                AttestationResponse = credential,
                OriginalOptions = options,
                IsCredentialIdUniqueToUserCallback = async (candidate, cancellationToken) =>
                    await store.FindAsync(candidate.CredentialId, cancellationToken).ConfigureAwait(false) is null,
            }, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Fido2VerificationException ex)
        {
            logger.PasskeyRegistrationRefused(authId, ex.Code);
            return RefusePasskey(context);
        }

        var passkey = new StoredPasskey
        {
            CredentialId = registered.Id,
            AuthId = authId,
            PublicKey = registered.PublicKey,
            SignCount = registered.SignCount,
            Name = name,
            CreatedAt = timeProvider.GetUtcNow(),
            IsBackupEligible = registered.IsBackupEligible,
            IsBackedUp = registered.IsBackedUp,
            Transports = [.. (registered.Transports ?? []).Select(EnumNameMapper<AuthenticatorTransport>.GetName)],
            AaGuid = registered.AaGuid,
        };
        if (!await store.AddAsync(passkey, context.RequestAborted).ConfigureAwait(false))
        {
            // Registered meanwhile by another request: the id is taken, as the library's uniqueness check would say.
            logger.PasskeyRegistrationRefused(authId, Fido2ErrorCode.NonUniqueCredentialId);
            return RefusePasskey(context);
        }

        logger.PasskeyRegistered(authId);
        return TypedResults.Json(InfoOf(passkey), PasskeyJsonContext.Default.PasskeyInfo);
    }

    /// <summary><c>GET {prefix}/passkeys</c>: the signed-in user's passkeys, oldest first.</summary>
    public async Task<IResult> ListAsync(HttpContext context)
    {
        var authenticated = await context.AuthenticateAsync(scheme.Name).ConfigureAwait(false);
        if (!authenticated.Succeeded)
        {
            return LoginRequired(context);
        }

        var passkeys = await store.ListAsync(AuthUser.FromClaimsPrincipal(authenticated.Principal).AuthId!, context.RequestAborted).ConfigureAwait(false);
        IReadOnlyList<PasskeyInfo> list = [.. passkeys.Select(InfoOf)];
        return TypedResults.Json(list, PasskeyJsonContext.Default.IReadOnlyListPasskeyInfo);
    }

    /// <summary><c>POST {prefix}/passkeys/rename</c>: renames one of the signed-in user's passkeys.</summary>
    public async Task<IResult> RenameAsync(HttpContext context)
    {
        var (user, request, refused) = await ReadChangeAsync(context).ConfigureAwait(false);
        if (user is null)
        {
            return refused!;
        }

        if (NameOf(request!.Name) is not { } name)
        {
            return BadName(context);
        }

        return await store.RenameAsync(user.AuthId!, request.CredentialId, name, context.RequestAborted).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : NotFound(context);
    }

    /// <summary>
    /// <c>POST {prefix}/passkeys/remove</c>: removes one of the signed-in user's passkeys, then ends the sessions it
    /// started (<see cref="AuthLogins.CredentialRemovedAsync"/>); the user's other sessions stay. When this browser's own
    /// session is one of them, it stays signed in on a new session and cookie.
    /// </summary>
    /// <remarks>
    /// A sign-in with the passkey racing its removal leaves no session either. The removal takes the passkey out of its
    /// store first, then lists the user's sessions and ends those it started; the sign-in stores its session first, then
    /// asks the passkey store whether the passkey is still there (<see cref="SignInCredential"/>). Each store orders its
    /// own operations, so either the session was stored before the removal listed the sessions, and is ended with
    /// them, or the listing came first, so the passkey was gone before the sign-in asked, and the sign-in ends its
    /// session and is refused. No new store primitive is needed.
    /// </remarks>
    public async Task<IResult> RemoveAsync(HttpContext context)
    {
        var (user, request, refused) = await ReadChangeAsync(context).ConfigureAwait(false);
        if (user is null)
        {
            return refused!;
        }

        var authId = user.AuthId!;
        if (await IsLastSignInAsync(authId, request!.CredentialId, context.RequestAborted).ConfigureAwait(false))
        {
            return ErrorResponse.For(context, StatusCodes.Status409Conflict, "last_sign_in",
                "This is your only way to sign in. Add another passkey or a password before you remove it.");
        }

        // Removed before its sessions are ended, never after: see the remarks.
        if (!await store.RemoveAsync(authId, request.CredentialId, context.RequestAborted).ConfigureAwait(false))
        {
            return NotFound(context);
        }

        int ended;
        try
        {
            ended = await logins.CredentialRemovedAsync(context, authId, SessionCredentialOf(request.CredentialId)).ConfigureAwait(false);
        }
        catch (AuthUnavailableException)
        {
            logger.PasskeyRemovedSessionsKept(authId);
            return ErrorResponse.For(context, StatusCodes.Status503ServiceUnavailable, "unavailable",
                "The passkey is removed, but the sessions it started could not be ended. Remove them from your sessions, or log out everywhere, once the site answers again.");
        }

        logger.PasskeyRemoved(authId, ended);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// What a session a passkey started keeps of it (<see cref="AuthSessionRecord.Credential"/>): <c>passkey:</c> and the
    /// base64url SHA-256 of its credential id, short, and telling nothing of the id to whoever reads the session store.
    /// </summary>
    internal static string SessionCredentialOf(byte[] credentialId) => "passkey:" + WebEncoders.Base64UrlEncode(SHA256.HashData(credentialId));

    /// <summary>
    /// Whether <paramref name="credentialId"/> is the user's last passkey and they have no other way to sign in. Checked
    /// before the removal, not with it: it guards against an accident, not against two removals racing.
    /// </summary>
    private async Task<bool> IsLastSignInAsync(string authId, byte[] credentialId, CancellationToken cancellationToken)
    {
        var passkeys = await store.ListAsync(authId, cancellationToken).ConfigureAwait(false);
        return passkeys.Count == 1
            && passkeys[0].CredentialId.AsSpan().SequenceEqual(credentialId)
            && !await users.HasOtherSignInAsync(authId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(LoginResult Result, IResult Answer)> AttemptSignInAsync(HttpContext context)
    {
        if (await AuthEndpoints.ReadBodyAsync(context).ConfigureAwait(false) is { } unread)
        {
            return (LoginResult.InvalidRequest, unread);
        }

        var client = LoginRateLimiter.ClientOf(context);
        if (await AuthEndpoints.RefuseWithoutAntiforgeryAsync(context, antiforgery, logger).ConfigureAwait(false) is { } refused)
        {
            return (LoginResult.Antiforgery, refused);
        }

        var overRequestLimit = LoginRateLimiter.CountRequestAfterAntiforgery(context);
        var request = await ReadJsonAsync(context, PasskeyJsonContext.Default.PasskeySignInRequest).ConfigureAwait(false);
        var returnUrl = LocalUrl.IsLocal(request?.ReturnUrl) ? request!.ReturnUrl : null;
        if (overRequestLimit is { } wait)
        {
            return (LoginResult.RateLimited, AuthEndpoints.RefuseRateLimited(context, KitOptions, wait, returnUrl));
        }

        if (request?.Credential is not { } credential)
        {
            return (LoginResult.InvalidRequest, Unreadable(context));
        }

        if (await challenges.TakeAsync(context, PasskeyCeremony.SignIn).ConfigureAwait(false) is not { } challenge)
        {
            return (LoginResult.InvalidRequest, RefuseChallenge(context, PasskeyCeremony.SignIn));
        }

        // Taken before the passkey is checked: a credential change (such as removing this passkey) while it is being
        // checked voids this login.
        var checkedAt = timeProvider.GetUtcNow();
        var userHandle = credential.Response?.UserHandle;
        var authId = userHandle is { Length: > 0 and <= MaxUserHandleLength }
            ? await store.FindAuthIdAsync(userHandle, context.RequestAborted).ConfigureAwait(false)
            : null;

        // Failures count against the user's account as wrong passwords do; an unknown handle against one of its own.
        var account = authId is not null
            ? LoginRateLimiter.AccountOfAuthId(authId)
            : "passkey:" + WebEncoders.Base64UrlEncode(SHA256.HashData(userHandle ?? []));
        StoredPasskey? used = null;
        var check = await CredentialCheck.CheckUnderLimitsAsync(context, client, account, logger, async () =>
        {
            if (authId is null)
            {
                return null;
            }

            (var user, used) = await VerifyAsync(context, credential, challenge, authId).ConfigureAwait(false);
            return user;
        }).ConfigureAwait(false);
        if (check is { User: null, RetryAfter: null })
        {
            telemetry.LoginFailed();
        }

        var login = new AuthEndpoints.Login(context, antiforgery, logins, tokens, KitOptions, telemetry, logger)
        {
            WrongCredentialsDetail = "The passkey was not accepted.",
        };
        var startedBy = used is null ? null : new SignInCredential(SessionCredentialOf(used.CredentialId), token => StillExistsAsync(used.CredentialId, token));
        return await login.FinishAsync(check, checkedAt, request.Remember, returnUrl, startedBy).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether the passkey a sign-in used is still stored, asked once its session is: a removal that came meanwhile
    /// refuses the sign-in (see <see cref="RemoveAsync"/>).
    /// </summary>
    private async Task<bool> StillExistsAsync(byte[] credentialId, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(credentialId, cancellationToken).ConfigureAwait(false) is not null)
        {
            return true;
        }

        logger.PasskeySignInRefused("the passkey was removed while it signed in");
        return false;
    }

    /// <summary>Checks an assertion of a passkey of <paramref name="authId"/> and records the sign-in.</summary>
    /// <returns>The user to sign in and the passkey used, or <see langword="null"/>s when the passkey is refused.</returns>
    private async Task<(AuthUser? User, StoredPasskey? Passkey)> VerifyAsync(HttpContext context, AuthenticatorAssertionRawResponse credential, PasskeyChallenge challenge, string authId)
    {
        var cancellationToken = context.RequestAborted;
        var passkey = credential.RawId is { Length: > 0 } rawId ? await store.FindAsync(rawId, cancellationToken).ConfigureAwait(false) : null;
        if (passkey is null || passkey.AuthId != authId)
        {
            logger.PasskeySignInRefused("no such passkey for the user handle");
            return default;
        }

        var configuration = relyingParty.ConfigurationFor(context.Request);
        var asked = PasskeyRelyingParty.SignIn;
        VerifyAssertionResult verified;
        try
        {
            verified = await new Fido2(configuration).MakeAssertionAsync(new MakeAssertionParams
            {
                AssertionResponse = credential,
                OriginalOptions = AssertionOptions.Create(configuration, challenge.Challenge, asked.AllowedCredentials, asked.UserVerification, asked.Extensions),
                StoredPublicKey = passkey.PublicKey,
                StoredSignatureCounter = passkey.SignCount,
                IsUserHandleOwnerOfCredentialIdCallback = async (owner, token) =>
                    await store.FindAuthIdAsync(owner.UserHandle, token).ConfigureAwait(false) == passkey.AuthId,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Fido2VerificationException ex) when (ex.Code == Fido2ErrorCode.InvalidSignCount)
        {
            logger.PasskeySignCountWentBack(authId, SignCountOf(credential), passkey.SignCount);
            return default;
        }
        catch (Fido2VerificationException ex)
        {
            logger.PasskeySignInRefused(ex.Code.ToString());
            return default;
        }

        if (!await store.RecordSignInAsync(passkey.CredentialId, passkey.SignCount, verified.SignCount, verified.IsBackedUp, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            logger.PasskeySignInRefused("the passkey was removed, or used by another sign-in, meanwhile");
            return default;
        }

        var user = await users.LoadUserAsync(authId, cancellationToken).ConfigureAwait(false);
        if (user?.AuthId != authId)
        {
            logger.PasskeySignInRefused("the user loader returned no user for the passkey's auth id");
            return default;
        }

        return (user, passkey);
    }

    /// <summary>The counter an assertion reported, read by the FIDO2 library, for the log.</summary>
    private static uint SignCountOf(AuthenticatorAssertionRawResponse credential) =>
        credential.Response?.AuthenticatorData is { } data ? AuthenticatorData.Parse(data).SignCount : 0;

    /// <summary>
    /// Reads the body, checks the antiforgery token, then counts the request against the login request limit, as the
    /// login endpoint does: the answer when one of them refuses, else <see langword="null"/>.
    /// </summary>
    private async Task<IResult?> RefuseBeforeReadingAsync(HttpContext context)
    {
        if (await AuthEndpoints.ReadBodyAsync(context).ConfigureAwait(false) is { } unread)
        {
            return unread;
        }

        if (await AuthEndpoints.RefuseWithoutAntiforgeryAsync(context, antiforgery, logger).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        return LoginRateLimiter.CountRequestAfterAntiforgery(context) is { } wait
            ? AuthEndpoints.RefuseRateLimited(context, KitOptions, wait, returnUrl: null)
            : null;
    }

    /// <summary>The signed-in user when their login is fresh; else the answer that says what is missing.</summary>
    private async Task<(AuthUser? User, IResult? Refusal)> FreshUserAsync(HttpContext context)
    {
        var authenticated = await context.AuthenticateAsync(scheme.Name).ConfigureAwait(false);
        if (!authenticated.Succeeded)
        {
            return (null, LoginRequired(context));
        }

        var user = AuthUser.FromClaimsPrincipal(authenticated.Principal);
        return user.IsFresh(KitOptions.FreshLoginMaxAge, timeProvider.GetUtcNow())
            ? (user, null)
            : (null, ErrorResponse.For(context, StatusCodes.Status403Forbidden, "fresh_login_required",
                "Changing passkeys needs a recent login. Sign in again, then try again."));
    }

    /// <summary>The antiforgery, limit and fresh-login checks of a rename or removal, and its request.</summary>
    private async Task<(AuthUser? User, PasskeyChange? Request, IResult? Refusal)> ReadChangeAsync(HttpContext context)
    {
        if (await RefuseBeforeReadingAsync(context).ConfigureAwait(false) is { } refused)
        {
            return (null, null, refused);
        }

        var request = await ReadJsonAsync(context, PasskeyJsonContext.Default.PasskeyChangeRequest).ConfigureAwait(false);
        if (request?.Id is not { Length: > 0 } id || !TryDecode(id, out var credentialId))
        {
            return (null, null, Unreadable(context));
        }

        var (user, unfresh) = await FreshUserAsync(context).ConfigureAwait(false);
        return user is null ? (null, null, unfresh) : (user, new PasskeyChange(credentialId, request.Name), null);
    }

    private static bool TryDecode(string id, out byte[] bytes)
    {
        try
        {
            bytes = WebEncoders.Base64UrlDecode(id);
            return bytes.Length > 0;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }

    /// <summary>The JSON body, or <see langword="null"/> when it isn't JSON or can't be read.</summary>
    private static async Task<T?> ReadJsonAsync<T>(HttpContext context, JsonTypeInfo<T> json)
        where T : class
    {
        if (!context.Request.HasJsonContentType())
        {
            return null;
        }

        try
        {
            return await context.Request.ReadFromJsonAsync(json, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or IOException or BadHttpRequestException)
        {
            return null;
        }
    }

    /// <summary>A passkey name as typed, trimmed; <see langword="null"/> when empty or too long.</summary>
    private static string? NameOf(string? typed) =>
        typed?.Trim() is { Length: > 0 and <= StoredPasskey.MaxNameLength } name ? name : null;

    private static Fido2User Fido2UserOf(AuthUser user, byte[] handle) =>
        new() { Id = handle, Name = user.DisplayName, DisplayName = user.DisplayName };

    private static PasskeyInfo InfoOf(StoredPasskey passkey) => new()
    {
        Id = WebEncoders.Base64UrlEncode(passkey.CredentialId),
        Name = passkey.Name,
        CreatedAt = passkey.CreatedAt,
        LastUsedAt = passkey.LastUsedAt,
        IsBackedUp = passkey.IsBackedUp,
        IsBackupEligible = passkey.IsBackupEligible,
    };

    private IResult RefuseChallenge(HttpContext context, PasskeyCeremony ceremony)
    {
        logger.PasskeyChallengeRefused(ceremony.ToString());
        return ErrorResponse.For(context, StatusCodes.Status400BadRequest, "passkey_challenge",
            "The passkey request expired or was already answered. Try again.");
    }

    private static IResult RefusePasskey(HttpContext context) =>
        ErrorResponse.For(context, StatusCodes.Status400BadRequest, "passkey_rejected", "The passkey was not accepted.");

    private static IResult Unreadable(HttpContext context) =>
        ErrorResponse.For(context, StatusCodes.Status400BadRequest, "invalid_request", "The passkey request could not be read.");

    private static IResult BadName(HttpContext context) =>
        ErrorResponse.For(context, StatusCodes.Status400BadRequest, "invalid_name", $"A passkey's name needs 1 to {StoredPasskey.MaxNameLength} characters.");

    private static IResult NotFound(HttpContext context) =>
        ErrorResponse.For(context, StatusCodes.Status404NotFound, "not_found", "You have no such passkey.");

    private static IResult LoginRequired(HttpContext context) =>
        ErrorResponse.For(context, StatusCodes.Status401Unauthorized, "login_required", "This needs a login.");

    /// <summary>A rename or removal: the passkey's credential id, and the new name for a rename.</summary>
    private sealed record PasskeyChange(byte[] CredentialId, string? Name);
}
