#!/usr/bin/env bash
# Runs the end-to-end tests (all of them, or the files given, e.g. e2e/flows.test.mjs)
# against the release build that scripts/test.sh made, the way scripts/test.sh runs them.
# `npm test` in e2e/ runs this.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$loanchain_root"
files=()
for file in "$@"; do
	case "$file" in
	/*) files+=("$file") ;;
	e2e/*) files+=("$file") ;;
	*) files+=("e2e/$file") ;;
	esac
done
run_e2e "${files[@]}"
