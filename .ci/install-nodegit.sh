#!/usr/bin/env bash
# Installs the optional nodegit package (META_DRIVER=nodegit) so its MetaSource contract test runs.
# Run it AFTER `npm ci` (which empties node_modules). Not in package.json on purpose (see
# docs/adr/0001-nodegit-optional.md): it builds libgit2 from source (~5-15 minutes) and needs the
# Kerberos and OpenSSL headers. It is built in its own prefix (outside the project, so the
# project's npm `allowScripts` list and lock file stay as they are) and linked into node_modules;
# its own dependencies resolve from that prefix. With CI=true the nodegit contract test FAILS when
# nodegit is missing, so a broken install shows up as a failing test, not a silent skip.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${NODEGIT_PREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/elekto-nodegit-0.27.0}"

if ! node -e "require('$prefix/node_modules/nodegit')" >/dev/null 2>&1; then
  need=()
  for pkg in libkrb5-dev libssl-dev python3 make g++; do dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg"); done
  if [ "${#need[@]}" -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
  mkdir -p "$prefix"
  [ -f "$prefix/package.json" ] || echo '{"name":"elekto-nodegit","version":"1.0.0","private":true}' >"$prefix/package.json"
  # Build against the running node's headers (no download from nodejs.org).
  nodedir="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
  [ -d "$nodedir/include/node" ] && export npm_config_nodedir="$nodedir"
  (cd "$prefix" && npm install --no-audit --no-fund nodegit@0.27.0)
fi
mkdir -p node_modules
ln -sfn "$prefix/node_modules/nodegit" node_modules/nodegit
node -e "require('nodegit'); console.log('nodegit', require('nodegit/package.json').version, 'loads')"
