#!/usr/bin/env python3
"""Summarises a JFR recording of the IM server: where CPU and allocation go, which threads wait, GC pauses.

    im-bench/scripts/jfr-summary.py server.jfr [collapsed-stacks.txt]

Reads `jfr print --json` (the JDK's jfr tool on PATH). CPU: jdk.ExecutionSample, top frames (self) and
inclusive frames of our code, by thread group. Allocation: jdk.ObjectAllocationSample weighted by its sample
weight, by first frame of our code and by class. GC: jdk.GarbageCollection pauses. With a second argument it
writes the CPU samples as collapsed stacks (one "frame;frame;... count" line each, root first) for any
flame-graph renderer.
"""
import collections
import json
import re
import subprocess
import sys

OURS = "io.imstarter."


def events(recording, names):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", ",".join(names), recording],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["recording"]["events"]


def frame_name(frame):
    method = frame["method"]
    return (method["type"]["name"] + "." + method["name"]).replace("/", ".")


def frames(event):
    trace = event["values"].get("stackTrace") or {}
    return [frame_name(f) for f in trace.get("frames") or []]


def thread_group(event, key):
    thread = event["values"].get(key) or {}
    name = thread.get("javaName") or thread.get("osName") or "?"
    return re.sub(r"-\d+-\d+$", "-N", name)


def table(title, counter, total, limit=15, unit="samples"):
    print(f"\n{title} (total {total:,.0f} {unit})")
    for key, value in counter.most_common(limit):
        print(f"  {100.0 * value / total:5.1f} %  {key}")


def main():
    recording = sys.argv[1]
    samples = events(recording, ["jdk.ExecutionSample"])
    total = len(samples)
    self_frames, ours_incl, all_incl, threads, ours_first = (collections.Counter() for _ in range(5))
    collapsed = collections.Counter()
    for event in samples:
        stack = frames(event)
        if not stack:
            continue
        self_frames[stack[0]] += 1
        threads[thread_group(event, "sampledThread")] += 1
        for name in set(stack):
            all_incl[name] += 1
            if name.startswith(OURS):
                ours_incl[name] += 1
        first = next((n for n in stack if n.startswith(OURS)), "(no io.imstarter frame)")
        ours_first[first] += 1
        collapsed[thread_group(event, "sampledThread") + ";" + ";".join(reversed(stack))] += 1
    table("CPU by thread group", threads, total)
    table("CPU, top frames (self)", self_frames, total)
    table("CPU, nearest io.imstarter frame", ours_first, total)
    table("CPU, io.imstarter frames (inclusive)", ours_incl, total, 25)
    table("CPU, any frame (inclusive)", all_incl, total, 40)

    allocations = events(recording, ["jdk.ObjectAllocationSample"])
    weight = sum(e["values"]["weight"] for e in allocations) or 1
    by_class, by_site, by_thread = (collections.Counter() for _ in range(3))
    for event in allocations:
        w = event["values"]["weight"]
        by_class[event["values"]["objectClass"]["name"].replace("/", ".")] += w
        stack = frames(event)
        by_site[next((n for n in stack if n.startswith(OURS)), stack[0] if stack else "?")] += w
        by_thread[thread_group(event, "eventThread")] += w
    table("Allocation by thread group", by_thread, weight, unit="bytes sampled")
    table("Allocation by class", by_class, weight, unit="bytes sampled")
    table("Allocation by nearest io.imstarter frame", by_site, weight, 20, unit="bytes sampled")

    waits = events(recording, ["jdk.ThreadPark", "jdk.JavaMonitorEnter"])
    waited, count = collections.Counter(), collections.Counter()
    for event in waits:
        key = event["type"].split(".")[-1] + " " + thread_group(event, "eventThread")
        waited[key] += _millis(event["values"]["duration"])
        count[key] += 1
    print("\nWaits over the recording's threshold (jdk.ThreadPark, jdk.JavaMonitorEnter), by thread group")
    for key, millis in waited.most_common(12):
        print(f"  {millis:10.0f} ms in {count[key]:6d} waits  {key}")

    pauses = events(recording, ["jdk.GarbageCollection"])
    durations = sorted(_millis(e["values"]["sumOfPauses"]) for e in pauses)
    causes = collections.Counter(e["values"]["cause"] for e in pauses)
    if durations:
        print(f"\nGC: {len(durations)} collections, pauses total {sum(durations):.1f} ms, "
              f"median {durations[len(durations) // 2]:.1f} ms, max {durations[-1]:.1f} ms; causes {dict(causes)}")

    if len(sys.argv) > 2:
        with open(sys.argv[2], "w") as out:
            for stack, count in sorted(collapsed.items()):
                out.write(f"{stack} {count}\n")


def _millis(duration):
    """JFR JSON durations look like 'PT0.004512S'."""
    match = re.fullmatch(r"PT(?:(\d+)M)?([\d.]+)S", duration)
    return (int(match.group(1) or 0) * 60 + float(match.group(2))) * 1000 if match else 0.0


if __name__ == "__main__":
    main()
