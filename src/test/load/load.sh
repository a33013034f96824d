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
# Environment: WAYMARK_TEST_PG_HOST/_PORT (default 127.0.0.1:5432, database test, user
# postgres, trust auth, as the tests use), LOAD_PORT (default 18080), LOAD_HEAP (default 512m).
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
pg_host="${WAYMARK_TEST_PG_HOST:-127.0.0.1}"
pg_port="${WAYMARK_TEST_PG_PORT:-5432}"
case "$pg_host" in 127.0.0.1|localhost|::1) ;; *) echo "loopback PostgreSQL only" >&2; exit 2 ;; esac
# shellcheck source=/dev/null
source "$root/.ci/find-jdk.sh"
psql_() { PGOPTIONS="-c client_min_messages=warning" psql -h "$pg_host" -p "$pg_port" -U postgres -d test -qtAX -c "$1" 2>&1 | grep -v "^drop cascades" || true; }

jar="$(ls "$root"/target/waymark-*.jar 2>/dev/null | grep -v plain | head -1 || true)"
if [[ -z "$jar" ]]; then
  (cd "$root" && ./mvnw -B -ntp -q -DskipTests package)
  jar="$(ls "$root"/target/waymark-*.jar | grep -v plain | head -1)"
fi
work="$(mktemp -d /tmp/waymark-load.XXXXXX)"
schema="load_$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
psql_ "create schema $schema"
javac -d "$work/classes" "$here/RateLoad.java" "$here/LoadKit.java"

export SERVER_PORT="$port" WAYMARK_DATA_DIR="$work/data" \
  WAYMARK_DB_URL="r2dbc:postgresql://postgres@$pg_host:$pg_port/test?schema=$schema" \
  WAYMARK_DB_JDBC_URL="jdbc:postgresql://$pg_host:$pg_port/test?currentSchema=$schema" \
  WAYMARK_DB_USER=postgres WAYMARK_DB_PASSWORD= SPRING_FLYWAY_SCHEMAS="$schema" \
  WAYMARK_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)" WAYMARK_OUT_OF_HOURS_NUMBER="020 7946 0999" \
  TWILIO_ACCOUNT_SID=ACload TWILIO_AUTH_TOKEN=load-test-token TWILIO_FROM_NUMBER=+447700900000 \
  TWILIO_API_BASE_URL=http://127.0.0.1:9 TELEGRAM_BOT_TOKEN=123456:LOAD-token \
  TELEGRAM_WEBHOOK_SECRET=load-Secret_1 TELEGRAM_API_BASE_URL=http://127.0.0.1:9 \
  WAYMARK_PUBLIC_BASE_URL="$base" WAYMARK_OUTBOUND_ENABLED=false WAYMARK_CHECKIN_ENABLED=false \
  LOGGING_LEVEL_APP_WAYMARK=WARN
(cd "$root" && exec java -Xmx"${LOAD_HEAP:-512m}" -jar "$jar" > "$work/app.log" 2>&1) &
app=$!
cleanup() {
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  psql_ "drop schema if exists $schema cascade" || true
  echo "app log: $work/app.log"
}
trap cleanup EXIT
for _ in $(seq 1 120); do
  curl -fsS "$base/actuator/health/liveness" > /dev/null 2>&1 && break
  kill -0 "$app" 2>/dev/null || { cat "$work/app.log"; exit 1; }
  sleep 1
done
pid="$(pgrep -P "$app" java || echo "$app")"
[[ -n "$pid" ]] || pid="$app"
inbound() { psql_ "select count(*) from $schema.message where direction = 'IN' and channel = '$1'"; }
memory() {
  local heap rss
  heap="$(jcmd "$pid" GC.heap_info 2>/dev/null | sed -nE 's/.*committed ([0-9]+K), used ([0-9]+K).*/used=\2 committed=\1/p' | head -1)"
  rss="$(ps -o rss= -p "$pid" | tr -d ' ')"
  echo "heap ${heap:-?} rss=$((rss / 1024))MB"
}
echo "jar $jar, pid $pid, schema $schema, ${seconds}s per stage, rates ${rates[*]}"
echo "idle: $(memory)"
# warm-up (JIT, connection pool, Lucene); its rows are not counted in any stage
java -cp "$work/classes" RateLoad "$base" sms 50 5 warm > /dev/null
java -cp "$work/classes" RateLoad "$base" telegram 50 5 warm > /dev/null
results="$work/results.txt"
for kind in liveness sms telegram; do
  for rate in "${rates[@]}"; do
    before=0; [[ "$kind" == liveness ]] || before="$(inbound "$kind")"
    line="$(java -cp "$work/classes" RateLoad "$base" "$kind" "$rate" "$seconds" "$kind$rate$$")"
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
