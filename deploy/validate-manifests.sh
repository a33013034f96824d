#!/usr/bin/env bash
# Checks deploy/ without a cluster, with whichever of these tools are installed (each is skipped,
# and says so, when its tool is missing):
#   1. compose.yaml with Compose (`docker compose config`, or docker-compose);
#   2. deploy/kubernetes and deploy/kubernetes/monitoring built with `kubectl kustomize`;
#   3. every Kubernetes document (as built, so the generated dashboard ConfigMap too) against the
#      API schemas of the npm packages kubernetes-models and @kubernetes-models/prometheus-operator
#      (types, bad values, missing required fields; not misspelt field names);
#   4. DeployManifestsTests, which every `./mvnw verify` runs too: Kubernetes' own API types
#      (misspelt and missing fields), Pod Security "restricted", probes, resources, references
#      between manifests, alerts, dashboard, compose.yaml and .env.example.
# Usage: deploy/validate-manifests.sh     (set SKIP_MAVEN=1 to leave out step 4)
set -euo pipefail
deploy="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$deploy")"
work="$(mktemp -d /tmp/waymark-manifests.XXXXXX)"
trap 'rm -rf "$work"' EXIT

# 1. Compose resolves ${...} from deploy/.env; use a throwaway one so that no secret is read or needed.
mkdir "$work/deploy" && cp "$deploy/compose.yaml" "$deploy/Caddyfile" "$work/deploy/"
printf 'WAYMARK_DB_PASSWORD=x\nWAYMARK_ENCRYPTION_KEY=x\nWAYMARK_OUT_OF_HOURS_NUMBER=x\nWAYMARK_DOMAIN=example.org\n' \
  > "$work/deploy/.env"
if docker compose version > /dev/null 2>&1; then compose=(docker compose)
elif command -v docker-compose > /dev/null; then compose=(docker-compose)
else compose=(); fi
if (( ${#compose[@]} )); then
  "${compose[@]}" -f "$work/deploy/compose.yaml" --profile backup config -q && echo "ok   compose.yaml (${compose[*]})"
else
  echo "skip compose.yaml: no docker compose or docker-compose"
fi

# 2. What `kubectl apply -k` would send; without kubectl, the files as they are.
mkdir "$work/built"
if command -v kubectl > /dev/null; then
  kubectl kustomize "$deploy/kubernetes" > "$work/built/waymark.yaml"
  kubectl kustomize "$deploy/kubernetes/monitoring" > "$work/built/monitoring.yaml"
  echo "ok   kustomize deploy/kubernetes, deploy/kubernetes/monitoring"
else
  echo "skip kustomize: no kubectl; checking the files as written"
  find "$deploy/kubernetes" -name '*.yaml' ! -name kustomization.yaml -exec cp {} "$work/built/" \;
fi

# 3. The npm packages' schemas.
if command -v npm > /dev/null; then
  (cd "$work" && npm init -y > /dev/null && npm install --silent --no-audit --no-fund kubernetes-models@5 \
    @kubernetes-models/prometheus-operator@6 js-yaml@4 > /dev/null)
  cat > "$work/validate.mjs" << 'JS'
import { readFileSync } from "node:fs";
import * as yaml from "js-yaml";
let failed = 0;
for (const file of process.argv.slice(2)) {
  for (const doc of yaml.loadAll(readFileSync(file, "utf8"))) {
    if (!doc) continue;
    const [group, version] = doc.apiVersion.includes("/") ? doc.apiVersion.split("/") : ["", doc.apiVersion];
    const module = group === "monitoring.coreos.com"
      ? `@kubernetes-models/prometheus-operator/${group}/${version}`
      : group ? `kubernetes-models/${group}/${version}` : `kubernetes-models/${version}`;
    const models = await import(module);
    try { new models[doc.kind](doc).validate(); console.log(`ok   ${doc.kind}/${doc.metadata.name}`); }
    catch (e) { failed++; console.log(`FAIL ${doc.kind}/${doc.metadata?.name}: ${e.message}`); }
  }
}
process.exit(failed ? 1 : 0);
JS
  (cd "$work" && node validate.mjs "$work"/built/*.yaml)
else
  echo "skip API schemas (npm): no npm"
fi

# 4. The checks every build runs.
if [[ "${SKIP_MAVEN:-}" != 1 ]]; then
  cd "$root"
  [[ -n "${JAVA_HOME:-}" ]] || source .ci/find-jdk.sh
  ./mvnw -B -ntp -q test -Dtest=DeployManifestsTests -Dsurefire.failIfNoSpecifiedTests=false \
    && echo "ok   DeployManifestsTests"
fi
