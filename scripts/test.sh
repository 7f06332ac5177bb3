#!/usr/bin/env bash
# Runs every EpicZoom test on a fresh machine: installs what the tests need (Debian's Chromium for the browser tests;
# PostgreSQL's binaries must be installed — the tests start their own throwaway server), then runs all test projects
# and prints one summary line: "tests: N passed, N failed, N skipped". The SQL Server suite runs when
# ConnectionStrings__SqlServerTests is set (README, Test).
set -uo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ] && [ -z "${CHROMIUM_PATH:-}" ]; then
  echo "== installing chromium (browser tests)"
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null || { echo "could not install chromium"; exit 1; }
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || { echo "could not install chromium"; exit 1; }
  fi
fi
if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  echo "== installing nginx (tests/Cluster.Tests: two instances behind deploy/nginx/epiczoom.conf)"
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; } || { echo "could not install nginx"; exit 1; }
  else
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null || { echo "could not install nginx"; exit 1; }
  fi
fi
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 && ! command -v pg_ctl >/dev/null && [ -z "${EPICZOOM_TEST_POSTGRES:-}" ]; then
  echo "PostgreSQL binaries not found: apt-get install -y postgresql (or set EPICZOOM_TEST_POSTGRES to a server's connection string)"
  exit 1
fi

results="$(pwd)/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"

echo "== building"
dotnet build EpicZoom.sln -c Release --nologo -v quiet || { echo "tests: 0 passed, 1 failed (build failed)"; exit 1; }

echo "== testing"
status=0
for project in tests/*.Tests/*.csproj; do
  name=$(basename "$project" .csproj)
  # SQL Server cannot run everywhere: its suite runs only against the server ConnectionStrings__SqlServerTests names,
  # and is otherwise left out of the run (not counted as skipped).
  if [ "$name" = EpicZoom.SqlServer.Tests ] && [ -z "${ConnectionStrings__SqlServerTests:-}" ]; then
    echo "== $name not run: set ConnectionStrings__SqlServerTests to a SQL Server login that may create databases"
    continue
  fi
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" --results-directory "$results" || status=1
done

passed=0; failed=0; skipped=0; found=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  found=1
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  x=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0})); skipped=$((skipped + ${t:-0} - ${x:-0}))
done
[ "$found" = 1 ] || { echo "tests: 0 passed, 1 failed (no test results)"; exit 1; }
if [ "$status" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi

# The failed tests' names and first message lines, next to the summary, so the end of the log says what failed.
if [ "$failed" != 0 ]; then
  echo "== failed tests"
  for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    awk '/<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); print "  FAILED " substr($0, RSTART + 10, RLENGTH - 11); want = 1; next }
         want && /<Message>/ { sub(/.*<Message>/, ""); n = 0; printing = 1 }
         printing { line = $0; sub(/<\/Message>.*/, "", line); if (n < 4) print "    " line; n++; if ($0 ~ /<\/Message>/) { printing = 0; want = 0 } }' "$trx"
  done
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ] && [ "$status" = 0 ]
