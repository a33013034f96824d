#!/usr/bin/env bash
# CPU time the Waymark process spends per signed SMS webhook, for two builds in the same
# run: each round starts A and then B on a fresh PostgreSQL schema (waymark-on-postgres.sh),
# warms it up until its JIT has settled (warm_until_compiled), sends the same load at a fixed
# rate well under saturation, and reads the process's CPU time (user + system, /proc) before
# and after. Rounds alternate A and B so
# the machine's state falls on both alike; it prints each round and the medians.
#
# Usage: src/test/load/cpu-per-message.sh A.jar B.jar [rounds] [rate] [seconds]
#   e.g. src/test/load/cpu-per-message.sh /tmp/before.jar target/waymark-0.1.0-SNAPSHOT.jar 3 50 10
# Environment: LOAD_JAVA_OPTS_A / LOAD_JAVA_OPTS_B (JVM options for one side only), LOAD_PORT
# (default 18080) and those of waymark-on-postgres.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
a="$1"; b="$2"; rounds="${3:-3}"; rate="${4:-50}"; seconds="${5:-10}"
port="${LOAD_PORT:-18080}"
base="http://127.0.0.1:$port"
one() { # jar, extra JVM options -> "cpu-ms-per-message p50 p99"
  (
    export LOAD_JAR="$1" LOAD_JAVA_OPTS="$2"
    # shellcheck source=waymark-on-postgres.sh
    source "$here/waymark-on-postgres.sh" > /dev/null
    # warm-up until the JIT has compiled the path (its CPU is not counted)
    warm_until_compiled "$base" "$pid" 50 waymark >&2
    java -cp "$work/classes" RateLoad "$base" sms "$rate" 5 warm2 > /dev/null
    ticks="$(getconf CLK_TCK)"
    t0="$(awk '{print $14 + $15}' "/proc/$pid/stat")"
    line="$(java -cp "$work/classes" RateLoad "$base" sms "$rate" "$seconds" "cpu$$")"
    t1="$(awk '{print $14 + $15}' "/proc/$pid/stat")"
    awk -v d="$((t1 - t0))" -v hz="$ticks" -v n="$((rate * seconds))" -v l="$line" 'BEGIN {
        split(l, f, " "); for (i in f) { split(f[i], kv, "="); v[kv[1]] = kv[2] }
        printf "%.2f %s %s %s\n", d * 1000 / hz / n, v["p50"], v["p99"], v["accepted"] }'
  ) 2>/dev/null | grep -E "^[0-9.]+ " | tail -1
}
declare -a ca cb
for i in $(seq 1 "$rounds"); do
  read -r c p50 p99 ok < <(one "$a" "${LOAD_JAVA_OPTS_A:-}"); ca+=("$c")
  echo "round $i A: ${c} ms CPU per message, p50 ${p50} ms, p99 ${p99} ms, ${ok} answered 200"
  read -r c p50 p99 ok < <(one "$b" "${LOAD_JAVA_OPTS_B:-}"); cb+=("$c")
  echo "round $i B: ${c} ms CPU per message, p50 ${p50} ms, p99 ${p99} ms, ${ok} answered 200"
done
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
ma="$(median "${ca[@]}")"; mb="$(median "${cb[@]}")"
echo "median CPU per message: A ${ma} ms, B ${mb} ms, B/A $(awk -v a="$ma" -v b="$mb" 'BEGIN { printf "%.2f", b / a }')"
