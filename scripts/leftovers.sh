#!/usr/bin/env bash
# What a test run left behind on this machine (issue 2: "after the tests no namespace, veth or process of the run is
# left"). scripts/test.sh takes a snapshot before the tests and checks after them:
#
#   leftovers.sh snapshot FILE   records the labs that are up and the processes that already run in a network
#                                namespace other than this one's, or carry a lab's marker (FILE and FILE.labs)
#   leftovers.sh check FILE      lists what the run left, one per line, and exits 1 if anything (2: it could not check):
#     - a lab (network namespace, run or data directory, cgroup) named hakube-PID-N whose owner is gone, or that came
#       up during the run and is still up (a lab test that never took its `hakube lab up` down); a lab that was up
#       before the run (someone's own `hakube lab up`) is left alone;
#     - a process, not there before, that carries HAKUBE_LAB (every command run in a lab host does, and what it
#       starts inherits it) of a lab that is not one of those left alone: a lab's daemon outliving its lab;
#     - a process, not there before, in a network namespace that is neither this one nor a lab left alone: started in
#       a lab and stripped of its environment. systemd's own services (system.slice: PrivateNetwork= units) and
#       desktop applications (app.slice: browser sandboxes) are not the run's.
# A lab's veths live only in its namespaces, so they are gone with them.
set -euo pipefail
# Anything failing unexpectedly is "could not check" (2), never "found something" (1) nor a silent pass.
trap 'exit 2' ERR

mode=${1:?usage: leftovers.sh snapshot|check FILE}
file=${2:?usage: leftovers.sh snapshot|check FILE}
run_root=/run/hakube-netlab
data_root=/var/tmp/hakube-netlab
# The namespace the run starts from (PID 1 may be out of reach in a container).
root_net=$(readlink /proc/$$/ns/net)

# "PID NETNS LAB" for each live process (zombies excluded) that runs in another network namespace or carries a lab's
# marker (LAB is "-" without one), leaving out the host's own services.
candidates() {
  local dir pid ns state lab
  for dir in /proc/[0-9]*; do
    pid=${dir#/proc/}
    ns=$(readlink "$dir/ns/net" 2>/dev/null) || continue
    state=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "$dir/status" 2>/dev/null) || continue
    [[ -n $state && $state != Z ]] || continue
    lab=$({ tr '\0' '\n' <"$dir/environ"; } 2>/dev/null | sed -n 's/^HAKUBE_LAB=//p' | head -n 1) || true
    if [[ -z $lab && $ns == "$root_net" ]]; then
      continue
    fi
    if [[ -z $lab ]] && grep -qE '/system\.slice/|/app\.slice/' "$dir/cgroup" 2>/dev/null; then
      continue
    fi
    printf '%s %s %s\n' "$pid" "$ns" "${lab:--}"
  done
  return 0
}

# The lab a namespace or directory name belongs to: hakube-PID-N (host namespaces add -HOST, the bridge --bridge).
lab_of() { sed -n 's/^\(hakube-[0-9][0-9]*-[0-9][0-9]*\).*/\1/p' <<<"$1"; }

# Every lab with something on this machine, as "LAB PATH" lines.
lab_paths() {
  local path lab
  shopt -s nullglob
  for path in /run/netns/hakube-* "$run_root"/hakube-* "$data_root"/hakube-* /sys/fs/cgroup/hakube-* /sys/fs/cgroup/*/hakube-*; do
    lab=$(lab_of "$(basename "$path")")
    if [[ -n $lab ]]; then
      printf '%s %s\n' "$lab" "$path"
    fi
  done
  return 0
}

# True when the lab's owner still runs: its owner file names PID and start time, as the lab sweeper checks.
owner_alive() {
  local lab=$1 pid start now
  pid=$(cut -d- -f2 <<<"$lab")
  [[ -d /proc/$pid ]] || return 1
  if read -r _ start <"$data_root/$lab/owner" 2>/dev/null && [[ -n $start ]]; then
    now=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f20)
    [[ $now == "$start" ]]
  else
    return 0
  fi
}

case $mode in
  snapshot)
    candidates | cut -d' ' -f1 >"$file"
    lab_paths | cut -d' ' -f1 | sort -u | while read -r lab; do
      if owner_alive "$lab"; then echo "$lab"; fi
    done >"$file.labs"
    ;;
  check)
    [[ -r $file && -r $file.labs ]] || { echo "leftovers.sh: no snapshot at $file" >&2; exit 2; }
    declare -A paths=() kept=() kept_ns=() before=()
    while read -r lab path; do
      paths[$lab]+="${paths[$lab]:+, }$path"
    done < <(lab_paths)
    while read -r lab; do kept[$lab]=1; done <"$file.labs"
    while read -r pid; do before[$pid]=1; done <"$file"
    found=0
    for lab in "${!paths[@]}"; do
      if ! owner_alive "$lab"; then
        echo "leftover lab $lab (owner gone): ${paths[$lab]}"
        found=1
      elif [[ -z ${kept[$lab]:-} ]]; then
        echo "leftover lab $lab (came up during the run and is still up): ${paths[$lab]}"
        found=1
      else
        shopt -s nullglob
        for ns in /run/netns/"$lab"-*; do
          inode=$(stat -L -c %i "$ns" 2>/dev/null) || continue
          kept_ns["net:[$inode]"]=1
        done
      fi
    done
    while read -r pid ns lab; do
      if [[ -n ${before[$pid]:-} ]]; then
        continue
      fi
      if [[ $lab != - && -n ${kept[$lab]:-} ]] || [[ $lab == - && -n ${kept_ns[$ns]:-} ]]; then
        continue
      fi
      marker=""
      if [[ $lab != - ]]; then marker=", lab $lab"; fi
      echo "leftover process $pid ($(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-120)) in $ns$marker"
      found=1
    done < <(candidates)
    exit "$found"
    ;;
  *)
    echo "usage: leftovers.sh snapshot|check FILE" >&2
    exit 2
    ;;
esac
