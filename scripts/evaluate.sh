#!/usr/bin/env bash
# Replays every labelled dataset under ../shared/datasets with Culprit's ranker, with the baseline
# rankers and with one signal type left out at a time, writes each JSON report to an output
# directory with an HTML page of each (NAME.html, to open in a browser) and prints markdown tables
# of the results. Builds the jar first when it is missing or older than the sources.
#
#   scripts/evaluate.sh [--out DIR] [--datasets DIR] [--only SUBSTRING] [--tables-only]
#
#   --out DIR          where the reports go (default: target/evaluation)
#   --datasets DIR     where the datasets are (default: ../shared/datasets beside the repository)
#   --only SUBSTRING   run only the datasets whose name contains SUBSTRING
#   --tables-only      run nothing; print the tables from the reports already in --out
#
# Environment: JAVA_OPTS (default -Xmx3g) goes to every replay; NEZHA_DIR names an unpacked copy of
# the TrainTicket archive to use instead of unpacking it to a temporary directory.
# Replays run one at a time: the TrainTicket one takes about two minutes and 3 GB of memory.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=../.ci/java-home.sh
. "$ROOT/.ci/java-home.sh"

OUT="$ROOT/target/evaluation"
DATASETS="$ROOT/../shared/datasets"
ONLY=""
TABLES_ONLY=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) OUT="$2"; shift 2 ;;
    --datasets) DATASETS="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    --tables-only) TABLES_ONLY=true; shift ;;
    -h|--help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "evaluate: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
JAR="$ROOT/cli/target/culprit.jar"
read -r -a JAVA_OPTIONS <<< "${JAVA_OPTS:--Xmx3g}"
TMP=""
cleanup() { [[ -n "$TMP" ]] && rm -rf "$TMP"; return 0; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# Builds the jar when it is missing or older than any source or POM (as ./culprit does).
build_if_stale() {
  local newer=""
  if [[ -f "$JAR" ]]; then
    newer="$(find "$ROOT"/*/src "$ROOT"/pom.xml "$ROOT"/*/pom.xml -newer "$JAR" -type f -print \
      -quit 2>/dev/null || true)"
    [[ -z "$newer" ]] && return 0
  fi
  echo "evaluate: building $JAR..." >&2
  (cd "$ROOT" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package) >&2
  touch "$JAR"
}

# replay NAME FORMAT PATH ARGS...: one replay, its report in $OUT/NAME.json (and as a page in
# NAME.html), its table in NAME.txt.
replay() {
  local name="$1" format="$2" path="$3"
  shift 3
  echo "evaluate: $name ($*)" >&2
  "$JAVA_HOME/bin/java" "${JAVA_OPTIONS[@]}" --enable-native-access=ALL-UNNAMED \
    --sun-misc-unsafe-memory-access=allow -jar "$JAR" replay --dataset "$format" \
    --path "$path" --report "$OUT/$name.json" --html "$OUT/$name.html" --quiet "$@" > "$OUT/$name.txt" 2> "$OUT/$name.log"
}

# The configurations: the default ranker in both protocols, the baselines in both protocols, and
# the default ranker without each signal type the dataset has.
replays() {
  local id="$1" format="$2" path="$3"
  shift 3
  for ranker in count microrca; do
    replay "$id.$ranker" "$format" "$path" --ranker "$ranker"
    replay "$id.$ranker.triggered" "$format" "$path" --ranker "$ranker" --triggered
  done
  # Culprit's pages show the baselines of the same protocol beside it
  replay "$id.culprit" "$format" "$path" \
    --compare "$OUT/$id.count.json" --compare "$OUT/$id.microrca.json"
  replay "$id.culprit.triggered" "$format" "$path" --triggered \
    --compare "$OUT/$id.count.triggered.json" --compare "$OUT/$id.microrca.triggered.json"
  for signal in "$@"; do
    replay "$id.without-$signal" "$format" "$path" --without "$signal"
  done
}

# Sets NEZHA_PATH to an unpacked copy of the archive $1: $NEZHA_DIR, else a temporary directory.
unpack_nezha() {
  local archive="$1"
  if [[ -n "${NEZHA_DIR:-}" ]]; then
    NEZHA_PATH="$NEZHA_DIR"
    return
  fi
  TMP="$(mktemp -d)"
  echo "evaluate: unpacking $(basename "$archive") to $TMP" >&2
  tar -xzf "$archive" -C "$TMP"
  NEZHA_PATH="$(find "$TMP" -mindepth 1 -maxdepth 1 -type d | head -n 1)"
}

run_all() {
  local found=false archive dir id
  for archive in "$DATASETS"/nezha-*.tar.gz; do
    [[ -f "$archive" ]] || continue
    id="$(basename "$archive" .tar.gz)"
    [[ "$id" == *"$ONLY"* ]] || continue
    found=true
    unpack_nezha "$archive"
    echo "No \`--without alerts\`: TrainTicket has metrics, logs and traces but no alerts." \
      > "$OUT/$id.notes"
    replays "$id" nezha "$NEZHA_PATH" metrics logs traces
    cleanup
    TMP=""
  done
  for dir in "$DATASETS"/fault-alerts-*/; do
    [[ -d "$dir" ]] || continue
    id="$(basename "$dir")"
    [[ "$id" == *"$ONLY"* ]] || continue
    found=true
    echo "No ablation: alerts are the only signal type; without them nothing reaches the" \
      "pipeline (0 detected)." > "$OUT/$id.notes"
    replays "$id" fault-alerts "${dir%/}"
  done
  if [[ "$found" == false ]]; then
    echo "evaluate: no dataset found in $DATASETS" >&2
    exit 1
  fi
}

tables() {
  python3 - "$OUT" "$ONLY" <<'PY'
import glob, json, os, sys
from collections import OrderedDict

out, only = sys.argv[1], sys.argv[2]
reports = {}
for f in sorted(glob.glob(os.path.join(out, "*.json"))):
    name = os.path.basename(f)[:-5]
    if only in name:
        with open(f) as fh:
            reports[name] = json.load(fh)
datasets = OrderedDict()
for name in reports:
    dataset, config = name.split(".", 1)
    datasets.setdefault(dataset, {})[config] = reports[name]

ORDER = ["culprit", "culprit.triggered", "count", "count.triggered", "microrca",
         "microrca.triggered", "without-metrics", "without-logs", "without-traces"]
LABEL = {
    "culprit": "culprit (detection)",
    "culprit.triggered": "culprit --triggered",
    "count": "--ranker count",
    "count.triggered": "--ranker count --triggered",
    "microrca": "--ranker microrca",
    "microrca.triggered": "--ranker microrca --triggered",
    "without-metrics": "--without metrics",
    "without-logs": "--without logs",
    "without-traces": "--without traces",
}

def per_hour(r):
    if "false_incidents_per_hour" in r:
        return "%.2f" % r["false_incidents_per_hour"] if r.get("signal_hours") else "-"
    h = r.get("replayed_hours", 0)
    return "%.2f" % (r["false_incidents"] / h) if h else "-"

def hours(r):
    return r.get("signal_hours", r["replayed_hours"])

for dataset, configs in datasets.items():
    some = next(iter(configs.values()))
    print("### %s (%d faults, %.1f h with signals)\n" % (dataset, some["faults"], hours(some)))
    print("| configuration | detected | top1 | top3 | top5 | top1 (service) | top3 (service)"
          " | false incidents | false per hour | ranking p99 ms |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for config in sorted(configs, key=lambda c: (ORDER.index(c) if c in ORDER else 99, c)):
        r = configs[config]
        print("| %s | %d / %d | %.3f | %.3f | %.3f | %.3f | %.3f | %d | %s | %.2f |" % (
            LABEL.get(config, config), r["detected"], r["faults"], r["top1"], r["top3"],
            r["top5"], r["top1_service"], r["top3_service"], r["false_incidents"], per_hour(r),
            r["ranking_ms"]["p99"]))
    print()
    notes = os.path.join(out, dataset + ".notes")
    if os.path.exists(notes):
        with open(notes) as fh:
            print(fh.read().strip() + "\n")
    detection, triggered = configs.get("culprit"), configs.get("culprit.triggered")
    if detection is None:
        continue
    print("Per fault type, default ranker (detection / triggered; counts of faults):\n")
    print("| type | faults | detected | top1 | top3 | top5 |")
    print("|---|---|---|---|---|---|")
    kinds = OrderedDict()
    for c in detection["cases"]:
        kinds.setdefault(c["kind"], 0)
        kinds[c["kind"]] += 1

    def count(r, kind, pred):
        if r is None:
            return "-"
        return str(sum(1 for c in r["cases"] if c["kind"] == kind and pred(c)))

    def at(k):
        return lambda c: c["rank"] is not None and c["rank"] <= k

    for kind, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])):
        cells = [count(detection, kind, lambda c: c["detected"]) + " / "
                 + count(triggered, kind, lambda c: c["detected"])]
        for k in (1, 3, 5):
            cells.append(count(detection, kind, at(k)) + " / " + count(triggered, kind, at(k)))
        print("| %s | %d | %s |" % (kind, n, " | ".join(cells)))
    print()
PY
}

culprit_select_java || exit 1
if [[ "$TABLES_ONLY" == false ]]; then
  build_if_stale
  run_all
fi
echo "evaluate: reports in $OUT" >&2
tables | tee "$OUT/summary.md"
