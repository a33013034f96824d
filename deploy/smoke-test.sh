#!/usr/bin/env bash
# Starts the Waymark image the way deploy/kubernetes/waymark.yaml runs it (non-root, read-only root
# filesystem with writable /tmp and /app/data, 1 GiB memory limit, no capabilities, health and
# metrics on a management port of their own) and checks it: health UP, the probes on the main
# port, metrics on the management port without an account (and not on the main port), the chat
# page and the chat API answer, the process is not root, Docker's own health check turns healthy.
# Prints the start-up time and the idle memory.
#
# Usage: deploy/smoke-test.sh [image]            # default image: waymark:local
#   PG=1 deploy/smoke-test.sh                    # on the host's PostgreSQL, in a schema of its own
# Environment: PORT (default 18480) and PORT+1 (management; host networking, so both must be free), PG_HOST/PG_PORT
# (loopback only, default 127.0.0.1:5432; user postgres, database test, trust auth).
set -euo pipefail
image="${1:-waymark:local}"
port="${PORT:-18480}"
base="http://127.0.0.1:$port"
management="http://127.0.0.1:$(( port + 1 ))"
pg_host="${PG_HOST:-127.0.0.1}"
pg_port="${PG_PORT:-5432}"
id="$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
name="waymark-smoke-$id"
volume="waymark-smoke-$id"
admin='smoke@example.org'
admin_password="smoke-$id"
schema=""
psql_() { PGOPTIONS="-c client_min_messages=warning" psql -h "$pg_host" -p "$pg_port" -U postgres -d test -qtAX -c "$1"; }
cleanup() {
  docker rm -f "$name" > /dev/null 2>&1 || true
  docker volume rm "$volume" > /dev/null 2>&1 || true
  [[ -n "$schema" ]] && psql_ "drop schema if exists $schema cascade" > /dev/null
  return 0
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; docker logs --tail 40 "$name" >&2 || true; exit 1; }
if curl -s -o /dev/null "$base/" || curl -s -o /dev/null "$management/"; then
  fail "port $port or $(( port + 1 )) is taken (set PORT)"
fi

env_args=(-e "SERVER_PORT=$port" -e "MANAGEMENT_SERVER_PORT=$(( port + 1 ))"
  -e MANAGEMENT_ENDPOINT_HEALTH_PROBES_ADD_ADDITIONAL_PATHS=true
  -e "WAYMARK_ADMIN_EMAIL=$admin" -e "WAYMARK_ADMIN_PASSWORD=$admin_password"
  # required on PostgreSQL; a made-up number (Ofcom's range for drama)
  -e "WAYMARK_OUT_OF_HOURS_NUMBER=020 7946 0999")
if [[ "${PG:-}" == 1 ]]; then
  case "$pg_host" in 127.0.0.1|localhost|::1) ;; *) echo "loopback PostgreSQL only" >&2; exit 2 ;; esac
  schema="smoke_$id"
  psql_ "create schema $schema"
  env_args+=(-e "WAYMARK_DB_URL=r2dbc:postgresql://$pg_host:$pg_port/test?schema=$schema"
    -e "WAYMARK_DB_JDBC_URL=jdbc:postgresql://$pg_host:$pg_port/test?currentSchema=$schema"
    -e WAYMARK_DB_USER=postgres -e WAYMARK_DB_PASSWORD= -e "SPRING_FLYWAY_SCHEMAS=$schema"
    -e "WAYMARK_ENCRYPTION_KEY=$(head -c 32 /dev/urandom | base64)")
fi

# Host networking: the engine here runs without a bridge; it also reaches the host's PostgreSQL.
start=$(date +%s%N)
docker run -d --name "$name" --network host --read-only --tmpfs /tmp -v "$volume:/app/data" \
  --memory 1g --cap-drop ALL --security-opt no-new-privileges "${env_args[@]}" "$image" > /dev/null
for _ in $(seq 1 480); do
  curl -fsS -o /dev/null "$management/actuator/health" 2> /dev/null && break
  [[ "$(docker inspect -f '{{.State.Running}}' "$name")" == true ]] || fail "container exited"
  sleep 0.25
done
curl -fsS -o /dev/null "$management/actuator/health" || fail "health not UP within 120 s"
echo "health UP after $(( ($(date +%s%N) - start) / 1000000 )) ms ($(docker logs "$name" 2>&1 | grep -o 'Started WaymarkApplication in [0-9.]* seconds' || true))"

details="$(curl -fsS -u "$admin:$admin_password" "$management/actuator/health")"
# The database component is called r2dbc: {"r2dbc":{"details":{"database":"H2",...},"status":"UP"}.
db="$(echo "$details" | grep -o '"r2dbc":{"details":{[^}]*},"status":"[A-Z]*"' || true)"
echo "health for staff: $(echo "$details" | grep -o '"status":"[A-Z]*"}$' | cut -d'"' -f4), database" \
  "$(echo "$db" | grep -o '"database":"[^"]*"' | cut -d'"' -f4) $(echo "$db" | grep -o '[A-Z]*"$' | tr -d '"')"
[[ "$db" == *'"status":"UP"' ]] || fail "database not UP: $details"
if [[ -n "$schema" ]]; then
  tables="$(psql_ "select count(*) from information_schema.tables where table_schema = '$schema'")"
  [[ "$tables" -gt 0 ]] || fail "no tables in $schema"
  echo "PostgreSQL schema $schema: $tables tables"
fi

for probe in livez readyz; do
  curl -fsS -o /dev/null "$base/$probe" || fail "/$probe on the main port"
done
metrics="$(curl -fsS "$management/actuator/prometheus")" || fail "metrics without an account on the management port"
echo "$metrics" | grep -q '^waymark_outbound_oldest_age_seconds' || fail "no waymark metrics"
main_metrics="$(curl -s -o /dev/null -w '%{http_code}' "$base/actuator/prometheus")"
[[ "$main_metrics" == 401 ]] || fail "metrics on the main port answered $main_metrics, not 401"
echo "probes /livez /readyz UP; metrics: management port 200 without an account, main port $main_metrics"

page="$(curl -fsS -o /dev/null -w '%{http_code} %{content_type}' "$base/")" || fail "chat page"
echo "GET / -> $page"
reply="$(curl -fsS -H 'Content-Type: application/json' -d '{"text":"free bus?"}' "$base/api/v1/chat")" \
  || fail "chat API"
echo "$reply" | grep -q '"reply":"' || fail "no reply: $reply"
echo "POST /api/v1/chat -> $(echo "$reply" | grep -o '"articleId":[^,]*,"score":[^,]*,"confident":[a-z]*')"

who="$(docker exec "$name" id)"
echo "container user: $who"
[[ "$(docker exec "$name" id -u)" != 0 ]] || fail "runs as root"

# Docker's first health check runs one interval (30 s) after the start.
for _ in $(seq 1 90); do
  status="$(docker inspect -f '{{.State.Health.Status}}' "$name")"
  [[ "$status" == starting ]] || break
  sleep 1
done
echo "docker health: $status"
[[ "$status" == healthy ]] || fail "docker health check: $status"

sleep 10
docker stats --no-stream --format 'idle: {{.MemUsage}} memory, {{.CPUPerc}} CPU, {{.PIDs}} threads' "$name"
echo "image: $(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%.0f MB", $1 / 1000000}')"
echo PASS
