#!/usr/bin/env bash
# make demo: build kg, ingest the Valdoria corpus into a temporary
# database, ask questions, show a path, the central entities and a
# timeline, and write the graph as graph.dot (and graph.svg with Graphviz).
set -euo pipefail
cd "$(dirname "$0")/.."
KG=${KG:-bin/kg}
db=$(mktemp -d)/demo.db
trap 'rm -rf "$(dirname "$db")"' EXIT

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }

step "$KG" --db "$db" ingest examples/corpus
step "$KG" --db "$db" stats
step "$KG" --db "$db" ask "Who detained Amara?" --top 3
step "$KG" --db "$db" ask "What did the Coastal Union condemn?" --top 3
step "$KG" --db "$db" ask "Who condemned the coup?" --top 3
step "$KG" --db "$db" ask "Who released Amara?" --top 3
step "$KG" --db "$db" ask "Who is Ruth Adeyemi?" --top 3
step "$KG" --db "$db" path "Ines Marrow" "Elena Amara" || true
step "$KG" --db "$db" rank --by pagerank --top 8
step "$KG" --db "$db" timeline "Elena Amara"
if command -v dot >/dev/null 2>&1; then
  step "$KG" --db "$db" export --format dot -o graph.svg
  "$KG" --db "$db" export --format dot -o graph.dot 2>/dev/null
  echo "Open graph.svg to see the graph (graph.dot is its source)."
else
  step "$KG" --db "$db" export --format dot -o graph.dot
  echo "Graphviz is not installed: install it (apt-get install graphviz, brew install graphviz)"
  echo "and run 'dot -Tsvg graph.dot -o graph.svg' to draw the graph."
fi
