"""What the StyleGAN (v1, this folder) and StyleGAN2 (tools/stylegan2-ref) fixture writers share:
config checks, the width and layer-count formulas, and the fixture files (model.json + weights.bin in
the tfjs layout loadGenerator reads; float32 little-endian arrays indexed by expected.json).

Imported by stylegan_ref.py, make_fixtures.py and ../stylegan2-ref/*.py; never at run time.
"""

import json
import math
import os
import shutil

import numpy as np

# The repository root, and the folder of @ganseg/stylegan's fixtures (both fixture writers write there).
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
STYLEGAN_FIXTURES = os.path.join(ROOT, "packages", "stylegan", "fixtures")

# The official StyleGAN (v1, FFHQ) generator config, camelCase as StyleGANConfig; StyleGAN2 config-f
# changes fmapBase (16384) and adds architecture and convClamp.
OFFICIAL = dict(
    resolution=1024,
    latentSize=512,
    dlatentSize=512,
    mappingLayers=8,
    mappingFmaps=512,
    mappingLrmul=0.01,
    fmapBase=8192,
    fmapDecay=1.0,
    fmapMax=512,
    numChannels=3,
    fusedScaleFrom=128,
)


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


def expected_arrays(ref, W, cfg, spec, noise_res, directional, seed_offset=100):
    """Inputs and expected outputs of one generator of the reference module `ref`: z, mix_z, w, wplus,
    noise{i} ([N, r, r, 1] for r in noise_res), activations, image_stored_noise, image_mix, wplus_mix
    and the gradient check (grad_R, grad_dW, grad_dN{i}, grad_dd = directional(wplus, noise, R, dW, dN):
    the derivatives of mean(image * R) along dW in W+ and dN in the noise). Returns (arrays, activation
    names)."""
    rng = np.random.default_rng(seed_offset + spec["seed"])
    N = spec["batch"]
    z = rng.standard_normal((N, cfg["latentSize"])).astype(np.float32)
    mix_z = rng.standard_normal((N, cfg["latentSize"])).astype(np.float32)
    noise = [rng.standard_normal((N, r, r, 1)).astype(np.float32) for r in noise_res]
    w = ref.mapping(W, cfg, z)
    wplus = ref.truncate(W, cfg, w, spec["psi"], spec["cutoff"])
    image, acts = ref.synthesis(W, cfg, wplus, noise)
    image_stored, _ = ref.synthesis(W, cfg, wplus, None)
    image_mix, _, wplus_mix = ref.generate(W, cfg, z, spec["psi"], spec["cutoff"], noise, mix_z, spec["mix_layer"])
    R = rng.standard_normal(image.shape).astype(np.float32)
    dW = rng.standard_normal(wplus.shape).astype(np.float32)
    dN = [rng.standard_normal(n.shape).astype(np.float32) for n in noise]
    dd_w, dd_n = directional(wplus, noise, R, dW, dN)
    arrays = {"grad_R": R, "grad_dW": dW, "grad_dd": np.array([dd_w, dd_n], np.float32),
              "z": z, "mix_z": mix_z, "w": w, "wplus": wplus, "wplus_mix": wplus_mix,
              "image_stored_noise": image_stored, "image_mix": image_mix}
    for i, n in enumerate(noise):
        arrays[f"noise{i}"] = n
        arrays[f"grad_dN{i}"] = dN[i]
    for k, v in acts.items():
        arrays["act/" + k] = v
    return arrays, list(acts.keys())


def write_fixtures(out, configs, ref, by, write_one):
    """For each name -> spec of `configs`: a fresh out/<name>/ with model.json + weights.bin of
    ref.random_weights(cfg, spec['seed'], init='test'), then write_one(d, cfg, spec, W) -> arrays;
    prints sizes and asserts the total stays under 2 MiB."""
    total = 0
    for name, spec in configs.items():
        cfg = ref.make_config(**spec["cfg"])
        d = os.path.join(out, name)
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        W = ref.random_weights(cfg, spec["seed"], init="test")
        write_tfjs(d, cfg, ref.weight_spec(cfg), W, by)
        arrays = write_one(d, cfg, spec, W)
        size = dir_size(d)
        total += size
        img = arrays["act/image"]
        print(f"{name}: {len(arrays)} arrays, {size / 1024:.0f} KiB; image range [{img.min():.3f}, {img.max():.3f}]; "
              f"grad dd {arrays['grad_dd']}")
    print(f"total {total / 1024:.0f} KiB")
    assert total < 2 * 1024 * 1024
