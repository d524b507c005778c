"""PyTorch twin of stylegan_ref.py (the StyleGAN v1 generator, official formulas, NCHW), for timing
the TypeScript generator against PyTorch CPU in the same run. The fused upscale is written as
official: 3x3 kernel padded and summed into 4x4, conv_transpose2d stride 2 (TF SAME = padding 1).

    /usr/bin/python3 tools/stylegan-ref/torch_twin.py --check
        checks the twin against the NumPy reference fixtures (max abs error, must be < 1e-4).
    /usr/bin/python3 tools/stylegan-ref/torch_twin.py --bench --resolution 256 --threads 1
        prints one JSON line {name, backend, resolution, batch, threads, median_ms, images_per_s}.
"""

import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.dont_write_bytecode = True  # no __pycache__ beside the committed sources
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stylegan_ref as ref  # noqa: E402

SQRT2 = math.sqrt(2.0)


class TorchStyleGAN:
    """Weights (official names, TF layouts) converted once to torch layouts, runtime scale applied."""

    def __init__(self, cfg, W):
        self.cfg = cfg
        t = lambda a: torch.from_numpy(np.ascontiguousarray(a, dtype=np.float32))
        lrmul = cfg["mappingLrmul"]

        def scaled(name, gain, lr=1.0):
            w = W[name]
            return t(w * (gain / math.sqrt(int(np.prod(w.shape[:-1]))) * lr))

        self.map = []
        for i in range(cfg["mappingLayers"]):
            self.map.append((scaled(f"G_mapping/Dense{i}/weight", SQRT2, lrmul).t().contiguous(),
                             t(W[f"G_mapping/Dense{i}/bias"] * lrmul)))
        self.avg = t(W["dlatent_avg"])
        self.layers = []
        blur = torch.tensor([1.0, 2.0, 1.0])
        blur = (blur[:, None] * blur[None, :]) / 16.0
        for scope, res in ref.layer_names(cfg):
            p = f"G_synthesis/{scope}"
            L = {"scope": scope, "res": res}
            if scope == "4x4/Const":
                L["kind"] = "const"
                L["const"] = t(W[f"{p}/const"])
            else:
                w = scaled(f"{p}/weight", SQRT2)  # [3, 3, in, out]
                if scope.endswith("Conv0_up"):
                    if res >= cfg["fusedScaleFrom"]:
                        L["kind"] = "fused"
                        wp = F.pad(w.permute(2, 3, 0, 1), (1, 1, 1, 1))  # [in, out, 5, 5]
                        L["w"] = (wp[:, :, 1:, 1:] + wp[:, :, :-1, 1:] + wp[:, :, 1:, :-1] + wp[:, :, :-1, :-1]).contiguous()
                    else:
                        L["kind"] = "up"
                        L["w"] = w.permute(3, 2, 0, 1).contiguous()  # [out, in, 3, 3]
                    C = w.shape[3]
                    L["blur"] = blur[None, None].repeat(C, 1, 1, 1).contiguous()
                else:
                    L["kind"] = "conv"
                    L["w"] = w.permute(3, 2, 0, 1).contiguous()
            L["noise_w"] = t(W[f"{p}/Noise/weight"]).view(1, -1, 1, 1)
            L["bias"] = t(W[f"{p}/bias"])
            L["style_w"] = scaled(f"{p}/StyleMod/weight", 1.0).t().contiguous()
            L["style_b"] = t(W[f"{p}/StyleMod/bias"])
            L["stored_noise"] = t(W[f"G_synthesis/noise{len(self.layers)}"])
            self.layers.append(L)
        self.rgb_w = scaled("G_synthesis/ToRGB_lod0/weight", 1.0).permute(3, 2, 0, 1).contiguous()
        self.rgb_b = t(W["G_synthesis/ToRGB_lod0/bias"])

    @torch.no_grad()
    def mapping(self, z):
        x = z * torch.rsqrt((z * z).mean(dim=1, keepdim=True) + 1e-8)
        for w, b in self.map:
            x = F.leaky_relu(F.linear(x, w, b), 0.2)
        return x

    @torch.no_grad()
    def truncate(self, w, psi=1.0, cutoff=8):
        n = len(self.layers)
        coefs = torch.tensor([psi if i < cutoff else 1.0 for i in range(n)]).view(1, n, 1)
        return self.avg + (w[:, None, :] - self.avg) * coefs

    @torch.no_grad()
    def synthesis(self, wplus, noise=None):
        """noise: list of NCHW [N or 1, 1, r, r] tensors or None (stored). Returns (image NCHW, acts)."""
        N = wplus.shape[0]
        acts = {}
        x = None
        for i, L in enumerate(self.layers):
            k = L["kind"]
            if k == "const":
                y = L["const"].expand(N, -1, -1, -1)
            elif k == "conv":
                y = F.conv2d(x, L["w"], padding=1)
            else:
                if k == "fused":
                    y = F.conv_transpose2d(x, L["w"], stride=2, padding=1)
                else:
                    y = F.conv2d(F.interpolate(x, scale_factor=2, mode="nearest"), L["w"], padding=1)
                y = F.conv2d(y, L["blur"], padding=1, groups=y.shape[1])
            nz = L["stored_noise"] if noise is None else noise[i]
            y = y + nz * L["noise_w"] + L["bias"].view(1, -1, 1, 1)
            y = F.leaky_relu(y, 0.2)
            y = y - y.mean(dim=(2, 3), keepdim=True)
            y = y * torch.rsqrt((y * y).mean(dim=(2, 3), keepdim=True) + 1e-8)
            style = F.linear(wplus[:, i], L["style_w"], L["style_b"])
            C = y.shape[1]
            x = y * (style[:, :C, None, None] + 1.0) + style[:, C:, None, None]
            acts[L["scope"]] = x
        img = F.conv2d(x, self.rgb_w, self.rgb_b)
        acts["image"] = img
        return img, acts


def _load_fixture(name):
    d = os.path.join(ref_root(), "packages", "stylegan", "fixtures", name)
    model = json.load(open(os.path.join(d, "model.json")))
    raw = np.fromfile(os.path.join(d, "weights.bin"), dtype="<f4")
    W, o = {}, 0
    for e in model["weightsManifest"][0]["weights"]:
        n = int(np.prod(e["shape"]))
        W[e["name"]] = raw[o:o + n].reshape(e["shape"])
        o += n
    idx = json.load(open(os.path.join(d, "expected.json")))

    def arr(k):
        f = idx["files"][k]
        return np.fromfile(os.path.join(d, f["file"]), dtype="<f4").reshape(f["shape"])

    return model["config"], W, idx, arr


def ref_root():
    return os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def check():
    worst = 0.0
    for name in ["res32-fused16", "res16"]:
        cfg, W, idx, arr = _load_fixture(name)
        g = TorchStyleGAN(cfg, W)
        z = torch.from_numpy(arr("z"))
        wp = g.truncate(g.mapping(z), idx["psi"], idx["cutoff"])
        e_w = float((wp - torch.from_numpy(arr("wplus"))).abs().max())
        noise = [torch.from_numpy(arr(f"noise{i}")).permute(0, 3, 1, 2).contiguous() for i in range(idx["numLayers"])]
        img, acts = g.synthesis(torch.from_numpy(arr("wplus")), noise)
        e = max(float((acts[k].permute(0, 2, 3, 1) - torch.from_numpy(arr("act/" + k))).abs().max())
                for k in acts)
        print(f"{name}: W+ max abs err {e_w:.2e}, activations/image max abs err {e:.2e}")
        worst = max(worst, e, e_w)
    assert worst < 1e-4, worst
    print("torch twin matches the NumPy reference")


def bench(resolution, batch, threads, iters):
    torch.set_num_threads(threads)
    cfg = ref.make_config(resolution=resolution)
    W = ref.random_weights(cfg, 0, init="official")
    g = TorchStyleGAN(cfg, W)
    rng = np.random.default_rng(0)
    times, cpu = [], []
    for i in range(iters + 1):
        z = torch.from_numpy(rng.standard_normal((batch, cfg["latentSize"])).astype(np.float32))
        t0 = time.perf_counter()
        c0 = time.process_time()
        wp = g.truncate(g.mapping(z), 0.7, 8)
        img, _ = g.synthesis(wp)
        float(img.sum())
        if i > 0:  # first run warms up
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
    med = float(np.median(times))
    print(json.dumps({"name": f"stylegan-{resolution}", "backend": "torch-cpu", "resolution": resolution,
                      "batch": batch, "threads": threads, "torch": torch.__version__,
                      "median_ms": round(med, 1), "median_cpu_ms": round(float(np.median(cpu)), 1),
                      "images_per_s": round(batch * 1000 / med, 3)}))


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--bench", action="store_true")
    ap.add_argument("--resolution", type=int, default=256)
    ap.add_argument("--batch", type=int, default=1)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--iters", type=int, default=5)
    a = ap.parse_args()
    if a.check:
        check()
    if a.bench:
        bench(a.resolution, a.batch, a.threads, a.iters)
