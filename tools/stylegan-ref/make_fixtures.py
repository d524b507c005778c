"""Writes the @ganseg/stylegan test fixtures from the NumPy reference (stylegan_ref.py).

For each tiny config, packages/stylegan/fixtures/<name>/ gets:
  model.json + weights.bin   random weights in the tfjs layout loadGenerator reads
                             ({format: 'ganseg-stylegan', config, weightsManifest}).
  expected.json              index: config, batch, psi, cutoff, mixLayer, and for every array its
                             file and shape.
  *.bin                      float32 little-endian arrays: z, mix_z, w, wplus, noise{i}
                             ([N, r, r, 1]), every activation (NHWC), image, image_stored_noise
                             (stored noise buffers), image_mix (style mixing).

Run: python3 tools/stylegan-ref/make_fixtures.py   (deterministic; rerun after changing the reference)
"""

import os
import sys

import numpy as np

sys.dont_write_bytecode = True  # no __pycache__ beside the committed sources
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _common  # noqa: E402
import stylegan_ref as ref  # noqa: E402

CONFIGS = {
    # 8x8 nearest upscale, 16x16 and 32x32 fused transposed conv.
    "res32-fused16": dict(
        cfg=dict(resolution=32, latentSize=32, dlatentSize=32, mappingLayers=2, mappingFmaps=32,
                 fmapBase=128, fmapMax=32, fusedScaleFrom=16),
        seed=1, batch=2, psi=0.7, cutoff=4, mix_layer=3),
    # all nearest upscale; latent != dlatent != mapping width, 8 mapping layers.
    "res16": dict(
        cfg=dict(resolution=16, latentSize=16, dlatentSize=32, mappingLayers=8, mappingFmaps=24,
                 fmapBase=64, fmapMax=16),
        seed=2, batch=2, psi=0.5, cutoff=8, mix_layer=2),
}


def directional(W, cfg):
    """Directional derivatives of mean(image * R) along dW (in W+) and dN (in the noise), by central
    differences in float64 (eps 1e-6)."""

    def dd(wplus, noise, R, dW, dN):
        def loss(wp, nz):
            img, _ = ref.synthesis(W, cfg, wp, nz, dtype=np.float64)
            return float((img * R.astype(np.float64)).mean())

        eps = 1e-6
        wp64 = wplus.astype(np.float64)
        n64 = [n.astype(np.float64) for n in noise]
        dd_w = (loss(wp64 + eps * dW, n64) - loss(wp64 - eps * dW, n64)) / (2 * eps)
        dd_n = (loss(wp64, [n + eps * d for n, d in zip(n64, dN)]) - loss(wp64, [n - eps * d for n, d in zip(n64, dN)])) / (2 * eps)
        return dd_w, dd_n

    return dd


def write_one(d, cfg, spec, W):
    noise_res = [r for _, r in ref.layer_names(cfg)]
    arrays, names = _common.expected_arrays(ref, W, cfg, spec, noise_res, directional(W, cfg))
    _common.write_expected(d, arrays, {
        "config": cfg, "batch": spec["batch"], "psi": spec["psi"], "cutoff": spec["cutoff"],
        "mixLayer": spec["mix_layer"], "numLayers": ref.num_layers(cfg), "activationNames": names})
    return arrays


def main():
    _common.write_fixtures(_common.STYLEGAN_FIXTURES, CONFIGS, ref, "tools/stylegan-ref/make_fixtures.py", write_one)


if __name__ == "__main__":
    main()
