#!/usr/bin/env bash
# Runs a command on Node 24 (the current LTS) taken from the npm registry, the one registry CI
# reaches: node-<platform>-<arch>@24 is the package `npx -p node@24` installs underneath, and it
# ships the C headers too, so better-sqlite3 compiles against them (npm_config_nodedir) with
# nothing fetched from nodejs.org or GitHub. Usage: scripts/node24.sh npm test
set -euo pipefail
pkg="node-$(node -p process.platform)-$(node -p process.arch)"
tools="${NODE24_TOOLS:-${TMPDIR:-/tmp}/toco-waffo-mock-node24}"
home="$tools/node_modules/$pkg"
if [ ! -x "$home/bin/node" ]; then
  npm install --prefix "$tools" --no-save --no-package-lock --no-audit --no-fund "$pkg@24" >&2
fi
export PATH="$home/bin:$PATH" npm_config_nodedir="$home"
echo "node $(node --version) from $home" >&2
exec "$@"
