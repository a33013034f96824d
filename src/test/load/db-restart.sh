#!/usr/bin/env bash
# PostgreSQL restarts while SMS flow in: is every accepted message stored once and
# answered once, does the service recover by itself, and what do webhooks see meanwhile?
# Loopback only, bounded; the machine's shared PostgreSQL is never touched.
#
# A throwaway PostgreSQL 15 cluster of its own (initdb into a temp dir, run as the
# postgres OS user, port 55432) backs a Waymark jar on port 18281; TwilioFake.java (as in
# crash.sh) plays Twilio's API on 18282. RateLoad sends 450 signed SMS webhooks
# from 450 numbers at 15/s, re-sending any that got no 200 every 2 s (as Twilio does with
# a retry policy on the webhook URL). 10 s in, the cluster is stopped (-m fast), left down
# DOWN_SECONDS (default 5) and started again; the app is not touched. A poller records
# /actuator/health every 200 ms. When the outbound queue is empty it checks: inbound rows
# = distinct MessageSids = answered = 450, and the fake got exactly one reply per number.
#
# Usage: src/test/load/db-restart.sh   (root, as on the build machines: it runs
# PostgreSQL as the postgres user). Environment: DOWN_SECONDS, PG_BIN (default
# /usr/lib/postgresql/15/bin), APP_PORT, MOCK_PORT, PG_PORT.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
# shellcheck source=/dev/null
source "$root/.ci/find-jdk.sh"
pg_bin="${PG_BIN:-/usr/lib/postgresql/15/bin}"
pg_port="${PG_PORT:-55432}"
port="${APP_PORT:-18281}"
mock_port="${MOCK_PORT:-18282}"
down_seconds="${DOWN_SECONDS:-5}"
(( down_seconds <= 60 )) || { echo "at most 60 s down" >&2; exit 2; }
rate=15
seconds=30
messages=$((rate * seconds))
base="http://127.0.0.1:$port"
[[ "$(id -u)" == 0 ]] || { echo "run as root (PostgreSQL runs as the postgres user)" >&2; exit 2; }
for p in "$pg_port" "$port" "$mock_port"; do
  if ss -Htln "sport = :$p" | grep -q .; then
    echo "something already listens on port $p; not touching it (set PG_PORT, APP_PORT or MOCK_PORT)" >&2; exit 2
  fi
done

jar="$(ls "$root"/target/waymark-*.jar 2>/dev/null | grep -v plain | head -1 || true)"
if [[ -z "$jar" || -n "$(find "$root/src/main" -newer "$jar" -type f | head -1)" ]]; then
  (cd "$root" && ./mvnw -B -ntp -q -DskipTests package)
  jar="$(ls "$root"/target/waymark-*.jar | grep -v plain | head -1)"
fi
work="$(mktemp -d /tmp/waymark-db-restart.XXXXXX)"
# the cluster's files, socket and log belong to the postgres user
pgdir="$work/pg"
pgdata="$pgdir/data"
mkdir -p "$pgdata" "$pgdir/socket"
chown -R postgres: "$pgdir"
chmod 755 "$work"
javac -d "$work/classes" "$here/RateLoad.java" "$here/LoadKit.java" "$here/TwilioFake.java"

pg() { runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pgdata" "$@"; }
# The port lies in the kernel's ephemeral range: a client connection elsewhere on the
# machine can hold it as its local port (for up to a minute in TIME-WAIT), and then the
# bind fails. Try again for up to 90 s.
pg_start() {
  for _ in $(seq 1 90); do
    pg start -w -l "$pgdir/postgres.log" -o "$pg_opts" > /dev/null 2>&1 && return 0
    sleep 1
  done
  echo "PostgreSQL did not start; see $pgdir/postgres.log" >&2; return 1
}
psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d waymark -qtAX -c "$1"; }
now_ms() { date +%s%3N; }

app="" mock="" poller=""
cleanup() {
  [[ -n "$poller" ]] && kill "$poller" 2>/dev/null || true
  [[ -n "$app" ]] && { kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; }
  [[ -n "$mock" ]] && kill "$mock" 2>/dev/null || true
  pg stop -m immediate > /dev/null 2>&1 || true
  rm -rf "$pgdata"
  echo "logs: $work"
}
trap cleanup EXIT

runuser -u postgres -- "$pg_bin/initdb" -D "$pgdata" -U postgres -A trust -E UTF8 --no-sync > "$work/initdb.log"
pg_opts="-p $pg_port -c listen_addresses=127.0.0.1 -k $pgdir/socket"
pg_start
psql -h 127.0.0.1 -p "$pg_port" -U postgres -qtAX -c "create database waymark" postgres

java -cp "$work/classes" TwilioFake "$mock_port" 20 > "$work/twilio-fake.log" 2>&1 &
mock=$!
for _ in $(seq 1 60); do curl -fsS "http://127.0.0.1:$mock_port/_fake/summary" > /dev/null 2>&1 && break; sleep 0.5; done

export SERVER_PORT="$port" WAYMARK_DATA_DIR="$work/data" \
  WAYMARK_DB_URL="r2dbc:postgresql://postgres@127.0.0.1:$pg_port/waymark" \
  WAYMARK_DB_JDBC_URL="jdbc:postgresql://127.0.0.1:$pg_port/waymark" \
  WAYMARK_DB_USER=postgres WAYMARK_DB_PASSWORD= \
  WAYMARK_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)" WAYMARK_OUT_OF_HOURS_NUMBER="020 7946 0999" \
  TWILIO_ACCOUNT_SID=ACload TWILIO_AUTH_TOKEN=load-test-token TWILIO_FROM_NUMBER=+447700900000 \
  TWILIO_API_BASE_URL="http://127.0.0.1:$mock_port" WAYMARK_PUBLIC_BASE_URL="$base" \
  WAYMARK_SMS_RATE=50 WAYMARK_OUTBOUND_POLL_INTERVAL=200ms WAYMARK_CHECKIN_ENABLED=false
(cd "$root" && exec java -Xmx512m -jar "$jar" > "$work/app.log" 2>&1) &
app=$!
for _ in $(seq 1 120); do
  curl -fsS "$base/actuator/health" > /dev/null 2>&1 && break
  kill -0 "$app" 2>/dev/null || { tail -50 "$work/app.log"; exit 1; }
  sleep 0.5
done
java_pid="$(pgrep -P "$app" java || echo "$app")"

# health every 200 ms: "epoch-ms http-status"
( while true; do
    echo "$(now_ms) $(curl -s -o /dev/null -m 2 -w '%{http_code}' "$base/actuator/health")"
    sleep 0.2
  done > "$work/health.txt" ) &
poller=$!

echo "$messages SMS webhooks at $rate/s; PostgreSQL stopped 10 s in for ${down_seconds} s; no-200s re-sent every 2 s"
LOAD_RETRIES=15 LOAD_RETRY_DELAY_MS=2000 java -cp "$work/classes" RateLoad "$base" sms "$rate" "$seconds" dbrestart \
  > "$work/load.txt" &
load=$!
sleep 10
stop_at="$(now_ms)"
pg stop -m fast -w > /dev/null
stopped_at="$(now_ms)"
sleep "$down_seconds"
pg_start
started_at="$(now_ms)"
wait "$load" || true
for _ in $(seq 1 120); do
  [[ "$(psql_ "select count(*) from outbound where status = 'QUEUED'")" == 0 ]] && break
  sleep 0.5
done
sleep 2
kill "$poller" 2>/dev/null || true
poller=""

cat "$work/load.txt"
read -r healthy_at first_down_at down_polls <<< "$(awk -v from="$stop_at" -v started="$started_at" '
  $1 >= from && $2 != 200 { if (!d) d = $1; n++ }
  $1 >= started && $2 == 200 && !h { h = $1 }
  END { print (h ? h : 0), (d ? d : 0), n + 0 }' "$work/health.txt")"
inbound="$(psql_ "select count(*) from message where direction = 'IN'")"
distinct="$(psql_ "select count(distinct provider_id) from message where direction = 'IN'")"
answered="$(psql_ "select count(*) from message where direction = 'IN' and status = 'REPLIED'")"
outbound="$(psql_ "select string_agg(status || '=' || n, ' ') from (select status, count(*) n from outbound group by status) s")"
per_number="$(curl -fsS "http://127.0.0.1:$mock_port/_fake/summary" | grep '^numbers answered')"
first_503="$(sed -nE 's/.* statuses=\{[^}]*503=([0-9]+).*/\1/p' "$work/load.txt")"
retry_503="$(sed -nE 's/.*retry_statuses=\{[^}]*503=([0-9]+).*/\1/p' "$work/load.txt")"
non_503="$(sed -nE 's/.* statuses=\{([^}]*)\}.*retry_statuses=\{([^}]*)\}.*/\1,\2/p' "$work/load.txt" \
  | tr ',' '\n' | grep -v -E '^(200|503)=' | grep -v '^$' | tr '\n' ' ' || true)"
stack_traces="$(grep -c -E '^\s+at |^Caused by:' "$work/app.log" || true)"
echo "PostgreSQL: stop took $((stopped_at - stop_at)) ms, down ${down_seconds} s, start took $((started_at - stopped_at - down_seconds * 1000)) ms"
echo "webhooks answered 503: ${first_503:-0} first attempts, ${retry_503:-0} re-sends; other non-200 answers: ${non_503:-none}"
if (( healthy_at > 0 )); then
  echo "health: not UP for $down_polls polls from $((first_down_at - stop_at)) ms after the stop; UP again $((healthy_at - started_at)) ms after PostgreSQL was back ($((healthy_at - stop_at)) ms after the stop)"
else
  echo "health: never UP again after PostgreSQL came back"
fi
echo "app: same process throughout: $(kill -0 "$java_pid" 2>/dev/null && echo yes || echo no); stack trace lines in its log: $stack_traces"
echo "inbound rows $inbound, distinct MessageSids $distinct, answered $answered (expected $messages)"
echo "outbound: $outbound"
echo "Twilio: $per_number"
fail=0
[[ "$inbound" == "$messages" && "$distinct" == "$messages" && "$answered" == "$messages" ]] || { echo "FAIL: inbound rows"; fail=1; }
grep -q "numbers answered: $messages - messages per number: {1: $messages}" <<< "$per_number" \
  || { echo "FAIL: not exactly one reply per number"; fail=1; }
(( healthy_at > 0 )) || { echo "FAIL: not healthy again"; fail=1; }
(( ${first_503:-0} + ${retry_503:-0} > 0 )) || { echo "FAIL: no webhook saw the outage"; fail=1; }
[[ -z "$non_503" ]] || { echo "FAIL: answers other than 200 and 503"; fail=1; }
[[ "$stack_traces" == 0 ]] || { echo "FAIL: stack traces in the log"; fail=1; }
(( fail == 0 )) && echo "OK: every message stored once and answered once across a PostgreSQL restart, no restart of Waymark"
exit "$fail"
