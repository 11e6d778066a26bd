#!/usr/bin/env python3
"""Files generated events as bronze objects by event hour, in the original pipeline's layout.

Reads newline-delimited JSON events (the output of `playstream generate --out FILE`) and writes
each line, unchanged, to `bronze/date=YYYY-MM-DD/hour=HH/spotify_events_<YYYY-MM-DDTHH-MM-SS>.json`
under LAKE, by the UTC hour of the event's own `timestamp` (the generator writes UTC `...Z`
instants), at most LINES lines per object. Events of the hour HOLD_BACK (ISO, e.g.
2025-12-04T00) go under HELD instead, so they can be loaded later as "one more hour".

Usage: split_hours.py EVENTS_FILE LAKE HELD HOLD_BACK [LINES]
Standard library only; the timestamp is found by text, not by parsing the JSON, to keep 10
million lines quick.
"""
import os
import sys

MARKER = '"timestamp":"'


def hour_of(line):
    start = line.find(MARKER)
    if start < 0:
        raise ValueError("no timestamp in line: " + line[:200])
    start += len(MARKER)
    return line[start:start + 13]  # YYYY-MM-DDTHH


def main(events_file, lake, held, hold_back, lines_per_object=100_000):
    open_files = {}  # hour -> (file, lines written, object index)
    counts = {"objects": 0, "lines": 0, "held": 0}

    def target(hour):
        entry = open_files.get(hour)
        if entry is not None and entry[1] < lines_per_object:
            return entry
        if entry is not None:
            entry[0].close()
        index = 0 if entry is None else entry[2] + 1
        root = held if hour == hold_back else lake
        day, hh = hour.split("T")
        folder = os.path.join(root, "bronze", "date=" + day, "hour=" + hh)
        os.makedirs(folder, exist_ok=True)
        # the legacy name carries a wall clock: one second per object keeps names unique and ordered
        name = "spotify_events_%s-%02d-%02d.json" % (hour, index // 60, index % 60)
        entry = [open(os.path.join(folder, name), "w", encoding="utf-8", newline="\n"), 0, index]
        open_files[hour] = entry
        counts["objects"] += 1
        return entry

    with open(events_file, encoding="utf-8") as events:
        for line in events:
            if not line.strip():
                continue
            hour = hour_of(line)
            entry = target(hour)
            entry[0].write(line if line.endswith("\n") else line + "\n")
            entry[1] += 1
            counts["lines"] += 1
            if hour == hold_back:
                counts["held"] += 1
    for entry in open_files.values():
        entry[0].close()
    print("split %(lines)d events into %(objects)d objects, %(held)d held back" % counts)


if __name__ == "__main__":
    if len(sys.argv) not in (5, 6):
        sys.exit(__doc__)
    main(*sys.argv[1:5], *(int(a) for a in sys.argv[5:]))
