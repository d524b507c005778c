"""What the StyleGAN (v1, this folder) and StyleGAN2 (tools/stylegan2-ref) fixture writers share:
config checks, the width and layer-count formulas, and the fixture files (model.json + weights.bin in
the tfjs layout loadGenerator reads; float32 little-endian arrays indexed by expected.json).

Imported by stylegan_ref.py, make_fixtures.py and ../stylegan2-ref/*.py; never at run time.
"""

import json
import math
import os

import numpy as np


def make_config(defaults, kw, min_res):
    """`defaults` with `kw` overriding keys; raises on unknown keys or a resolution that is not a
    power of two in min_res..1024."""
    unknown = set(kw) - set(defaults)
    if unknown:
        raise KeyError(f"unknown config keys {sorted(unknown)}")
    cfg = dict(defaults)
    cfg.update(kw)
    r = cfg["resolution"]
    if r < min_res or r > 1024 or (r & (r - 1)) != 0:
        raise ValueError(f"resolution must be a power of two in {min_res}..1024, got {r}")
    return cfg


def nf(cfg, stage):
    return min(int(cfg["fmapBase"] / (2.0 ** (stage * cfg["fmapDecay"]))), cfg["fmapMax"])


def log2res(cfg):
    return int(round(math.log2(cfg["resolution"])))


def num_layers(cfg):
    return 2 * log2res(cfg) - 2


def write_tfjs(dirname, cfg, spec, W, by):
    """model.json + weights.bin: the weights of `spec` ([(name, shape)]) in order, float32 LE."""
    buf = b"".join(np.ascontiguousarray(W[n], dtype="<f4").tobytes() for n, _ in spec)
    with open(os.path.join(dirname, "weights.bin"), "wb") as f:
        f.write(buf)
    model = {
        "format": "ganseg-stylegan",
        "generatedBy": by,
        "config": cfg,
        "weightsManifest": [{
            "paths": ["weights.bin"],
            "weights": [{"name": n, "shape": list(s), "dtype": "float32"} for n, s in spec],
        }],
    }
    with open(os.path.join(dirname, "model.json"), "w") as f:
        json.dump(model, f, indent=1)


def write_expected(d, arrays, index):
    """Each array as <key with / as _>.bin (float32 LE); expected.json = index + {files}."""
    files = {}
    for k, v in arrays.items():
        fn = k.replace("/", "_") + ".bin"
        with open(os.path.join(d, fn), "wb") as f:
            f.write(np.ascontiguousarray(v, dtype="<f4").tobytes())
        files[k] = {"file": fn, "shape": list(v.shape)}
    with open(os.path.join(d, "expected.json"), "w") as f:
        json.dump({**index, "files": files}, f, indent=1)
    return files


def dir_size(d):
    return sum(os.path.getsize(os.path.join(d, x)) for x in os.listdir(d))
