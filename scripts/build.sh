#!/usr/bin/env bash
# Builds every HaKube program into publish/linux-x64/: vrrpd and tcplb as Native AOT binaries,
# hakube (the installer CLI and lab) as one self-contained file, and the lab's stand-in and probe.
# Installs the prerequisites first (root).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/prereqs.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
out=publish/linux-x64
mkdir -p "$out"
dotnet publish src/vrrpd -c Release -r linux-x64 -o "$out"
dotnet publish src/tcplb -c Release -r linux-x64 -o "$out"
dotnet publish src/installer -c Release -r linux-x64 --self-contained -o "$out"
# The lab's kube-apiserver stand-in and client probe live next to hakube (framework-dependent: the SDK brings the runtime).
dotnet publish src/apiserver-standin -c Release -r linux-x64 --self-contained false -o "$out"
dotnet publish src/labtools/probe -c Release -r linux-x64 --self-contained false -o "$out"
# Documentation and symbol files are of no use beside the deployed binaries.
rm -f "$out"/*.xml "$out"/*.pdb "$out"/*.dbg
ls -l "$out"/vrrpd "$out"/tcplb "$out"/hakube
