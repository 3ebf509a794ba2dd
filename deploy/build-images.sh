#!/usr/bin/env bash
# Builds Culprit's container images from what is on this machine, without pulling from any image
# registry: a Debian base (debootstrap), a JDK 25 and a JRE 25 image made from the installed JDK,
# a Kafka image from the Kafka jars Maven resolves for the project, and Culprit's own image from
# deploy/Dockerfile with those as its base images. Maven dependencies of the Culprit image come
# from the local Maven repository (~/.m2), served read-only on 127.0.0.1 while it builds.
#
#   deploy/build-images.sh                 base images (when missing), Kafka and Culprit
#   deploy/build-images.sh --observability also Prometheus and Alertmanager from Debian packages
#   deploy/build-images.sh --rebuild-base  rebuild the Debian, JDK and JRE images too
#
# Needs: a Docker engine, debootstrap (apt-get install debootstrap), root, python3, a JDK 25.
# Image names (override with the environment): BASE_IMAGE, JDK_IMAGE, JRE_IMAGE, KAFKA_IMAGE,
# CULPRIT_IMAGE, PROMETHEUS_IMAGE, ALERTMANAGER_IMAGE.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../.ci/java-home.sh
. "$ROOT/.ci/java-home.sh"

kafka_version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$ROOT/pom.xml")"
: "${BASE_IMAGE:=culprit-local/debian:bookworm}"
: "${JDK_IMAGE:=culprit-local/temurin:25-jdk}"
: "${JRE_IMAGE:=culprit-local/temurin:25-jre}"
: "${KAFKA_IMAGE:=culprit-local/kafka:$kafka_version}"
: "${CULPRIT_IMAGE:=culprit:local}"
: "${PROMETHEUS_IMAGE:=culprit-local/prometheus:debian}"
: "${ALERTMANAGER_IMAGE:=culprit-local/alertmanager:debian}"
: "${DEBIAN_SUITE:=bookworm}"
: "${DEBIAN_MIRROR:=http://deb.debian.org/debian}"
# BuildKit where the client has it (buildx), the classic builder otherwise: the Dockerfiles need
# nothing BuildKit-only.
if docker buildx version >/dev/null 2>&1; then export DOCKER_BUILDKIT=1; else export DOCKER_BUILDKIT=0; fi

observability=false
rebuild_base=false
for arg in "$@"; do
  case "$arg" in
    --observability) observability=true ;;
    --rebuild-base) rebuild_base=true ;;
    -h | --help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-images: unknown option $arg (see --help)" >&2; exit 2 ;;
  esac
done

say() { printf 'build-images: %s\n' "$*" >&2; }
# docker build with its output in a log, shown when it fails.
build() {
  local log="$work/build-$((++builds)).log"
  docker build --force-rm "$@" >"$log" 2>&1 || { tail -40 "$log" >&2; say "docker build $* failed"; exit 1; }
}
builds=0
has_image() { docker image inspect "$1" >/dev/null 2>&1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/culprit-images.XXXXXX")"
mirror_pid=""
cleanup() {
  [[ -z "$mirror_pid" ]] || kill "$mirror_pid" 2>/dev/null || true
  rm -rf -- "$work"
}
trap cleanup EXIT

docker info >/dev/null 2>&1 || { say "no Docker engine answers (start dockerd)"; exit 1; }
culprit_select_java >/dev/null || exit 1

# A minimal Debian root file system, imported as an image.
build_base() {
  command -v debootstrap >/dev/null || { say "needs debootstrap (apt-get install debootstrap)"; exit 1; }
  say "debootstrap $DEBIAN_SUITE from $DEBIAN_MIRROR -> $BASE_IMAGE (a few minutes)"
  local rootfs="$work/rootfs"
  debootstrap --variant=minbase "$DEBIAN_SUITE" "$rootfs" "$DEBIAN_MIRROR" >"$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" --numeric-owner -c . | docker import \
    --change 'CMD ["/bin/bash"]' --change 'ENV LANG=C.UTF-8' - "$BASE_IMAGE" >/dev/null
}

# The installed JDK as /opt/java/openjdk, the layout of the eclipse-temurin images.
build_jdk() {
  say "$JDK_IMAGE from $JAVA_HOME"
  local ctx="$work/jdk"
  mkdir -p "$ctx"
  cp -a "$JAVA_HOME" "$ctx/openjdk"
  build -t "$JDK_IMAGE" --build-arg BASE="$BASE_IMAGE" -f - "$ctx" <<'DOCKERFILE'
ARG BASE
FROM ${BASE}
COPY openjdk /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
DOCKERFILE
}

# A runtime of every JDK module but the development tools, made with jlink.
build_jre() {
  say "$JRE_IMAGE (jlink of $JAVA_HOME)"
  local ctx="$work/jre" tools modules
  mkdir -p "$ctx"
  tools='^jdk\.(compiler|editpad|graal\..*|hotspot\.agent|internal\.(ed|le|md|opt|vm\.ci)|jartool|javadoc|jconsole|jdeps|jdi|jdwp\.agent|jlink|jpackage|jshell|jstatd)$'
  modules="$("$JAVA_HOME/bin/java" --list-modules | sed 's/@.*//' | grep -Ev "$tools" | paste -sd, -)"
  "$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
    --output "$ctx/openjdk"
  build -t "$JRE_IMAGE" --build-arg BASE="$BASE_IMAGE" -f - "$ctx" <<'DOCKERFILE'
ARG BASE
FROM ${BASE}
COPY openjdk /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
DOCKERFILE
}

build_kafka() {
  say "$KAFKA_IMAGE from the Kafka $kafka_version jars"
  mkdir -p "$work/kafka"
  (cd "$ROOT" && ./mvnw -B -q -f deploy/kafka/pom.xml dependency:copy-dependencies \
    -DoutputDirectory="$work/kafka/libs")
  cp "$ROOT/deploy/kafka/Dockerfile" "$ROOT/deploy/kafka/run" "$ROOT/deploy/kafka/server.properties" \
    "$work/kafka/"
  build -t "$KAFKA_IMAGE" --build-arg RUNTIME_IMAGE="$JRE_IMAGE" \
    --build-arg KAFKA_VERSION="$kafka_version" "$work/kafka"
}

# Serves ~/.m2/repository (and the Maven distribution the wrapper asks for) on 127.0.0.1.
start_mirror() {
  local dists="$HOME/.m2/wrapper/dists" overlay="$work/mirror" version dist
  version="$(sed -n 's:.*apache-maven/\([^/]*\)/.*:\1:p' "$ROOT/.mvn/wrapper/maven-wrapper.properties")"
  dist="$(dirname "$(dirname "$(find "$dists/apache-maven-$version" -path '*/bin/mvn' 2>/dev/null \
    | head -1)")")"
  if [[ "$dist" == . ]]; then
    (cd "$ROOT" && ./mvnw -q -v >/dev/null)
    dist="$(dirname "$(dirname "$(find "$dists/apache-maven-$version" -path '*/bin/mvn' | head -1)")")"
  fi
  mkdir -p "$overlay/org/apache/maven/apache-maven/$version"
  tar -C "$dist" --transform "s:^\.:apache-maven-$version:" -czf \
    "$overlay/org/apache/maven/apache-maven/$version/apache-maven-$version-bin.tar.gz" .
  python3 - "$work/mirror.port" "$overlay" "$HOME/.m2/repository" <<'PY' &
import http.server, os, sys
port_file, roots = sys.argv[1], sys.argv[2:]
class Handler(http.server.SimpleHTTPRequestHandler):
    def translate_path(self, path):
        rel = path.split("?", 1)[0].lstrip("/")
        for root in roots:
            candidate = os.path.join(root, rel)
            if os.path.isfile(candidate):
                return candidate
        return os.path.join(roots[-1], rel)
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(port_file + ".tmp", port_file)
server.serve_forever()
PY
  mirror_pid=$!
  for _ in $(seq 50); do [[ -f "$work/mirror.port" ]] && break; sleep 0.1; done
  [[ -f "$work/mirror.port" ]] || { say "the Maven mirror did not start"; exit 1; }
}

build_culprit() {
  say "resolving the build's dependencies into ~/.m2 (./mvnw package, tests compiled, not run)"
  (cd "$ROOT" && ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package)
  start_mirror
  local url="http://127.0.0.1:$(cat "$work/mirror.port")"
  say "$CULPRIT_IMAGE from deploy/Dockerfile (Maven dependencies from ~/.m2 via $url)"
  build -t "$CULPRIT_IMAGE" -f "$ROOT/deploy/Dockerfile" --network host \
    --build-arg BUILD_IMAGE="$JDK_IMAGE" --build-arg RUNTIME_IMAGE="$JRE_IMAGE" \
    --build-arg MAVEN_MIRROR="$url" "$ROOT"
  # the classic builder keeps the build stage as an untagged image
  docker image prune -f --filter label=dev.culprit.stage=build >/dev/null
}

# Debian's prometheus and prometheus-alertmanager packages, unpacked onto the base image and laid
# out like the prom/prometheus and prom/alertmanager images (their data directory, user nobody).
build_debian_binary() {
  local image="$1" package="$2" binary="$3" data="$4" ctx="$work/$2"
  say "$image from Debian's $package package"
  mkdir -p "$ctx"
  (cd "$ctx" && apt-get download "$package" >/dev/null 2>&1 && dpkg-deb -x ./*.deb root && rm ./*.deb)
  build -t "$image" --build-arg BASE="$BASE_IMAGE" --build-arg BIN="$binary" --build-arg DATA="$data" \
    -f - "$ctx" <<'DOCKERFILE'
ARG BASE
FROM ${BASE}
ARG BIN
ARG DATA
COPY root/usr/bin/ /usr/bin/
COPY root/usr/share/ /usr/share/
RUN ln -s "/usr/bin/${BIN}" /entrypoint && mkdir -p "${DATA}" && chown 65534:65534 "${DATA}"
USER 65534:65534
WORKDIR ${DATA}
ENTRYPOINT ["/entrypoint"]
DOCKERFILE
}

if $rebuild_base || ! has_image "$BASE_IMAGE"; then build_base; fi
if $rebuild_base || ! has_image "$JDK_IMAGE"; then build_jdk; fi
if $rebuild_base || ! has_image "$JRE_IMAGE"; then build_jre; fi
build_kafka
build_culprit
if $observability; then
  build_debian_binary "$PROMETHEUS_IMAGE" prometheus prometheus /prometheus
  build_debian_binary "$ALERTMANAGER_IMAGE" prometheus-alertmanager prometheus-alertmanager /alertmanager
fi
say "done: $CULPRIT_IMAGE $KAFKA_IMAGE (bases $JDK_IMAGE, $JRE_IMAGE)"
