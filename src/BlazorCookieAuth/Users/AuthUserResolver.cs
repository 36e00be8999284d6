namespace BlazorCookieAuth.Users;

/// <summary>
/// Runs the app's <see cref="IAuthUserLoader{TUser}"/> at most once per scope (a request or a circuit) and
/// keeps what it returned, so the handler and components share one load.
/// </summary>
internal abstract class AuthUserResolver
{
    private string? _loadedAuthId;
    private object? _loadedUser;

    public async ValueTask<object?> LoadAsync(string authId, CancellationToken cancellationToken)
    {
        if (_loadedAuthId != authId)
        {
            _loadedUser = await LoadCoreAsync(authId, cancellationToken).ConfigureAwait(false);
            _loadedAuthId = authId;
        }

        return _loadedUser;
    }

    public void Forget()
    {
        _loadedAuthId = null;
        _loadedUser = null;
    }

    protected abstract Task<object?> LoadCoreAsync(string authId, CancellationToken cancellationToken);
}

/// <summary>The resolver for the app's user type.</summary>
/// <typeparam name="TUser">The app's user type.</typeparam>
internal sealed class AuthUserResolver<TUser>(IAuthUserLoader<TUser> loader) : AuthUserResolver
    where TUser : class
{
    protected override async Task<object?> LoadCoreAsync(string authId, CancellationToken cancellationToken) =>
        await loader.LoadUserAsync(authId, cancellationToken).ConfigureAwait(false);
}
