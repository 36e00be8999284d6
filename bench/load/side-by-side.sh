# Sourced by the load scripts in this folder: it measures servers side by side with wrk. A script sets `duration`,
# `rounds`, `warmup` and `work` (a temporary folder), starts its servers, and fills `names` (one name per server, as
# "<index>-<label>"), `urls[name]` (the base URL), `cookies[name]` (a Cookie header value, or empty) and
# "$work/<name>.pid"; then it calls `compare_servers PATH`.
# Each round measures every server in turn, in alternating order. It prints each round's requests per second and the
# server's CPU time per 1,000 requests (read from /proc, so it does not depend on how wrk and the server share the
# cores), then, for every pair, the median over the rounds of the later one's ratio to the earlier one's.

connections=32
threads=2
clock_ticks=$(getconf CLK_TCK)
declare -A urls cookies
names=()

command -v wrk >/dev/null || { echo "$(basename "$0"): wrk is missing (apt-get install wrk)"; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# Waits until the server answers PATH at BASE with any status but a refused connection; fails with its log if not.
wait_for_server() {
    local name=$1 base=$2 path=$3
    for _ in $(seq 1 150); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' "$base$path")" != 000 ] && return
        sleep 0.2
    done
    echo "$name did not start:" >&2; cat "$work/$name.log" >&2; exit 1
}

# Fails unless PATH answers one of the expected statuses, with the cookie when one is given.
expect_status() {
    local base=$1 path=$2 cookie=$3 expected=$4 status
    status=$(curl -s -o /dev/null -w '%{http_code}' ${cookie:+-H "Cookie: $cookie"} "$base$path")
    [[ " $expected " == *" $status "* ]] && return
    echo "$path at $base answered $status, not $expected, $([ -n "$cookie" ] && echo to the logged-in cookie || echo without a cookie)" >&2
    exit 1
}

# The CPU time (user + system) a process has used, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# Runs wrk against PATH of one server; prints requests per second and the server's CPU milliseconds per 1,000 requests.
measure() {
    local name=$1 seconds=$2 path=$3 base cookie pid before output
    base=${urls[$name]}; cookie=${cookies[$name]}; pid=$(cat "$work/$name.pid")
    expect_status "$base" "$path" "$cookie" 200
    before=$(cpu_ticks "$pid")
    output=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" ${cookie:+-H "Cookie: $cookie"} "$base$path")
    ! grep -q -e 'Non-2xx' -e 'Socket errors' <<<"$output" || { echo "wrk against ${name#*-} saw failures:" >&2; echo "$output" >&2; exit 1; }
    awk -v used=$(( $(cpu_ticks "$pid") - before )) -v hz="$clock_ticks" '
        /requests in/ { requests = $1 }
        /Requests\/sec/ { rate = $2 }
        END { printf "%.0f %.1f\n", rate, used * 1000 / hz / requests * 1000 }' <<<"$output"
}

# The median over the rounds of one server's ratio to another's in the same round.
median_ratio() {
    paste -d ' ' <(tr ' ' '\n' <<<"$1" | grep .) <(tr ' ' '\n' <<<"$2" | grep .) |
        awk '{ print $1 / $2 }' | sort -g | awk '{ a[NR] = $1 } END { printf "%.3f", a[int((NR + 1) / 2)] }'
}

compare_servers() {
    local path=$1 name round later earlier a b
    # The first seconds run colder code (tiered JIT); no server is measured until all have warmed up.
    for name in "${names[@]}"; do measure "$name" "$warmup" "$path" >/dev/null; done

    printf '%5s' round; for name in "${names[@]}"; do printf '  %18s' "${name#*-} req/s, ms/1k"; done; echo
    local -A rate cpu rates cpus
    for round in $(seq 1 "$rounds"); do
        # Alternate the order, so that no server always gets the warmer machine.
        local order=("${names[@]}")
        (( round % 2 )) || order=($(printf '%s\n' "${names[@]}" | tac))
        for name in "${order[@]}"; do
            # measure runs in a subshell here, so its failure shows as nothing read.
            read -r "rate[$name]" "cpu[$name]" < <(measure "$name" "$duration" "$path") || true
            [ -n "${cpu[$name]}" ] || { echo "measuring ${name#*-} failed" >&2; exit 1; }
        done
        printf '%5d' "$round"
        for name in "${names[@]}"; do
            printf '  %10s %7s' "${rate[$name]}" "${cpu[$name]}"
            rates[$name]+="${rate[$name]} "
            cpus[$name]+="${cpu[$name]} "
        done
        echo
    done

    for (( later = 1; later < ${#names[@]}; later++ )); do
        for (( earlier = 0; earlier < later; earlier++ )); do
            a=${names[$later]} b=${names[$earlier]}
            echo "median ${a#*-}/${b#*-}: requests per second $(median_ratio "${rates[$a]}" "${rates[$b]}")," \
                "CPU per request $(median_ratio "${cpus[$a]}" "${cpus[$b]}")"
        done
    done
}
