#!/usr/bin/env bash
# Runs the ADL LRS conformance test suite (github.com/adlnet/lrs-conformance-test-suite) against
# a local Amphi. The suite is never part of this repository: give its checkout in LRS_SUITE_DIR
# (default /tmp/lrs-suite; `git clone https://github.com/adlnet/lrs-conformance-test-suite` and
# `npm install` there). Usage: scripts/lrs-conformance.sh [1.0.3|2.0.0] [extra runner options]
# Starts Amphi on a fresh embedded database (or on DATABASE_URL, an empty PostgreSQL database, with
# SECRET_KEY), creates a credential with
# every scope, runs the suite and prints its summary. The runner's exit code is the failure
# count modulo 256, so the result is read from its JSON summary line instead.
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:-1.0.3}
shift || true
suite=${LRS_SUITE_DIR:-/tmp/lrs-suite}
port=${CONFORMANCE_PORT:-3999}
[ -f "$suite/bin/console_runner.js" ] || { echo "No conformance suite in $suite (set LRS_SUITE_DIR)"; exit 2; }
[ -d "$suite/node_modules" ] || (cd "$suite" && npm install --no-audit --no-fund)
[ -f dist/server.js ] || npm run --silent build

data=$(mktemp -d /tmp/amphi-conformance-XXXX)
log=$data/server.log
export DATA_DIR=$data PORT=$port PUBLIC_URL=http://localhost:$port LOG_LEVEL=${LOG_LEVEL:-warn}
node dist/server.js >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://localhost:$port/readyz" >/dev/null && break; sleep 0.2; done

platform=$(node dist/cli/main.js platform add --issuer https://conformance.example --client-id conformance \
  --auth-login-url https://conformance.example/auth --auth-token-url https://conformance.example/token \
  --jwks-url https://conformance.example/jwks --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).id))')
credential=$(node dist/cli/main.js lrs credentials create --platform "$platform" --scopes all --name conformance --json)
key=$(node -e 'console.log(JSON.parse(process.argv[1]).key)' "$credential")
secret=$(node -e 'console.log(JSON.parse(process.argv[1]).secret)' "$credential")

out=$data/suite.out
(cd "$suite" && node bin/console_runner.js -e "http://localhost:$port/xapi" -a -u "$key" -p "$secret" -x "$version" -z "$@") >"$out" 2>&1 || true
# The runner prints its summary ({"total":…,"passed":…,"failed":…}) every 2 s and at the end: take the last one.
node -e '
const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n").reverse();
for (const line of lines) {
  try { const j = JSON.parse(line); if (j && typeof j.total === "number" && typeof j.failed === "number") { console.log(JSON.stringify(j)); process.exit(j.failed ? 1 : 0); } } catch {}
}
console.error("No summary line in the runner output:"); console.error(lines.reverse().slice(-40).join("\n")); process.exit(2);
' "$out" && status=0 || status=$?
echo "runner output: $out; failing tests: $(grep -o 'Full run log written to .*' "$out" | sed 's/Full run log written to //'); server log: $log"
exit $status
