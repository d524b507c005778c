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
import shutil
import sys

import numpy as np

sys.dont_write_bytecode = True  # no __pycache__ beside the committed sources
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _common  # noqa: E402
import stylegan_ref as ref  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "packages", "stylegan", "fixtures")

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


def main():
    total = 0
    for name, spec in CONFIGS.items():
        cfg = ref.make_config(**spec["cfg"])
        d = os.path.join(OUT, name)
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        W = ref.random_weights(cfg, spec["seed"], init="test")
        _common.write_tfjs(d, cfg, ref.weight_spec(cfg), W, "tools/stylegan-ref/make_fixtures.py")
        rng = np.random.default_rng(100 + spec["seed"])
        N = spec["batch"]
        z = rng.standard_normal((N, cfg["latentSize"])).astype(np.float32)
        mix_z = rng.standard_normal((N, cfg["latentSize"])).astype(np.float32)
        noise = [rng.standard_normal((N, r, r, 1)).astype(np.float32) for _, r in ref.layer_names(cfg)]
        w = ref.mapping(W, cfg, z)
        wplus = ref.truncate(W, cfg, w, spec["psi"], spec["cutoff"])
        image, acts = ref.synthesis(W, cfg, wplus, noise)
        image_stored, _ = ref.synthesis(W, cfg, wplus, None)
        image_mix, _, wplus_mix = ref.generate(W, cfg, z, spec["psi"], spec["cutoff"], noise, mix_z, spec["mix_layer"])
        # Gradient check for embedding: loss = mean(image * R); directional derivatives of the loss
        # along dW (in W+) and dN (in the noise), by central differences in float64 (eps 1e-6).
        R = rng.standard_normal(image.shape).astype(np.float32)
        dW = rng.standard_normal(wplus.shape).astype(np.float32)
        dN = [rng.standard_normal(n.shape).astype(np.float32) for n in noise]

        def loss(wp, nz):
            img, _ = ref.synthesis(W, cfg, wp, nz, dtype=np.float64)
            return float((img * R.astype(np.float64)).mean())

        eps = 1e-6
        wp64 = wplus.astype(np.float64)
        n64 = [n.astype(np.float64) for n in noise]
        dd_w = (loss(wp64 + eps * dW, n64) - loss(wp64 - eps * dW, n64)) / (2 * eps)
        dd_n = (loss(wp64, [n + eps * d for n, d in zip(n64, dN)]) - loss(wp64, [n - eps * d for n, d in zip(n64, dN)])) / (2 * eps)
        arrays = {"grad_R": R, "grad_dW": dW, "grad_dd": np.array([dd_w, dd_n], np.float32),
                  "z": z, "mix_z": mix_z, "w": w, "wplus": wplus, "wplus_mix": wplus_mix,
                  "image_stored_noise": image_stored, "image_mix": image_mix}
        for i, n in enumerate(noise):
            arrays[f"noise{i}"] = n
            arrays[f"grad_dN{i}"] = dN[i]
        for k, v in acts.items():
            arrays["act/" + k] = v
        files = _common.write_expected(d, arrays, {
            "config": cfg, "batch": N, "psi": spec["psi"], "cutoff": spec["cutoff"],
            "mixLayer": spec["mix_layer"], "numLayers": ref.num_layers(cfg),
            "activationNames": list(acts.keys())})
        size = _common.dir_size(d)
        total += size
        print(f"{name}: {len(files)} arrays, {size / 1024:.0f} KiB; image range "
              f"[{image.min():.3f}, {image.max():.3f}]")
    print(f"total {total / 1024:.0f} KiB")
    assert total < 2 * 1024 * 1024


if __name__ == "__main__":
    main()
