#!/usr/bin/env bash
# Rising-rate, open-loop load on a Waymark jar started here on loopback against PostgreSQL:
# signed Twilio SMS webhooks, Telegram webhooks, and /actuator/health/liveness as the
# ceiling (a constant answer through the same server, security filters and actuator).
# For each kind and rate it prints accepted/sent, p50/p90/p99/max latency (from each
# request's scheduled time), inbound rows stored for that stage (lost = accepted - stored),
# heap used/committed (jcmd GC.heap_info) and RSS after the stage; then, per kind, the
# highest rate held with p99 < 200 ms, every request accepted and nothing lost.
#
# Nothing leaves the machine: the outbound dispatcher and check-ins are off (this measures
# taking messages in: signature check, triage, answer, storage, queueing the reply), and
# the provider URLs point at a closed loopback port.
#
# Usage: src/test/load/load.sh [seconds-per-stage] [rates...]
#   e.g. src/test/load/load.sh 20 25 50 100 200 400
# Environment: LOAD_PORT (default 18080) and those of waymark-on-postgres.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
seconds="${1:-20}"
shift || true
rates=("${@:-25 50 100 200 400}")
read -r -a rates <<< "${rates[*]}"
(( seconds <= 60 )) || { echo "at most 60 s per stage" >&2; exit 2; }
port="${LOAD_PORT:-18080}"
base="http://127.0.0.1:$port"
# shellcheck source=waymark-on-postgres.sh
source "$here/waymark-on-postgres.sh"
echo "jar $jar, pid $pid, schema $schema, ${seconds}s per stage, rates ${rates[*]}"
echo "idle: $(memory)"
# warm-up (JIT, connection pool, Lucene); its rows are not counted in any stage
java -cp "$work/classes" RateLoad "$base" sms 50 5 warm > /dev/null
java -cp "$work/classes" RateLoad "$base" telegram 50 5 warm > /dev/null
results="$work/results.txt"
stage=0
for kind in liveness sms telegram; do
  for rate in "${rates[@]}"; do
    before=0; [[ "$kind" == liveness ]] || before="$(inbound "$kind")"
    # each stage its own message ids: a rate given twice must not resend the first stage's
    # messages (they would be stored once, as the duplicates they are, and counted as lost)
    stage=$(( stage + 1 ))
    line="$(java -cp "$work/classes" RateLoad "$base" "$kind" "$rate" "$seconds" "$kind$rate-$stage-$$")"
    sleep 1
    stored="-"; lost="-"
    if [[ "$kind" != liveness ]]; then
      stored=$(( $(inbound "$kind") - before ))
      accepted="$(sed -E 's/.*accepted=([0-9]+).*/\1/' <<< "$line")"
      lost=$(( accepted - stored ))
    fi
    echo "$line stored=$stored lost=$lost $(memory)" | tee -a "$results"
  done
done
echo "--- highest rate held (p99 < 200 ms, all accepted, none lost), ${seconds}s stages:"
for kind in liveness sms telegram; do
  awk -v k="$kind" '$1 == k {
      split($2, r, "="); split($3, s, "="); split($4, a, "="); split($8, p, "=");
      lost = "0"; for (i = 1; i <= NF; i++) if ($i ~ /^lost=/) { split($i, l, "="); lost = l[2] }
      if (p[2] + 0 < 200 && a[2] == s[2] && (lost == "0" || lost == "-")) best = r[2]
    } END { print k ": " (best == "" ? "none of the rates tried" : best " req/s") }' "$results"
done
