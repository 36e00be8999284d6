namespace BlazorCookieAuth;

/// <summary>
/// The current user, for code: Quart-Auth's <c>current_user</c>. A scoped service that reads the circuit's
/// authentication state in components (it follows a logout or failed revalidation at once) and
/// <c>HttpContext.User</c> in HTTP endpoints and static-SSR pages.
/// </summary>
public interface ICurrentUser
{
    /// <summary><see langword="true"/> when the user is signed in.</summary>
    bool IsAuthenticated { get; }

    /// <summary>The signed-in user's auth id, or <see langword="null"/> when anonymous.</summary>
    string? AuthId { get; }

    /// <summary>The signed-in user, or <see cref="AuthUser.Anonymous"/>.</summary>
    AuthUser User { get; }

    /// <summary>
    /// Loads the app's own user through the <see cref="IAuthUserLoader{TUser}"/> registered with
    /// <c>AddUserLoader&lt;TUser, TLoader&gt;()</c>. The loader runs once per request or circuit for an auth id;
    /// later calls return the same object.
    /// </summary>
    /// <typeparam name="TUser">The app's user type, as registered with <c>AddUserLoader</c>.</typeparam>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The app's user, or <see langword="null"/> when anonymous or when the loader finds no such user.</returns>
    /// <exception cref="InvalidOperationException">No user loader for <typeparamref name="TUser"/> is registered.</exception>
    ValueTask<TUser?> GetUserAsync<TUser>(CancellationToken cancellationToken = default)
        where TUser : class;
}
