#!/usr/bin/env bash
# Authenticated requests per second against the demo, with its sessions in memory and in SQLite (the EF Core
# store), measured side by side with wrk in one run. Both runs log in as alice and fetch /profile, a page that
# requires a login (so every request checks the token, its session and the user).
#
#   bench/load/session-stores.sh [seconds per round] [rounds]
#
# Needs wrk (Debian: apt-get install wrk). Prints each round and the median ratio SQLite / memory.
set -euo pipefail
cd "$(dirname "$0")/../.."

duration=${1:-15}
rounds=${2:-3}
connections=32
threads=2
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

command -v wrk >/dev/null || { echo "session-stores.sh: wrk is missing (apt-get install wrk)"; exit 1; }
dotnet build demo/BlazorCookieAuth.Demo -c Release -v q -nologo >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# Starts the demo with the given session store; prints its base URL once it answers.
start_demo() {
    local store=$1 port
    port=$(free_port)
    dotnet run --no-build -c Release --project demo/BlazorCookieAuth.Demo -- \
        --urls "http://127.0.0.1:$port" --Sessions:Store="$store" \
        --Users:DatabasePath="$work/$store-users.db" --Sessions:DatabasePath="$work/$store-sessions.db" \
        --Logging:LogLevel:Default=Warning >"$work/$store.log" 2>&1 &
    for _ in $(seq 1 100); do
        curl -sf -o /dev/null "http://127.0.0.1:$port/login" && { echo "http://127.0.0.1:$port"; return; }
        sleep 0.2
    done
    echo "the demo with the $store store did not start:" >&2; cat "$work/$store.log" >&2; exit 1
}

# Logs in as alice through the login form; prints the auth cookie as a Cookie header value.
log_in() {
    local base=$1 jar="$work/jar" page token antiforgery
    page=$(curl -s -c "$jar" "$base/login")
    token=$(grep -o 'name="__RequestVerificationToken" value="[^"]*"' <<<"$page" | head -1 | sed 's/.*value="//; s/"$//')
    antiforgery=$(awk '/Antiforgery/ { print $6 "=" $7 }' "$jar")
    curl -s -D - -o /dev/null -H "Cookie: $antiforgery" \
        --data-urlencode "__RequestVerificationToken=$token" --data-urlencode username=alice \
        --data-urlencode password=wonderland --data-urlencode remember=true "$base/auth/login" |
        grep -i '^set-cookie: __Host-BlazorCookieAuth=' | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//' | tr -d '\r'
}

# Runs wrk against /profile; prints requests per second.
measure() {
    local base=$1 cookie=$2 seconds=$3 status
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base/profile")
    [ "$status" = 200 ] || { echo "/profile answered $status, not 200, to the logged-in cookie" >&2; exit 1; }
    wrk -t"$threads" -c"$connections" -d"${seconds}s" -H "Cookie: $cookie" "$base/profile" | awk '/Requests\/sec/ { print $2 }'
}

memory=$(start_demo Memory)
sqlite=$(start_demo Sqlite)
memory_cookie=$(log_in "$memory")
sqlite_cookie=$(log_in "$sqlite")
measure "$memory" "$memory_cookie" 5 >/dev/null
measure "$sqlite" "$sqlite_cookie" 5 >/dev/null

echo "round  memory req/s  sqlite req/s  sqlite/memory"
ratios=()
for round in $(seq 1 "$rounds"); do
    # Alternate which store goes first, so neither always gets the warmer machine.
    if (( round % 2 )); then
        m=$(measure "$memory" "$memory_cookie" "$duration"); s=$(measure "$sqlite" "$sqlite_cookie" "$duration")
    else
        s=$(measure "$sqlite" "$sqlite_cookie" "$duration"); m=$(measure "$memory" "$memory_cookie" "$duration")
    fi
    ratio=$(awk -v s="$s" -v m="$m" 'BEGIN { printf "%.3f", s / m }')
    ratios+=("$ratio")
    printf '%5d  %12s  %12s  %13s\n' "$round" "$m" "$s" "$ratio"
done

median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
echo "median sqlite/memory: $median"
