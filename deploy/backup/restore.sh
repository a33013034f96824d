#!/usr/bin/env bash
# Restores a backup made by deploy/backup/backup.sh into an existing database.
#
# Usage: restore.sh [--clean] BACKUP_FILE
#   BACKUP_FILE   a <prefix>-<time>.dump.age; its .sha256 beside it is checked when present
#   --clean       replace what the database holds (drops Waymark's objects first); without it
#                 the database must be empty, so a mistyped PGDATABASE cannot overwrite one
# Environment:
#   PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE   the target database (libpq's variables)
#   BACKUP_AGE_IDENTITY_FILE   the age private key file (AGE-SECRET-KEY-...) for the backups
#
# Stop Waymark first (scale to 0, or `docker compose stop waymark`) and start it afterwards
# with the same WAYMARK_ENCRYPTION_KEY. The restore runs in one transaction: if anything fails
# (wrong key, damaged file, a SQL error) the database is left as it was.
set -euo pipefail

clean=()
if [[ "${1:-}" == --clean ]]; then
  clean=(--clean --if-exists)
  shift
fi
file="${1:?usage: restore.sh [--clean] BACKUP_FILE}"
identity="${BACKUP_AGE_IDENTITY_FILE:?set BACKUP_AGE_IDENTITY_FILE to the age private key file}"
: "${PGDATABASE:?set PGDATABASE to the database to restore into}"
[[ -r "$file" ]] || { echo "cannot read $file" >&2; exit 2; }
[[ -r "$identity" ]] || { echo "cannot read $identity" >&2; exit 2; }

if [[ -f "$file.sha256" ]]; then
  (cd "$(dirname "$file")" && sha256sum --check --status "$(basename "$file").sha256") \
    || { echo "checksum mismatch: $file is damaged or not the backup its .sha256 describes" >&2; exit 1; }
else
  echo "warning: no $file.sha256, restoring without a checksum" >&2
fi

tables="$(psql --no-password -qtAX -c "select count(*) from pg_tables where schemaname not in ('pg_catalog', 'information_schema')")"
if [[ ${#clean[@]} -eq 0 && "$tables" != 0 ]]; then
  echo "database $PGDATABASE already holds $tables tables; restore into an empty database or pass --clean" >&2
  exit 1
fi

started=$(date +%s)
age --decrypt --identity "$identity" "$file" \
  | pg_restore --no-password --no-owner --no-privileges --single-transaction --exit-on-error "${clean[@]}" \
    --dbname "$PGDATABASE"
tables="$(psql --no-password -qtAX -c "select count(*) from pg_tables where schemaname not in ('pg_catalog', 'information_schema')")"
echo "restored $(basename "$file") into $PGDATABASE: $tables tables in $(( $(date +%s) - started )) s"
