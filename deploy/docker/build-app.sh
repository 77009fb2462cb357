#!/usr/bin/env bash
# Compiles one app and the libs to CommonJS under dist/<app>/, keeping the source tree's layout so
# that paths relative to __dirname (the predictor's bundled model) resolve the same as from source.
# swc, not esbuild: NestJS's dependency injection needs emitted decorator metadata.
# Usage: bash deploy/docker/build-app.sh <app>   → node dist/<app>/apps/<app>/src/main.js
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
app="${1:?usage: build-app.sh <app>}"
[ -f "apps/$app/src/main.ts" ] || { echo "no such app: $app" >&2; exit 1; }
rm -rf "dist/$app"
# All libs, not only the ones this app imports: they are small, and the @fleettwin/* aliases are
# rewritten to relative paths that must exist. Tests and their fixtures stay out of the image.
# The @fleettwin/* aliases come from tsconfig.base.json, so a new lib needs no second list here.
swcrc="$(mktemp)"
trap 'rm -f "$swcrc"' EXIT
node -e '
  const base = require("./deploy/docker/swcrc.build.json");
  const { compilerOptions } = require("./tsconfig.base.json");
  base.jsc.baseUrl = process.cwd();
  base.jsc.paths = compilerOptions.paths;
  process.stdout.write(JSON.stringify(base));
' > "$swcrc"
npx swc "apps/$app" libs \
  --config-file "$swcrc" \
  --out-dir "dist/$app" \
  --copy-files \
  --ignore '**/*.spec.ts,**/*.int-support.ts,**/fixtures/**,libs/testing/**,**/project.json' \
  --quiet
test -f "dist/$app/apps/$app/src/main.js"
echo "built dist/$app/apps/$app/src/main.js"
