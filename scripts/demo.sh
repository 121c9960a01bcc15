#!/usr/bin/env bash
# The main job on one machine: builds HaKube, then runs `hakube lab demo --reference`: the reference guide's
# topology (lb1, lb2, three masters, a client; VIP 198.18.0.10) as network namespaces, first with vrrpd + tcplb,
# then with Keepalived + HAProxy and the guide's own files; in each, the balancer on the VIP holder is killed
# while the client probes through the VIP every 10 ms, and the two failovers are printed side by side.
# Everything it creates is removed at the end, also on Ctrl-C. Needs root. Extra arguments go to `hakube lab demo`
# (e.g. --plot failover.png).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build.sh > /dev/null
exec publish/linux-x64/hakube lab demo --reference --bin-dir "$PWD/publish/linux-x64" "$@"
