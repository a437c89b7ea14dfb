#!/usr/bin/env bash
# make test-dgraph: export the seed graph for Dgraph one article a shard,
# load the shards into a real Dgraph (one zero, one alpha on 127.0.0.1)
# with dgraph live and one --xidmap as docs/scale-out.md says, check
# through DQL that the merged graph equals the export of one database
# holding both articles, and check that dgraph bulk reads that export. The
# processes it starts are stopped by PID, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
SEEDS=${SEEDS:-../shared/data/seeds}
if [ ! -d "$SEEDS" ]; then
  echo "error: $SEEDS is absent: the Dgraph test needs the seed articles" >&2
  exit 1
fi
DGRAPH=$(scripts/dgraph-build.sh)
go build -o bin/kg ./cmd/kg
KG=bin/kg
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "test-dgraph: FAIL: $*" >&2; for f in "$work"/*.log; do echo "--- $f" >&2; tail -20 "$f" >&2; done; exit 1; }
failures=0
check() { echo "test-dgraph: check failed: $*" >&2; failures=$((failures + 1)); }

# Ports: Dgraph's defaults plus an offset, on loopback only.
off=${KG_DGRAPH_PORT_OFFSET:-137}
zero=$((5080 + off)); zhttp=$((6080 + off)); alpha_grpc=$((9080 + off)); alpha_http=$((8080 + off))

echo "== kg: ingest the seeds and export for Dgraph"
"$KG" --db "$work/kg.db" ingest "$SEEDS"/*.txt
"$KG" --db "$work/kg.db" stats --json | tee "$work/stats.json"
"$KG" --db "$work/kg.db" export --format dgraph -o "$work/export"
manifest="$work/export/manifest.json"
[ -f "$manifest" ] || fail "no manifest.json in the export"

echo "== kg: one shard per article, as docs/scale-out.md does on many machines"
i=0
for f in "$SEEDS"/*.txt; do
  i=$((i + 1))
  "$KG" --db "$work/shard$i.db" ingest "$f"
  "$KG" --db "$work/shard$i.db" export --format dgraph -o "$work/out/$i"
  rm -rf "$work/shard$i.db"
done

echo "== dgraph zero and alpha on 127.0.0.1 (port offset $off)"
(cd "$work" && exec "$DGRAPH" zero --my="127.0.0.1:$zero" --port_offset "$off" --wal zw >"$work/zero.log" 2>&1) &
pids+=($!)
(cd "$work" && exec "$DGRAPH" alpha --my="127.0.0.1:$((7080 + off))" --zero="127.0.0.1:$zero" --port_offset "$off" \
   -p p -w w --security "whitelist=127.0.0.1/8" >"$work/alpha.log" 2>&1) &
pids+=($!)
for i in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$alpha_http/health" | grep -q '"healthy"'; then break; fi
  [ "$i" = 120 ] && fail "alpha did not become healthy in 120 s"
  sleep 1
done

echo "== dgraph live, shard by shard, one --xidmap: the same entity is one node"
for d in "$work"/out/*/; do
  "$DGRAPH" live --files "$d/kg.rdf.gz" --schema "$d/kg.schema" --xidmap "$work/xidmap" \
    --alpha "127.0.0.1:$alpha_grpc" --zero "127.0.0.1:$zero" >>"$work/live.log" 2>&1 || fail "dgraph live failed on $d"
done
grep -iq "error" "$work/live.log" && grep -i "error" "$work/live.log" | head -5 >&2 || true

dql() { curl -sf -H 'Content-Type: application/dql' -X POST "http://127.0.0.1:$alpha_http/query" --data-binary "$1"; }
num() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["data"]["q"][0]["count"])'; }
want() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$manifest" "$1"; }

echo "== checks through DQL"
entities=$(dql '{ q(func: has(xid)) @filter(NOT type(Document)) { count(uid) } }' | num)
evidence=$(dql '{ q(func: type(Evidence)) { count(uid) } }' | num)
documents=$(dql '{ q(func: type(Document)) { count(uid) } }' | num)
echo "dgraph: $entities entities, $evidence evidence nodes, $documents documents"
[ "$entities" = "$(want entities)" ] || check "entities: dgraph $entities, kg $(want entities)"
[ "$evidence" = "$(want evidence)" ] || check "evidence nodes: dgraph $evidence, kg $(want evidence)"
[ "$documents" = "$(want documents)" ] || check "documents: dgraph $documents, kg $(want documents)"
quads=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["quads"])' "$work/stats.json")
attrs=$(want attribute_quads)
[ "$((evidence + attrs))" = "$quads" ] || check "kg stats has $quads quads; export has $evidence facts + $attrs attribute quads"
edges=$(want edges)
dedges=0
for p in $(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["edge_predicates"]))' "$manifest"); do
  n=$(dql "{ q(func: has(<$p>)) { c: count(<$p>) } }" | python3 -c 'import json,sys; print(sum(x["c"] for x in json.load(sys.stdin)["data"]["q"]))')
  dedges=$((dedges + n))
done
[ "$dedges" = "$edges" ] || check "fact edges: dgraph $dedges, kg $edges"
echo "dgraph: $dedges fact edges, as kg"

# Who detained Bazoum: the reverse edges of the detain class into Bazoum,
# with their evidence facets.
q=$(python3 scripts/dgraph-queries.py who "$manifest" Bazoum detain)
dql "$q" > "$work/who.json" || fail "query failed: $q"
python3 - "$work/who.json" <<'PY' || check "who detained Bazoum: Presidential Guard not found with evidence facets (see $work/who.json)"
import json, sys
d = json.load(open(sys.argv[1]))["data"]
found = False
for node in d.get("q", []):
    for k, v in node.items():
        for x in (v if isinstance(v, list) else []):
            if "Presidential Guard" in x.get("name", "") and any(f.endswith("|doc") for f in x):
                found = True
print(json.dumps(d)[:400])
sys.exit(0 if found else 1)
PY
q=$(python3 scripts/dgraph-queries.py path "$manifest" Guterres Bazoum)
dql "$q" > "$work/path.json" || fail "shortest-path query failed"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["data"]; p=d.get("path") or d.get("_path_"); sys.exit(0 if p else 1)' "$work/path.json" \
  || check "no shortest path from Guterres to Bazoum (see $work/path.json)"
echo "path: $(head -c 300 "$work/path.json")"

echo "== dgraph bulk reads the same files"
"$DGRAPH" bulk --files "$work/export/kg.rdf.gz" --schema "$work/export/kg.schema" --zero "127.0.0.1:$zero" \
  --map_shards 1 --reduce_shards 1 --out "$work/bulk" --tmp "$work/bulktmp" >"$work/bulk.log" 2>&1 || fail "dgraph bulk failed"
[ -d "$work/bulk/0/p" ] || fail "dgraph bulk wrote no p directory"
echo "dgraph bulk: loaded into $work/bulk/0/p"
if [ "$failures" -gt 0 ]; then
  echo "test-dgraph: FAIL ($failures checks)" >&2
  exit 1
fi
echo "test-dgraph: PASS"
