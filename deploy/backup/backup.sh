#!/usr/bin/env bash
# Encrypted backup of Waymark's PostgreSQL database, with retention. Run nightly: by the
# Kubernetes CronJob (deploy/kubernetes/backup.yaml), or from cron on a single server
# (deploy/README.md, "Backups and restore").
#
# The dump (pg_dump custom format) is encrypted with age to one or more public keys
# (recipients) on its way to disk: no plaintext copy is written, and the machine making
# backups cannot read them. The private key (identity) is kept off the cluster and is only
# needed to restore (deploy/backup/restore.sh).
#
# Environment:
#   PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE   the database (libpq's own variables)
#   BACKUP_DIR                 where backups are written (e.g. a mounted volume)
#   BACKUP_AGE_RECIPIENTS      age public keys (age1...), separated by spaces or new lines
#   BACKUP_RETENTION_DAYS      backups older than this are deleted (default 35)
#   BACKUP_KEEP_AT_LEAST       the newest this many are never deleted, however old (default 7):
#                              if backups stop for a while, the last good ones survive
#   BACKUP_PREFIX              file name prefix (default waymark)
#
# Writes <prefix>-<UTC time>.dump.age and a .sha256 beside it; a backup is only given its name
# once pg_dump and age have both finished, so a failed run leaves nothing that looks complete.
set -euo pipefail
umask 077

dir="${BACKUP_DIR:?set BACKUP_DIR}"
retention_days="${BACKUP_RETENTION_DAYS:-35}"
keep_at_least="${BACKUP_KEEP_AT_LEAST:-7}"
prefix="${BACKUP_PREFIX:-waymark}"
: "${PGDATABASE:?set PGDATABASE}"
[[ "$retention_days" =~ ^[0-9]+$ && "$keep_at_least" =~ ^[0-9]+$ ]] \
  || { echo "BACKUP_RETENTION_DAYS and BACKUP_KEEP_AT_LEAST must be whole numbers" >&2; exit 2; }
[[ "$prefix" =~ ^[A-Za-z0-9_.-]+$ ]] || { echo "BACKUP_PREFIX: letters, digits, _ . - only" >&2; exit 2; }

recipients=()
for key in ${BACKUP_AGE_RECIPIENTS:-}; do
  [[ "$key" == age1* ]] || { echo "BACKUP_AGE_RECIPIENTS: not an age public key (age1...)" >&2; exit 2; }
  recipients+=(--recipient "$key")
done
(( ${#recipients[@]} > 0 )) || { echo "set BACKUP_AGE_RECIPIENTS (age public keys)" >&2; exit 2; }
[[ -d "$dir" && -w "$dir" ]] || { echo "BACKUP_DIR $dir is not a writable directory" >&2; exit 2; }

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
name="$prefix-$stamp.dump.age"
partial="$dir/.$name.partial"
trap 'rm -f "$partial"' EXIT
started=$(date +%s)

# pipefail: a pg_dump that fails half-way fails the run even though age finished.
pg_dump --format=custom --no-password | age --encrypt "${recipients[@]}" --output "$partial"
[[ -s "$partial" ]] || { echo "backup is empty" >&2; exit 1; }
hash="$(sha256sum < "$partial" | cut -d' ' -f1)"
printf '%s  %s\n' "$hash" "$name" > "$dir/$name.sha256.partial"
mv "$partial" "$dir/$name"
mv "$dir/$name.sha256.partial" "$dir/$name.sha256"
echo "backup $name: $(wc -c < "$dir/$name") bytes in $(( $(date +%s) - started )) s"

# Retention by the time in the name (not the file's mtime, which copying can change); the
# names sort by time, newest last. Only this prefix's backups are ever touched.
cutoff="$(date -u -d "@$(( $(date +%s) - retention_days * 86400 ))" +%Y%m%dT%H%M%SZ)"
mapfile -t backups < <(cd "$dir" && ls -1 | grep -E "^$prefix-[0-9]{8}T[0-9]{6}Z\.dump\.age\$" | sort)
deletable=$(( ${#backups[@]} - keep_at_least ))
deleted=0
for (( i = 0; i < deletable; i++ )); do
  old="${backups[$i]}"
  old_stamp="${old#"$prefix-"}"
  old_stamp="${old_stamp%.dump.age}"
  if [[ "$old_stamp" < "$cutoff" ]]; then
    rm -f "$dir/$old" "$dir/$old.sha256"
    deleted=$(( deleted + 1 ))
  fi
done
echo "retention: kept $(( ${#backups[@]} - deleted )), deleted $deleted older than $retention_days days"
