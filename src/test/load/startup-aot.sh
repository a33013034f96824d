#!/usr/bin/env bash
# Start-up to ready on the embedded default, the jar as built against the same jar extracted
# and started with a JDK AOT cache (JEP 483/515, JDK 25: classes loaded and linked, and method
# profiles, from a training run), alternating, median of the runs. The training run is
# deploy/aot-train.sh, as deploy/Dockerfile makes it when it builds the image.
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
# the training run the image's build makes (deploy/aot-train.sh), with the vector module as at run time
JAVA_TOOL_OPTIONS="--add-modules=jdk.incubator.vector" "$root/deploy/aot-train.sh" "$extracted" "$work/app.aot" \
  2> "$work/train.log" || { cat "$work/train.log" >&2; exit 1; }
echo "AOT cache: $(du -m "$work/app.aot" | cut -f1) MB"
JAVA_OPTS_B="-XX:AOTCache=$work/app.aot" "$here/startup-compare.sh" "$jar" "$extracted" "$runs"
