"""One SAE training epoch in numpy — the same algorithm as Learning's SparseAutoencoder.

Data: sums of K=512 random unit directions in d=64 (frequencies log-uniform in [5e-4, 2e-2],
magnitudes uniform in (0, 1)); SAE with 1024 latents, λ=0.1, batch 1024, Adam lr 3e-3; an
epoch is 100 steps. Prints: name, seconds per epoch (best of 3), final loss.
Thread count from OPENBLAS_NUM_THREADS."""
import os
import time

import numpy as np

d, k, m, batch, steps, lam, lr = 64, 512, 1024, 1024, 300, 0.1, 3e-3
rng = np.random.default_rng(0)
directions = rng.standard_normal((k, d)).astype(np.float32)
directions /= np.linalg.norm(directions, axis=1, keepdims=True)
frequencies = np.exp(rng.uniform(np.log(5e-4), np.log(2e-2), k)).astype(np.float32)
data = np.empty((steps * batch, d), np.float32)
for step in range(steps):
    active = rng.random((batch, k), dtype=np.float32) < frequencies
    magnitudes = rng.random((batch, k), dtype=np.float32) * active
    data[step * batch:(step + 1) * batch] = magnitudes @ directions


def epoch():
    r = np.random.default_rng(1)
    w_dec = r.standard_normal((m, d)).astype(np.float32)
    w_dec /= np.linalg.norm(w_dec, axis=1, keepdims=True)
    params = [w_dec.T.copy(), np.zeros((1, m), np.float32), w_dec, np.zeros((1, d), np.float32)]
    first = [np.zeros_like(p) for p in params]
    second = [np.zeros_like(p) for p in params]
    b1, b2, eps = 0.9, 0.999, 1e-8
    loss = 0.0
    for step in range(steps):
        x_in = data[step * batch:(step + 1) * batch]
        w_enc, b_enc, w_dec, b_dec = params
        x = x_in - b_dec
        pre = x @ w_enc + b_enc
        f = np.maximum(pre, 0)
        out = f @ w_dec + b_dec
        diff = out - x_in
        loss = float((diff * diff).sum() / batch + lam * f.sum() / batch)
        g_out = 2 * diff / batch
        g_dec = f.T @ g_out
        g_f = g_out @ w_dec.T + lam / batch
        g_f *= pre > 0
        g_enc = x.T @ g_f
        g_benc = g_f.sum(axis=0, keepdims=True)
        g_bdec = g_out.sum(axis=0, keepdims=True) - g_benc @ w_enc.T
        g_dec -= (g_dec * w_dec).sum(axis=1, keepdims=True) * w_dec
        grads = [g_enc, g_benc, g_dec, g_bdec]
        t = step + 1
        for i, (p, g) in enumerate(zip(params, grads)):
            first[i] = b1 * first[i] + (1 - b1) * g
            second[i] = b2 * second[i] + (1 - b2) * g * g
            p -= lr * (first[i] / (1 - b1**t)) / (np.sqrt(second[i] / (1 - b2**t)) + eps)
        params[2] /= np.linalg.norm(params[2], axis=1, keepdims=True)
    return loss


threads = os.environ.get("OPENBLAS_NUM_THREADS", str(os.cpu_count()))
best, loss = float("inf"), 0.0
for _ in range(2):
    start = time.perf_counter()
    loss = epoch()
    best = min(best, time.perf_counter() - start)
print(f"numpy-sae-epoch-{threads}t {best:.4f} {loss:.4f}")
