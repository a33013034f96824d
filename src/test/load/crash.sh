#!/usr/bin/env bash
# kill -9 in the middle of taking in and sending messages, then restart: is every
# accepted inbound message stored once and answered once? Loopback only, bounded.
#
# A Waymark jar runs against a fresh PostgreSQL schema, with Twilio's API played by
# TwilioFake.java (JDK only): it records a message as soon as a create arrives, answers
# 201 after 50 ms, and lists messages by To/From as Twilio does, so a reply accepted just
# before the kill can be found after the restart instead of sent again.
# 200 signed SMS webhooks go in at 50/s while the dispatcher sends at 20/s; the app is
# killed with SIGKILL the moment the fake receives the n-th reply (n random in 1-40, or
# CRASH_AFTER=n), so that reply is accepted but never acknowledged (CRASH_AFTER=2.5s
# kills on a timer instead, usually while webhooks are still coming in); it is restarted,
# and the same 200 webhooks are delivered again
# (Twilio retries what was not acknowledged). When the queue is empty it counts inbound
# rows per MessageSid and the messages the fake accepted per phone number.
#
# Usage: src/test/load/crash.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
# shellcheck source=/dev/null
source "$root/.ci/find-jdk.sh"
port="${LOAD_PORT:-18081}"
mock_port="${MOCK_PORT:-18082}"
base="http://127.0.0.1:$port"
pg_host="${WAYMARK_TEST_PG_HOST:-127.0.0.1}"
pg_port="${WAYMARK_TEST_PG_PORT:-5432}"
case "$pg_host" in 127.0.0.1|localhost|::1) ;; *) echo "loopback PostgreSQL only" >&2; exit 2 ;; esac
psql_() { PGOPTIONS="-c client_min_messages=warning" psql -h "$pg_host" -p "$pg_port" -U postgres -d test -qtAX -c "$1" 2>&1 | grep -v "^drop cascades" || true; }
jar="$(ls "$root"/target/waymark-*.jar 2>/dev/null | grep -v plain | head -1 || true)"
[[ -n "$jar" ]] || { (cd "$root" && ./mvnw -B -ntp -q -DskipTests package); jar="$(ls "$root"/target/waymark-*.jar | grep -v plain | head -1)"; }
work="$(mktemp -d /tmp/waymark-crash.XXXXXX)"
schema="crash_$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
psql_ "create schema $schema"
javac -d "$work/classes" "$here/RateLoad.java" "$here/LoadKit.java" "$here/TwilioFake.java"

java -cp "$work/classes" TwilioFake "$mock_port" 50 > "$work/twilio-fake.log" 2>&1 &
mock=$!
app=""
cleanup() {
  [[ -n "$app" ]] && { kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; }
  kill "$mock" 2>/dev/null || true
  psql_ "drop schema if exists $schema cascade" > /dev/null
  echo "logs: $work"
}
trap cleanup EXIT
for _ in $(seq 1 60); do curl -fsS "http://127.0.0.1:$mock_port/_fake/summary" > /dev/null 2>&1 && break; sleep 0.5; done
twilio_created() { curl -fsS "http://127.0.0.1:$mock_port/_fake/summary" | sed -nE 's/^created=([0-9]+).*/\1/p'; }

export SERVER_PORT="$port" WAYMARK_DATA_DIR="$work/data" \
  WAYMARK_DB_URL="r2dbc:postgresql://postgres@$pg_host:$pg_port/test?schema=$schema" \
  WAYMARK_DB_JDBC_URL="jdbc:postgresql://$pg_host:$pg_port/test?currentSchema=$schema" \
  WAYMARK_DB_USER=postgres WAYMARK_DB_PASSWORD= SPRING_FLYWAY_SCHEMAS="$schema" \
  WAYMARK_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)" \
  TWILIO_ACCOUNT_SID=ACload TWILIO_AUTH_TOKEN=load-test-token TWILIO_FROM_NUMBER=+447700900000 \
  TWILIO_API_BASE_URL="http://127.0.0.1:$mock_port" WAYMARK_PUBLIC_BASE_URL="$base" \
  WAYMARK_SMS_RATE=20 WAYMARK_OUTBOUND_POLL_INTERVAL=200ms WAYMARK_CHECKIN_ENABLED=false \
  WAYMARK_OUTBOUND_LEASE=3s WAYMARK_SMS_TIMEOUT=1s
# A short lease lets the restarted instance take over the dead one's rows at once; an SMS
# call can take twice WAYMARK_SMS_TIMEOUT and must end within the lease (the fake answers
# in 50 ms), or Waymark refuses to start.
start_app() {
  (cd "$root" && exec java -Xmx512m -jar "$jar" >> "$work/app.log" 2>&1) &
  app=$!
  for _ in $(seq 1 120); do
    curl -fsS "$base/actuator/health/liveness" > /dev/null 2>&1 && return 0
    kill -0 "$app" 2>/dev/null || { tail -20 "$work/app.log" >&2; echo "app exited" >&2; exit 1; }
    sleep 0.5
  done
  echo "app did not start" >&2; exit 1
}
java_pid() { pgrep -P "$app" java || echo "$app"; }

start_app
crash_after="${CRASH_AFTER:-$((RANDOM % 40 + 1))}"
if [[ "$crash_after" == *s ]]; then
  echo "phase 1: 200 webhooks at 50/s, SIGKILL after $crash_after"
else
  echo "phase 1: 200 webhooks at 50/s, SIGKILL when Twilio receives reply $crash_after"
fi
java -cp "$work/classes" RateLoad "$base" sms 50 4 crashrun > "$work/phase1.txt" &
load=$!
pid="$(java_pid)"
if [[ "$crash_after" == *s ]]; then
  sleep "${crash_after%s}"
else
  curl -sS --max-time 70 "http://127.0.0.1:$mock_port/_fake/wait?created=$crash_after&seconds=60" > /dev/null || true
fi
kill -9 "$pid"
wait "$app" 2>/dev/null || true
app=""
wait "$load" || true
cat "$work/phase1.txt"
accepted1="$(sed -E 's/.*accepted=([0-9]+).*/\1/' "$work/phase1.txt")"
echo "after the kill: stored $(psql_ "select count(*) from $schema.message where direction = 'IN'") inbound, " \
  "outbound $(psql_ "select string_agg(status || '=' || n, ' ') from (select status, count(*) n from $schema.outbound group by status) s"), " \
  "Twilio accepted $(twilio_created), in flight (outcome unknown) $(psql_ "select count(*) from $schema.outbound where in_flight_since is not null")"

echo "phase 2: restart, Twilio re-delivers all 200"
start_app
java -cp "$work/classes" RateLoad "$base" sms 50 4 crashrun | tee "$work/phase2.txt"
for _ in $(seq 1 120); do
  [[ "$(psql_ "select count(*) from $schema.outbound where status = 'QUEUED'")" == 0 ]] && break
  sleep 0.5
done
sleep 2
inbound="$(psql_ "select count(*) from $schema.message where direction = 'IN'")"
distinct="$(psql_ "select count(distinct provider_id) from $schema.message where direction = 'IN'")"
outbound="$(psql_ "select string_agg(status || '=' || n, ' ') from (select status, count(*) n from $schema.outbound group by status) s")"
summary="$(curl -fsS "http://127.0.0.1:$mock_port/_fake/summary")"
per_number="$(grep '^numbers answered' <<< "$summary")"
found="$(grep -c 'an earlier attempt got through' "$work/app.log" || true)"
echo "phase 1 accepted $accepted1 before the kill; inbound rows $inbound ($distinct distinct MessageSids, expected 200)"
echo "outbound: $outbound"
echo "Twilio: $per_number ($(head -1 <<< "$summary"))"
echo "reconciled after the restart (found at Twilio, not sent again): $found"
[[ "$inbound" == 200 && "$distinct" == 200 ]] || { echo "FAIL: inbound rows"; exit 1; }
grep -q "numbers answered: 200 - messages per number: {1: 200}" <<< "$per_number" || { echo "FAIL: not exactly one reply per number"; exit 1; }
echo "OK: every message stored once and answered once across a kill -9"
