#!/usr/bin/python3
"""Exact Hamming range search, side by side: faiss IndexBinaryFlat and IndexBinaryMultiHash(256, 16, 16) against
`isop hash-match` (multi-index, and --exhaustive), on the same random bank and queries, one thread each.
Usage: /usr/bin/python3 bench/compare-faiss.py [BANK_SIZE] [QUERIES]   (defaults 1,000,000 and 4,000)"""
import json, os, subprocess, sys, tempfile, time
import numpy as np
import faiss

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
q = int(sys.argv[2]) if len(sys.argv) > 2 else 4_000
radius = 31
here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rng = np.random.default_rng(20261124)
faiss.omp_set_num_threads(1)

bank = rng.integers(0, 256, size=(n, 32), dtype=np.uint8)
# Half the queries are near-duplicates of bank hashes (2–40 bits flipped), half random.
queries = rng.integers(0, 256, size=(q, 32), dtype=np.uint8)
for i in range(0, q, 2):
    row = bank[rng.integers(0, n)].copy()
    bits = np.unpackbits(row)
    flip = rng.choice(256, size=int(rng.integers(2, 41)), replace=False)
    bits[flip] ^= 1
    queries[i] = np.packbits(bits)

def hexes(rows):
    return [r.tobytes().hex() for r in rows]

def faiss_run(index, label):
    index.add(bank)
    start = time.perf_counter()
    lims, dist, ids = index.range_search(queries, radius + 1)  # faiss keeps distances strictly below the radius
    elapsed = time.perf_counter() - start
    results = [sorted(zip(dist[lims[i]:lims[i + 1]].tolist(), ids[lims[i]:lims[i + 1]].tolist())) for i in range(q)]
    print(f"{label:<28} {q / elapsed:>10,.0f} queries/s")
    return results, q / elapsed

flat, flat_rate = faiss_run(faiss.IndexBinaryFlat(256), "faiss IndexBinaryFlat")
mh = faiss.IndexBinaryMultiHash(256, 16, 16)
mh.nflip = 1  # probe every block at distance <= 1: exact for radius 31
multi, multi_rate = faiss_run(mh, "faiss IndexBinaryMultiHash")
assert multi == flat, "faiss MultiHash and Flat disagree"

with tempfile.TemporaryDirectory() as tmp:
    subprocess.run(["dotnet", "build", "-c", "Release", os.path.join(here, "src", "Isop"), "-o", f"{tmp}/bin"], check=True, stdout=subprocess.DEVNULL)
    with open(f"{tmp}/bank.txt", "w") as f:
        f.write("\n".join(hexes(bank)) + "\n")
    with open(f"{tmp}/queries.txt", "w") as f:
        f.write("\n".join(hexes(queries)) + "\n")
    isop = ["taskset", "-c", "0", "dotnet", f"{tmp}/bin/isop.dll", "hash-match", "--radius", str(radius), "--json"]
    subprocess.run(isop + ["--bank", f"{tmp}/bank.txt", "--save-bank", f"{tmp}/bank.bin"], check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)

    def isop_run(extra, label):
        # isop reports its own load and search times (--timing), so process start and the bank load are not counted.
        with open(f"{tmp}/queries.txt") as qin:
            done = subprocess.run(isop + ["--bank", f"{tmp}/bank.bin", "--timing"] + extra, check=True, stdin=qin, capture_output=True, text=True)
        out = done.stdout
        timing = done.stderr.strip().splitlines()[-1].split()
        load, elapsed = float(timing[5]), float(timing[-2])
        rows = [json.loads(l) for l in out.splitlines()]
        results = [sorted((m["distance"], int(m["id"])) for m in r["matches"]) for r in rows]
        print(f"{label:<28} {q / elapsed:>10,.0f} queries/s   (bank load and index build {load:.2f} s, not counted)")
        return results, q / elapsed

    mih, mih_rate = isop_run([], "isop multi-index")
    brute, brute_rate = isop_run(["--exhaustive"], "isop exhaustive")

identical = mih == flat and brute == flat
matches = sum(len(r) for r in flat)
print(f"bank {n:,} random 256-bit hashes, {q:,} queries (half near-duplicates), radius {radius}: {matches:,} matches")
print(f"identical results: {'yes' if identical else 'NO'}")
print(f"isop multi-index / faiss MultiHash: {mih_rate / multi_rate:,.1f}x")
print(f"isop exhaustive / faiss Flat:       {brute_rate / flat_rate:,.1f}x")
sys.exit(0 if identical else 1)
