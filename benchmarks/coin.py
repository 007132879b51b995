# Writes coin.ipynb: the experiment of coin.md as a Jupyter notebook, cell for cell.
import json
import sys

cells = [
    "import random\nrandom.seed(42)\nflips, bias = 10000, 0.5\n"
    "heads = sum(1 for _ in range(flips) if random.random() < bias)\nshare = heads / flips\n"
    "print('heads:', heads, 'of', flips)",
    "from IPython.display import HTML\nse = (bias * (1 - bias) / flips) ** 0.5\n"
    "rows = [('flips', flips), ('heads', heads), ('observed share', share), ('standard error', se),\n"
    "        ('z-score', (share - bias) / se)]\n"
    "HTML('<table>' + ''.join(f'<tr><td>{k}</td><td>{v:.5g}</td></tr>' for k, v in rows) + '</table>')",
    "sizes = [10, 100, 1000, 10000]\n"
    "HTML('<table>' + ''.join(f'<tr><td>{n}</td><td>{(bias * (1 - bias) / n) ** 0.5:.5g}</td></tr>' for n in sizes) + '</table>')",
    "print(f'The share of heads was {share:.2%}.')",
]
notebook = {
    "nbformat": 4,
    "nbformat_minor": 5,
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    "cells": [
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": source, "id": f"c{i}"}
        for i, source in enumerate(cells)
    ],
}
json.dump(notebook, open(sys.argv[1], "w"), indent=1)
