#!/usr/bin/env bash
# bench/run.sh [--quick]: runs every HaKube benchmark and writes bench/RESULTS.md (see bench/README.md).
#   1. prerequisites (scripts/prereqs.sh), 2. build the bench, 3. publish vrrpd and tcplb (scripts/build.sh),
#   4. (a) micro-benchmarks (BenchmarkDotNet), 5. (c) data plane, (d) memory at rest, (b) failover in lab namespaces,
#   6. the report. Full: about 25 minutes (25.7 in the last run); --quick: about 5 (fewer, shorter runs; labelled QUICK in RESULTS.md).
# Needs root (network namespaces). A step that fails is recorded and the next still runs; anything not measured
# is listed in RESULTS.md and makes this script exit non-zero at the end.
set -uo pipefail
cd "$(dirname "$0")/.."

quick=0
case "${1:-}" in
  --quick) quick=1 ;;
  "") ;;
  *) echo "usage: bench/run.sh [--quick]" >&2; exit 2 ;;
esac

if [[ $(id -u) -ne 0 ]]; then
  echo "bench/run.sh: run as root (the lab benchmarks create network namespaces)" >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
out=bench/out
rm -rf "$out"
mkdir -p "$out"
steps="$out/steps.tsv"
: > "$steps"
failed=0
started=$SECONDS

step() { printf '%s\t%s\t%s\n' "$1" "$2" "${3:-}" >> "$steps"; [[ $2 == failed ]] && failed=1; return 0; }
say() { printf '[bench %3ds] %s\n' $((SECONDS - started)) "$*" >&2; }

# Runs "$@" bounded by $1 seconds, its output into log file $2 (and to the console with $3 = tee). Ctrl-C or SIGTERM reach the command
# (which cleans up its labs) instead of leaving it behind; the script then reports what it has and exits.
child=0
interrupted=0
on_signal() { interrupted=1; if ((child > 0)); then kill -TERM "$child" 2>/dev/null; fi; }
trap on_signal INT TERM
bounded() {
  local seconds=$1 log=$2 show=$3
  shift 3
  if [[ $show == tee ]]; then
    timeout -k 30 "$seconds" "$@" > >(tee -a "$log" >&2) 2>&1 &
  else
    timeout -k 30 "$seconds" "$@" >> "$log" 2>&1 &
  fi
  child=$!
  local rc=0
  wait "$child" || rc=$?
  # A signal interrupts the first wait; wait again for the command to finish its cleanup.
  while kill -0 "$child" 2>/dev/null; do wait "$child" || rc=$?; done
  child=0
  return "$rc"
}

if ((quick)); then
  micro_args=(--warmupCount 1 --iterationCount 3 --iterationTime 100)
  micro_bound=180 lab_bound=420 mode=(--quick)
else
  micro_args=(--warmupCount 3 --iterationCount 10 --iterationTime 250)
  micro_bound=600 lab_bound=2100 mode=()
fi

say "prerequisites"
if bash scripts/prereqs.sh > "$out/prereqs.log" 2>&1; then step prereqs ok; else step prereqs failed "scripts/prereqs.sh failed (see $out/prereqs.log)"; fi

say "build the benchmarks"
if ! dotnet build bench/HaKube.Bench -c Release > "$out/build.log" 2>&1; then
  tail -20 "$out/build.log" >&2
  echo "bench/run.sh: the benchmark project does not build (see $out/build.log); nothing was measured, RESULTS.md is unchanged" >&2
  exit 1
fi
step build ok
bench=(dotnet bench/HaKube.Bench/bin/Release/net10.0/linux-x64/HaKube.Bench.dll)

# --quick reuses binaries newer than every source they are built from (a Native AOT publish takes minutes here).
fresh() {
  local bin=publish/linux-x64/$1
  [[ -x $bin ]] && [[ -z $(find src/"$1" src/common Directory.Build.props Directory.Packages.props -newer "$bin" \
    -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' \) -not -path '*/obj/*' -not -path '*/bin/*' -print -quit 2>/dev/null) ]]
}
if ((quick)) && fresh tcplb && fresh vrrpd; then
  say "publish: skipped, publish/linux-x64/tcplb and vrrpd are newer than their sources"
  step publish skipped "quick run: reused publish/linux-x64/tcplb and vrrpd, newer than their sources"
elif say "publish vrrpd and tcplb (scripts/build.sh)" && bounded 900 "$out/publish.log" log bash scripts/build.sh; then
  step publish ok
else
  why=$(grep -m1 -oE '(error [A-Za-z0-9]+|[Ee]rror): .*' "$out/publish.log" | cut -c1-160)
  step publish failed "scripts/build.sh failed (${why:-see $out/publish.log}); tcplb and vrrpd are measured only if already in publish/linux-x64"
fi

if ((!interrupted)); then
  say "(a) micro-benchmarks"
  # In-process toolchain: no per-benchmark project build (minutes on two cores); BenchmarkDotNet still warms up,
  # pilots the invocation count and measures each iteration.
  if bounded "$micro_bound" "$out/micro.log" log "${bench[@]}" micro --filter '*' --inProcess --launchCount 1 "${micro_args[@]}" \
      --memory --exporters json markdown --artifacts "$out/micro"; then
    step micro ok
  else
    step micro failed "BenchmarkDotNet exited non-zero or ran over ${micro_bound}s (see $out/micro.log)"
  fi
fi

if ((!interrupted)); then
  say "(c) data plane, (d) memory at rest, (b) failover"
  if bounded "$lab_bound" "$out/lab.log" tee "${bench[@]}" lab "${mode[@]}" --out "$out" \
      --tcplb publish/linux-x64/tcplb --vrrpd publish/linux-x64/vrrpd; then
    step lab ok
  else
    rc=$?
    if ((rc == 124 || rc == 137)); then
      step lab failed "the lab step ran over its bound of ${lab_bound}s (see $out/lab.log)"
    else
      step lab incomplete "some lab measurements were not taken (listed below)"
    fi
  fi
fi

((interrupted)) && step run failed "interrupted (Ctrl-C or SIGTERM): the parts after the interruption were not measured"

say "report"
report_rc=0
"${bench[@]}" report "${mode[@]}" --out "$out" --results bench/RESULTS.md || report_rc=$?
say "done in $((SECONDS - started)) s: bench/RESULTS.md"
if ((failed || report_rc != 0)); then
  echo "bench/run.sh: some parts were not measured (see \"Not measured\" in bench/RESULTS.md)" >&2
  exit 1
fi
exit 0
