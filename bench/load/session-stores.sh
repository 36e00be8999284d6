#!/usr/bin/env bash
# Authenticated requests per second against the demo with its sessions in memory, in SQLite (the EF Core store)
# and in Redis, measured side by side with wrk in one run. Every server logs in as alice and serves /profile, a page
# that requires a login, so every request checks the token, its session and the user.
#
#   bench/load/session-stores.sh [seconds per round] [rounds] [warm-up seconds]
#   STORES="Memory Redis" bench/load/session-stores.sh      # the stores to compare, the first one the baseline
#   STORES="Memory Memory" bench/load/session-stores.sh     # an A/A run: how much two equal servers differ
#
# Needs wrk, and redis-server for the Redis store (Debian: apt-get install wrk redis-server); the script starts a
# Redis of its own, without persistence, on a free port. See side-by-side.sh for how the servers are measured. On a
# 2-core machine the server started second measures about 9% slower whatever its store (see an A/A run), so compare
# both orders (STORES="Sqlite Memory") before reading a difference of that size into the stores.
set -euo pipefail
cd "$(dirname "$0")/../.."

duration=${1:-10}
rounds=${2:-10}
warmup=${3:-45}
read -r -a stores <<<"${STORES:-Memory Sqlite Redis}"
work=$(mktemp -d)
# The servers start in command substitutions (subshells), so their PIDs are kept in files, not in this shell's jobs.
trap 'for pid in "$work"/*.pid; do [ -e "$pid" ] && kill "$(cat "$pid")" 2>/dev/null; done; rm -rf "$work"' EXIT
source bench/load/side-by-side.sh

dotnet build demo/BlazorCookieAuth.Demo -c Release -v q -nologo >"$work/build.log" || { cat "$work/build.log"; exit 1; }

redis_port=
if [[ " ${stores[*]} " == *" Redis "* ]]; then
    command -v redis-server >/dev/null || { echo "session-stores.sh: redis-server is missing (apt-get install redis-server)"; exit 1; }
    redis_port=$(free_port)
    redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$work/redis.log" 2>&1 &
    echo $! >"$work/redis.pid"
fi

# Starts the demo with the given session store under a name of its own; prints its base URL once it answers.
start_demo() {
    local name=$1 store=$2 port redis=()
    port=$(free_port)
    [ "$store" = Redis ] && redis=(--ConnectionStrings:Redis="127.0.0.1:$redis_port")
    # The app itself, not `dotnet run`, so that stopping this script stops it too.
    ASPNETCORE_ENVIRONMENT=Development demo/BlazorCookieAuth.Demo/bin/Release/net10.0/BlazorCookieAuth.Demo \
        --contentRoot "$PWD/demo/BlazorCookieAuth.Demo" --urls "http://127.0.0.1:$port" --Sessions:Store="$store" \
        --ConnectionStrings:Users="Data Source=$work/$name-users.db" --Sessions:DatabasePath="$work/$name-sessions.db" "${redis[@]}" \
        --Logging:LogLevel:Default=Warning >"$work/$name.log" 2>&1 &
    echo $! >"$work/$name.pid"
    wait_for_server "$name" "http://127.0.0.1:$port" /login
    echo "http://127.0.0.1:$port"
}

# Logs in as alice through the login form; prints the auth cookie as a Cookie header value.
log_in() {
    local base=$1 headers="$work/headers" page token antiforgery
    # The antiforgery cookie is read from Set-Cookie: it is Secure (__Host-), and curl keeps no Secure cookie from http.
    page=$(curl -s -D "$headers" "$base/login")
    token=$(grep -o 'name="__RequestVerificationToken" value="[^"]*"' <<<"$page" | head -1 | sed 's/.*value="//; s/"$//')
    antiforgery=$(grep -i '^set-cookie: [^=]*Antiforgery' "$headers" | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//' | tr -d '\r')
    curl -s -D - -o /dev/null -H "Cookie: $antiforgery" \
        --data-urlencode "__RequestVerificationToken=$token" --data-urlencode username=alice \
        --data-urlencode password=wonderland --data-urlencode remember=true "$base/auth/login" |
        grep -i '^set-cookie: __Host-BlazorCookieAuth=' | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//' | tr -d '\r'
}

for i in "${!stores[@]}"; do
    name="$i-${stores[$i]}"
    names+=("$name")
    urls[$name]=$(start_demo "$name" "${stores[$i]}")
    cookies[$name]=$(log_in "${urls[$name]}")
    [ -n "${cookies[$name]}" ] || { echo "logging in to the demo with the ${stores[$i]} store set no cookie" >&2; exit 1; }
done

compare_servers /profile
