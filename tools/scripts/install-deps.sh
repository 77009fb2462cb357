#!/usr/bin/env bash
# Installs npm dependencies from the lock file. `npm ci` first; where the registry serves only this
# platform's optional binaries (so the lock cannot list the others and npm ci calls it out of sync),
# fall back to `npm install`, which honours the same locked versions.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
if [ -d node_modules ] && [ ! package-lock.json -nt node_modules/.package-lock.json ]; then exit 0; fi
if npm ci --no-audit --no-fund 2>tmp-npm-ci.log; then rm -f tmp-npm-ci.log; exit 0; fi
if grep -q "Missing: .* from lock file" tmp-npm-ci.log; then
  echo "npm ci: the registry lacks other platforms' optional binaries; installing the locked versions with npm install" >&2
  rm -f tmp-npm-ci.log
  npm install --no-audit --no-fund
  exit 0
fi
cat tmp-npm-ci.log >&2; rm -f tmp-npm-ci.log; exit 1
