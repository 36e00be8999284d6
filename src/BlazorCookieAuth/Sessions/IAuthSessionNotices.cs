namespace BlazorCookieAuth;

/// <summary>
/// What a session store shared by several servers tells each of them, so that every server's in-process session
/// cache and interactive circuits follow ends that happened elsewhere. The kit registers it; a distributed store
/// (such as the Redis one) calls it from its notices channel. A store used by one server needs none of it.
/// </summary>
public interface IAuthSessionNotices
{
    /// <summary>
    /// Sessions ended, on this server or another: their tokens are refused here at once and their circuits on this
    /// server turn anonymous at once.
    /// </summary>
    /// <param name="sessionIds">The ids of the ended sessions.</param>
    void SessionsEnded(IEnumerable<string> sessionIds);

    /// <summary>
    /// The notices may be missed from now on (the channel that carries them went down): this server stops trusting
    /// its cache and asks the store on every request, until <see cref="NoticesRestored"/>.
    /// </summary>
    void NoticesLost();

    /// <summary>
    /// The notices reach this server again. Whatever ended in between was not heard, so the cache starts empty.
    /// </summary>
    void NoticesRestored();
}
