#!/usr/bin/env bash
# A private Docker engine for the conformance suite (tests/conformance).
#
#   scripts/docker-engine.sh install   apt-get the engine (docker.io, containerd, runc, busybox-static)
#   scripts/docker-engine.sh start     start containerd + dockerd, load the local base images
#   scripts/docker-engine.sh status    exit 0 when the engine answers, 3 when it does not
#   scripts/docker-engine.sh stop      stop what start started (by process id) and undo its mounts
#   scripts/docker-engine.sh env       print DOCKER / DOCKER_HOST for this engine (for `eval`)
#   scripts/docker-engine.sh docker …  run the engine's docker client against this engine
#
# Everything lives under $STAGECRAFT_DOCKER_STATE (default /tmp/stagecraft-docker): its own data, run and
# exec folders, sockets and logs, so it never meets a system dockerd. The engine has no network at all:
# containerd and dockerd run in a network namespace of their own (only a loopback), so a base image it
# does not have fails at once instead of being looked up in a registry; no bridge, no iptables, and the
# suite builds with --network=none. There is no registry either: the base
# images (busybox:latest from Debian's busybox-static, and the built-in scratch) are made locally.
set -euo pipefail

STATE=${STAGECRAFT_DOCKER_STATE:-/tmp/stagecraft-docker}
RUN_DIR=$STATE/run
LOG_DIR=$STATE/log
SOCK=$RUN_DIR/docker.sock
CTR_SOCK=$RUN_DIR/containerd.sock
# Debian's client speaks to its own daemon with the built-in BuildKit; a newer client found first on
# PATH would want the buildx plugin instead, so always use this one.
DOCKER_BIN=${STAGECRAFT_DOCKER_BIN:-/usr/bin/docker}
APPARMOR_FLAG=${STAGECRAFT_APPARMOR_FLAG:-/sys/module/apparmor/parameters/enabled}  # overridable to test the hiding
BUSYBOX_TAG=busybox:latest
START_TIMEOUT=${STAGECRAFT_DOCKER_START_TIMEOUT:-40}
# Storage drivers to try in order: overlay2 where the kernel and backing filesystem allow it, else vfs.
DRIVERS=${STAGECRAFT_DOCKER_DRIVERS:-overlay2 vfs}

say() { printf 'docker-engine: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

dock() { DOCKER_HOST=unix://$SOCK "$DOCKER_BIN" "$@"; }

answers() { [ -S "$SOCK" ] && dock info >/dev/null 2>&1; }

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

pid_of() { [ -f "$RUN_DIR/$1.pid" ] && cat "$RUN_DIR/$1.pid" || true; }

need_root() { [ "$(id -u)" = 0 ] || die "must run as root (dockerd needs it)"; }

cmd_install() {
  need_root
  if command -v dockerd >/dev/null && command -v containerd >/dev/null && command -v runc >/dev/null \
    && [ -x "$DOCKER_BIN" ] && [ -x /bin/busybox ]; then
    say "engine packages already installed"; return 0
  fi
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    docker.io containerd runc busybox-static
}

# runc asks the kernel whether AppArmor is on and then loads a profile with apparmor_parser; where the
# module says "Y" but the parser is not installed every container start fails. Hide the flag from the
# engine with a bind mount of a file saying "N"; stop removes the mount again.
hide_apparmor_if_needed() {
  [ -r "$APPARMOR_FLAG" ] || return 0
  [ "$(cat "$APPARMOR_FLAG" 2>/dev/null)" = Y ] || return 0
  command -v apparmor_parser >/dev/null && return 0
  grep -q " $APPARMOR_FLAG " /proc/mounts && return 0
  printf 'N\n' >"$STATE/apparmor-enabled"
  mount --bind "$STATE/apparmor-enabled" "$APPARMOR_FLAG" \
    || die "AppArmor is enabled without apparmor_parser and its flag cannot be hidden"
  touch "$STATE/apparmor-hidden"
  say "AppArmor enabled but apparmor_parser missing: flag hidden from the engine"
}

restore_apparmor() {
  [ -f "$STATE/apparmor-hidden" ] || return 0
  umount "$APPARMOR_FLAG" 2>/dev/null || umount -l "$APPARMOR_FLAG" 2>/dev/null || true
  rm -f "$STATE/apparmor-hidden" "$STATE/apparmor-enabled"
}

start_containerd() {
  local pid; pid=$(pid_of containerd)
  if alive "$pid"; then return 0; fi
  mkdir -p "$STATE/containerd/root" "$STATE/containerd/state"
  # The CRI plugin is Kubernetes' and would go looking for CNI networking: leave it out.
  cat >"$STATE/containerd/config.toml" <<EOF
version = 2
root = "$STATE/containerd/root"
state = "$STATE/containerd/state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$CTR_SOCK"
[ttrpc]
  address = "$CTR_SOCK.ttrpc"
[debug]
  address = "$RUN_DIR/containerd-debug.sock"
[metrics]
  address = ""
EOF
  unshare --net -- containerd --config "$STATE/containerd/config.toml" >"$LOG_DIR/containerd.log" 2>&1 &
  echo $! >"$RUN_DIR/containerd.pid"
  local i
  for i in $(seq 1 50); do
    [ -S "$CTR_SOCK" ] && return 0
    alive "$!" || break
    sleep 0.2
  done
  tail -n 20 "$LOG_DIR/containerd.log" >&2 || true
  say "containerd did not start (log: $LOG_DIR/containerd.log)"
  return 1
}

# Starts dockerd with one storage driver; returns 1 when it dies or does not answer in time.
start_dockerd() {
  local driver=$1 i pid
  echo '{}' >"$STATE/daemon.json"
  unshare --net -- dockerd \
    --config-file "$STATE/daemon.json" \
    --containerd "$CTR_SOCK" \
    --data-root "$STATE/docker/$driver" \
    --exec-root "$STATE/docker/exec" \
    --pidfile "$RUN_DIR/dockerd.pid.own" \
    --host "unix://$SOCK" \
    --storage-driver "$driver" \
    --iptables=false --ip6tables=false --ip-masq=false --bridge=none --userland-proxy=false \
    >"$LOG_DIR/dockerd-$driver.log" 2>&1 &
  pid=$!
  echo "$pid" >"$RUN_DIR/dockerd.pid"
  for i in $(seq 1 $((START_TIMEOUT * 5))); do
    answers && { echo "$driver" >"$RUN_DIR/driver"; return 0; }
    alive "$pid" || break
    sleep 0.2
  done
  if alive "$pid"; then kill "$pid" 2>/dev/null || true; wait_gone "$pid" 20; fi
  rm -f "$RUN_DIR/dockerd.pid"
  say "dockerd with $driver did not come up; last lines of its log:"
  tail -n 8 "$LOG_DIR/dockerd-$driver.log" >&2 || true
  return 1
}

wait_gone() {
  local pid=$1 tenths=$(( $2 * 10 )) i
  for i in $(seq 1 "$tenths"); do alive "$pid" || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  sleep 0.2
}

# busybox:latest without a registry: Debian's static busybox with every applet linked in /bin, and the
# official image's users and groups (buildroot's skeleton files), loaded from a `docker save`-format
# archive so that its config (Cmd, Env) and its single history entry are exactly ours.
load_busybox() {
  [ -x /bin/busybox ] || die "busybox-static is not installed (run: $0 install)"
  local work; work=$(mktemp -d "$STATE/busybox.XXXXXX")
  local root=$work/rootfs
  mkdir -p "$root/bin" "$root/dev" "$root/etc" "$root/home" "$root/root" "$root/tmp" \
    "$root/usr/sbin" "$root/usr/bin" "$root/var/spool/mail" "$root/var/www"
  cp /bin/busybox "$root/bin/busybox"
  chroot "$root" /bin/busybox --install -s /bin
  ln -s ../../bin/env "$root/usr/bin/env"
  cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
EOF
  cat >"$root/etc/group" <<'EOF'
root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
kmem:x:9:
wheel:x:10:root
cdrom:x:11:
dialout:x:18:
floppy:x:19:
video:x:28:
audio:x:29:
tape:x:32:
www-data:x:33:
operator:x:37:
utmp:x:43:
plugdev:x:46:
staff:x:50:
lock:x:54:
netdev:x:82:
users:x:100:
nobody:x:65534:
EOF
  # buildroot's skeleton shadow with root's empty password locked, as the official image ships it
  local user
  for user in root daemon bin sys sync mail www-data operator nobody; do
    printf '%s:*:10933:0:99999:7:::\n' "$user"
  done >"$root/etc/shadow"
  chmod 755 "$root" "$root"/bin "$root"/dev "$root"/etc "$root"/home "$root"/usr "$root"/usr/* "$root"/var \
    "$root"/var/spool "$root"/var/spool/mail
  chmod 700 "$root/root"; chmod 1777 "$root/tmp"; chmod 644 "$root/etc/passwd" "$root/etc/group"
  chmod 600 "$root/etc/shadow"; chmod 755 "$root/bin/busybox"
  chown 33:33 "$root/var/www"; chmod 755 "$root/var/www"
  mkdir -p "$work/image/layer"
  tar --numeric-owner --sort=name --mtime=@1700000000 -C "$root" -cf "$work/image/layer/layer.tar" .
  local diff_id version created='2023-11-14T22:13:20Z'
  diff_id=$(sha256sum "$work/image/layer/layer.tar" | cut -d' ' -f1)
  # The layer is reproducible (fixed times, sorted, numeric owners): reload only when the recipe changed.
  if [ "$(dock image inspect -f '{{index .RootFS.Layers 0}}' "$BUSYBOX_TAG" 2>/dev/null)" = "sha256:$diff_id" ]; then
    rm -rf "$work"; return 0
  fi
  version=$(dpkg-query -W -f='${Version}' busybox-static 2>/dev/null || echo unknown)
  printf '%s' "{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"$created\",\
\"config\":{\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"],\"Cmd\":[\"sh\"]},\
\"history\":[{\"created\":\"$created\",\"created_by\":\"BusyBox (Debian busybox-static $version)\"}],\
\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:$diff_id\"]}}" >"$work/image/config.json"
  printf '%s' "[{\"Config\":\"config.json\",\"RepoTags\":[\"$BUSYBOX_TAG\"],\"Layers\":[\"layer/layer.tar\"]}]" \
    >"$work/image/manifest.json"
  tar -C "$work/image" -cf "$work/busybox.tar" manifest.json config.json layer
  dock load -i "$work/busybox.tar" >/dev/null
  rm -rf "$work"
  say "loaded $BUSYBOX_TAG (Debian busybox-static $version)"
}

cmd_start() {
  need_root
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  if answers; then load_busybox; say "already running ($(cat "$RUN_DIR/driver" 2>/dev/null))"; return 0; fi
  for bin in dockerd containerd runc unshare "$DOCKER_BIN"; do
    command -v "$bin" >/dev/null || die "no engine: $bin is not installed (run: $0 install)"
  done
  hide_apparmor_if_needed
  if ! start_containerd; then
    cmd_stop >/dev/null 2>&1 || true
    die "no engine could start: containerd failed"
  fi
  local driver started=
  for driver in $DRIVERS; do
    if start_dockerd "$driver"; then started=$driver; break; fi
  done
  if [ -z "$started" ]; then
    cmd_stop >/dev/null 2>&1 || true
    die "no engine could start (storage drivers tried: $DRIVERS); logs are in $LOG_DIR"
  fi
  load_busybox
  say "running: storage $started, socket $SOCK, $(dock version --format 'engine {{.Server.Version}}')"
}

cmd_stop() {
  local pid stopped=
  pid=$(pid_of dockerd)
  if alive "$pid"; then kill "$pid"; wait_gone "$pid" 20; stopped=1; fi
  pid=$(pid_of containerd)
  if alive "$pid"; then kill "$pid"; wait_gone "$pid" 10; stopped=1; fi
  rm -f "$RUN_DIR/dockerd.pid" "$RUN_DIR/containerd.pid" "$RUN_DIR/driver"
  # Mounts the engine made below its own folders and left behind (deepest first).
  if [ -d "$STATE" ]; then
    awk -v s="$STATE/" 'index($2, s) == 1 { print $2 }' /proc/mounts | sort -r | while read -r m; do
      umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
    done
  fi
  restore_apparmor
  if [ -n "$stopped" ]; then say "stopped"; else say "not running"; fi
}

cmd_status() {
  if answers; then
    say "running ($(cat "$RUN_DIR/driver" 2>/dev/null), $(dock version --format 'engine {{.Server.Version}}'))"
    return 0
  fi
  say "not running"; return 3
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) printf 'export DOCKER=%q\nexport DOCKER_HOST=%q\n' "$DOCKER_BIN" "unix://$SOCK" ;;
  docker) shift; dock "$@" ;;
  *) echo "usage: $0 install|start|stop|status|env|docker ARGS..." >&2; exit 2 ;;
esac
