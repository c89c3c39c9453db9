#!/usr/bin/env bash
# `npm test`: builds, installs Chromium for the browser tests when missing (as root; otherwise
# says how), runs the unit/integration tests and the browser tests, and ends with one line
# "N passed, N failed". Exit status is non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
export NO_COLOR=1 DENO_NO_UPDATE_CHECK=1
DENO=./node_modules/deno/deno
LOG_DIR="$(mktemp -d)"
status=0 passed=0 failed=0

if [[ ! -x $DENO ]]; then
  echo "::: node_modules missing: running npm install"
  npm install --no-audit --no-fund || exit 1
fi
echo "::: build"
if ! npm run -s build; then
  echo "::: build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ ! -x $CHROMIUM ]]; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "::: installing Debian's chromium for the browser tests"
    (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium) ||
      echo "::: apt-get install chromium failed"
  fi
fi

deno_test() { # deno_test NAME ARGS...
  local name=$1 log="$LOG_DIR/$1.log"
  shift
  echo "::: deno test $*"
  $DENO test "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]} summary p f
  summary=$(grep -E '^(ok|FAILED) \| [0-9]+ passed' "$log" | tail -1)
  if [[ -z $summary ]]; then
    echo "::: $name: no test summary (type error or crash?)"
    failed=$((failed + 1))
    status=1
    return
  fi
  p=$(sed -E 's/^[A-Za-z]+ \| ([0-9]+) passed.*/\1/' <<<"$summary")
  f=$(sed -E 's/.*\| ([0-9]+) failed.*/\1/' <<<"$summary")
  passed=$((passed + p))
  failed=$((failed + f))
  if ((rc != 0)); then status=1; fi
}

deno_test unit -A --parallel --ignore=tests/e2e,node_modules,static/build,data
if [[ -x $CHROMIUM ]]; then
  deno_test browser -A tests/e2e/
else
  echo "::: browser tests need Chromium: run 'sudo apt-get install chromium' (Debian) or set CHROMIUM_PATH"
  failed=$((failed + 1))
  status=1
fi

echo "$passed passed, $failed failed"
if ((status != 0 || failed != 0)); then exit 1; fi
