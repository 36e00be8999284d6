#!/usr/bin/env bash
# Builds the solution and runs every test project in it, then prints one summary line:
#   tests: N passed, N failed, N skipped
# Installs what the tests need first when it is missing: Debian's Chromium (the browser tests drive it through
# Playwright) and redis-server (the Redis tests start their own on a free loopback port).
set -euo pipefail

cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The browser tests launch this Chromium; Playwright never downloads a browser of its own here.
export CHROMIUM_PATH=/usr/bin/chromium

summary() {
    echo "tests: $1 passed, $2 failed, $3 skipped"
}

missing=()
[ -x "$CHROMIUM_PATH" ] || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "test.sh: installing Debian's ${missing[*]}"
    sudo_cmd=()
    if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
        sudo_cmd=(sudo)
    fi
    "${sudo_cmd[@]}" apt-get update
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

if ! dotnet build BlazorCookieAuth.sln; then
    echo "test.sh: the build failed"
    summary 0 0 0
    exit 1
fi

# -m:1 runs the test projects one after another: the browser tests time what a user sees, and two
# cores shared with other test hosts would make them flaky.
# Normal verbosity shows what tests print, such as the fuzz tests' case counts, summed below.
if dotnet test BlazorCookieAuth.sln --no-build -m:1 --logger "console;verbosity=normal" 2>&1 | tee "$log"; then
    test_status=0
else
    test_status=$?
fi

# At normal verbosity VSTest ends each test project with a block like
#   Test Run Successful.          (or: Test Run Failed.)
#   Total tests: 12
#        Passed: 11
#        Failed: 1                (a count of 0 is left out)
#       Skipped: 0
#    Total time: 3.2 Seconds
read -r projects passed failed skipped < <(
    awk '
        /^Total tests:/ { n++; counting = 1; next }
        counting && /^[[:space:]]+Passed:/ { p += $2 }
        counting && /^[[:space:]]+Failed:/ { f += $2 }
        counting && /^[[:space:]]+Skipped:/ { s += $2 }
        /^[[:space:]]+Total time:/ { counting = 0 }
        END { printf "%d %d %d %d\n", n, p, f, s }' "$log"
)

status=0
if [ "$projects" -eq 0 ]; then
    echo "test.sh: dotnet test printed no test summary"
    status=1
fi
if [ "$test_status" -ne 0 ]; then
    echo "test.sh: dotnet test exited with status $test_status"
    status=1
fi
if [ "$failed" -ne 0 ]; then
    status=1
fi

# The fuzz and property tests each print "<test>: N seeded cases passed (seed S)."
fuzz_cases=$(sed -nE 's/.*: ([0-9,]+) seeded cases passed \(seed [0-9]+\)\./\1/p' "$log" | tr -d , | awk '{ n += $1 } END { print n + 0 }')
echo "test.sh: the fuzz and property tests ran $fuzz_cases seeded cases"
summary "$passed" "$failed" "$skipped"
exit "$status"
