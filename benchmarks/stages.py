# Runs cold renders of a notebook with LEMMA_STAGE_TIMES=1 and prints, for each stage mark
# lemma printed, its median time from the moment lemma was started (and the whole run's).
#   python3 stages.py LEMMA NOTEBOOK RUNS [COMMAND...]
# COMMAND, when given, runs before each render (render.sh's renders follow nbconvert).
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

lemma, notebook, runs, before = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
work = tempfile.mkdtemp()
marks, order, totals = {}, [], []
try:
    shutil.copy(notebook, work)
    name = os.path.basename(notebook)
    for _ in range(runs):
        if before:
            subprocess.run(before, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for folder in ("cache", "out"):
            shutil.rmtree(os.path.join(work, folder), ignore_errors=True)
        environment = dict(os.environ, LEMMA_STAGE_TIMES="1")
        start = time.monotonic() * 1000
        run = subprocess.run(
            [lemma, "render", name, "--output", "out", "--cache", "cache"],
            cwd=work, env=environment, capture_output=True, text=True)
        totals.append(time.monotonic() * 1000 - start)
        if run.returncode != 0:
            sys.exit(f"lemma render failed:\n{run.stdout}{run.stderr}")
        seen = set()
        for line in run.stderr.splitlines():
            parts = line.split(" ", 2)
            if len(parts) < 3 or parts[0] != "lemma-stage" or parts[2] in seen:
                continue
            seen.add(parts[2])
            if parts[2] not in marks:
                marks[parts[2]] = []
                order.append(parts[2])
            marks[parts[2]].append(float(parts[1]) - start)
finally:
    shutil.rmtree(work, ignore_errors=True)
rows = sorted(order, key=lambda mark: statistics.median(marks[mark]))
for mark in rows:
    print(f"| {mark} | {statistics.median(marks[mark]):.1f} ms |")
print(f"| lemma ended | {statistics.median(totals):.1f} ms |")
