#!/usr/bin/env bash
# What a test run left behind on this machine (issue 2: "after the tests no namespace, veth or process of the run is
# left"). scripts/test.sh takes a snapshot before the tests and checks after them:
#
#   leftovers.sh snapshot FILE   records the processes that already live in a network namespace other than the root's
#   leftovers.sh check FILE      lists, one per line, and exits 1 if any:
#     - a lab (network namespace, run or data directory, cgroup) named hakube-PID-N whose owner PID is gone: a live
#       owner (someone's `hakube lab up`, another test run) is left alone, exactly as the lab sweeper does;
#     - a process, not in the snapshot and not a zombie, in a network namespace that is neither the root's nor one of
#       a live lab's: what a run started inside a lab and did not stop. A lab's veths live only in its namespaces, so
#       they are gone with them.
set -euo pipefail

mode=${1:?usage: leftovers.sh snapshot|check FILE}
file=${2:?usage: leftovers.sh snapshot|check FILE}
run_root=/run/hakube-netlab
data_root=/var/tmp/hakube-netlab
# The namespace the run starts from (PID 1 may be out of reach in a container).
root_net=$(readlink /proc/$$/ns/net)

# PIDs of live processes (zombies excluded) whose network namespace is not the root's.
foreign_processes() {
  local dir pid ns state
  for dir in /proc/[0-9]*; do
    pid=${dir#/proc/}
    ns=$(readlink "$dir/ns/net" 2>/dev/null) || continue
    state=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "$dir/status" 2>/dev/null) || continue
    if [[ $ns != "$root_net" && -n $state && $state != Z ]]; then
      printf '%s %s\n' "$pid" "$ns"
    fi
  done
}

# The lab a namespace or directory name belongs to: hakube-PID-N (host namespaces add -HOST, the bridge --bridge).
lab_of() { sed -n 's/^\(hakube-[0-9][0-9]*-[0-9][0-9]*\).*/\1/p' <<<"$1"; }

# True when the lab's owner still runs: its owner file names PID and start time, as the lab sweeper checks.
owner_alive() {
  local lab=$1 pid start now
  pid=$(cut -d- -f2 <<<"$lab")
  [[ -d /proc/$pid ]] || return 1
  if read -r _ start <"$data_root/$lab/owner" 2>/dev/null && [[ -n $start ]]; then
    now=$(sed 's/^.*) //' "/proc/$pid/stat" | cut -d' ' -f20)
    [[ $now == "$start" ]]
  else
    return 0
  fi
}

case $mode in
  snapshot)
    foreign_processes | cut -d' ' -f1 >"$file"
    ;;
  check)
    declare -A labs=() live_ns=()
    shopt -s nullglob
    for path in /run/netns/hakube-* "$run_root"/hakube-* "$data_root"/hakube-* /sys/fs/cgroup/hakube-* /sys/fs/cgroup/*/hakube-*; do
      lab=$(lab_of "$(basename "$path")")
      if [[ -n $lab ]]; then
        labs[$lab]+="${labs[$lab]:+, }$path"
      fi
    done
    found=0
    for lab in "${!labs[@]}"; do
      if owner_alive "$lab"; then
        for ns in /run/netns/"$lab"-*; do
          live_ns["net:[$(stat -L -c %i "$ns")]"]=1
        done
      else
        echo "leftover lab $lab (owner gone): ${labs[$lab]}"
        found=1
      fi
    done
    declare -A before=()
    while read -r pid; do before[$pid]=1; done <"$file"
    while read -r pid ns; do
      if [[ -n ${before[$pid]:-} || -n ${live_ns[$ns]:-} ]]; then
        continue
      fi
      echo "leftover process $pid ($(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-120)) in $ns"
      found=1
    done < <(foreign_processes)
    exit "$found"
    ;;
  *)
    echo "usage: leftovers.sh snapshot|check FILE" >&2
    exit 2
    ;;
esac
