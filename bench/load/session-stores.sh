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
# Redis of its own, without persistence, on a free port. Each round measures every server, in alternating order. It prints each
# round's requests per second and the server's CPU time per 1,000 requests (read from /proc, so it does not
# depend on how wrk and the server share the cores), then the median ratios to the first store. On a 2-core
# machine the server started second measures about 9% slower whatever its store (see an A/A run), so compare
# both orders (STORES="Sqlite Memory") before reading a difference of that size into the stores.
set -euo pipefail
cd "$(dirname "$0")/../.."

duration=${1:-10}
rounds=${2:-10}
warmup=${3:-45}
read -r -a stores <<<"${STORES:-Memory Sqlite Redis}"
connections=32
threads=2
clock_ticks=$(getconf CLK_TCK)
work=$(mktemp -d)
# The servers start in command substitutions (subshells), so their PIDs are kept in files, not in this shell's jobs.
trap 'for pid in "$work"/*.pid; do [ -e "$pid" ] && kill "$(cat "$pid")" 2>/dev/null; done; rm -rf "$work"' EXIT

command -v wrk >/dev/null || { echo "session-stores.sh: wrk is missing (apt-get install wrk)"; exit 1; }
dotnet build demo/BlazorCookieAuth.Demo -c Release -v q -nologo >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

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
        --Users:DatabasePath="$work/$name-users.db" --Sessions:DatabasePath="$work/$name-sessions.db" "${redis[@]}" \
        --Logging:LogLevel:Default=Warning >"$work/$name.log" 2>&1 &
    echo $! >"$work/$name.pid"
    for _ in $(seq 1 100); do
        curl -sf -o /dev/null "http://127.0.0.1:$port/login" && { echo "http://127.0.0.1:$port"; return; }
        sleep 0.2
    done
    echo "the demo with the $store store did not start:" >&2; cat "$work/$name.log" >&2; exit 1
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

# The CPU time (user + system) a process has used, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# Runs wrk against /profile; prints requests per second and the server's CPU milliseconds per 1,000 requests.
measure() {
    local name=$1 seconds=$2 base cookie pid status before output
    base=${urls[$name]}; cookie=${cookies[$name]}; pid=$(cat "$work/$name.pid")
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base/profile")
    [ "$status" = 200 ] || { echo "/profile answered $status, not 200, to the logged-in cookie" >&2; exit 1; }
    before=$(cpu_ticks "$pid")
    output=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" -H "Cookie: $cookie" "$base/profile")
    awk -v used=$(( $(cpu_ticks "$pid") - before )) -v hz="$clock_ticks" '
        /requests in/ { requests = $1 }
        /Requests\/sec/ { rate = $2 }
        END { printf "%.0f %.1f\n", rate, used * 1000 / hz / requests * 1000 }' <<<"$output"
}

declare -A urls cookies
names=()
for i in "${!stores[@]}"; do
    name="$i-${stores[$i]}"
    names+=("$name")
    urls[$name]=$(start_demo "$name" "${stores[$i]}")
    cookies[$name]=$(log_in "${urls[$name]}")
done

# The first seconds run colder code (tiered JIT); no server is measured until all have warmed up.
for name in "${names[@]}"; do measure "$name" "$warmup" >/dev/null; done

baseline=${names[0]}
printf '%5s' round; for name in "${names[@]}"; do printf '  %18s' "${name#*-} req/s, ms/1k"; done; echo
declare -A rate_ratios cpu_ratios
for round in $(seq 1 "$rounds"); do
    # Alternate the order, so that no server always gets the warmer machine.
    order=("${names[@]}")
    (( round % 2 )) || order=($(printf '%s\n' "${names[@]}" | tac))
    declare -A rate cpu
    for name in "${order[@]}"; do read -r "rate[$name]" "cpu[$name]" < <(measure "$name" "$duration"); done
    printf '%5d' "$round"
    for name in "${names[@]}"; do
        printf '  %10s %7s' "${rate[$name]}" "${cpu[$name]}"
        rate_ratios[$name]+="$(awk -v a="${rate[$name]}" -v b="${rate[$baseline]}" 'BEGIN { printf "%.3f", a / b }') "
        cpu_ratios[$name]+="$(awk -v a="${cpu[$name]}" -v b="${cpu[$baseline]}" 'BEGIN { printf "%.3f", a / b }') "
    done
    echo
done

median() { tr ' ' '\n' | grep . | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
for name in "${names[@]:1}"; do
    echo "median ${name#*-}/${baseline#*-}: requests per second $(median <<<"${rate_ratios[$name]}"), CPU per request $(median <<<"${cpu_ratios[$name]}")"
done
