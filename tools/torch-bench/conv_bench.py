#!/usr/bin/env python3
"""PyTorch CPU reference timings for tools/bench (conv2d forward and both gradients).

Usage: conv_bench.py '<json list of cases>' [--threads N] [--runs R] [--nchw]
(channels_last by default, ganseg's NHWC layout)
A case: {"name": ..., "n": 1, "h": 64, "w": 64, "ci": 64, "co": 64, "k": 3, "stride": 1,
         "dilation": 1, "groups": 1, "op": "forward" | "grad_input" | "grad_filter"}
(groups = ci = co is a depthwise convolution)
Prints one JSON object a line: {"name", "backend": "torch-cpu", "threads", "median_ms", "torch"}.
Same methodology as tools/bench: warm-up runs, then the median of R timed runs.
"""
import json
import statistics
import sys
import time

import torch


def _pad(k, d):
    # 'same' for stride 1 and odd k; for stride 2 it matches tfjs 'same' up to one row/column.
    return (k - 1) * d // 2


def _case(c, runs):
    n, h, w, ci, co, k = c["n"], c["h"], c["w"], c["ci"], c["co"], c["k"]
    s, d, groups = c.get("stride", 1), c.get("dilation", 1), c.get("groups", 1)
    g = torch.Generator().manual_seed(0)
    x = torch.randn(n, ci, h, w, generator=g)
    wt = torch.randn(co, ci // groups, k, k, generator=g)
    p = _pad(k, d)
    if CHANNELS_LAST:  # NHWC activations, as ganseg's; PyTorch's fastest CPU layout for these
        x = x.contiguous(memory_format=torch.channels_last)
        wt = wt.contiguous(memory_format=torch.channels_last)
    y = torch.nn.functional.conv2d(x, wt, None, s, p, d, groups)
    dy = torch.randn(y.shape, generator=g)
    if CHANNELS_LAST:
        dy = dy.contiguous(memory_format=torch.channels_last)
    op = c["op"]
    if op == "forward":
        fn = lambda: torch.nn.functional.conv2d(x, wt, None, s, p, d, groups)
    else:
        mask = [op == "grad_input", op == "grad_filter", False]
        fn = lambda: torch.ops.aten.convolution_backward(dy, x, wt, None, [s, s], [p, p], [d, d], False, [0, 0], groups, mask)
    with torch.no_grad():
        for _ in range(3):
            fn()
        ts = []
        for _ in range(runs):
            t0 = time.perf_counter()
            fn()
            ts.append((time.perf_counter() - t0) * 1000)
    return statistics.median(ts)


CHANNELS_LAST = "--nchw" not in sys.argv


def main():
    cases = json.loads(sys.argv[1])
    threads = int(sys.argv[sys.argv.index("--threads") + 1]) if "--threads" in sys.argv else 1
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 7
    torch.set_num_threads(threads)
    for c in cases:
        ms = _case(c, runs)
        print(json.dumps({"name": c["name"], "backend": "torch-cpu", "threads": threads, "layout": "channels_last" if CHANNELS_LAST else "nchw", "median_ms": round(ms, 3), "torch": torch.__version__}), flush=True)


if __name__ == "__main__":
    main()
