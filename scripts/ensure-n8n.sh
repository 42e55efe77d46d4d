#!/usr/bin/env bash
# Installs a pinned n8n and the Node.js it needs into a cache folder outside the checkout,
# keyed by both versions, so a fresh machine needs nothing installed by hand and a second run
# on the same machine reuses the first one's work. Prints the folder on its last line.
#
#   scripts/ensure-n8n.sh            install (or reuse) n8n and its Node.js
#   scripts/ensure-n8n.sh --check    no install: prints the folder when it is installed, else exit 3
#   scripts/ensure-n8n.sh --probe    the same steps with sqlite3 alone instead of all of n8n (the
#                                    fresh-machine check of test/setup, into an empty N8N_CACHE_DIR)
#
#   N8N_VERSION   (default 2.41.1)   NODE_VERSION (default 24.21.0)
#   N8N_CACHE_DIR (default ${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-hospitality-connectors)
#
# Why not a devDependency: `npm install n8n` runs the Kafka client's native build, which fails
# here; n8n is installed with --ignore-scripts and only sqlite3 is rebuilt (see the README).
#
# The caller's npm configuration must not decide how this installs: `npm start` and `npm test`
# hand the project's .npmrc (ignore-scripts=true) to their scripts as npm_config_* variables,
# which would skip the `node` package's own install step and the sqlite3 build. So every npm_*
# variable is dropped here (registry, proxy and CA settings are kept), and each step states
# the settings it needs on its command line.
set -euo pipefail
PROBE=0
CHECK=0
for arg in "$@"; do
	case "$arg" in
		--probe) PROBE=1 ;;
		--check) CHECK=1 ;;
		*) echo "usage: $0 [--probe] [--check]" >&2; exit 2 ;;
	esac
done
N8N_VERSION="${N8N_VERSION:-2.41.1}"
NODE_VERSION="${NODE_VERSION:-24.21.0}"
CACHE="${N8N_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-hospitality-connectors}"
NAME="n8n-$N8N_VERSION-node-$NODE_VERSION"
[ "$PROBE" = 1 ] && NAME="probe-$NAME"
DIR="$CACHE/$NAME"
T0=$(date +%s)
log() { echo "[ensure-n8n $N8N_VERSION $(( $(date +%s) - T0 ))s] $*" >&2; }

while IFS='=' read -r var _; do
	case "${var,,}" in
		npm_config_registry | npm_config_@*registry | npm_config_cafile | npm_config_ca | npm_config_proxy | \
			npm_config_https_proxy | npm_config_noproxy | npm_config_strict_ssl | npm_config_cache) ;;
		npm_*) unset "$var" ;;
	esac
done < <(env)
NPM_FLAGS=(--no-audit --no-fund --no-update-notifier --loglevel=error)

node_bin() { echo "$1/node/node_modules/node/bin"; }
# A folder counts as installed only when its marker is there and what it holds really runs.
verify() {
	local dir=$1 bin
	bin=$(node_bin "$dir")
	"$bin/node" --version >/dev/null 2>&1 || return 1
	(cd "$dir/n8n" && "$bin/node" -e "require('sqlite3')" >/dev/null 2>&1) || return 1
	[ "$PROBE" = 1 ] || [ -x "$dir/n8n/node_modules/.bin/n8n" ] || return 1
}

mkdir -p "$CACHE"
# One installer per folder at a time; a second caller waits and then reuses the first one's work.
if [ "$CHECK" = 0 ]; then
	exec 9>"$CACHE/.$NAME.lock"
	if ! flock -n 9; then
		log "another install of $NAME is running; waiting for it"
		flock 9
	fi
fi

if [ -f "$DIR/.complete" ] && verify "$DIR"; then
	[ "$CHECK" = 1 ] || log "reusing $DIR"
	echo "$DIR"
	exit 0
fi
if [ "$CHECK" = 1 ]; then
	log "n8n $N8N_VERSION on node $NODE_VERSION is not installed in $CACHE (npm test installs it first; or run N8N_VERSION=$N8N_VERSION NODE_VERSION=$NODE_VERSION bash scripts/ensure-n8n.sh)"
	exit 3
fi
[ -e "$DIR" ] && { log "$DIR is incomplete or broken: installing it again"; rm -rf "$DIR"; }

# Progress while npm is quiet: elapsed time, packages unpacked, MB on disk and MB in npm's cache
# (which grows while npm is still resolving and downloading), every 15 s.
NPM_CACHE=$(npm config get cache 2>/dev/null || echo "$HOME/.npm")
ticker() {
	local what=$1 folder=$2 pkgs scoped mb cache_mb
	set +e +o pipefail
	while sleep 15; do
		pkgs=$(find "$folder/node_modules" -mindepth 2 -maxdepth 2 -name package.json 2>/dev/null | wc -l)
		scoped=$(find "$folder/node_modules" -mindepth 3 -maxdepth 3 -path '*/@*/*/package.json' 2>/dev/null | wc -l)
		mb=$(du -sm "$folder" 2>/dev/null | cut -f1)
		cache_mb=$(du -sm "$NPM_CACHE" 2>/dev/null | cut -f1)
		log "$what: $((pkgs + scoped)) packages unpacked, ${mb:-0} MB on disk, npm cache ${cache_mb:-0} MB"
	done
}
TICKER=
step() { # step "what" folder command...
	local what=$1 folder=$2
	shift 2
	log "$what"
	ticker "$what" "$folder" &
	TICKER=$!
	"$@" >&2
	kill "$TICKER" 2>/dev/null || true
	wait "$TICKER" 2>/dev/null || true
	TICKER=
}
trap '[ -n "$TICKER" ] && kill "$TICKER" 2>/dev/null; true' EXIT

WORK="$DIR.partial"
rm -rf "$WORK"
mkdir -p "$WORK/node" "$WORK/n8n"
cd "$WORK/node"
echo '{"name":"n8n-runtime-node","private":true}' >package.json
# The `node` package links its binary in its own install script: scripts must run here.
step "installing node@$NODE_VERSION (about 40 MB download)" "$WORK/node" \
	npm install "${NPM_FLAGS[@]}" --ignore-scripts=false "node@$NODE_VERSION"
NODE_BIN=$(node_bin "$WORK")
# The platform package ships the headers that node-gyp needs, so nothing is downloaded for them.
HEADERS=$(find "$WORK/node/node_modules/node/node_modules" -mindepth 4 -maxdepth 4 -path '*/include/node/node.h' | head -n 1)
HEADERS=${HEADERS%/include/node/node.h}
"$NODE_BIN/node" --version >&2
[ -n "$HEADERS" ] || { log "the node@$NODE_VERSION package brought no headers (include/node/node.h)"; exit 1; }

cd "$WORK/n8n"
case "$N8N_VERSION" in
	1.*)
		# n8n 1.x's n8n-nodes-base takes xlsx as a tarball from cdn.sheetjs.com, which the registry
		# mirror reached here cannot serve (ENOTFOUND). @e965/xlsx is the same SheetJS release
		# republished on the registry (n8n 2.x depends on it itself), installed under the name xlsx.
		echo '{"name":"n8n-runtime","private":true,"overrides":{"xlsx":"npm:@e965/xlsx@0.20.2"}}' >package.json
		;;
	*) echo '{"name":"n8n-runtime","private":true}' >package.json ;;
esac
if [ "$PROBE" = 1 ]; then
	SQLITE=$(npm view "n8n@$N8N_VERSION" dependencies.sqlite3)
	PACKAGE="sqlite3@$SQLITE"
	WHAT="installing $PACKAGE as n8n@$N8N_VERSION would (scripts off)"
else
	PACKAGE="n8n@$N8N_VERSION"
	WHAT="installing $PACKAGE (scripts off; about 2,200 packages, 2-3 GB, several minutes)"
fi
step "$WHAT" "$WORK/n8n" \
	env PATH="$NODE_BIN:$PATH" npm install "${NPM_FLAGS[@]}" --ignore-scripts=true "$PACKAGE"
step "building sqlite3 for node $NODE_VERSION (a minute or two)" "$WORK/n8n" \
	env PATH="$NODE_BIN:$PATH" npm rebuild sqlite3 "${NPM_FLAGS[@]}" --ignore-scripts=false --nodedir="$HEADERS"
verify "$WORK" || { log "the install in $WORK does not run: node or sqlite3 fails to load"; exit 1; }

# Paths inside the folder must not depend on its .partial name: only node_modules/.bin links,
# which are relative, are used. The marker is written last: an interrupted run never counts.
cd /
mv "$WORK" "$DIR"
touch "$DIR/.complete"
log "done: $DIR ($(du -sm "$DIR" | cut -f1) MB)"
echo "$DIR"
