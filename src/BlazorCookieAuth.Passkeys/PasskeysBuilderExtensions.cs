using BlazorCookieAuth;
using BlazorCookieAuth.Endpoints;
using BlazorCookieAuth.Passkeys;
using BlazorCookieAuth.Passkeys.Ceremonies;
using BlazorCookieAuth.Passkeys.Endpoints;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds passkeys (WebAuthn) to BlazorCookieAuth.</summary>
public static class PasskeysBuilderExtensions
{
    /// <summary>
    /// Lets users sign in with passkeys beside their password, and register, rename and remove them.
    /// <c>MapBlazorCookieAuth</c> then maps the passkey endpoints under its prefix:
    /// <c>POST {prefix}/passkeys/signin/options</c>, <c>POST {prefix}/passkeys/signin</c>,
    /// <c>POST {prefix}/passkeys/register/options</c>, <c>POST {prefix}/passkeys/register</c>,
    /// <c>GET {prefix}/passkeys</c>, <c>POST {prefix}/passkeys/rename</c> and <c>POST {prefix}/passkeys/remove</c>.
    /// Passkeys are kept in memory until the app adds a store of its own (<see cref="AddPasskeyStore{TStore}"/>).
    /// </summary>
    /// <typeparam name="TUserLoader">Gives the user a passkey signs in (scoped).</typeparam>
    /// <param name="builder">The builder returned by <c>AddBlazorCookieAuth</c>.</param>
    /// <returns>The builder.</returns>
    public static BlazorCookieAuthBuilder AddPasskeys<TUserLoader>(this BlazorCookieAuthBuilder builder)
        where TUserLoader : class, IPasskeyUserLoader =>
        builder.AddPasskeys<TUserLoader>(_ => { });

    /// <summary>
    /// Lets users sign in with passkeys, as <see cref="AddPasskeys{TUserLoader}(BlazorCookieAuthBuilder)"/> does, with
    /// options: the relying party id and name, the allowed origins, and the ceremony timeout.
    /// </summary>
    /// <typeparam name="TUserLoader">Gives the user a passkey signs in (scoped).</typeparam>
    /// <param name="builder">The builder returned by <c>AddBlazorCookieAuth</c>.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">Passkeys were added already.</exception>
    public static BlazorCookieAuthBuilder AddPasskeys<TUserLoader>(this BlazorCookieAuthBuilder builder, Action<PasskeyOptions> configure)
        where TUserLoader : class, IPasskeyUserLoader
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(PasskeyEndpoints)))
        {
            throw new InvalidOperationException("AddPasskeys was already called. Call it once.");
        }

        services.AddOptions<PasskeyOptions>()
            .Configure(configure)
            .Validate(o => o.Timeout > TimeSpan.Zero && o.Timeout <= PasskeyOptions.MaxTimeout,
                $"PasskeyOptions.Timeout must be longer than zero and at most {PasskeyOptions.MaxTimeout.TotalMinutes} minutes: a challenge is good for that long.")
            .Validate(o => o.Origins.All(origin => Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.GetLeftPart(UriPartial.Authority) == origin.TrimEnd('/')),
                "PasskeyOptions.Origins holds origins only, a scheme and a host with an optional port, such as https://example.com.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPasskeyStore, MemoryPasskeyStore>();
        services.AddScoped<IPasskeyUserLoader, TUserLoader>();
        services.AddSingleton<PasskeyChallenges>();
        services.AddSingleton<PasskeyRelyingParty>();
        services.AddScoped<PasskeyEndpoints>();
        services.AddSingleton<IAuthEndpointExtension, PasskeyEndpointMapper>();
        return builder;
    }

    /// <summary>
    /// Keeps passkeys in <typeparamref name="TStore"/> instead of memory, such as a database that survives restarts
    /// and is shared by every server.
    /// </summary>
    /// <typeparam name="TStore">The store, registered as a singleton.</typeparam>
    /// <param name="builder">The builder returned by <c>AddBlazorCookieAuth</c>.</param>
    /// <returns>The builder.</returns>
    public static BlazorCookieAuthBuilder AddPasskeyStore<TStore>(this BlazorCookieAuthBuilder builder)
        where TStore : class, IPasskeyStore
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IPasskeyStore, TStore>());
        return builder;
    }
}
