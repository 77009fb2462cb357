#!/usr/bin/env bash
# `npm run secrets:scan [-- <git work tree>]`: fails (exit 1) when a tracked file holds a secret —
# a private key, a cloud or SaaS token, a password in a connection string — as secretlint's
# recommended rules see it. Only tracked files are read: generated test keys under tmp/ never count.
# Allowed exceptions live, each with its reason, in .secretlintrc.yaml at the workspace root.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tree="$(cd "${1:-$root}" && pwd)"
cd "$tree"
files=()
while IFS= read -r -d '' f; do [ -f "$f" ] && files+=("$f"); done < <(git ls-files -z)
if [ "${#files[@]}" -eq 0 ]; then echo "secrets:scan: no tracked files in $tree"; exit 0; fi
"$root/node_modules/.bin/secretlint" --secretlintrc "$root/.secretlintrc.yaml" --format stylish "${files[@]}"
echo "secrets:scan: ${#files[@]} tracked files in $tree, no secrets found"
