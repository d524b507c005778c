"""Independent PyTorch reference of the StyleGAN2 generator (config-f family, `architecture='skip'`),
written from the paper ("Analyzing and Improving the Image Quality of StyleGAN", Karras et al. 2020)
and the published formulas. float64, NCHW inside; everything returned is NHWC float32 to match
`@ganseg/stylegan`. Plain on purpose:

- modulated convolution in its *fused* form: one kernel per sample, w' = w * s, demodulated by
  rsqrt(sum w'^2 + 1e-8), run sample by sample (the TypeScript side modulates activations instead);
- the upsampling 3x3 conv as the official `upsample_conv_2d`: a stride-2 transposed convolution
  followed by the [1,3,3,1] FIR (gain 4) with pads (1, 1) (the TypeScript side uses four phase
  kernels on the low-resolution input);
- the skip image upsampled by `upfirdn_2d` (zero insertion, pads (2, 1), [1,3,3,1] FIR, gain 4).

Weights use the official TensorFlow variable names and layouts of the `Gs` network (also what
`@ganseg/stylegan`'s weight spec uses for StyleGAN2): dense [in, out], conv [kh, kw, in, out],
mod_weight [dlatent, in], mod_bias [in] (the official code adds 1 at run time), noise_strength [],
const [1, C, 4, 4], noise buffers [1, 1, r, r]. Unscaled variables; the equalised-learning-rate
runtime scale (1 / sqrt(fan_in) * lrmul) is applied here, at use.

API: the one of tools/stylegan-ref/stylegan_ref.py (make_config, weight_spec, random_weights,
mapping, truncate, synthesis; the contract in notes/stylegan-api.md), plus
    generate(W, cfg, z, psi, cutoff, noise, mix_z, mix_layer) -> (image, acts, wplus)
"""

import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(1, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "stylegan-ref"))
import _common  # noqa: E402
from _common import log2res, nf, num_layers  # noqa: E402,F401 (num_layers is API)

DEFAULTS = {"architecture": "stylegan2", **_common.OFFICIAL, "fmapBase": 16384, "convClamp": 0}  # config-f (key order kept)

SQRT2 = math.sqrt(2.0)
DT = torch.float64


def make_config(**kw):
    """Config-f with `kw` overriding keys (camelCase, as StyleGANConfig)."""
    return _common.make_config(DEFAULTS, kw, 4)


def conv_layers(cfg):
    """[(scope, w+ index, resolution, in channels, out channels, up)] in order; index = noise index."""
    c1 = nf(cfg, 1)
    out = [("4x4/Conv", 0, 4, c1, c1, False)]
    for r in range(3, log2res(cfg) + 1):
        s = 2 ** r
        out.append((f"{s}x{s}/Conv0_up", 2 * r - 5, s, nf(cfg, r - 2), nf(cfg, r - 1), True))
        out.append((f"{s}x{s}/Conv1", 2 * r - 4, s, nf(cfg, r - 1), nf(cfg, r - 1), False))
    return out


def weight_spec(cfg):
    spec = []
    L = cfg["mappingLayers"]
    D = cfg["dlatentSize"]
    for i in range(L):
        fin = cfg["latentSize"] if i == 0 else cfg["mappingFmaps"]
        fout = D if i == L - 1 else cfg["mappingFmaps"]
        spec.append((f"G_mapping/Dense{i}/weight", (fin, fout)))
        spec.append((f"G_mapping/Dense{i}/bias", (fout,)))
    spec.append(("dlatent_avg", (D,)))
    spec.append(("G_synthesis/4x4/Const/const", (1, nf(cfg, 1), 4, 4)))
    convs = conv_layers(cfg)
    for r in range(2, log2res(cfg) + 1):
        s = 2 ** r
        for scope, _, res, cin, cout, _ in convs:
            if res != s:
                continue
            p = f"G_synthesis/{scope}"
            spec += [(f"{p}/weight", (3, 3, cin, cout)), (f"{p}/mod_weight", (D, cin)), (f"{p}/mod_bias", (cin,)),
                     (f"{p}/noise_strength", ()), (f"{p}/bias", (cout,))]
        c = nf(cfg, r - 1)
        p = f"G_synthesis/{s}x{s}/ToRGB"
        spec += [(f"{p}/weight", (1, 1, c, cfg["numChannels"])), (f"{p}/mod_weight", (D, c)), (f"{p}/mod_bias", (c,)),
                 (f"{p}/bias", (cfg["numChannels"],))]
    for _, i, res, _, _, _ in convs:
        spec.append((f"G_synthesis/noise{i}", (1, 1, res, res)))
    return spec


def random_weights(cfg, seed, init="test"):
    """init='official': the official initialisation; 'test': every variable nonzero and of moderate
    size (biases, noise strengths, mod biases, dlatent_avg random) so that no term is invisible."""
    rng = np.random.default_rng(seed)
    W = {}
    for name, shape in weight_spec(cfg):
        v = rng.standard_normal(shape)
        if name.startswith("G_mapping/") and name.endswith("/weight"):
            v = v / cfg["mappingLrmul"]
        if init == "official":
            if name.endswith("/bias") or name.endswith("/noise_strength") or name == "dlatent_avg":
                v = np.zeros(shape)
        else:
            if name.startswith("G_mapping/") and name.endswith("/bias"):
                v = v * 0.2 / cfg["mappingLrmul"]
            elif name.endswith("/bias") or name.endswith("/mod_bias"):
                v = v * 0.2
            elif name.endswith("/noise_strength"):
                v = v * 0.3
            elif name == "dlatent_avg":
                v = v * 0.3
        W[name] = np.asarray(v, dtype=np.float32)
    return W


def _t(a):
    return torch.as_tensor(np.asarray(a), dtype=DT)


def _nhwc(x):
    return x.detach().permute(0, 2, 3, 1).contiguous().numpy().astype(np.float32)


def mapping(W, cfg, z):
    x = _t(z)
    x = x * torch.rsqrt((x * x).mean(dim=1, keepdim=True) + 1e-8)
    lr = cfg["mappingLrmul"]
    for i in range(cfg["mappingLayers"]):
        w = _t(W[f"G_mapping/Dense{i}/weight"])
        b = _t(W[f"G_mapping/Dense{i}/bias"])
        x = x @ (w * (lr / math.sqrt(w.shape[0]))) + b * lr
        x = F.leaky_relu(x, 0.2) * SQRT2  # official bias_act: lrelu, then gain sqrt(2)
    return x.numpy().astype(np.float32)


def truncate(W, cfg, w, psi, cutoff):
    L = num_layers(cfg)
    w = np.asarray(w, dtype=np.float64)
    wp = np.repeat(w[:, None, :], L, axis=1) if w.ndim == 2 else w.copy()
    avg = np.asarray(W["dlatent_avg"], dtype=np.float64)
    for i in range(min(cutoff, L)):
        wp[:, i] = avg + (wp[:, i] - avg) * psi
    return wp.astype(np.float32)


def _fir_kernel(channels):
    f = torch.tensor([1.0, 3.0, 3.0, 1.0], dtype=DT)
    k = torch.outer(f, f)
    k = k / k.sum() * 4.0  # gain = factor^2
    return k.flip([0, 1])[None, None].repeat(channels, 1, 1, 1)  # conv2d correlates: flip (symmetric anyway)


def _upfirdn(x, up, pad0, pad1):
    """Official upfirdn_2d with the [1,3,3,1] kernel: zero insertion, pad, FIR."""
    n, c, h, w = x.shape
    if up > 1:
        z = torch.zeros((n, c, h * up, w * up), dtype=DT)
        z[:, :, ::up, ::up] = x
        x = z
    x = F.pad(x, [pad0, pad1, pad0, pad1])
    return F.conv2d(x, _fir_kernel(c), groups=c)


def _modconv(x, w, s, demodulate, up):
    """x [N, I, H, W]; w [k, k, I, O] (scaled); s [N, I]. Fused form, sample by sample."""
    outs = []
    for b in range(x.shape[0]):
        ww = w * s[b][None, None, :, None]
        if demodulate:
            ww = ww * torch.rsqrt((ww * ww).sum(dim=[0, 1, 2]) + 1e-8)[None, None, None, :]
        xb = x[b:b + 1]
        if up:
            # official upsample_conv_2d: conv2d_transpose (stride 2, VALID) with the spatially flipped
            # kernel, then the FIR with pads ((p+1)//2 + factor - 1, p//2 + 1) = (1, 1), p = 0.
            wt = ww.flip([0, 1]).permute(2, 3, 0, 1)  # [I, O, kh, kw] for conv_transpose2d
            y = F.conv_transpose2d(xb, wt, stride=2)
            y = _upfirdn(y, 1, 1, 1)
        else:
            y = F.conv2d(xb, ww.permute(3, 2, 0, 1), padding=ww.shape[0] // 2)
        outs.append(y)
    return torch.cat(outs, 0)


def synthesis(W, cfg, wplus, noise):
    """noise: list of numLayers - 1 arrays [N or 1, r, r, 1] (NHWC), or None for the stored buffers."""
    nz = None if noise is None else [_t(n).permute(0, 3, 1, 2) for n in noise]
    _, acts = synthesis_t(W, cfg, _t(wplus), nz)
    return acts["image"], acts


def synthesis_t(W, cfg, wp, noise):
    """The same on float64 tensors (differentiable in wp and noise [N or 1, 1, r, r]); returns the
    image tensor NCHW and the activations (NHWC float32 arrays)."""
    N = wp.shape[0]
    D = cfg["dlatentSize"]
    clamp = cfg["convClamp"]
    acts = {}

    def style(p, idx):
        A = _t(W[f"{p}/mod_weight"]) / math.sqrt(D)
        return wp[:, idx] @ A + _t(W[f"{p}/mod_bias"]) + 1.0

    def layer(x, scope, idx, up):
        p = f"G_synthesis/{scope}"
        w = _t(W[f"{p}/weight"])
        w = w / math.sqrt(w.shape[0] * w.shape[1] * w.shape[2])
        x = _modconv(x, w, style(p, idx), True, up)
        if noise is None:
            nz = _t(W[f"G_synthesis/noise{idx}"])
        else:
            nz = noise[idx]
        x = x + nz * float(W[f"{p}/noise_strength"])
        x = F.leaky_relu(x + _t(W[f"{p}/bias"])[None, :, None, None], 0.2) * SQRT2
        if clamp:
            x = x.clamp(-clamp, clamp)
        acts[scope] = _nhwc(x)
        return x

    def torgb(x, y, res):
        p = f"G_synthesis/{res}x{res}/ToRGB"
        w = _t(W[f"{p}/weight"])
        w = w / math.sqrt(w.shape[2])
        t = _modconv(x, w, style(p, 2 * int(round(math.log2(res))) - 3), False, False)
        t = t + _t(W[f"{p}/bias"])[None, :, None, None]
        if clamp:
            t = t.clamp(-clamp, clamp)
        return t if y is None else y + t

    const = _t(W["G_synthesis/4x4/Const/const"]).repeat(N, 1, 1, 1)
    acts["4x4/Const"] = _nhwc(const)
    x = layer(const, "4x4/Conv", 0, False)
    acts["4x4"] = acts["4x4/Conv"]
    y = torgb(x, None, 4)
    for r in range(3, log2res(cfg) + 1):
        s = 2 ** r
        x = layer(x, f"{s}x{s}/Conv0_up", 2 * r - 5, True)
        x = layer(x, f"{s}x{s}/Conv1", 2 * r - 4, False)
        acts[f"{s}x{s}"] = acts[f"{s}x{s}/Conv1"]
        y = _upfirdn(y, 2, 2, 1)
        y = torgb(x, y, s)
    acts["image"] = _nhwc(y)
    return y, acts


def generate(W, cfg, z, psi, cutoff, noise, mix_z=None, mix_layer=None):
    L = num_layers(cfg)
    w = mapping(W, cfg, z)
    wp = np.repeat(w[:, None, :], L, axis=1)
    if mix_z is not None:
        w2 = mapping(W, cfg, mix_z)
        wp[:, mix_layer:] = w2[:, None, :]
    wp = truncate(W, cfg, wp, psi, cutoff)
    image, acts = synthesis(W, cfg, wp, noise)
    return image, acts, wp
