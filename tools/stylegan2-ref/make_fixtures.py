"""Writes the StyleGAN2 fixtures of @ganseg/stylegan from the PyTorch reference (stylegan2_ref.py).

For each tiny config, packages/stylegan/fixtures/<name>/ gets the same layout as the v1 fixtures
(tools/stylegan-ref/make_fixtures.py): model.json + weights.bin (the tfjs layout loadGenerator
reads), expected.json (config, batch, psi, cutoff, mixLayer, numLayers, numNoise, activation names,
every array's file and shape), and float32 little-endian arrays: z, mix_z, w, wplus, noise{i}
([N, r, r, 1], numLayers - 1 of them), every activation (NHWC), image_stored_noise, image_mix,
wplus_mix and the gradient check (grad_R, grad_dW, grad_dN{i}, grad_dd: directional derivatives of
mean(image * R) by float64 central differences).

Run: python3 tools/stylegan2-ref/make_fixtures.py   (deterministic; rerun after changing the reference)
"""

import os
import shutil
import sys

import numpy as np
import torch

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stylegan2_ref as ref  # noqa: E402  (puts ../stylegan-ref on sys.path)
import _common  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "packages", "stylegan", "fixtures")

CONFIGS = {
    # widths 32, 32, 16, 8 (in != out at the 16 and 32 px upsampling convs), 2 mapping layers.
    "sg2-res32": dict(
        cfg=dict(resolution=32, latentSize=32, dlatentSize=32, mappingLayers=2, mappingFmaps=32,
                 fmapBase=128, fmapMax=32),
        seed=11, batch=2, psi=0.7, cutoff=4, mix_layer=3),
    # latent != dlatent != mapping width, 8 mapping layers, conv clamp that binds.
    "sg2-res16": dict(
        cfg=dict(resolution=16, latentSize=16, dlatentSize=24, mappingLayers=8, mappingFmaps=20,
                 fmapBase=64, fmapMax=16, convClamp=2),
        seed=12, batch=2, psi=0.5, cutoff=8, mix_layer=2),
}


def expected_arrays(W, cfg, spec, seed_offset=100):
    """Inputs and expected outputs of one generator; returns (arrays, activation names)."""
    rng = np.random.default_rng(seed_offset + spec["seed"])
    N = spec["batch"]
    z = rng.standard_normal((N, cfg["latentSize"])).astype(np.float32)
    mix_z = rng.standard_normal((N, cfg["latentSize"])).astype(np.float32)
    noise = [rng.standard_normal((N, r, r, 1)).astype(np.float32) for _, _, r, _, _, _ in ref.conv_layers(cfg)]
    w = ref.mapping(W, cfg, z)
    wplus = ref.truncate(W, cfg, w, spec["psi"], spec["cutoff"])
    image, acts = ref.synthesis(W, cfg, wplus, noise)
    image_stored, _ = ref.synthesis(W, cfg, wplus, None)
    image_mix, _, wplus_mix = ref.generate(W, cfg, z, spec["psi"], spec["cutoff"], noise, mix_z, spec["mix_layer"])
    R = rng.standard_normal(image.shape).astype(np.float32)
    dW = rng.standard_normal(wplus.shape).astype(np.float32)
    dN = [rng.standard_normal(n.shape).astype(np.float32) for n in noise]

    # exact directional derivatives in float64 by torch autograd on the reference
    wp_t = torch.tensor(wplus, dtype=torch.float64, requires_grad=True)
    nz_t = [torch.tensor(n, dtype=torch.float64).permute(0, 3, 1, 2).contiguous().requires_grad_(True) for n in noise]
    img_t, _ = ref.synthesis_t(W, cfg, wp_t, nz_t)
    (img_t.permute(0, 2, 3, 1) * torch.tensor(R, dtype=torch.float64)).mean().backward()
    dd_w = float((wp_t.grad * torch.tensor(dW, dtype=torch.float64)).sum())
    dd_n = float(sum((g.grad.permute(0, 2, 3, 1) * torch.tensor(d, dtype=torch.float64)).sum() for g, d in zip(nz_t, dN)))
    arrays = {"grad_R": R, "grad_dW": dW, "grad_dd": np.array([dd_w, dd_n], np.float32),
              "z": z, "mix_z": mix_z, "w": w, "wplus": wplus, "wplus_mix": wplus_mix,
              "image_stored_noise": image_stored, "image_mix": image_mix}
    for i, n in enumerate(noise):
        arrays[f"noise{i}"] = n
        arrays[f"grad_dN{i}"] = dN[i]
    for k, v in acts.items():
        arrays["act/" + k] = v
    return arrays, list(acts.keys())


def write_expected(d, cfg, spec, arrays, names):
    _common.write_expected(d, arrays, {
        "config": cfg, "batch": spec["batch"], "psi": spec["psi"], "cutoff": spec["cutoff"],
        "mixLayer": spec["mix_layer"], "numLayers": ref.num_layers(cfg),
        "numNoise": len(ref.conv_layers(cfg)), "activationNames": names})


def main():
    total = 0
    for name, spec in CONFIGS.items():
        cfg = ref.make_config(**spec["cfg"])
        d = os.path.join(OUT, name)
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        W = ref.random_weights(cfg, spec["seed"], init="test")
        _common.write_tfjs(d, cfg, ref.weight_spec(cfg), W, "tools/stylegan2-ref/make_fixtures.py")
        arrays, names = expected_arrays(W, cfg, spec)
        write_expected(d, cfg, spec, arrays, names)
        size = _common.dir_size(d)
        total += size
        img = arrays["act/image"]
        print(f"{name}: {len(arrays)} arrays, {size / 1024:.0f} KiB; image range [{img.min():.3f}, {img.max():.3f}]; "
              f"grad dd {arrays['grad_dd']}")
    print(f"total {total / 1024:.0f} KiB")
    assert total < 2 * 1024 * 1024


if __name__ == "__main__":
    main()
