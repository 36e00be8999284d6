namespace BlazorCookieAuth.Caching;

/// <summary>
/// What a <see cref="BoundedCache{TKey, TValue}"/> needs to know of an entry: until when it may be kept, and how much
/// of the cache's weight budget it takes. Entries are compared by reference, so a replaced entry is never mistaken
/// for its replacement.
/// </summary>
/// <param name="expiresAt">The <see cref="TimeProvider"/> timestamp from which the entry is expired.</param>
/// <param name="weight">Its share of the cache's weight budget; 0 when the cache is bounded by count alone.</param>
internal abstract class BoundedCacheEntry(long expiresAt, int weight)
{
    /// <summary>The <see cref="TimeProvider"/> timestamp from which the entry is expired and swept out.</summary>
    public long ExpiresAt { get; } = expiresAt;

    /// <summary>Its share of the cache's weight budget.</summary>
    public int Weight { get; } = weight;
}
