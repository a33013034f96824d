# Sourced by load.sh and anchor-compare.sh: starts the Waymark jar (built if target/ has none)
# on loopback against a fresh schema of the local PostgreSQL, with the outbound dispatcher and
# check-ins off and every provider URL at a closed loopback port, and waits until it is live. It
# runs with the vector module, as deploy/Dockerfile does.
# Expects: here, root, port, base. Leaves: jar, work (a temporary folder, with the compiled load
# tools in work/classes), schema, app, pid, psql_, inbound CHANNEL, memory; removes it all on exit.
# Environment: WAYMARK_TEST_PG_HOST/_PORT (default 127.0.0.1:5432, database test, user postgres,
# trust auth), LOAD_JAR (default: the jar in target/), LOAD_HEAP (default 512m), LOAD_JAVA_OPTS (more
# JVM options for Waymark).
pg_host="${WAYMARK_TEST_PG_HOST:-127.0.0.1}"
pg_port="${WAYMARK_TEST_PG_PORT:-5432}"
case "$pg_host" in 127.0.0.1|localhost|::1) ;; *) echo "loopback PostgreSQL only" >&2; exit 2 ;; esac
# shellcheck source=/dev/null
source "$root/.ci/find-jdk.sh"
psql_() { PGOPTIONS="-c client_min_messages=warning" psql -h "$pg_host" -p "$pg_port" -U postgres -d test -qtAX -c "$1" 2>&1 | grep -v "^drop cascades" || true; }

jar="${LOAD_JAR:-$(ls "$root"/target/waymark-*.jar 2>/dev/null | grep -v plain | head -1 || true)}"
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
(cd "$root" && # shellcheck disable=SC2086 # a list of options
  exec java -Xmx"${LOAD_HEAP:-512m}" --add-modules jdk.incubator.vector ${LOAD_JAVA_OPTS:-} -jar "$jar" > "$work/app.log" 2>&1) &
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
# Warm-up until the JIT has settled: after a fixed 30 s at 50/s, Waymark's compiler threads
# still used more CPU than its request threads for another minute, on the same two cores a
# measurement then shares. 10 s rounds at the given rate until the process's compiler threads
# use under 10% of a core in a round (at most WARM_MAX_ROUNDS, default 18); prints the rounds.
compiler_ticks() { # pid -> CPU ticks of its JIT compiler threads so far
  local total=0 t
  for t in /proc/"$1"/task/*; do
    [[ "$(cat "$t/comm" 2>/dev/null)" == *Compiler* ]] || continue
    total=$(( total + $(awk '{print $14 + $15}' "$t/stat" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}
warm_until_compiled() { # base-url pid rate label
  local round before ticks hz
  hz="$(getconf CLK_TCK)"
  for round in $(seq 1 "${WARM_MAX_ROUNDS:-18}"); do
    before="$(compiler_ticks "$2")"
    java -cp "$work/classes" RateLoad "$1" sms "$3" 10 "warm$4$round$$" > /dev/null
    ticks=$(( $(compiler_ticks "$2") - before ))
    (( ticks < hz )) && break # under 1 s of compiler CPU in 10 s
  done
  echo "$4 warmed in $round rounds of 10 s (JIT compiling $(( ticks * 10 / hz ))% of a core in the last)"
}
inbound() { psql_ "select count(*) from $schema.message where direction = 'IN' and channel = '$1'"; }
memory() {
  local heap rss
  heap="$(jcmd "$pid" GC.heap_info 2>/dev/null | sed -nE 's/.*committed ([0-9]+K), used ([0-9]+K).*/used=\2 committed=\1/p' | head -1)"
  rss="$(ps -o rss= -p "$pid" | tr -d ' ')"
  echo "heap ${heap:-?} rss=$((rss / 1024))MB"
}
