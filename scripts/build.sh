#!/usr/bin/env bash
# Builds HaKube's programs into publish/linux-x64/: vrrpd and tcplb as Native AOT binaries, hakube (the installer CLI
# and lab) as one self-contained file, and the lab's stand-in and probe. With arguments, only the programs named
# (vrrpd, tcplb, hakube, standin, probe): scripts/test.sh publishes vrrpd and tcplb this way.
# Installs the prerequisites first (root).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/prereqs.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
out=publish/linux-x64
mkdir -p "$out"
programs=("$@")
((${#programs[@]} > 0)) || programs=(vrrpd tcplb hakube standin probe)
for program in "${programs[@]}"; do
  case $program in
    vrrpd | tcplb) dotnet publish "src/$program" -c Release -r linux-x64 -o "$out" ;;
    hakube) dotnet publish src/installer -c Release -r linux-x64 --self-contained -o "$out" ;;
    # The lab's kube-apiserver stand-in and client probe live next to hakube, one file each (framework-dependent: the
    # SDK that built the lab brings the runtime).
    standin) dotnet publish src/apiserver-standin -c Release -r linux-x64 --self-contained false -o "$out" ;;
    probe) dotnet publish src/labtools/probe -c Release -r linux-x64 --self-contained false -o "$out" ;;
    *) echo "build.sh: unknown program '$program' (vrrpd, tcplb, hakube, standin, probe)" >&2; exit 2 ;;
  esac
done
# Documentation and symbol files are of no use beside the deployed binaries.
rm -f "$out"/*.xml "$out"/*.pdb "$out"/*.dbg "$out"/*.staticwebassets.*.json
for program in "${programs[@]}"; do
  case $program in vrrpd | tcplb | hakube) ls -l "$out/$program" ;; esac
done
