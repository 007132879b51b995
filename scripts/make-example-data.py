#!/usr/bin/env python3
"""Writes notebooks/data/forecasts.csv, the small data set `notebooks/reading-data.md` reads.

Made by the project, not collected: 240 yes/no questions whose true chance p is drawn uniformly
from [0.03, 0.97]; a forecaster who is overconfident states logistic(1.6 * logit(p)), rounded
to a whole percent; each question resolves yes with probability p. Seeded, so the file is the
same on every run: `python3 scripts/make-example-data.py` rewrites it byte for byte.
"""
import math
import random
from pathlib import Path

rng = random.Random(20261212)
rows = ["question,month,forecast,outcome"]
for question in range(1, 241):
    p = rng.uniform(0.03, 0.97)
    stated = 1 / (1 + math.exp(-1.6 * math.log(p / (1 - p))))
    forecast = min(0.99, max(0.01, round(stated, 2)))
    outcome = 1 if rng.random() < p else 0
    month = f"2026-{(question - 1) // 20 + 1:02d}"
    rows.append(f"Q{question:03d},{month},{forecast:.2f},{outcome}")
target = Path(__file__).resolve().parent.parent / "notebooks" / "data" / "forecasts.csv"
target.write_text("\n".join(rows) + "\n", encoding="utf-8")
print(f"wrote {target} ({target.stat().st_size} bytes, {len(rows) - 1} forecasts)")
