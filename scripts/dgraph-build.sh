#!/usr/bin/env bash
# Prints the path of a Dgraph v24.0.5 binary, building it from the Go
# module proxy the first time and caching it (go install …@version is
# refused here because the proxy gives no version lists).
set -euo pipefail
version=v24.0.5
cache=${KG_DGRAPH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kg-dgraph}
bin="$cache/dgraph-$version"
if [ -n "${KG_DGRAPH_BIN:-}" ]; then echo "$KG_DGRAPH_BIN"; exit 0; fi
if [ -x "$bin" ] && "$bin" version >/dev/null 2>&1; then echo "$bin"; exit 0; fi
mkdir -p "$cache/src-$version"
cd "$cache/src-$version"
[ -f go.mod ] || printf 'module dgraphbuild\n\ngo 1.22\n' > go.mod
echo "building Dgraph $version from the module proxy (once; cached in $cache)" >&2
if ! go get "github.com/dgraph-io/dgraph/v24/dgraph@$version" >&2 || ! go build -o "$bin.tmp" github.com/dgraph-io/dgraph/v24/dgraph >&2; then
  echo "error: could not build Dgraph $version; see the messages above" >&2
  exit 1
fi
mv "$bin.tmp" "$bin"
echo "$bin"
