#!/usr/bin/env bash
# Start-up time to ready and resident memory after ready, for two builds of the service in
# the same run, alternating A and B so the machine's load falls on both alike.
# Usage: [JAVA_OPTS=-Xmx256m] src/test/load/startup-compare.sh A.jar B.jar [runs]   (loopback; embedded H2)
# JAVA_OPTS_A / JAVA_OPTS_B add options to one side only (e.g. an AOT cache: startup-aot.sh).
# Both run with the vector module, as deploy/Dockerfile does.
set -euo pipefail
# shellcheck source=/dev/null
source "$(cd "$(dirname "$0")/../../.." && pwd)/.ci/find-jdk.sh"
a="$1"; b="$2"; runs="${3:-5}"
port="${STARTUP_PORT:-18590}"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
measure() {
	local jar="$1" options="$2" data
	data="$(mktemp -d)"
	local start end pid rss
	start=$(date +%s%N)
	# shellcheck disable=SC2086 # JAVA_OPTS and options are lists of options
	SERVER_PORT="$port" WAYMARK_DATA_DIR="$data" "$java_bin" --add-modules jdk.incubator.vector ${JAVA_OPTS:-} $options \
		-jar "$jar" >"$data/log" 2>&1 &
	pid=$!
	until curl -fs "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1; do
		if ! kill -0 "$pid" 2>/dev/null; then echo "failed to start: $jar" >&2; tail -20 "$data/log" >&2; exit 1; fi
		sleep 0.05
	done
	end=$(date +%s%N)
	sleep 2
	rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
	kill "$pid"; wait "$pid" 2>/dev/null || true
	rm -rf "$data"
	echo "$(( (end - start) / 1000000 )) $(( rss / 1024 ))"
}
declare -a ta tb ra rb
for i in $(seq 1 "$runs"); do
	read -r t r < <(measure "$a" "${JAVA_OPTS_A:-}"); ta+=("$t"); ra+=("$r")
	read -r t r < <(measure "$b" "${JAVA_OPTS_B:-}"); tb+=("$t"); rb+=("$r")
	echo "run $i: A ${ta[-1]} ms ${ra[-1]} MB | B ${tb[-1]} ms ${rb[-1]} MB"
done
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
echo "median start-up to ready: A $(median "${ta[@]}") ms, B $(median "${tb[@]}") ms"
echo "median RSS after ready:   A $(median "${ra[@]}") MB, B $(median "${rb[@]}") MB"
