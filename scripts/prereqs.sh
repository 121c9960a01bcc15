#!/usr/bin/env bash
# Installs what HaKube's build, tests, lab and benchmarks need on Debian 12+ / Ubuntu 22.04+.
# Idempotent: packages already present are not touched and apt is not even updated.
# Debian's server packages (keepalived, haproxy, nginx, openssh-server) are installed without being
# started in the root namespace: the tests run them inside their own network namespaces.
set -euo pipefail

if [[ $(id -u) -ne 0 ]]; then
  echo "prereqs: run as root (it installs Debian packages and the tests create network namespaces)" >&2
  exit 1
fi

packages=(
  iproute2 nftables iputils-ping arping tcpdump tshark libpcap0.8
  keepalived haproxy nginx openssh-server openssh-client sshpass
  util-linux procps psmisc openssl ca-certificates curl wrk python3
  clang zlib1g-dev systemd
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} > 0)); then
  echo "prereqs: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # tshark asks whether non-root users may capture; answer once, non-interactively.
  echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
  # Keep the daemons from starting in the root namespace while they install.
  made_policy=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    made_policy=1
  fi
  trap 'if [[ $made_policy == 1 ]]; then rm -f /usr/sbin/policy-rc.d; fi' EXIT
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # On a machine with systemd, the units of packages installed just now stay stopped and are not
  # enabled for the next boot either; services the machine already had are left as they were.
  if [[ -d /run/systemd/system ]]; then
    # Ubuntu 22.10+ starts sshd through ssh.socket: both go.
    declare -A unit_of=([keepalived]=keepalived [haproxy]=haproxy [nginx]=nginx [openssh-server]="ssh.socket ssh")
    for p in "${missing[@]}"; do
      for unit in ${unit_of[$p]:-}; do
        systemctl disable --now "$unit" >/dev/null 2>&1 || true
      done
    done
  fi
fi

# The one thing this script does not install: the .NET SDK (Microsoft's packages or dotnet-install.sh), which
# global.json pins to a 10.0 feature band.
if ! command -v dotnet >/dev/null 2>&1; then
  echo "prereqs: the .NET 10 SDK is missing (dotnet is not on PATH): install it (https://learn.microsoft.com/dotnet/core/install/linux), then run this again" >&2
  exit 1
fi
if ! dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
  echo "prereqs: the .NET 10 SDK is missing (dotnet --list-sdks shows: $(dotnet --list-sdks 2>/dev/null | cut -d' ' -f1 | tr '\n' ' ')): install it, then run this again" >&2
  exit 1
fi

echo "prereqs: ok"
