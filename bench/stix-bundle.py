#!/usr/bin/env python3
"""Writes a STIX 2.1 bundle of N objects shaped like piracy intelligence (platforms, their domains, the links between
them, indicators), TLP-marked, deterministic for a seed: the input of bench/stix-scale.sh."""
import json, random, sys, uuid

n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
rng = random.Random(seed)
def uid(kind):
    return f"{kind}--{uuid.UUID(int=rng.getrandbits(128), version=4)}"
green, amber = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"
out = sys.stdout
out.write('{"type":"bundle","id":"%s","objects":[' % uid("bundle"))
first = True
for i in range(n):
    k = i % 4
    ts = "2026-%02d-%02dT%02d:00:00.000Z" % (1 + i % 12, 1 + i % 28, i % 24)
    if k == 0:
        o = {"type": "infrastructure", "spec_version": "2.1", "id": uid("infrastructure"), "created": ts, "modified": ts, "name": f"Streaming site {seed}-{i}",
             "description": "Streams Korean dramas and webtoons without licence", "object_marking_refs": [amber if i % 8 == 0 else green]}
        last_infra = o["id"]
    elif k == 1:
        o = {"type": "domain-name", "spec_version": "2.1", "id": uid("domain-name"), "value": f"site{seed}-{i}.test", "object_marking_refs": [green]}
        last_domain = o["id"]
    elif k == 2:
        o = {"type": "relationship", "spec_version": "2.1", "id": uid("relationship"), "created": ts, "modified": ts, "relationship_type": "consists-of",
             "source_ref": last_infra, "target_ref": last_domain, "object_marking_refs": [green]}
    else:
        o = {"type": "indicator", "spec_version": "2.1", "id": uid("indicator"), "created": ts, "modified": ts, "name": f"Piracy domain {seed}-{i}",
             "pattern": f"[domain-name:value = 'site{seed}-{i}.test']", "pattern_type": "stix", "valid_from": ts, "object_marking_refs": [green]}
    out.write(("" if first else ",") + json.dumps(o, separators=(",", ":")))
    first = False
out.write("]}\n")
