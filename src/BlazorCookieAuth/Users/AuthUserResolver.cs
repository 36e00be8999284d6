namespace BlazorCookieAuth.Users;

/// <summary>
/// Runs the app's <see cref="IAuthUserLoader{TUser}"/> at most once per scope (a request or a circuit) and
/// keeps what it returned, so the handler and components share one load.
/// </summary>
internal abstract class AuthUserResolver
{
    private string? _loadedAuthId;
    private Task<object?>? _load;

    /// <summary>
    /// Loads the user, or joins the load already under way for the same auth id, so components rendering
    /// in one batch share a single call to the loader. A failed load is not kept: the next caller tries again.
    /// </summary>
    public async ValueTask<object?> LoadAsync(string authId, CancellationToken cancellationToken)
    {
        if (_load is null || _loadedAuthId != authId || _load.IsFaulted || _load.IsCanceled)
        {
            _loadedAuthId = authId;
            _load = LoadCoreAsync(authId, cancellationToken);
        }

        return await _load.ConfigureAwait(false);
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
