#!/usr/bin/env bash
# All of Amphi's tests: the whole suite on the embedded database (PGlite), then the tests whose
# behaviour depends on the engine again on PostgreSQL when TEST_DATABASE_URL is set.
# The Moodle plugins' PHP is checked without a Moodle (moodle-plugin/tests/run.sh: php -l, PHPUnit).
# The PostgreSQL leg runs the test files whose behaviour depends on the engine (concurrent
# connections, locks, several processes), listed with their reasons in test/postgres-leg.txt.
# Prints the 15 slowest test files, then ends with one line: "total: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

echo "== build and typecheck =="
# The server's compile, the front end's bundle and the typecheck are independent: run them side by
# side (the two tsc runs are single-threaded; vite fills the gaps).
build_log=$(mktemp)
npm run --silent build:server >"$build_log.server" 2>&1 &
server_build=$!
npm run --silent build:tool >"$build_log.tool" 2>&1 &
tool_build=$!
npm run --silent typecheck >"$build_log.types" 2>&1 &
typecheck=$!
wait $server_build || { cat "$build_log.server"; echo "build failed (server)"; exit 1; }
wait $tool_build || { cat "$build_log.tool"; echo "build failed (front end)"; exit 1; }
wait $typecheck || { cat "$build_log.types"; echo "typecheck failed"; exit 1; }
npm run --silent lint:deps || { echo "dependency rules broken (an import cycle, a shared layer importing a feature, or a feature past another's service): see above and .dependency-cruiser.cjs"; exit 1; }
rm -f "$build_log" "$build_log".*

passed=0
failed=0
status=0
log=$(mktemp)
times=$(mktemp)
trap 'rm -f "$log" "$times"' EXIT

run_leg() {
  local title=$1 title_short=$2 concurrency=$3
  shift 3
  echo
  echo "== $title =="
  local leg_times
  leg_times=$(mktemp)
  node --import tsx --test --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=./scripts/test-file-times.mjs --test-reporter-destination="$leg_times" \
    --test-concurrency="$concurrency" --test-timeout=300000 "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  sed "s/\$/\t($title_short)/" "$leg_times" >> "$times"
  rm -f "$leg_times"
  local p f
  p=$(grep -E '^ℹ pass [0-9]+' "$log" | tail -1 | awk '{print $3}')
  f=$(grep -E '^ℹ fail [0-9]+' "$log" | tail -1 | awk '{print $3}')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  if [ "$rc" -ne 0 ]; then
    status=1
    # A crashed file counts as a failure even when no test line said so.
    [ "${f:-0}" -eq 0 ] && failed=$((failed + 1))
  fi
}

mapfile -t all_tests < <(find test -name '*.test.ts' | sort)
# The PostgreSQL leg: the test files whose behaviour depends on the engine (test/postgres-leg.txt
# says which and why). A listed path that matches no test file stops the run.
db_tests=()
while read -r listed _; do
  [[ -z "$listed" || "$listed" == \#* ]] && continue
  mapfile -t matched < <(find "$listed" -name '*.test.ts' 2>/dev/null | sort)
  if [ ${#matched[@]} -eq 0 ]; then
    echo "test/postgres-leg.txt: $listed matches no test file"
    exit 1
  fi
  db_tests+=("${matched[@]}")
done < test/postgres-leg.txt

# Two cores: two files at a time on PGlite (CPU-bound: the database runs in the test process;
# three made the unit and integration tests slower, 847 s against 801 s); three on PostgreSQL,
# whose tests wait more on another process (the server, the CLI, PostgreSQL).
TEST_DB_ENGINE=pglite run_leg "all tests on the embedded database (PGlite)" PGlite 2 "${all_tests[@]}"

echo
echo "== Moodle plugins (php -l, PHPUnit without Moodle) =="
moodle_out=$(bash moodle-plugin/tests/run.sh 2>&1)
moodle_rc=$?
echo "$moodle_out"
moodle_tests=$(printf '%s\n' "$moodle_out" | grep -oE '(OK \(|Tests: )[0-9]+' | grep -oE '[0-9]+' | tail -1)
if [ "$moodle_rc" -eq 0 ]; then
  passed=$((passed + ${moodle_tests:-0}))
else
  status=1
  failed=$((failed + 1))
fi

echo
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  TEST_DB_ENGINE=postgres run_leg "engine-dependent tests on PostgreSQL (${TEST_DATABASE_URL%%@*}@…; test/postgres-leg.txt)" PostgreSQL 3 "${db_tests[@]}"
  echo "PostgreSQL leg: run."
else
  echo "PostgreSQL leg: NOT RUN — set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run the engine-dependent tests (test/postgres-leg.txt) on PostgreSQL too."
fi
echo
echo "== the 15 slowest test files (wall time, seconds) =="
sort -rn "$times" | head -15 | awk -F'\t' '{printf "%7.1f  %s %s\n", $1 / 1000, $2, $3}'
echo
echo "total: $passed passed, $failed failed"
exit $status
