#!/usr/bin/env bash
# kill -9 in the middle of taking in and sending messages, then restart: is every
# acknowledged inbound message stored, and every message stored once and answered once?
# On the embedded H2 file (the default configuration) and on PostgreSQL. Loopback only,
# bounded.
#
# A Waymark jar runs against a fresh database (H2: a new data directory with the shipped
# URLs; PostgreSQL: a new schema), with Twilio's API played by TwilioFake.java (JDK only):
# it records a message as soon as a create arrives, answers 201 after 50 ms, and lists
# messages by To/From as Twilio does, so a reply accepted just before the kill can be found
# after the restart instead of sent again.
# 200 signed SMS webhooks go in at 50/s while the dispatcher sends at 20/s; the app is
# killed with SIGKILL the moment the fake receives the n-th reply (n random in 1-40, or
# CRASH_AFTER=n), so that reply is accepted but never acknowledged (CRASH_AFTER=2.5s
# kills on a timer instead, usually while webhooks are still coming in).
# Right after the kill, with the app down, it reads the database: every webhook answered
# 200 must be there ("lost" counts those that are not). It restarts the app and delivers
# again only the webhooks that were not answered 200, as Twilio does. When the queue is
# empty it stops the app and counts inbound rows per MessageSid and the messages the fake
# accepted per phone number ("doubled" counts numbers answered more than once).
#
# Usage: src/test/load/crash.sh [h2|postgres|both] [runs]
#   e.g. src/test/load/crash.sh both 3
# Environment: LOAD_PORT (default 18081), MOCK_PORT (default 18082), CRASH_AFTER,
# WAYMARK_TEST_PG_HOST/_PORT (default 127.0.0.1:5432, database test, user postgres, trust
# auth, as the tests use; only for postgres).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
which="${1:-both}"
runs="${2:-1}"
case "$which" in h2) dbs=(h2) ;; postgres) dbs=(postgres) ;; both) dbs=(h2 postgres) ;;
  *) echo "usage: $0 [h2|postgres|both] [runs]" >&2; exit 2 ;; esac
(( runs >= 1 && runs <= 10 )) || { echo "1 to 10 runs" >&2; exit 2; }
# shellcheck source=/dev/null
source "$root/.ci/find-jdk.sh"
port="${LOAD_PORT:-18081}"
mock_port="${MOCK_PORT:-18082}"
base="http://127.0.0.1:$port"
pg_host="${WAYMARK_TEST_PG_HOST:-127.0.0.1}"
pg_port="${WAYMARK_TEST_PG_PORT:-5432}"
case "$pg_host" in 127.0.0.1|localhost|::1) ;; *) echo "loopback PostgreSQL only" >&2; exit 2 ;; esac
jar="$(ls "$root"/target/waymark-*.jar 2>/dev/null | grep -v plain | head -1 || true)"
[[ -n "$jar" ]] || { (cd "$root" && ./mvnw -B -ntp -q -DskipTests package); jar="$(ls "$root"/target/waymark-*.jar | grep -v plain | head -1)"; }
work="$(mktemp -d /tmp/waymark-crash.XXXXXX)"
javac -d "$work/classes" "$here/RateLoad.java" "$here/LoadKit.java" "$here/TwilioFake.java" "$here/SqlQuery.java"
# the JDBC drivers the application ships with, to read its database while it is down
unzip -q -j -o "$jar" 'BOOT-INF/lib/h2-*.jar' 'BOOT-INF/lib/postgresql-*.jar' -d "$work/lib"
admin=crash@example.org
admin_password="$(head -c 12 /dev/urandom | base64 | tr -d '/+=')"
run_id=crashrun

app=""
mock=""
schema=""
db=""
data=""
cleanup() {
  [[ -n "$app" ]] && { kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; }
  [[ -n "$mock" ]] && { kill "$mock" 2>/dev/null || true; wait "$mock" 2>/dev/null || true; }
  [[ -n "$schema" ]] && sql_pg "drop schema if exists $schema cascade" > /dev/null 2>&1 || true
  app="" mock="" schema=""
}
trap 'cleanup; echo "logs: $work"' EXIT

sql_pg() { java -cp "$work/classes:$work/lib/*" SqlQuery "jdbc:postgresql://$pg_host:$pg_port/test" postgres "$1"; }
# H2 locks its file while the app has it open: only call this with the app down
sql() {
  if [[ "$db" == postgres ]]; then
    java -cp "$work/classes:$work/lib/*" SqlQuery "jdbc:postgresql://$pg_host:$pg_port/test?currentSchema=$schema" postgres "$1"
  else
    java -cp "$work/classes:$work/lib/*" SqlQuery "jdbc:h2:file:$data/waymark;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE" sa "$1"
  fi
}
outbound_statuses() { sql "select status, count(*) from outbound group by status order by status" | tr '|\n' '= ' | sed 's/ $//'; }
twilio_summary() { curl -fsS "http://127.0.0.1:$mock_port/_fake/summary"; }
# queued outbound rows, from health as staff see it (works while H2 is locked)
queued() { curl -sS -u "$admin:$admin_password" "$base/actuator/health" 2>/dev/null | grep -o '"queued":[0-9]*' | cut -d: -f2; }

start_app() {
  local env_db=()
  if [[ "$db" == postgres ]]; then
    env_db=(WAYMARK_DB_URL="r2dbc:postgresql://postgres@$pg_host:$pg_port/test?schema=$schema"
      WAYMARK_DB_JDBC_URL="jdbc:postgresql://$pg_host:$pg_port/test?currentSchema=$schema"
      WAYMARK_DB_USER=postgres WAYMARK_DB_PASSWORD= SPRING_FLYWAY_SCHEMAS="$schema")
  fi
  # H2: no database settings at all, so the shipped defaults are what is tested.
  # A short lease lets the restarted instance take over the dead one's rows at once; an SMS
  # call can take twice WAYMARK_SMS_TIMEOUT and must end within the lease (the fake answers
  # in 50 ms), or Waymark refuses to start.
  (cd "$root" && exec env -u WAYMARK_DB_URL -u WAYMARK_DB_JDBC_URL "${env_db[@]}" \
    SERVER_PORT="$port" WAYMARK_DATA_DIR="$data" WAYMARK_ENCRYPTION_KEY="$key" WAYMARK_OUT_OF_HOURS_NUMBER="020 7946 0999" \
    TWILIO_ACCOUNT_SID=ACload TWILIO_AUTH_TOKEN=load-test-token TWILIO_FROM_NUMBER=+447700900000 \
    TWILIO_API_BASE_URL="http://127.0.0.1:$mock_port" WAYMARK_PUBLIC_BASE_URL="$base" \
    WAYMARK_SMS_RATE=20 WAYMARK_OUTBOUND_POLL_INTERVAL=200ms WAYMARK_CHECKIN_ENABLED=false \
    WAYMARK_OUTBOUND_LEASE=3s WAYMARK_SMS_TIMEOUT=1s \
    WAYMARK_ADMIN_EMAIL="$admin" WAYMARK_ADMIN_PASSWORD="$admin_password" \
    java -Xmx512m -jar "$jar" >> "$log" 2>&1) &
  app=$!
  for _ in $(seq 1 120); do
    curl -fsS "$base/actuator/health/liveness" > /dev/null 2>&1 && return 0
    kill -0 "$app" 2>/dev/null || { tail -20 "$log" >&2; echo "app exited" >&2; exit 1; }
    sleep 0.5
  done
  echo "app did not start" >&2; exit 1
}
java_pid() { pgrep -P "$app" java || echo "$app"; }

# One kill and restart on $db; appends a result line to $results.
run_once() {
  local run="$1" dir="$work/$db-$1"
  mkdir -p "$dir"
  data="$dir/data" log="$dir/app.log" key="$(head -c 32 /dev/urandom | base64)"
  if [[ "$db" == postgres ]]; then
    schema="crash_$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    sql_pg "create schema $schema"
  fi
  java -cp "$work/classes" TwilioFake "$mock_port" 50 > "$dir/twilio-fake.log" 2>&1 &
  mock=$!
  for _ in $(seq 1 60); do twilio_summary > /dev/null 2>&1 && break; sleep 0.5; done

  start_app
  local crash_after="${CRASH_AFTER:-$((RANDOM % 40 + 1))}"
  echo "[$db run $run] phase 1: 200 webhooks at 50/s, SIGKILL $([[ "$crash_after" == *s ]] && echo "after $crash_after" || echo "when Twilio receives reply $crash_after")"
  LOAD_ACKED_FILE="$dir/acked.txt" java -cp "$work/classes" RateLoad "$base" sms 50 4 "$run_id" > "$dir/phase1.txt" &
  local load=$!
  local pid; pid="$(java_pid)"
  if [[ "$crash_after" == *s ]]; then
    sleep "${crash_after%s}"
  else
    curl -sS --max-time 70 "http://127.0.0.1:$mock_port/_fake/wait?created=$crash_after&seconds=60" > /dev/null || true
  fi
  kill -9 "$pid"
  wait "$app" 2>/dev/null || true
  app=""
  wait "$load" || true
  cat "$dir/phase1.txt"

  # with the app down: is every acknowledged webhook in the database?
  sql "select provider_id from message where direction = 'IN'" | sort > "$dir/stored.txt"
  sort -n "$dir/acked.txt" | while read -r i; do printf 'SM%s%08d\n' "$run_id" "$i"; done | sort > "$dir/acked-sids.txt"
  local acked stored lost
  acked="$(wc -l < "$dir/acked-sids.txt" | tr -d ' ')"
  stored="$(wc -l < "$dir/stored.txt" | tr -d ' ')"
  lost="$(comm -23 "$dir/acked-sids.txt" "$dir/stored.txt" | wc -l | tr -d ' ')"
  echo "[$db run $run] after the kill: $acked answered 200, $stored inbound rows stored, $lost answered but not stored;" \
    "outbound $(outbound_statuses); Twilio accepted $(twilio_summary | sed -nE 's/^created=([0-9]+).*/\1/p');" \
    "in flight (outcome unknown) $(sql "select count(*) from outbound where in_flight_since is not null")"

  echo "[$db run $run] phase 2: restart; Twilio delivers again the $((200 - acked)) not answered 200"
  start_app
  LOAD_SKIP_FILE="$dir/acked.txt" java -cp "$work/classes" RateLoad "$base" sms 50 4 "$run_id" | tee "$dir/phase2.txt"
  for _ in $(seq 1 120); do
    [[ "$(queued)" == 0 ]] && break
    sleep 0.5
  done
  sleep 2
  kill "$app"; wait "$app" 2>/dev/null || true; app=""
  local inbound distinct summary per_number doubled found verdict=OK
  inbound="$(sql "select count(*) from message where direction = 'IN'")"
  distinct="$(sql "select count(distinct provider_id) from message where direction = 'IN'")"
  summary="$(twilio_summary)"
  per_number="$(grep '^numbers answered' <<< "$summary")"
  doubled="$(grep -oE '[0-9]+: [0-9]+' <<< "${per_number#*number: }" | awk -F': ' '$1 > 1 { n += $2 } END { print n + 0 }')"
  found="$(grep -c 'an earlier attempt got through' "$log" || true)"
  echo "[$db run $run] inbound rows $inbound ($distinct distinct MessageSids, expected 200); outbound $(outbound_statuses)"
  echo "[$db run $run] Twilio: $per_number; reconciled after the restart (found at Twilio, not sent again): $found"
  [[ "$lost" == 0 ]] || { verdict=FAIL; echo "[$db run $run] FAIL: $lost webhooks answered 200 were not stored"; }
  [[ "$inbound" == 200 && "$distinct" == 200 ]] || { verdict=FAIL; echo "[$db run $run] FAIL: inbound rows"; }
  grep -q "numbers answered: 200 - messages per number: {1: 200}" <<< "$per_number" || { verdict=FAIL; echo "[$db run $run] FAIL: not exactly one reply per number"; }
  printf '%-8s %3s %8s %8s %5s %8s %9s %8s %10s %s\n' "$db" "$run" "$crash_after" "$acked" "$lost" "$inbound" \
    "$(sed -nE 's/^numbers answered: ([0-9]+).*/\1/p' <<< "$per_number")" "$doubled" "$found" "$verdict" >> "$results"
  cleanup
}

results="$work/results.txt"
: > "$results"
for db in "${dbs[@]}"; do
  for run in $(seq 1 "$runs"); do
    run_once "$run"
  done
done
echo "--- per run: answered 200 before the kill, of those not stored (lost), inbound rows at the end,"
echo "    numbers answered, numbers answered more than once (doubled), replies found at Twilio after the restart"
printf '%-8s %3s %8s %8s %5s %8s %9s %8s %10s %s\n' database run kill-at answered lost inbound numbers doubled reconciled result
cat "$results"
! grep -q FAIL "$results" || { echo "FAIL"; exit 1; }
echo "OK: on ${dbs[*]}, every acknowledged message stored, every message stored once and answered once across kill -9"
