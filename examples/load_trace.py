# Load a VirtioSim trace (sim run SCENARIO --trace run.trace) with python3-msgpack; see docs/trace-format.md.
import collections, sys, msgpack
with open(sys.argv[1] if len(sys.argv) > 1 else "run.trace", "rb") as f:
    records = msgpack.Unpacker(f, raw=False, strict_map_key=False)
    header = next(records)
    counts = collections.Counter()
    for tag, time_ps, *rest in records:
        counts[header["kinds"][rest[2]] if tag == 0 else "write " + header["regions"][rest[1]][2]] += 1
print(header["scenario"], header["seed"], header["events"], "events,", header["writes"], "writes")
for what, n in counts.most_common(10): print(f"{n:>10}  {what}")
