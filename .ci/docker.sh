# A Docker engine for CI. Source it, then call culprit_docker_start LOG_DIR: it uses an engine that
# already answers, else (as root) installs Debian's docker.io when dockerd is missing and starts
# dockerd in the background, logging to LOG_DIR/dockerd.log; it fails, saying why, when no engine
# can be had. culprit_docker_stop stops the engine culprit_docker_start started, if any.

CULPRIT_DOCKERD_PID=""

culprit_docker_start() {
  local logs="$1" waited
  # the image build needs debootstrap whether the engine was running already or not
  if ! command -v debootstrap >/dev/null && [[ "$(id -u)" == 0 ]]; then
    echo "ci: installing debootstrap" >&2
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap; } \
      >/dev/null 2>&1 || echo "ci: could not install debootstrap" >&2
  fi
  if docker info >/dev/null 2>&1; then
    echo "ci: using the Docker engine that answers" >&2
    return 0
  fi
  if [[ "$(id -u)" != 0 ]]; then
    echo "ci: no Docker engine answers and starting one needs root" >&2
    return 1
  fi
  if ! command -v dockerd >/dev/null || ! command -v debootstrap >/dev/null; then
    echo "ci: installing docker.io and debootstrap" >&2
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io debootstrap; } \
      >/dev/null 2>&1 || { echo "ci: could not install docker.io" >&2; return 1; }
  fi
  mkdir -p "$logs"
  dockerd >"$logs/dockerd.log" 2>&1 &
  CULPRIT_DOCKERD_PID=$!
  for waited in $(seq 60); do
    if docker info >/dev/null 2>&1; then
      echo "ci: started dockerd (pid $CULPRIT_DOCKERD_PID, log $logs/dockerd.log) in ${waited}s" >&2
      return 0
    fi
    kill -0 "$CULPRIT_DOCKERD_PID" 2>/dev/null || break
    sleep 1
  done
  echo "ci: dockerd did not start; last lines of $logs/dockerd.log:" >&2
  tail -5 "$logs/dockerd.log" >&2
  culprit_docker_stop
  return 1
}

culprit_docker_stop() {
  [[ -n "$CULPRIT_DOCKERD_PID" ]] || return 0
  kill "$CULPRIT_DOCKERD_PID" 2>/dev/null || true
  wait "$CULPRIT_DOCKERD_PID" 2>/dev/null || true
  CULPRIT_DOCKERD_PID=""
}
