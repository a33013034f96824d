#!/usr/bin/env bash
# Start-up to ready on the embedded default, the jar as built against the same jar extracted
# and started with a JDK AOT cache (JEP 483/515, JDK 25: classes loaded and linked, and method
# profiles, from a training run), alternating, median of the runs. The training run starts the
# service on a throw-away data folder and stops once the context is refreshed, as deploy/Dockerfile
# does when it builds the image.
# Usage: src/test/load/startup-aot.sh [jar] [runs]   (loopback; needs JDK 25, found by .ci/find-jdk.sh)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
# shellcheck source=/dev/null
source "$root/.ci/find-jdk.sh"
jar="${1:-$(ls "$root"/target/waymark-*.jar | grep -v plain | head -1)}"
runs="${2:-5}"
work="$(mktemp -d /tmp/waymark-aot.XXXXXX)"
trap 'rm -rf "$work"' EXIT
java -Djarmode=tools -jar "$jar" extract --destination "$work/app" > /dev/null
extracted="$work/app/$(basename "$jar")"
train="$(mktemp -d)"
WAYMARK_DATA_DIR="$train" SERVER_PORT=0 java --add-modules jdk.incubator.vector -XX:AOTCacheOutput="$work/app.aot" \
  -Dspring.context.exit=onRefresh -jar "$extracted" > "$work/train.log" 2>&1
rm -rf "$train"
echo "AOT cache: $(du -m "$work/app.aot" | cut -f1) MB"
JAVA_OPTS_B="-XX:AOTCache=$work/app.aot" "$here/startup-compare.sh" "$jar" "$extracted" "$runs"
