using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Components.Client;

/// <summary>
/// The current user in WebAssembly: the client's authentication state, which turns anonymous when the login ends.
/// The app's own user comes from an <see cref="IAuthUserLoader{TUser}"/> registered in the client, loaded once per
/// auth id.
/// </summary>
internal sealed class ClientCurrentUser(IServiceProvider services, AuthenticationStateProvider stateProvider) : ICurrentUser
{
    private readonly PrincipalUser _user = new();
    private (string AuthId, Type Type, Task<object?> Load)? _loaded;

    public bool IsAuthenticated => User.IsAuthenticated;

    public string? AuthId => User.AuthId;

    public AuthUser User
    {
        get
        {
            var state = stateProvider.GetAuthenticationStateAsync();
            return _user.Of(state.IsCompletedSuccessfully ? state.Result.User : null);
        }
    }

    public async ValueTask<TUser?> GetUserAsync<TUser>(CancellationToken cancellationToken = default)
        where TUser : class
    {
        var loader = services.GetService<IAuthUserLoader<TUser>>() ?? throw new InvalidOperationException(
            $"ICurrentUser.GetUserAsync<{typeof(TUser).Name}> in WebAssembly needs a user loader for {typeof(TUser).Name} in the client. " +
            $"Register one in the .Client project's Program.cs with builder.Services.AddScoped<IAuthUserLoader<{typeof(TUser).Name}>, MyLoader>(); " +
            "it usually calls an API of the server.");

        if (AuthId is not { } authId)
        {
            return null;
        }

        if (_loaded is not { } loaded || loaded.AuthId != authId || loaded.Type != typeof(TUser))
        {
            loaded = (authId, typeof(TUser), LoadAsync(loader, authId, cancellationToken));
            _loaded = loaded;
        }

        return (TUser?)await loaded.Load.ConfigureAwait(false);
    }

    private static async Task<object?> LoadAsync<TUser>(IAuthUserLoader<TUser> loader, string authId, CancellationToken cancellationToken)
        where TUser : class =>
        await loader.LoadUserAsync(authId, cancellationToken).ConfigureAwait(false);
}
