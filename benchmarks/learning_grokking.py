"""One grokking run in numpy — the same algorithm as Learning's ModularAdditionMLP.

Addition mod 59, 40% of the pairs for training, embeddings of a and b (59 x 256) summed into
256 ReLU units, a linear layer to 59 logits; full-batch AdamW (lr 3e-3, weight decay 1,
betas 0.9 / 0.98), float32. Prints: name, seconds for STEPS steps, final train and test
accuracy. Steps from argv[1] (default 3000); thread count from OPENBLAS_NUM_THREADS."""
import os
import sys
import time

import numpy as np

p, hidden, lr, wd, beta1, beta2, eps = 59, 256, 3e-3, 1.0, 0.9, 0.98, 1e-8
steps = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
rng = np.random.default_rng(1)
a_all, b_all = np.divmod(np.arange(p * p), p)
y_all = (a_all + b_all) % p
order = rng.permutation(p * p)
cut = p * p * 2 // 5
train, test = order[:cut], order[cut:]
a, b, y = a_all[train], b_all[train], y_all[train]
params = [
    (rng.standard_normal((p, hidden)) / np.sqrt(2)).astype(np.float32),
    (rng.standard_normal((p, hidden)) / np.sqrt(2)).astype(np.float32),
    np.zeros((1, hidden), np.float32),
    (rng.standard_normal((hidden, p)) / np.sqrt(hidden)).astype(np.float32),
    np.zeros((1, p), np.float32),
]
first = [np.zeros_like(w) for w in params]
second = [np.zeros_like(w) for w in params]
n = len(y)
rows = np.arange(n)
one_hot_a = np.zeros((p, n), np.float32)
one_hot_a[a, rows] = 1
one_hot_b = np.zeros((p, n), np.float32)
one_hot_b[b, rows] = 1


def logits(ea, eb, b1, w_out, b2, aa, bb):
    return np.maximum(ea[aa] + eb[bb] + b1, 0) @ w_out + b2


def accuracy(indices):
    scores = logits(*params, a_all[indices], b_all[indices])
    return float(np.mean(scores.argmax(axis=1) == y_all[indices]))


start = time.perf_counter()
for step in range(1, steps + 1):
    ea, eb, b1, w_out, b2 = params
    pre = ea[a] + eb[b] + b1
    act = np.maximum(pre, 0)
    scores = act @ w_out + b2
    scores -= scores.max(axis=1, keepdims=True)
    np.exp(scores, out=scores)
    scores /= scores.sum(axis=1, keepdims=True) * n
    scores[rows, y] -= 1 / n
    g_out = act.T @ scores
    g_b2 = scores.sum(axis=0, keepdims=True)
    g_hidden = (scores @ w_out.T) * (pre > 0)
    # The scatter-add through one-hot matrices and GEMM: 4x faster here than np.add.at.
    g_ea = one_hot_a @ g_hidden
    g_eb = one_hot_b @ g_hidden
    grads = [g_ea, g_eb, g_hidden.sum(axis=0, keepdims=True), g_out, g_b2]
    c1, c2 = 1 - beta1**step, 1 - beta2**step
    for w, g, m, v in zip(params, grads, first, second):
        m *= beta1
        m += (1 - beta1) * g
        v *= beta2
        v += (1 - beta2) * g * g
        w -= lr * wd * w
        w -= lr * (m / c1) / (np.sqrt(v / c2) + eps)
seconds = time.perf_counter() - start
threads = os.environ.get("OPENBLAS_NUM_THREADS", "1")
print(f"numpy-grokking-{threads}t {seconds:.4f} {accuracy(train):.3f} {accuracy(test):.3f}")
