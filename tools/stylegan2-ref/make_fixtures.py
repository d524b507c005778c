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
import sys

import numpy as np
import torch

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stylegan2_ref as ref  # noqa: E402  (puts ../stylegan-ref on sys.path)
import _common  # noqa: E402

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


def directional(W, cfg):
    """Exact directional derivatives of mean(image * R) in float64, by torch autograd on the reference."""

    def dd(wplus, noise, R, dW, dN):
        wp_t = torch.tensor(wplus, dtype=torch.float64, requires_grad=True)
        nz_t = [torch.tensor(n, dtype=torch.float64).permute(0, 3, 1, 2).contiguous().requires_grad_(True) for n in noise]
        img_t, _ = ref.synthesis_t(W, cfg, wp_t, nz_t)
        (img_t.permute(0, 2, 3, 1) * torch.tensor(R, dtype=torch.float64)).mean().backward()
        dd_w = float((wp_t.grad * torch.tensor(dW, dtype=torch.float64)).sum())
        dd_n = float(sum((g.grad.permute(0, 2, 3, 1) * torch.tensor(d, dtype=torch.float64)).sum() for g, d in zip(nz_t, dN)))
        return dd_w, dd_n

    return dd


def expected_arrays(W, cfg, spec, seed_offset=100):
    """Inputs and expected outputs of one generator; returns (arrays, activation names)."""
    noise_res = [r for _, _, r, _, _, _ in ref.conv_layers(cfg)]
    return _common.expected_arrays(ref, W, cfg, spec, noise_res, directional(W, cfg), seed_offset)


def write_expected(d, cfg, spec, arrays, names):
    _common.write_expected(d, arrays, {
        "config": cfg, "batch": spec["batch"], "psi": spec["psi"], "cutoff": spec["cutoff"],
        "mixLayer": spec["mix_layer"], "numLayers": ref.num_layers(cfg),
        "numNoise": len(ref.conv_layers(cfg)), "activationNames": names})


def write_one(d, cfg, spec, W):
    arrays, names = expected_arrays(W, cfg, spec)
    write_expected(d, cfg, spec, arrays, names)
    return arrays


def main():
    _common.write_fixtures(_common.STYLEGAN_FIXTURES, CONFIGS, ref, "tools/stylegan2-ref/make_fixtures.py", write_one)


if __name__ == "__main__":
    main()
