#!/usr/bin/env python3
"""DQL for test-dgraph and docs/scale-out.md, built from an export's manifest.

  dgraph-queries.py who  MANIFEST ENTITY VERB   who VERBed ENTITY (with synonyms)
  dgraph-queries.py path MANIFEST FROM TO       shortest path, facts both ways
"""
import json
import sys

# The verb classes the test uses; kg's own lexicon is larger.
CLASSES = {
    "detain": ["detain", "confine", "hold", "arrest", "capture", "imprison", "jail"],
}
PARTICIPLES = {"detain": "detained", "confine": "confined", "hold": "held", "arrest": "arrested",
               "capture": "captured", "imprison": "imprisoned", "jail": "jailed"}


def entity_vars(name, var):
    return (f'{var}1 as var(func: anyofterms(name, "{name}")) @filter(has(xid))\n'
            f'  {var}2 as var(func: eq(alias, "{name}"))\n')


def who(manifest, name, verb):
    verbs = CLASSES.get(verb, [verb])
    kg = manifest["predicates"]
    edges = []
    for d in manifest["edge_predicates"]:
        p = kg[d]
        if p in verbs:  # X p ENTITY: follow the reverse edge
            edges.append(f"~{d} @facets {{ name xid }}")
        elif any(p == PARTICIPLES.get(v, v + "ed") + "_by" for v in verbs):  # ENTITY p_by X
            edges.append(f"{d} @facets {{ name xid }}")
    body = "\n    ".join(edges) or "uid"
    return ("{\n  " + entity_vars(name, "e") +
            f"  q(func: uid(e1, e2)) {{\n    name\n    {body}\n  }}\n}}")


def path(manifest, a, b):
    # shortest takes one node at each end: the first entity matching each
    # name, by name terms or alias
    preds = " ".join(f"{d} ~{d}" for d in manifest["edge_predicates"])
    return ("{\n  " + entity_vars(a, "a") + "  " + entity_vars(b, "b") +
            "  a as var(func: uid(a1, a2), first: 1)\n"
            "  b as var(func: uid(b1, b2), first: 1)\n"
            f"  p as shortest(from: uid(a), to: uid(b)) {{ {preds} }}\n"
            "  path(func: uid(p)) { name }\n}")


def main():
    cmd, manifest = sys.argv[1], json.load(open(sys.argv[2]))
    if cmd == "who":
        print(who(manifest, sys.argv[3], sys.argv[4]))
    elif cmd == "path":
        print(path(manifest, sys.argv[3], sys.argv[4]))
    else:
        sys.exit(f"unknown command {cmd}")


if __name__ == "__main__":
    main()
