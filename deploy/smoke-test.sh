#!/usr/bin/env bash
# Smoke test of the container images: builds them (deploy/build-images.sh), starts Kafka and
# Culprit on a network of their own, posts Alertmanager webhooks to Culprit's receiver on a port
# published on 127.0.0.1, and succeeds only when the Culprit container prints the incident they
# open. Removes its containers and networks whatever happens.
#
#   deploy/smoke-test.sh              build the images, then test
#   deploy/smoke-test.sh --no-build   test the images already there
#
# Images: CULPRIT_IMAGE (default culprit:local) and KAFKA_IMAGE (default the local Kafka image of
# build-images.sh; apache/kafka works too). Waits at most SMOKE_TIMEOUT seconds (default 300) for
# each of: Culprit answering /health, and the incident.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kafka_version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$ROOT/pom.xml")"
: "${CULPRIT_IMAGE:=culprit:local}"
: "${KAFKA_IMAGE:=culprit-local/kafka:$kafka_version}"
: "${SMOKE_TIMEOUT:=300}"

build=true
for arg in "$@"; do
  case "$arg" in
    --no-build) build=false ;;
    -h | --help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "smoke-test: unknown option $arg (see --help)" >&2; exit 2 ;;
  esac
done

say() { printf 'smoke-test: %s\n' "$*" >&2; }

run_id="culprit-smoke-$$-$RANDOM"
internal="$run_id-internal"
published="$run_id-published"
kafka="$run_id-kafka"
culprit="$run_id-culprit"
cleanup() {
  local rc=$?
  if [[ $rc -ne 0 ]]; then
    say "failed; last lines of the Culprit container:"
    docker logs --tail 40 "$culprit" 2>&1 | sed 's/^/  | /' >&2 || true
  fi
  docker rm -f -v "$culprit" "$kafka" >/dev/null 2>&1 || true
  docker network rm "$internal" "$published" >/dev/null 2>&1 || true
  exit "$rc"
}
trap cleanup EXIT

docker info >/dev/null 2>&1 || { say "no Docker engine answers (start dockerd)"; exit 1; }
if $build; then "$ROOT/deploy/build-images.sh"; fi

# Kafka sits on an internal network only (no way out of it); Culprit joins it and a second
# network through which its HTTP port is published on 127.0.0.1.
docker network create --internal "$internal" >/dev/null
docker network create "$published" >/dev/null
docker run -d --name "$kafka" --network "$internal" --network-alias kafka \
  -e KAFKA_NODE_ID=1 -e KAFKA_PROCESS_ROLES=broker,controller \
  -e KAFKA_LISTENERS=PLAINTEXT://:9092,CONTROLLER://:9093 \
  -e KAFKA_ADVERTISED_LISTENERS=PLAINTEXT://kafka:9092 \
  -e KAFKA_LISTENER_SECURITY_PROTOCOL_MAP=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT \
  -e KAFKA_INTER_BROKER_LISTENER_NAME=PLAINTEXT -e KAFKA_CONTROLLER_LISTENER_NAMES=CONTROLLER \
  -e KAFKA_CONTROLLER_QUORUM_VOTERS=1@localhost:9093 \
  -e KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR=1 -e KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR=1 \
  -e KAFKA_TRANSACTION_STATE_LOG_MIN_ISR=1 -e KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS=0 \
  "$KAFKA_IMAGE" >/dev/null
docker create --name "$culprit" --network "$published" -p 127.0.0.1::8080 "$CULPRIT_IMAGE" \
  run --bootstrap-servers kafka:9092 --state-dir /var/lib/culprit/state --http-port 8080 \
  --http-bind 0.0.0.0 >/dev/null
docker network connect "$internal" "$culprit"
docker start "$culprit" >/dev/null
port="$(docker port "$culprit" 8080/tcp | sed -n 's/^127\.0\.0\.1:\([0-9]*\)$/\1/p' | head -1)"
[[ -n "$port" ]] || { say "the Culprit container's port 8080 is not published on 127.0.0.1"; exit 1; }
base="http://127.0.0.1:$port"
say "Kafka $KAFKA_IMAGE, Culprit $CULPRIT_IMAGE on $base"

# Waits until "$@" succeeds, at most SMOKE_TIMEOUT seconds; fails naming $what.
await() {
  local what="$1" deadline=$((SECONDS + SMOKE_TIMEOUT))
  shift
  until "$@"; do
    [[ "$(docker inspect -f '{{.State.Running}}' "$culprit")" == true ]] \
      || { say "the Culprit container stopped while waiting for $what"; return 1; }
    ((SECONDS < deadline)) || { say "no $what within ${SMOKE_TIMEOUT}s"; return 1; }
    sleep 2
  done
}
healthy() { curl -fsS "$base/health" 2>/dev/null | grep -q '"ok"'; }
await "answer on $base/health" healthy
say "Culprit answers on $base/health"

# Alertmanager webhooks a minute of event time apart, each with a new critical alert on one pod of
# checkout: the first opens an incident once the pipeline's event time has moved past its minute,
# which the later ones do.
alerts=(HighErrorRate HighLatency PodRestarting ErrorBudgetBurn QueueBacklog SaturationHigh)
webhook() {
  local minute="$1" name="${alerts[$1]}" starts
  starts="$(date -u -d "@$(( $(date -u +%s) / 60 * 60 - 600 + minute * 60 ))" +%Y-%m-%dT%H:%M:%SZ)"
  cat <<JSON
{"version":"4","status":"firing","receiver":"culprit","groupKey":"{}:{alertname=\"$name\"}",
 "groupLabels":{"alertname":"$name"},"commonLabels":{},"commonAnnotations":{},
 "externalURL":"http://alertmanager:9093","truncatedAlerts":0,"alerts":[
  {"status":"firing","labels":{"alertname":"$name","severity":"critical",
   "service":"checkout","pod":"checkout-7d9f-x2k4l","namespace":"shop"},
   "annotations":{"summary":"$name on checkout-7d9f-x2k4l"},
   "startsAt":"$starts","endsAt":"0001-01-01T00:00:00Z",
   "generatorURL":"http://prometheus:9090/graph","fingerprint":"$(printf '%016x' "$((minute + 1))")"}]}
JSON
}
for minute in 0 1 2 3 4 5; do
  status="$(webhook "$minute" | curl -sS -o /dev/null -w '%{http_code}' -X POST \
    -H 'Content-Type: application/json' --data-binary @- "$base/api/v1/alerts")"
  [[ "$status" == 200 ]] || { say "the webhook of minute $minute was answered $status"; exit 1; }
done
say "posted 6 Alertmanager webhooks; waiting for the incident"

reported() { docker logs "$culprit" 2>/dev/null | grep -q 'INCIDENT'; }
await "incident in the Culprit container's output" reported
say "Culprit reported:"
docker logs "$culprit" 2>/dev/null | grep -A3 -m1 'INCIDENT' | sed 's/^/  | /' >&2
say "passed"
