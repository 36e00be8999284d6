#!/usr/bin/env bash
# Authenticated requests per second through no authentication, the floor under any scheme, ASP.NET Core's AddCookie
# and the kit, measured side by side with wrk in one run. Each server is bench/BlazorCookieAuth.LoadApp in one configuration, logged in as the
# same user, and serves GET /hello, a short text that (with a scheme) requires a login; so the difference between
# servers is what the scheme costs a request. Floor runs the authentication and authorization middleware with a
# scheme that does no work (every request is the same user, no cookie), so Kit/Floor is what the kit itself costs.
# The kit aims at 0.85 of no authentication and 1.35 of AddCookie.
#
#   bench/load/auth-schemes.sh [seconds per round] [rounds] [warm-up seconds]
#   SCHEMES="Cookie Kit" bench/load/auth-schemes.sh     # the configurations to compare: None, Floor, Cookie, Kit
#   SCHEMES="Kit Kit" bench/load/auth-schemes.sh        # an A/A run: how much two equal servers differ
#
# Needs wrk (Debian: apt-get install wrk). See side-by-side.sh for how the servers are measured. On 2 cores wrk and
# the server compete for CPU, so requests per second understate a difference in CPU per request; an A/A run shows
# how far two equal servers already differ.
set -euo pipefail
cd "$(dirname "$0")/../.."

duration=${1:-10}
rounds=${2:-10}
warmup=${3:-30}
read -r -a schemes <<<"${SCHEMES:-None Floor Cookie Kit}"
app=bench/BlazorCookieAuth.LoadApp
work=$(mktemp -d)
# The servers start in command substitutions (subshells), so their PIDs are kept in files, not in this shell's jobs.
trap 'for pid in "$work"/*.pid; do [ -e "$pid" ] && kill "$(cat "$pid")" 2>/dev/null; done; rm -rf "$work"' EXIT
source bench/load/side-by-side.sh

dotnet build "$app" -c Release -v q -nologo >"$work/build.log" || { cat "$work/build.log"; exit 1; }

# Starts the app with the given scheme under a name of its own; prints its base URL once it answers.
start_app() {
    local name=$1 scheme=$2 port
    port=$(free_port)
    # The app itself, not `dotnet run`, so that stopping this script stops it too.
    ASPNETCORE_ENVIRONMENT=Production "$app/bin/Release/net10.0/BlazorCookieAuth.LoadApp" \
        --urls "http://127.0.0.1:$port" --Scheme="$scheme" >"$work/$name.log" 2>&1 &
    echo $! >"$work/$name.pid"
    wait_for_server "$name" "http://127.0.0.1:$port" /hello
    echo "http://127.0.0.1:$port"
}

# Logs in; prints the cookies set as a Cookie header value (empty without a scheme). Passed as a header because the
# cookies are Secure, which curl and wrk would not send from a jar over plain HTTP.
log_in() {
    curl -s -D - -o /dev/null -X POST "$1/login" | tr -d '\r' | sed -n 's/^set-cookie: \([^;]*\).*/\1/Ip' |
        paste -sd ';' | sed 's/;/; /g'
}

for i in "${!schemes[@]}"; do
    name="$i-${schemes[$i]}"
    names+=("$name")
    urls[$name]=$(start_app "$name" "${schemes[$i]}")
    cookies[$name]=$(log_in "${urls[$name]}")
    if [ "${schemes[$i]}" = None ] || [ "${schemes[$i]}" = Floor ]; then
        [ -z "${cookies[$name]}" ] || { echo "the ${schemes[$i]} app set a cookie: ${cookies[$name]}" >&2; exit 1; }
        expect_status "${urls[$name]}" /hello "" 200
    else
        [ -n "${cookies[$name]}" ] || { echo "logging in to the ${schemes[$i]} app set no cookie" >&2; exit 1; }
        expect_status "${urls[$name]}" /hello "" "401 302"
    fi
done

compare_servers /hello
