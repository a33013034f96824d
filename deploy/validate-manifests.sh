#!/usr/bin/env bash
# Checks deploy/compose.yaml with Compose and deploy/kubernetes/*.yaml against the Kubernetes API
# schemas (from the npm package kubernetes-models, so no cluster is needed). The schema check catches
# wrong types, bad values and missing required fields, not misspelt field names.
# Usage: deploy/validate-manifests.sh     (needs docker compose or docker-compose, node and npm)
set -euo pipefail
deploy="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d /tmp/waymark-manifests.XXXXXX)"
trap 'rm -rf "$work"' EXIT

# Compose resolves ${...} from deploy/.env; use a throwaway one so that no secret is read or needed.
mkdir "$work/deploy" && cp "$deploy/compose.yaml" "$work/deploy/"
printf 'WAYMARK_DB_PASSWORD=x\nWAYMARK_ENCRYPTION_KEY=x\n' > "$work/deploy/.env"
if docker compose version > /dev/null 2>&1; then compose=(docker compose); else compose=(docker-compose); fi
"${compose[@]}" -f "$work/deploy/compose.yaml" config -q && echo "ok   compose.yaml (${compose[*]})"

(cd "$work" && npm init -y > /dev/null && npm install --silent --no-audit --no-fund kubernetes-models@5 js-yaml@4 > /dev/null)
cat > "$work/validate.mjs" << 'JS'
import { readFileSync } from "node:fs";
import * as yaml from "js-yaml";
let failed = 0;
for (const file of process.argv.slice(2)) {
  for (const doc of yaml.loadAll(readFileSync(file, "utf8"))) {
    if (!doc) continue;
    const [group, version] = doc.apiVersion.includes("/") ? doc.apiVersion.split("/") : ["", doc.apiVersion];
    const models = await import(group ? `kubernetes-models/${group}/${version}` : `kubernetes-models/${version}`);
    try { new models[doc.kind](doc).validate(); console.log(`ok   ${doc.kind}/${doc.metadata.name}`); }
    catch (e) { failed++; console.log(`FAIL ${doc.kind}/${doc.metadata?.name}: ${e.message}`); }
  }
}
process.exit(failed ? 1 : 0);
JS
(cd "$work" && node validate.mjs "$deploy"/kubernetes/*.yaml)
