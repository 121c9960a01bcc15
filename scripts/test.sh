#!/usr/bin/env bash
# Runs every HaKube test: installs prerequisites, builds with warnings as errors, publishes vrrpd and tcplb (Native
# AOT), runs unit and network-namespace integration tests, and prints one totals line: "tests: N passed, N failed[,
# N skipped]".
# Needs root (the integration tests create network namespaces). Fails on any failed or skipped test:
# on a machine that can run them, a skipped integration test would hide a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/prereqs.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet restore HaKube.sln
dotnet build HaKube.sln -c Release --no-restore -warnaserror
# The systemd tests run vrrpd and tcplb as shipped, under their units (which forbid a JIT): the Native AOT binaries.
bash scripts/build.sh vrrpd tcplb

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"
status=0
# What already runs in other network namespaces is not the run's: the leftover check after the tests skips it.
bash scripts/leftovers.sh snapshot "$results/before-processes"
# --blame-hang-timeout ends a hung test host instead of letting the run wait forever.
# env --default-signal: a run started in the background or under nohup inherits SIGHUP/SIGINT/SIGQUIT ignored, and
# every daemon the tests start would ignore them too (reload and Ctrl-C tests would fail); systemd starts the
# daemons with default dispositions, so the tests do as well.
# -m:1: one test assembly at a time. The integration tests time real daemons in namespaces on two cores; with every
# assembly at once, a bounded wait could outlast its bound under the combined load (about 6 minutes this way).
env --default-signal=HUP,INT,QUIT,TERM dotnet test HaKube.sln -c Release --no-build -m:1 \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" \
  --blame-hang-timeout 8m --blame-hang-dump-type none || status=$?

# Issue 2: after the tests, no namespace, veth or process of the run is left. Each test cleans up its own lab; this
# checks the whole run, once every test host has exited.
leftover_status=0
leftovers=$(bash scripts/leftovers.sh check "$results/before-processes") || leftover_status=$?
if ((leftover_status > 1)); then
  leftovers="the leftover check itself failed (exit $leftover_status): nothing was checked"
fi

passed=0 failed=0 total=0 executed=0
shopt -s nullglob
trx=("$results"/*.trx)
for f in "${trx[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$f" | head -1)
  get() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  total=$((total + $(get total)))
  executed=$((executed + $(get executed)))
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
done
skipped=$((total - executed))

if ((${#trx[@]} == 0)); then
  echo "no test results were written (the build or the test host failed before any test ran)" >&2
  status=1
fi
if ((skipped > 0)); then
  echo "$skipped test(s) were skipped; every test must run here" >&2
  grep -h -o 'testName="[^"]*"[^>]*outcome="NotExecuted"' "$results"/*.trx | sed 's/^testName="\([^"]*\)".*/  skipped: \1/' >&2 || true
  status=1
fi
if ((total == 0)); then
  echo "no tests ran" >&2
  status=1
fi
if [[ -n $leftovers ]]; then
  # Counted as one failed check: the totals line must not read "0 failed" for a run that fails.
  failed=$((failed + 1))
  echo "FAILED: the run left these behind (scripts/leftovers.sh):"
  sed 's/^/    /' <<<"$leftovers"
fi
if ((failed > 0 && status == 0)); then
  status=1
fi
if ((failed > 0)); then
  # Name each failure and the first lines of its message right above the totals: CI keeps the tail.
  for f in "${trx[@]}"; do
    awk '
      /<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); inside = 1; lines = 0; print "FAILED: " name; next }
      inside && /<\/UnitTestResult>/ { inside = 0 }
      inside && /<Message>/ { msg = 1 }
      inside && msg && lines < 6 { line = $0; gsub(/<\/?Message>/, "", line); gsub(/^[ \t]+/, "", line); print "    " line; lines++ }
      inside && /<\/Message>/ { msg = 0 }
    ' "$f"
  done
fi

if ((skipped > 0)); then
  echo "tests: $passed passed, $failed failed, $skipped skipped"
else
  echo "tests: $passed passed, $failed failed"
fi
exit "$status"
