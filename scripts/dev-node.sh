#!/usr/bin/env bash
# Builds what is needed and starts a Loanchain development node: one validator (Alice),
# instant start, short "days". polkadot.js apps connects at ws://127.0.0.1:9944. Also builds
# loanctl and prints where it is, and builds the web app (web/) and serves it at
# http://127.0.0.1:8080 (LOANCHAIN_WEB_PORT to change the port). The dev chain's registrar,
# Alice, runs her token service beside it (`loanctl token-service`, docs/identity.md), so
# that a private lender gets its lender tokens at once (LOANCHAIN_TOKEN_SERVICE=0: not run).
#
#   scripts/dev-node.sh                      # fresh chain, deleted on exit
#   LOANCHAIN_BASE_PATH=~/.loanchain scripts/dev-node.sh
#   scripts/dev-node.sh --base-path ~/.loanchain   # the chain survives restarts
#
# Any further arguments go to loanchain-node (e.g. --rpc-port 9955, --prometheus-external).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

# The node and loanctl with the same cargo invocations as the tests, so that either reuses
# the other's build.
"$loanchain_root/scripts/build.sh"

args=(--dev --rpc-cors all)
base_path="${LOANCHAIN_BASE_PATH:-}"
rpc_port=9944
previous=""
for arg in "$@"; do
	case "$arg" in --base-path|--base-path=*|-d) base_path="given" ;; esac
	case "$arg" in --rpc-port=*) rpc_port="${arg#--rpc-port=}" ;; esac
	if [ "$previous" = "--rpc-port" ]; then rpc_port="$arg"; fi
	previous="$arg"
done
if [ -z "$base_path" ]; then
	args+=(--tmp)
elif [ "$base_path" != "given" ]; then
	args+=(--base-path "$base_path")
fi

say "building the web app (web/dist)"
build_web
web_port="${LOANCHAIN_WEB_PORT:-8080}"
"$loanchain_root/web/node_modules/.bin/vite" preview "$loanchain_root/web" \
	--port "$web_port" --strictPort --host 127.0.0.1 >/dev/null &
web=$!
"$(node_binary)" "${args[@]}" "$@" &
node=$!
tokens=""
if [ "${LOANCHAIN_TOKEN_SERVICE:-1}" != 0 ]; then
	# Its keys in a folder of its own (mode 0700), deleted when the script ends; on a chain
	# kept across restarts, the service publishes new keys from the next token epoch on.
	token_keys="$(mktemp -d "${TMPDIR:-/tmp}/loanchain-token-keys.XXXXXX")"
	"$(loanctl_binary)" token-service --rpc "ws://127.0.0.1:$rpc_port" --suri //Alice \
		--key-dir "$token_keys" &
	tokens=$!
fi
# Ctrl-C or a SIGTERM stops both, and the script then ends with 0: stopping is what was asked
# for. Either of them ending by itself stops the other, and the script ends with its status.
stopping=""
stop() {
	stopping=yes
	kill -TERM "$web" "$node" $tokens 2>/dev/null || true
}
trap stop INT TERM
trap 'kill "$web" "$node" $tokens 2>/dev/null || true; [ -z "$tokens" ] || rm -rf "$token_keys"' EXIT

say "started: loanchain-node ${args[*]} $*"
say "connect polkadot.js apps to ws://127.0.0.1:$rpc_port"
web_query=""
[ "$rpc_port" = 9944 ] || web_query="?node=ws://127.0.0.1:$rpc_port"
say "the web app is at http://127.0.0.1:$web_port/$web_query"
[ -z "$tokens" ] || say "Alice's token service answers requests for lender tokens (keys in $token_keys)"
status=0
wait -n "$web" "$node" || status=$?
if [ -n "$stopping" ]; then
	# Let the node finish its orderly shutdown (it closes the database) before returning.
	wait "$node" 2>/dev/null || true
	wait "$web" 2>/dev/null || true
	say "stopped"
	exit 0
fi
exit "$status"
