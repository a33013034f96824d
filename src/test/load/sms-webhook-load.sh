#!/usr/bin/env bash
# Sends signed Twilio SMS webhooks at a Waymark running on this machine (loopback only) and
# reports accepted messages per second and latency percentiles (p50/p90/p99).
#
# Start the app first with fake Twilio credentials; the outbound queue simply retries
# against an unreachable API port, so nothing leaves the machine:
#
#   TWILIO_ACCOUNT_SID=ACload TWILIO_AUTH_TOKEN=load-test-token TWILIO_FROM_NUMBER=+447700900000 \
#   TWILIO_API_BASE_URL=http://127.0.0.1:9 WAYMARK_PUBLIC_BASE_URL=http://127.0.0.1:18080 \
#   SERVER_PORT=18080 WAYMARK_DATA_DIR=/tmp/waymark-load java -jar target/waymark-*.jar
#
# Usage: src/test/load/sms-webhook-load.sh [base-url] [count] [concurrency] [max-seconds]
# Environment: TWILIO_AUTH_TOKEN (default load-test-token), WAYMARK_PUBLIC_BASE_URL (default base-url).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
base="${1:-http://127.0.0.1:18080}"
count="${2:-2000}"
concurrency="${3:-16}"
max_seconds="${4:-60}"
case "$base" in
  http://127.0.0.1:*|http://localhost:*|http://\[::1\]:*) ;;
  *) echo "refusing non-loopback target: $base" >&2; exit 2 ;;
esac
classes="$(mktemp -d /tmp/waymark-sms-load.XXXXXX)"
trap 'rm -rf "$classes"' EXIT
javac -d "$classes" "$here/SmsWebhookLoad.java" "$here/LoadKit.java"
timeout "$((max_seconds + 30))" java -cp "$classes" SmsWebhookLoad "$base" "${TWILIO_AUTH_TOKEN:-load-test-token}" \
  "${WAYMARK_PUBLIC_BASE_URL:-$base}" "$count" "$concurrency" "$max_seconds"
