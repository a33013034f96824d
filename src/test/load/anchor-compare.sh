#!/usr/bin/env bash
# Waymark's signed SMS webhook against a bare Spring WebFlux endpoint (anchor/: same Spring
# Boot version, one POST reading a form body and answering empty TwiML), in the same run: the
# script builds the anchor, starts both on loopback (Waymark on a fresh PostgreSQL schema, as
# load.sh does), and at each rate loads the anchor and then Waymark with the same open-loop
# generator (RateLoad), so the machine's state falls on both alike. It prints every stage and
# then, for each, the highest rate held with p99 under 50 ms and every request answered 200,
# and Waymark's share of the anchor's.
#
# Usage: src/test/load/anchor-compare.sh [seconds-per-stage] [rates...]
#   e.g. src/test/load/anchor-compare.sh 15 100 200 300 400 600 800 1200 1600 2000
# Environment: LOAD_PORT (default 18080), ANCHOR_PORT (default 18089), LOAD_P99_MS (default 50)
# and those of waymark-on-postgres.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
seconds="${1:-15}"
shift || true
rates=("${@:-100 200 400 800 1200 1600 2000}")
read -r -a rates <<< "${rates[*]}"
(( seconds <= 60 )) || { echo "at most 60 s per stage" >&2; exit 2; }
port="${LOAD_PORT:-18080}"
base="http://127.0.0.1:$port"
anchor_port="${ANCHOR_PORT:-18089}"
anchor_base="http://127.0.0.1:$anchor_port"
limit="${LOAD_P99_MS:-50}"
# shellcheck source=/dev/null
source "$root/.ci/find-jdk.sh"
(cd "$root" && ./mvnw -B -ntp -q -f src/test/load/anchor/pom.xml -DskipTests package)
# shellcheck source=waymark-on-postgres.sh
source "$here/waymark-on-postgres.sh"
java -Xmx"${LOAD_HEAP:-512m}" -jar "$here/anchor/target/anchor-1.jar" --server.port="$anchor_port" \
  --logging.level.root=WARN > "$work/anchor.log" 2>&1 &
anchor=$!
trap 'kill "$anchor" 2>/dev/null || true; cleanup' EXIT
for _ in $(seq 1 60); do
  curl -s -o /dev/null -X POST -d 'MessageSid=SMwarm' "$anchor_base/webhooks/twilio/sms" && break
  kill -0 "$anchor" 2>/dev/null || { cat "$work/anchor.log"; exit 1; }
  sleep 1
done
echo "jar $jar (pid $pid, schema $schema), anchor pid $anchor, ${seconds}s per stage, rates ${rates[*]}"
# warm-up of both (JIT, connection pool, Lucene, the embedding model) until each one's JIT
# has settled (warm_until_compiled, waymark-on-postgres.sh)
warm_until_compiled "$anchor_base" "$anchor" 100 anchor
warm_until_compiled "$base" "$pid" 50 waymark
results="$work/results.txt"
stage=0
for rate in "${rates[@]}"; do
  # each stage its own message ids, so a rate given twice is not a stage of duplicates
  stage=$(( stage + 1 ))
  echo "anchor $(java -cp "$work/classes" RateLoad "$anchor_base" sms "$rate" "$seconds" "a$rate-$stage-$$")" | tee -a "$results"
  sleep 1
  before="$(inbound sms)"
  line="$(java -cp "$work/classes" RateLoad "$base" sms "$rate" "$seconds" "w$rate-$stage-$$")"
  sleep 1
  accepted="$(sed -E 's/.*accepted=([0-9]+).*/\1/' <<< "$line")"
  stored=$(( $(inbound sms) - before ))
  echo "waymark $line stored=$stored lost=$(( accepted > stored ? accepted - stored : 0 )) $(memory)" | tee -a "$results"
  sleep 1
done
best() {
  awk -v who="$1" -v limit="$limit" '$1 == who {
      split($3, r, "="); split($4, s, "="); split($5, a, "="); split($9, p, "=");
      lost = 0; for (i = 1; i <= NF; i++) if ($i ~ /^lost=/) { split($i, l, "="); lost = l[2] }
      if (p[2] + 0 < limit && a[2] == s[2] && lost == 0 && r[2] + 0 > best) best = r[2] + 0
    } END { print best + 0 }' "$results"
}
a="$(best anchor)"; w="$(best waymark)"
echo "--- highest rate with p99 < ${limit} ms, all answered 200, none lost (${seconds}s stages):"
echo "anchor: ${a} req/s; waymark: ${w} req/s; waymark/anchor: $(awk -v a="$a" -v w="$w" 'BEGIN { printf (a > 0 ? "%.2f" : "n/a"), (a > 0 ? w / a : 0) }')"
