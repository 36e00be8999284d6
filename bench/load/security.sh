#!/usr/bin/env bash
# Attacks the demo on loopback the way the security review did, and fails if it gives way:
#   1. the checks: 25 wrong passwords for one user meet 429 with Retry-After while another user still logs in; a
#      20 MB chunked login body is refused with 4xx; a 100,000-character return URL gives a short Location; the
#      antiforgery cookie is __Host-; a tampered cookie is deleted with no-store;
#   2. the floods, with wrk, each bounded in time: 64 connections on a page that needs a login, 64 connections of
#      wrong-password logins, and 400 concurrent logins, once with the demo's rate limits and once without them (so
#      the logins themselves, each a password hash and a session write, are what is loaded).
# Only 2xx, 3xx, 400 and 429 may come back, with no socket errors. The server's memory (RSS) is printed before and
# after each flood.
#
#   bench/load/security.sh [seconds per flood]      # 30 by default
#
# Needs wrk and curl (Debian: apt-get install wrk curl). The demo runs as the README's `dotnet run` runs it (a Debug
# build, Development), on free ports, with databases of its own in a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${1:-30}
work=$(mktemp -d)
trap 'for pid in "$work"/*.pid; do [ -e "$pid" ] && kill "$(cat "$pid")" 2>/dev/null; done; rm -rf "$work"' EXIT
command -v wrk >/dev/null || { echo "security.sh: wrk is missing (apt-get install wrk)"; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

fail() { echo "FAILED: $*" >&2; exit 1; }

dotnet build demo/BlazorCookieAuth.Demo -v q -nologo >"$work/build.log" || { cat "$work/build.log"; exit 1; }

# Starts a copy of the demo under NAME with extra arguments; prints its base URL once it answers.
start_demo() {
    local name=$1 port
    shift
    port=$(free_port)
    ASPNETCORE_ENVIRONMENT=Development demo/BlazorCookieAuth.Demo/bin/Debug/net10.0/BlazorCookieAuth.Demo \
        --contentRoot "$PWD/demo/BlazorCookieAuth.Demo" --urls "http://127.0.0.1:$port" \
        --ConnectionStrings:Users="Data Source=$work/$name-users.db" --Sessions:DatabasePath="$work/$name-sessions.db" \
        --Logging:LogLevel:Default=Warning "$@" >"$work/$name.log" 2>&1 &
    echo $! >"$work/$name.pid"
    for _ in $(seq 1 150); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/login")" = 200 ] && { echo "http://127.0.0.1:$port"; return; }
        sleep 0.2
    done
    cat "$work/$name.log" >&2
    fail "the demo ($name) did not start"
}

rss_mb() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$(cat "$work/$1.pid")/status"; }

# Reads the login page: sets `antiforgery` (the cookie, as name=value) and `token` (the form field).
read_login_form() {
    local base=$1 page
    page=$(curl -s -D "$work/headers" "$base/login")
    token=$(grep -o 'name="__RequestVerificationToken" value="[^"]*"' <<<"$page" | head -1 | sed 's/.*value="//; s/"$//')
    antiforgery=$(grep -i '^set-cookie: [^=]*Antiforgery' "$work/headers" | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//' | tr -d '\r')
    [ -n "$token" ] && [ -n "$antiforgery" ] || fail "the login page at $base carries no antiforgery token"
}

# Posts the login form; extra curl arguments follow. Prints the response headers.
post_login() {
    local base=$1 username=$2 password=$3
    shift 3
    # A refused oversize body may be cut off while curl still sends it; the answer's headers are what counts.
    { curl -s -D - -o /dev/null -H "Cookie: $antiforgery" --data-urlencode "__RequestVerificationToken=$token" \
        --data-urlencode "username=$username" --data-urlencode "password=$password" "$@" "$base/auth/login" || true; } | tr -d '\r'
}

status_of() { head -1 <<<"$1" | awk '{ print $2 }'; }
header_of() { { grep -i "^$2:" <<<"$1" || true; } | head -1 | sed 's/^[^:]*: //'; }

# Runs wrk against BASE+PATH with CONNECTIONS for the flood time; LOGIN_BODY and COOKIE come from the environment.
# Then waits for the server to finish what wrk left behind (wrk stops on time, the server's queue doesn't).
flood() {
    local name=$1 base=$2 path=$3 connections=$4 label=$5 before output bad
    before=$(rss_mb "$name")
    output=$(wrk -t2 -c"$connections" -d"${seconds}s" --timeout 30s -s bench/load/status-counts.lua "$base$path")
    curl -s -o /dev/null --max-time 60 "$base/login"
    printf '%-52s RSS %4s -> %4s MB   ' "$label" "$before" "$(rss_mb "$name")"
    awk '/^status/ { printf "%s: %s  ", $2, $3 } /Requests\/sec/ { rate = $2 } END { printf "(%s req/s)\n", rate }' <<<"$output"
    bad=$(awk '/^status/ && !($2 ~ /^[23]/ || $2 == 400 || $2 == 429) { print $2 }' <<<"$output")
    [ -z "$bad" ] || { echo "$output" >&2; fail "$label answered $bad"; }
    # wrk counts non-2xx/3xx answers as "errors status"; the statuses are checked above.
    ! awk '/^errors/ && $2 != "status" && $3 > 0 { found = 1 } END { exit !found }' <<<"$output" || { echo "$output" >&2; fail "$label had socket errors"; }
}

demo=$(start_demo demo)
echo "The demo runs at $demo (RSS $(rss_mb demo) MB)."
echo
echo "Checks:"

read_login_form "$demo"
for attempt in $(seq 1 25); do
    headers=$(post_login "$demo" alice "guess-$attempt")
    [ "$(status_of "$headers")" = 429 ] && break
done
[ "$(status_of "$headers")" = 429 ] || fail "25 wrong passwords for alice never met 429"
retry_after=$(header_of "$headers" Retry-After)
[ -n "$retry_after" ] || fail "the 429 carries no Retry-After"
echo "  wrong passwords for alice: 429 at attempt $attempt, Retry-After: $retry_after"
headers=$(post_login "$demo" bob canwefixit)
bob=$({ grep -i '^set-cookie: __Host-BlazorCookieAuth=' <<<"$headers" || true; } | sed 's/^[^:]*: //; s/;.*//')
[ "$(status_of "$headers")" = 303 ] && [[ $bob == __Host-BlazorCookieAuth=?* ]] ||
    fail "bob could not log in while alice was locked: $(status_of "$headers")"
echo "  bob, from the same client, still logs in: 303 with the login cookie"

before=$(rss_mb demo)
status=$(head -c 20000000 /dev/zero | tr '\0' 'a' | curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $antiforgery" \
    -H 'Transfer-Encoding: chunked' -H 'Content-Type: application/json' --data-binary @- "$demo/auth/login")
[[ $status == 4* ]] || fail "a 20 MB chunked login body answered $status"
echo "  a 20 MB chunked login body: $status, RSS $before -> $(rss_mb demo) MB"

# Return URLs past 2,048 characters are not local: the login falls back to /, the challenge to no return URL.
for length in 100000 3000; do
    headers=$(post_login "$demo" bob canwefixit --data-urlencode "returnUrl=/$(head -c "$length" /dev/zero | tr '\0' 'a')")
    location=$(header_of "$headers" Location)
    (( ${#location} < 4096 )) || fail "a $length-character return URL gave a ${#location}-character Location"
    echo "  a login with a $length-character return URL: $(status_of "$headers"), Location: ${location:-none}"
done
headers=$(curl -s -D - -o /dev/null "$demo/account?x=$(head -c 7000 /dev/zero | tr '\0' 'a')" | tr -d '\r')
location=$(header_of "$headers" Location)
(( ${#location} < 4096 )) || fail "a page with a 7,000-character query gave a ${#location}-character Location"
echo "  an anonymous visit to a 7,000-character address: $(status_of "$headers"), Location: $location"

[[ $antiforgery == __Host-* ]] || fail "the antiforgery cookie $antiforgery has no __Host- prefix"
echo "  the antiforgery cookie: ${antiforgery%%=*}"

headers=$(curl -s -D - -o /dev/null -H 'Cookie: __Host-BlazorCookieAuth=CfDJ8tampered' "$demo/account" | tr -d '\r')
grep -qi '^set-cookie: __Host-BlazorCookieAuth=;' <<<"$headers" || fail "a tampered cookie was not deleted"
[ "$(header_of "$headers" Cache-Control)" = no-store ] || fail "a tampered cookie's deletion is not no-store"
echo "  a tampered cookie: deleted, Cache-Control: no-store"

echo
echo "Floods ($seconds s each; only 2xx, 3xx, 400 and 429 allowed):"
COOKIE="$bob" LOGIN_BODY= flood demo "$demo" /account 64 "64 connections on /account, logged in"

read_login_form "$demo"
wrong="__RequestVerificationToken=$token&username=bob&password=wrong"
COOKIE="$antiforgery" LOGIN_BODY="$wrong" flood demo "$demo" /auth/login 64 "64 connections of wrong passwords"
right="__RequestVerificationToken=$token&username=bob&password=canwefixit"
COOKIE="$antiforgery" LOGIN_BODY="$right" flood demo "$demo" /auth/login 400 "400 concurrent logins"

unlimited=$(start_demo unlimited --LoginRateLimiting=off --BlazorCookieAuth:LoginFailureLimit=0)
read_login_form "$unlimited"
right="__RequestVerificationToken=$token&username=bob&password=canwefixit"
COOKIE="$antiforgery" LOGIN_BODY="$right" flood unlimited "$unlimited" /auth/login 400 "400 concurrent logins, rate limits off"
wrong="__RequestVerificationToken=$token&username=bob&password=wrong"
COOKIE="$antiforgery" LOGIN_BODY="$wrong" flood unlimited "$unlimited" /auth/login 64 "64 connections of wrong passwords, limits off"
echo
echo "All held."
