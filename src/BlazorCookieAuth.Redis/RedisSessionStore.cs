using System.Text.Json;
using StackExchange.Redis;

namespace BlazorCookieAuth.Redis;

/// <summary>
/// Keeps sessions in Redis. Each session is a hash (<c>s:{id}</c>: auth id, record, end time, authentication time)
/// whose TTL ends with the session; each user has a sorted set of their session ids by creation (<c>u:{authId}</c>),
/// for listing, the cap and "sign out everywhere"; one sorted set of all sessions by end time (<c>e</c>) lets the
/// background cleanup drop the index entries of sessions that ended. A user whose credentials changed has a
/// credentials-valid-from time (<c>c:{authId}</c>, Unix milliseconds) that Redis expires after
/// <see cref="CredentialsChangeLifetime"/>. Every change is one Lua script, so it is atomic, and the scripts that end
/// sessions publish their ids on the notices channel in the same step.
/// </summary>
internal sealed class RedisSessionStore(RedisConnection connection, BlazorCookieAuthRedisOptions options, TimeProvider timeProvider)
    : IAuthSessionStore
{
    /// <summary>Ended sessions are cleaned up this many at a time, so a cleanup never blocks Redis for long.</summary>
    private const int CleanupBatchSize = 500;

    /// <summary>
    /// How long Redis keeps a user's credentials-valid-from time after it was last moved: far longer than any login
    /// takes, so a login that checked the old credentials is refused however slow it was.
    /// </summary>
    public static readonly TimeSpan CredentialsChangeLifetime = TimeSpan.FromDays(1);

    // KEYS[1] session hash, KEYS[2] user index, KEYS[3] end-time index, KEYS[4] credentials-valid-from time.
    // ARGV: 1 id, 2 auth id, 3 record, 4 ttl ms, 5 created ms, 6 ends ms, 7 cap, 8 now ms, 9 prefix, 10 channel,
    // 11 authenticated ms. Returns false (nil) when the credentials changed after they were checked, and adds nothing.
    // The new session counts first, whatever its creation time: a login never pushes itself out.
    private const string CreateScript = """
        local validFrom = redis.call('GET', KEYS[4])
        if validFrom and tonumber(ARGV[11]) < tonumber(validFrom) then return false end
        redis.call('HSET', KEYS[1], 'a', ARGV[2], 'r', ARGV[3], 'e', ARGV[6], 't', ARGV[11])
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
        redis.call('ZADD', KEYS[3], ARGV[6], ARGV[1] .. ':' .. ARGV[2])
        local live = 1
        local removed = {}
        for _, id in ipairs(redis.call('ZREVRANGE', KEYS[2], 0, -1)) do
          local key = ARGV[9] .. 's:' .. id
          local ends = redis.call('HGET', key, 'e')
          if id ~= ARGV[1] and ends and tonumber(ends) > tonumber(ARGV[8]) then
            live = live + 1
            if live > tonumber(ARGV[7]) then
              redis.call('DEL', key)
              redis.call('ZREM', KEYS[2], id)
              redis.call('ZREM', KEYS[3], id .. ':' .. ARGV[2])
              table.insert(removed, 1, id)
            end
          end
        end
        if #removed > 0 then redis.call('PUBLISH', ARGV[10], table.concat(removed, ' ')) end
        return removed
        """;

    // KEYS[1] session hash, KEYS[2] end-time index.
    // ARGV: 1 id, 2 auth id, 3 record, 4 ttl ms, 5 ends ms, 6 now ms, 7 authenticated ms.
    private const string UpdateScript = """
        local found = redis.call('HMGET', KEYS[1], 'a', 'e')
        if not found[1] or found[1] ~= ARGV[2] or tonumber(found[2]) <= tonumber(ARGV[6]) then return 0 end
        redis.call('HSET', KEYS[1], 'r', ARGV[3], 'e', ARGV[5], 't', ARGV[7])
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1] .. ':' .. ARGV[2])
        return 1
        """;

    // KEYS[1] session hash, KEYS[2] end-time index. ARGV: 1 id, 2 prefix, 3 channel.
    private const string RemoveScript = """
        local authId = redis.call('HGET', KEYS[1], 'a')
        if not authId then return 0 end
        redis.call('DEL', KEYS[1])
        redis.call('ZREM', ARGV[2] .. 'u:' .. authId, ARGV[1])
        redis.call('ZREM', KEYS[2], ARGV[1] .. ':' .. authId)
        redis.call('PUBLISH', ARGV[3], ARGV[1])
        return 1
        """;

    // KEYS[1] user index. ARGV: 1 prefix, 2 now ms.
    private const string ListScript = """
        local found = {}
        for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
          local session = redis.call('HMGET', ARGV[1] .. 's:' .. id, 'r', 'e')
          if session[1] and tonumber(session[2]) > tonumber(ARGV[2]) then table.insert(found, session[1]) end
        end
        return found
        """;

    // KEYS[1] user index, KEYS[2] end-time index. ARGV: 1 auth id, 2 prefix, 3 channel.
    private const string RemoveAllScript = """
        local removed = {}
        for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
          if redis.call('DEL', ARGV[2] .. 's:' .. id) == 1 then table.insert(removed, id) end
          redis.call('ZREM', KEYS[2], id .. ':' .. ARGV[1])
        end
        redis.call('DEL', KEYS[1])
        if #removed > 0 then redis.call('PUBLISH', ARGV[3], table.concat(removed, ' ')) end
        return removed
        """;

    // KEYS[1] credentials-valid-from time, KEYS[2] user index, KEYS[3] end-time index.
    // ARGV: 1 auth id, 2 valid-from ms, 3 its ttl ms, 4 prefix, 5 channel.
    // The time only moves later, each move keeping it another day. A session stored by an earlier version of the kit,
    // without its authentication time ('t'), counts as older: ending it is the safe side.
    private const string SetCredentialsValidFromScript = """
        local current = redis.call('GET', KEYS[1])
        if not current or tonumber(current) < tonumber(ARGV[2]) then
          redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
        end
        local removed = {}
        for _, id in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
          local key = ARGV[4] .. 's:' .. id
          local authenticated = redis.call('HGET', key, 't')
          if not authenticated or tonumber(authenticated) < tonumber(ARGV[2]) then
            if redis.call('DEL', key) == 1 then table.insert(removed, id) end
            redis.call('ZREM', KEYS[2], id)
            redis.call('ZREM', KEYS[3], id .. ':' .. ARGV[1])
          end
        end
        if #removed > 0 then redis.call('PUBLISH', ARGV[5], table.concat(removed, ' ')) end
        return removed
        """;

    // KEYS[1] end-time index. ARGV: 1 now ms, 2 prefix, 3 batch size. Returns { sessions removed, entries read }.
    private const string RemoveExpiredScript = """
        local entries = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
        local removed = 0
        for _, entry in ipairs(entries) do
          local colon = string.find(entry, ':', 1, true)
          local id = string.sub(entry, 1, colon - 1)
          local authId = string.sub(entry, colon + 1)
          local key = ARGV[2] .. 's:' .. id
          local ends = redis.call('HGET', key, 'e')
          if not ends or tonumber(ends) <= tonumber(ARGV[1]) then
            removed = removed + redis.call('DEL', key)
            redis.call('ZREM', ARGV[2] .. 'u:' .. authId, id)
            redis.call('ZREM', KEYS[1], entry)
          end
        end
        return { removed, #entries }
        """;

    private readonly string _prefix = options.KeyPrefix;

    /// <summary>The channel that carries the ids of ended sessions to every server.</summary>
    public RedisChannel NoticesChannel => RedisChannel.Literal(_prefix + "ended");

    private IDatabase Database => connection.Multiplexer.GetDatabase();

    private RedisKey EndsIndex => _prefix + "e";

    public async Task<IReadOnlyList<string>> CreateAsync(AuthSessionRecord session, int maxSessionsPerUser, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSessionsPerUser, 1);
        var now = timeProvider.GetUtcNow();
        var result = await Database.ScriptEvaluateAsync(
            CreateScript,
            [SessionKey(session.SessionId), UserIndex(session.AuthId), EndsIndex, CredentialsValidFromKey(session.AuthId)],
            [
                session.SessionId, session.AuthId, Serialize(session), TimeToLive(session, now),
                session.CreatedAt.ToUnixTimeMilliseconds(), session.EndsAt.ToUnixTimeMilliseconds(), maxSessionsPerUser,
                now.ToUnixTimeMilliseconds(), _prefix, NoticesChannel.ToString(), session.AuthenticatedAt.ToUnixTimeMilliseconds(),
            ]).ConfigureAwait(false);
        if (result.IsNull)
        {
            throw new CredentialsChangedException();
        }

        return [.. ((RedisResult[])result!).Select(id => (string)id!)];
    }

    public async ValueTask<AuthSessionRecord?> FindAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        var found = await Database.HashGetAsync(SessionKey(sessionId), ["r", "e"]).ConfigureAwait(false);
        return found[0].HasValue && (long)found[1] > timeProvider.GetUtcNow().ToUnixTimeMilliseconds()
            ? Deserialize(found[0])
            : null;
    }

    public async Task<bool> UpdateAsync(AuthSessionRecord session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var now = timeProvider.GetUtcNow();
        var updated = await Database.ScriptEvaluateAsync(
            UpdateScript,
            [SessionKey(session.SessionId), EndsIndex],
            [
                session.SessionId, session.AuthId, Serialize(session), TimeToLive(session, now),
                session.EndsAt.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds(), session.AuthenticatedAt.ToUnixTimeMilliseconds(),
            ]).ConfigureAwait(false);
        return (int)updated == 1;
    }

    public async Task<bool> RemoveAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        var removed = await Database.ScriptEvaluateAsync(
            RemoveScript,
            [SessionKey(sessionId), EndsIndex],
            [sessionId, _prefix, NoticesChannel.ToString()]).ConfigureAwait(false);
        return (int)removed == 1;
    }

    public async Task<IReadOnlyList<AuthSessionRecord>> ListAsync(string authId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authId);
        var found = (RedisResult[])(await Database.ScriptEvaluateAsync(
            ListScript,
            [UserIndex(authId)],
            [_prefix, timeProvider.GetUtcNow().ToUnixTimeMilliseconds()]).ConfigureAwait(false))!;
        return [.. found.Select(value => Deserialize((RedisValue)value))];
    }

    public async Task<IReadOnlyList<string>> RemoveAllAsync(string authId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authId);
        var removed = (RedisResult[])(await Database.ScriptEvaluateAsync(
            RemoveAllScript,
            [UserIndex(authId), EndsIndex],
            [authId, _prefix, NoticesChannel.ToString()]).ConfigureAwait(false))!;
        return [.. removed.Select(id => (string)id!)];
    }

    public async Task<IReadOnlyList<string>> SetCredentialsValidFromAsync(string authId, DateTimeOffset validFrom, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authId);
        var removed = (RedisResult[])(await Database.ScriptEvaluateAsync(
            SetCredentialsValidFromScript,
            [CredentialsValidFromKey(authId), UserIndex(authId), EndsIndex],
            [
                authId, validFrom.ToUnixTimeMilliseconds(), (long)CredentialsChangeLifetime.TotalMilliseconds, _prefix,
                NoticesChannel.ToString(),
            ]).ConfigureAwait(false))!;
        return [.. removed.Select(id => (string)id!)];
    }

    public async Task<int> RemoveExpiredAsync(CancellationToken cancellationToken = default)
    {
        // Sessions only: Redis expires credentials-valid-from times by itself.
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var removed = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = (RedisResult[])(await Database.ScriptEvaluateAsync(
                RemoveExpiredScript,
                [EndsIndex],
                [now, _prefix, CleanupBatchSize]).ConfigureAwait(false))!;
            removed += (int)result[0];
            if ((int)result[1] < CleanupBatchSize)
            {
                return removed;
            }
        }
    }

    /// <summary>A Redis TTL that ends the session's hash when the session ends, at least a millisecond ahead.</summary>
    private static long TimeToLive(AuthSessionRecord session, DateTimeOffset now) =>
        Math.Max(1, (long)Math.Ceiling((session.EndsAt - now).TotalMilliseconds));

    private static string Serialize(AuthSessionRecord session) =>
        JsonSerializer.Serialize(session, RedisSessionJsonContext.Default.AuthSessionRecord);

    private static AuthSessionRecord Deserialize(RedisValue value) =>
        JsonSerializer.Deserialize((string)value!, RedisSessionJsonContext.Default.AuthSessionRecord)!;

    private RedisKey SessionKey(string sessionId) => _prefix + "s:" + sessionId;

    private RedisKey UserIndex(string authId) => _prefix + "u:" + authId;

    private RedisKey CredentialsValidFromKey(string authId) => _prefix + "c:" + authId;
}
