#!/usr/bin/python3
"""NumPy reference for @ganseg/metrics' kernelDistance (KID, Bińkowski et al. 2018).

Writes packages/metrics/fixtures/kid-reference.json: seeded random feature sets (same and shifted
distributions, several sizes, dims and block counts) with the unbiased MMD^2 under the kernel
k(x, y) = (x.y / d + 1)^3 that NumPy computes from the kernel matrices, block by block.
The vitest test `kernel-distance.test.ts` matches each within 1e-9 (relative).

Run: /usr/bin/python3 tools/metrics-ref/make_kid.py   (from the repository root; seeded)
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'packages', 'metrics',
                   'fixtures', 'kid-reference.json')


def mmd2(x, y):
    d = x.shape[1]
    kxx = (x @ x.T / d + 1) ** 3
    kyy = (y @ y.T / d + 1) ** 3
    kxy = (x @ y.T / d + 1) ** 3
    m, n = len(x), len(y)
    return ((kxx.sum() - np.trace(kxx)) / (m * (m - 1)) + (kyy.sum() - np.trace(kyy)) / (n * (n - 1))
            - 2 * kxy.mean())


def kid(x, y, blocks):
    m, n = len(x) // blocks, len(y) // blocks
    est = [mmd2(x[k * m:(k + 1) * m], y[k * n:(k + 1) * n]) for k in range(blocks)]
    return float(np.mean(est)), float(np.std(est, ddof=1)) if blocks > 1 else 0.0


def main():
    rng = np.random.default_rng(20261203)
    cases = []
    for name, na, nb, d, shift, blocks in [
        ('same-distribution', 60, 50, 8, 0.0, 1),
        ('shifted', 40, 40, 16, 0.5, 1),
        ('shifted-blocks', 90, 75, 32, 0.3, 3),
        ('relu-like features', 30, 45, 64, 0.0, 2),
    ]:
        a = rng.normal(size=(na, d))
        b = rng.normal(size=(nb, d)) + shift
        if name.startswith('relu'):
            a, b = np.maximum(a, 0), np.maximum(b * 1.2, 0)
        a = a.astype(np.float32).astype(np.float64)  # the test passes float32 rows
        b = b.astype(np.float32).astype(np.float64)
        k, s = kid(a, b, blocks)
        cases.append({'name': name, 'blocks': blocks, 'a': a.tolist(), 'b': b.tolist(), 'kid': k, 'std': s})
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, 'w') as f:
        json.dump({'generator': 'tools/metrics-ref/make_kid.py', 'cases': cases}, f)
    print(f'wrote {len(cases)} cases to {os.path.relpath(OUT)}')


if __name__ == '__main__':
    main()
