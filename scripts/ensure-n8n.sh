#!/usr/bin/env bash
# Installs a pinned n8n and the Node.js it needs into a cache folder outside the checkout,
# keyed by both versions, so a fresh machine needs nothing installed by hand and a second run
# on the same machine reuses the first one's work. Prints the folder on its last line.
#
#   N8N_VERSION   (default 2.41.1)   NODE_VERSION (default 24.21.0)
#   N8N_CACHE_DIR (default ${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-hospitality-connectors)
#
# Why not a devDependency: `npm install n8n` runs the Kafka client's native build, which fails
# here; n8n is installed with --ignore-scripts and only sqlite3 is rebuilt (see the README).
set -euo pipefail
N8N_VERSION="${N8N_VERSION:-2.41.1}"
NODE_VERSION="${NODE_VERSION:-24.21.0}"
CACHE="${N8N_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-hospitality-connectors}"
DIR="$CACHE/n8n-$N8N_VERSION-node-$NODE_VERSION"
log() { echo "[ensure-n8n] $*" >&2; }

if [ -f "$DIR/.complete" ]; then
  log "reusing $DIR"
  echo "$DIR"
  exit 0
fi

start=$(date +%s)
rm -rf "$DIR.partial"
mkdir -p "$DIR.partial/node" "$DIR.partial/n8n"
cd "$DIR.partial/node"
echo '{"name":"n8n-runtime-node","private":true}' > package.json
log "installing node@$NODE_VERSION"
npm install --no-audit --no-fund --loglevel=error "node@$NODE_VERSION" >&2
NODE_BIN="$DIR.partial/node/node_modules/node/bin"
"$NODE_BIN/node" --version >&2

cd "$DIR.partial/n8n"
case "$N8N_VERSION" in
  1.*)
    # n8n 1.x's n8n-nodes-base takes xlsx as a tarball from cdn.sheetjs.com, which the registry
    # mirror reached here cannot serve (ENOTFOUND). @e965/xlsx is the same SheetJS release
    # republished on the registry (n8n 2.x depends on it itself), installed under the name xlsx.
    echo '{"name":"n8n-runtime","private":true,"overrides":{"xlsx":"npm:@e965/xlsx@0.20.2"}}' > package.json
    ;;
  *)
    echo '{"name":"n8n-runtime","private":true}' > package.json
    ;;
esac
log "installing n8n@$N8N_VERSION (scripts off; a few minutes)"
PATH="$NODE_BIN:$PATH" npm install --ignore-scripts --no-audit --no-fund --loglevel=error "n8n@$N8N_VERSION" >&2
log "rebuilding sqlite3 for node $NODE_VERSION"
PATH="$NODE_BIN:$PATH" npm rebuild sqlite3 --loglevel=error >&2

# Paths inside the folder must not depend on its .partial name: only node_modules/.bin links,
# which are relative, are used.
cd /
rm -rf "$DIR"
mv "$DIR.partial" "$DIR"
touch "$DIR/.complete"
log "done in $(( $(date +%s) - start ))s"
echo "$DIR"
