#!/bin/sh
# Writes a JDK AOT cache (JDK 25: JEP 483 classes loaded and linked, JEP 515 method profiles) for
# the extracted application jar, from a training run: the service starts on a throw-away embedded
# database, becomes ready, serves a few pages and is stopped with SIGTERM; the JVM writes the
# cache as it exits. A run that stopped once the context was refreshed left out the web server,
# readiness and the first requests. deploy/Dockerfile runs this at image build;
# src/test/load/startup-aot.sh measures it.
# Usage: aot-train.sh JAR CACHE   (java on PATH, curl or wget; JVM options as at run time come
# from JAVA_TOOL_OPTIONS). Exits non-zero, leaving no cache, if the training run fails.
set -u
jar="$1"
cache="$2"
port="${AOT_TRAINING_PORT:-18999}"
data="$(mktemp -d)"
fetch() {
	if command -v curl > /dev/null 2>&1; then curl -fsS -o /dev/null "$1"; else wget -q -O /dev/null "$1"; fi
}
WAYMARK_DATA_DIR="$data/data" SERVER_PORT="$port" java -XX:AOTCacheOutput="$cache" -jar "$jar" > "$data/log" 2>&1 &
pid=$!
tries=0
until fetch "http://127.0.0.1:$port/actuator/health/readiness" 2> /dev/null; do
	tries=$((tries + 1))
	if [ "$tries" -gt 900 ] || ! kill -0 "$pid" 2> /dev/null; then
		echo "AOT training run did not become ready:" >&2
		tail -20 "$data/log" >&2
		kill "$pid" 2> /dev/null
		wait "$pid" 2> /dev/null
		rm -rf "$data" "$cache"
		exit 1
	fi
	sleep 0.2
done
for page in / /chat /actuator/health; do
	fetch "http://127.0.0.1:$port$page" 2> /dev/null || true
done
kill -TERM "$pid"
wait "$pid"
rm -rf "$data"
[ -s "$cache" ]
