using System.Security.Claims;
using BlazorCookieAuth.Sessions;
using BlazorCookieAuth.Users;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.AuthState;

/// <summary>
/// Reads the user of the current scope: <c>HttpContext.User</c> for an HTTP request, the authentication
/// state for a circuit (and for components rendered without a request, as in tests).
/// </summary>
internal sealed class DefaultCurrentUser(
    IServiceProvider services,
    AuthenticationStateProvider authenticationStateProvider,
    IHttpContextAccessor httpContextAccessor,
    CircuitScope circuitScope) : ICurrentUser
{
    private static readonly ClaimsPrincipal AnonymousPrincipal = new(new ClaimsIdentity());

    private readonly PrincipalUser _user = new();

    public bool IsAuthenticated => User.IsAuthenticated;

    public string? AuthId => User.AuthId;

    public AuthUser User
    {
        get => _user.Of(CurrentPrincipal());
    }

    public async ValueTask<TUser?> GetUserAsync<TUser>(CancellationToken cancellationToken = default)
        where TUser : class
    {
        var resolver = services.GetService<AuthUserResolver>();
        if (resolver is not AuthUserResolver<TUser>)
        {
            throw new InvalidOperationException(
                $"ICurrentUser.GetUserAsync<{typeof(TUser).Name}> needs a user loader for {typeof(TUser).Name}. " +
                $"Register one with services.AddBlazorCookieAuth(...).AddUserLoader<{typeof(TUser).Name}, MyLoader>().");
        }

        var authId = AuthId;
        return authId is null
            ? null
            : (TUser?)await resolver.LoadAsync(authId, cancellationToken).ConfigureAwait(false);
    }

    private ClaimsPrincipal CurrentPrincipal()
    {
        if (!circuitScope.IsCircuit && httpContextAccessor.HttpContext is { } httpContext)
        {
            return httpContext.User;
        }

        var state = authenticationStateProvider.GetAuthenticationStateAsync();
        return state.IsCompletedSuccessfully ? state.Result.User : AnonymousPrincipal;
    }
}
