#!/usr/bin/env bash
# Prepares everything the integration tests need from Docker, without any container registry:
#   1. a Docker engine that answers (installs/starts Debian's docker.io when root and nothing answers),
#   2. the base image devstack-it/debian:bookworm (pulled if a registry is reachable, else debootstrapped),
#   3. devstack-it/mariadb:10.11, devstack-it/postgres:15 and devstack-it/jre:17 built from it/images/<name>/.
# Idempotent: an image is rebuilt only when its recipe directory (or the base image) changed, so a warm run
# takes a few seconds.
#
# Usage: it/images/prepare.sh [--images-only]
#   --images-only  skip engine setup (step 1) and fail if no engine answers; this is what Maven calls.
# Environment: DOCKER_HOST is respected (never replaced by a local dockerd); DEBIAN_MIRROR overrides the
# debootstrap mirror (default http://deb.debian.org/debian).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BASE_IMAGE=devstack-it/debian:bookworm
IMAGES=(mariadb:10.11 postgres:15 jre:17)        # each built from $HERE/<name before the colon>/
RECIPE_LABEL=io.devstack.it.recipe
DOCKERD_LOG=/var/log/devstack-dockerd.log
LOG_DIR="${TMPDIR:-/tmp}/devstack-it-prepare"   # full build/bootstrap logs; only tails are printed
# Same PATH as the official debian image; `docker import` sets no environment at all.
STD_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

images_only=false
case "${1:-}" in
  '') ;;
  --images-only) images_only=true ;;
  *) echo "usage: $0 [--images-only]" >&2; exit 2 ;;
esac

log() { printf '[prepare] %s\n' "$*"; }
die() { printf '[prepare] ERROR: %s\n' "$*" >&2; exit 1; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# Seconds since $1 (a now_ms value), one decimal.
since() { local ms=$(( $(now_ms) - $1 )); printf '%d.%ds' $(( ms / 1000 )) $(( ms % 1000 / 100 )); }
# Prints the last lines of a log file to stderr (for failures).
show_tail() { echo "----- last lines of $1 -----" >&2; tail -n "${2:-30}" "$1" >&2 || true; echo "-----" >&2; }

is_root() { [ "$(id -u)" = 0 ]; }
engine_answers() { timeout 20 docker info >/dev/null 2>&1; }

# apt-get install, for the few host tools this script may need (docker.io, debootstrap).
apt_install() {
  is_root && command -v apt-get >/dev/null || return 1
  local t; t=$(now_ms)
  log "installing $* with apt-get ..."
  mkdir -p "$LOG_DIR"
  if ! { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"; } >"$LOG_DIR/apt.log" 2>&1; then
    show_tail "$LOG_DIR/apt.log"
    return 1
  fi
  log "installed $* in $(since "$t")"
}

# ---------------------------------------------------------------------------------------------------
# 1. Docker engine
# ---------------------------------------------------------------------------------------------------
ensure_engine() {
  if engine_answers; then
    log "docker engine answers (server $(docker version --format '{{.Server.Version}}' 2>/dev/null))"
    return
  fi
  # An explicit remote/other engine is the user's choice: starting a local dockerd would silently
  # run the tests somewhere else.
  if [ -n "${DOCKER_HOST:-}" ]; then
    die "DOCKER_HOST=$DOCKER_HOST does not answer 'docker info'; start that engine, or unset DOCKER_HOST to let this script start a local dockerd"
  fi
  if [ -n "${DOCKER_CONTEXT:-}" ]; then
    die "docker context '$DOCKER_CONTEXT' (DOCKER_CONTEXT) does not answer 'docker info'; fix it or unset DOCKER_CONTEXT"
  fi
  is_root || die "no docker engine answers and not root: start dockerd (e.g. 'sudo dockerd &') or rerun this script as root"

  if ! command -v dockerd >/dev/null; then
    apt_install docker.io || die "no docker engine answers and 'apt-get install docker.io' failed or is unavailable: install and start a Docker engine, then rerun"
  fi

  local t; t=$(now_ms)
  if [ -s /var/run/docker.pid ] && kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
    log "dockerd (pid $(cat /var/run/docker.pid)) is running but not answering yet; waiting up to 60 s ..."
  else
    log "starting dockerd in the background (log: $DOCKERD_LOG) ..."
    # setsid + nohup: dockerd must outlive this script and the CI step's process group.
    # 9>&-: it must not inherit the lock (see main), or every later run would wait for dockerd to exit.
    setsid nohup dockerd >>"$DOCKERD_LOG" 2>&1 </dev/null 9>&- &
  fi
  local deadline=$(( SECONDS + 60 ))
  until engine_answers; do
    if (( SECONDS >= deadline )); then
      show_tail "$DOCKERD_LOG" 20
      die "dockerd did not answer within 60 s (see $DOCKERD_LOG); start a Docker engine by hand and rerun"
    fi
    sleep 0.5
  done
  log "dockerd answers after $(since "$t") (server $(docker version --format '{{.Server.Version}}' 2>/dev/null))"
}

# ---------------------------------------------------------------------------------------------------
# 2. Base image
# ---------------------------------------------------------------------------------------------------
ensure_base_image() {
  if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    log "base image $BASE_IMAGE present"
    return
  fi
  local t; t=$(now_ms)
  log "base image $BASE_IMAGE missing; trying 'docker pull debian:bookworm' (60 s timeout) ..."
  if timeout 60 docker pull -q debian:bookworm >/dev/null 2>&1 && docker tag debian:bookworm "$BASE_IMAGE"; then
    log "base image $BASE_IMAGE tagged from pulled debian:bookworm in $(since "$t")"
    return
  fi
  log "pull failed after $(since "$t"); building the base image with debootstrap instead"

  is_root || die "debootstrap needs root: rerun as root, or provide the image $BASE_IMAGE (e.g. docker tag debian:bookworm $BASE_IMAGE)"
  if ! command -v debootstrap >/dev/null; then
    # The keyring too: on a non-Debian host (e.g. Ubuntu) debootstrap cannot verify Debian otherwise.
    apt_install debootstrap debian-archive-keyring || die "debootstrap is missing and could not be installed with apt-get"
  fi

  t=$(now_ms)
  mkdir -p "$LOG_DIR"
  # /var/tmp, not /tmp: debootstrap needs a disk-backed dir that allows device nodes and exec.
  local rootfs; rootfs="$(mktemp -d /var/tmp/devstack-debootstrap.XXXXXX)"
  # shellcheck disable=SC2064  # expand now: the variable is local
  trap "rm -rf '$rootfs'" EXIT
  local mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
  log "debootstrap --variant=minbase bookworm from $mirror (about 35 s) ..."
  local args=(--variant=minbase) keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  [ ! -r "$keyring" ] || args+=(--keyring="$keyring")
  if ! debootstrap "${args[@]}" bookworm "$rootfs" "$mirror" >"$LOG_DIR/debootstrap.log" 2>&1; then
    show_tail "$LOG_DIR/debootstrap.log"
    die "debootstrap failed (full log: $LOG_DIR/debootstrap.log)"
  fi
  # Like the official image: updates and security suites, and no package cache in the image.
  cat >"$rootfs/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  log "debootstrap done in $(since "$t"); importing as $BASE_IMAGE ..."
  t=$(now_ms)
  tar --numeric-owner -C "$rootfs" -c . \
    | docker import --change "ENV PATH=$STD_PATH" --change 'CMD ["bash"]' - "$BASE_IMAGE" >/dev/null
  rm -rf "$rootfs"
  trap - EXIT
  log "imported $BASE_IMAGE in $(since "$t")"
}

# ---------------------------------------------------------------------------------------------------
# 3. Images built from it/images/<name>/
# ---------------------------------------------------------------------------------------------------
# Digest of what an image is made of: the base image id plus every file of the recipe directory
# (path, mode and content), so a changed entrypoint or a re-imported base triggers a rebuild.
recipe_digest() {
  local dir="$1" base_id
  base_id="$(docker image inspect -f '{{.Id}}' "$BASE_IMAGE")"
  {
    echo "base $base_id"
    cd "$dir"
    find . -type f -print0 | LC_ALL=C sort -z | xargs -0 stat -c '%n %a'
    find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
  } | sha256sum | cut -d' ' -f1
}

build_image() {
  local name="$1"
  local tag="devstack-it/$name" dir="$HERE/${name%%:*}"
  [ -f "$dir/Dockerfile" ] || die "missing $dir/Dockerfile"
  local digest current
  digest="$(recipe_digest "$dir")"
  current="$(docker image inspect -f "{{ index .Config.Labels \"$RECIPE_LABEL\" }}" "$tag" 2>/dev/null || true)"
  if [ "$current" = "$digest" ]; then
    log "$tag up to date"
    return
  fi
  local old_id; old_id="$(docker image inspect -f '{{.Id}}' "$tag" 2>/dev/null || true)"
  local t; t=$(now_ms)
  local logf="$LOG_DIR/build-${name%%:*}.log"
  mkdir -p "$LOG_DIR"
  log "building $tag from ${dir#"$PWD/"} (log: $logf) ..."
  # Classic builder: no buildx here, and it is what docker-java's BuildImageCmd uses too.
  if ! DOCKER_BUILDKIT=0 docker build --build-arg "BASE_IMAGE=$BASE_IMAGE" --label "$RECIPE_LABEL=$digest" \
        -t "$tag" "$dir" >"$logf" 2>&1; then
    show_tail "$logf" 40
    die "building $tag failed (full log: $logf)"
  fi
  # Drop the previous build, now untagged, so repeated recipe changes do not pile up images.
  if [ -n "$old_id" ] && [ "$old_id" != "$(docker image inspect -f '{{.Id}}' "$tag")" ]; then
    docker image rm "$old_id" >/dev/null 2>&1 || true
  fi
  local size; size="$(docker image inspect -f '{{.Size}}' "$tag")"
  log "built $tag in $(since "$t") ($(( size / 1000000 )) MB)"
}

# The compose CLI, for the interop ITs (devstack's stacks must work with `docker-compose -p NAME ps/logs/down`).
# Debian ships v1; optional elsewhere, so a failed install is only a warning.
ensure_compose_cli() {
  if command -v docker-compose >/dev/null || docker compose version >/dev/null 2>&1; then
    return
  fi
  apt_install docker-compose || log "WARNING: no compose CLI and 'apt-get install docker-compose' failed; ComposeCliInteropIT will fail in CI"
}

# stunnel puts the engine behind a TLS endpoint on 127.0.0.1 for RemoteEngineIT (DOCKER_TLS_VERIFY, contexts).
ensure_tls_endpoint() {
  if command -v stunnel4 >/dev/null || command -v stunnel >/dev/null; then
    return
  fi
  apt_install stunnel4 || log "WARNING: no stunnel and 'apt-get install stunnel4' failed; RemoteEngineIT will fail"
}

# apt-get install without starting the services a package brings (sshd on :22, say): policy-rc.d says no.
apt_install_stopped() {
  local created=false status=0
  if is_root && [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && created=true
  fi
  apt_install "$@" || status=$?
  if $created; then
    rm -f /usr/sbin/policy-rc.d
  fi
  return $status
}

# sshd on 127.0.0.1 for RemoteEngineIT's ssh:// engine; the system's own sshd is not started.
ensure_sshd() {
  [ -x /usr/sbin/sshd ] && return
  apt_install_stopped openssh-server || log "WARNING: no sshd and 'apt-get install openssh-server' failed; RemoteEngineIT will fail"
}

# Podman (Debian's) for PodmanIT, which runs its own `podman system service`.
ensure_podman() {
  command -v podman >/dev/null && return
  apt_install_stopped podman || log "WARNING: no podman and 'apt-get install podman' failed; PodmanIT will fail"
}

main() {
  local t0; t0=$(now_ms)
  # Serialise concurrent runs (CI step and Maven, parallel builds): they would build the same tags.
  if command -v flock >/dev/null; then
    local lock="${TMPDIR:-/tmp}/devstack-it-prepare.lock"
    exec 9>"$lock"
    if ! flock -n 9; then
      log "another prepare.sh holds $lock; waiting for it (up to 15 min) ..."
      flock -w 900 9 || die "still locked after 15 min: $lock (held by pid(s): $(fuser "$lock" 2>/dev/null || echo '?'))"
    fi
  fi
  if $images_only; then
    engine_answers || die "no docker engine answers 'docker info'${DOCKER_HOST:+ at DOCKER_HOST=$DOCKER_HOST}; run it/images/prepare.sh (without --images-only) to set one up, or start dockerd"
  else
    ensure_engine
    ensure_compose_cli
    ensure_tls_endpoint
    ensure_sshd
    ensure_podman
  fi
  ensure_base_image
  local image
  for image in "${IMAGES[@]}"; do
    build_image "$image"
  done
  log "images ready in $(since "$t0"): $BASE_IMAGE ${IMAGES[*]/#/devstack-it/}"
}

main
