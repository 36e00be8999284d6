#!/usr/bin/env bash
# The managed memory an idle interactive circuit holds on the server, and what the kit adds to it (issue 9, "Circuit
# cost"). bench/BlazorCookieAuth.CircuitCost starts bench/BlazorCookieAuth.CircuitApp on a free port once per
# configuration and round, opens the circuits from one headless Chromium (each after a login of its own), and reads
# the app's heap after a full collection: with no browser, once every browser has logged in, and with every circuit
# open and idle. KB/circuit is (heap with the circuits open - heap before) / circuits; KB/session is what each login
# left on the heap before any circuit opened (the session and the caches that hold it).
#
#   bench/circuits/circuit-cost.sh [circuits] [rounds] [configuration ...]   # defaults: 200 3 None Cookie Kit KitAnonymous
#   bench/circuits/circuit-cost.sh 200 3 None Kit                           # only these configurations
#
# Configurations: None (no authentication), Cookie (ASP.NET Core's AddCookie, logged in), Kit (logged in) and
# KitAnonymous (the kit, nobody logged in). Prints a row per measurement, the medians, and the differences in KB per
# circuit (Kit - None is what the kit adds). The heap is read 5 seconds after the last circuit opened; over the next
# minute or two the framework gives back some 20 KB a circuit in every configuration, so the differences hold while
# the absolute numbers fall. Needs Debian's Chromium (apt-get install chromium). Each configuration and round takes
# about 2 minutes on 2 cores, so the defaults take about 25.
set -euo pipefail
cd "$(dirname "$0")/../.."

project=bench/BlazorCookieAuth.CircuitCost
dotnet build "$project" -c Release -v q -nologo >/dev/null ||
    { echo "circuit-cost.sh: the build failed; 'dotnet build $project' shows why" >&2; exit 1; }

# The program itself, not `dotnet run`, so that Ctrl+C reaches it and it stops the app it started.
exec "$project/bin/Release/net10.0/BlazorCookieAuth.CircuitCost" "$@"
