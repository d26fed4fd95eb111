#!/usr/bin/env bash
# A Docker-compatible container engine for the container tests, on a machine with no Docker
# daemon: Debian's Podman (as root), configured for this kind of machine, with its Docker API on
# /run/podman/podman.sock. Sourced by .ci/run; stop it with `podman_stop`.
#
# Why each setting: crun fails on these machines' cgroups (runc works); systemd is not running
# (cgroupfs); the default ulimits cannot be raised in the sandbox (default_ulimits = []); netavark
# + aardvark-dns give containers on one network DNS names (CNI without dnsname does not), which
# the compose file and the example's Toxiproxy → mock upstreams rely on.

podman_install() {
  local missing=()
  command -v podman >/dev/null 2>&1 || missing+=(podman)
  command -v runc >/dev/null 2>&1 || missing+=(runc)
  [ -x /usr/lib/podman/netavark ] || missing+=(netavark)
  [ -x /usr/lib/podman/aardvark-dns ] || missing+=(aardvark-dns)
  command -v podman-compose >/dev/null 2>&1 || missing+=(podman-compose)
  if [ "${#missing[@]}" -gt 0 ]; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  fi
  mkdir -p /etc/containers
  cat >/etc/containers/containers.conf <<'CONF'
# Written by Gauntlet's .ci/podman.sh (see there for why).
[containers]
default_ulimits = []

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"

[network]
network_backend = "netavark"
CONF
}

PODMAN_SOCKET=/run/podman/podman.sock
PODMAN_PID_FILE=/run/podman/gauntlet-service.pid

podman_start() {
  mkdir -p /run/podman
  podman system service --time=0 "unix://${PODMAN_SOCKET}" >/tmp/podman-service.log 2>&1 &
  echo $! >"${PODMAN_PID_FILE}"
  local i
  for i in $(seq 1 50); do
    if curl -sf --unix-socket "${PODMAN_SOCKET}" http://podman/version >/dev/null 2>&1; then
      echo "podman API on ${PODMAN_SOCKET} (pid $(cat "${PODMAN_PID_FILE}"))"
      return 0
    fi
    sleep 0.2
  done
  echo "podman API did not answer on ${PODMAN_SOCKET}:" >&2
  cat /tmp/podman-service.log >&2
  return 1
}

podman_stop() {
  if [ -f "${PODMAN_PID_FILE}" ]; then
    kill "$(cat "${PODMAN_PID_FILE}")" 2>/dev/null || true
    rm -f "${PODMAN_PID_FILE}"
  fi
}
