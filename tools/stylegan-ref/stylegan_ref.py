"""Independent NumPy reference of the StyleGAN (v1) generator (the official NVIDIA TensorFlow
architecture, `G_style` with `structure='fixed'`), written from the paper and the official
formulas. Activations are NCHW float64 inside; everything returned is NHWC float32 to match
`@ganseg/stylegan`. Slow and plain on purpose: loops over kernel taps and einsum.

Weights use the official variable names and TF layouts of the `Gs` network:
dense [in, out], conv [kh, kw, in, out], const [1, C, 4, 4], noise buffers [1, 1, r, r].
The stored values are the *unscaled* variables; the equalised-learning-rate runtime scale
(gain / sqrt(fan_in) * lrmul) is applied here at use, as the official code does.

API (the contract in notes/stylegan-api.md):
    make_config(**kw) -> dict
    weight_spec(cfg) -> list[(name, shape)]
    random_weights(cfg, seed, init='test') -> dict[str, np.ndarray]
    mapping(W, cfg, z) -> w                      [N, dlatentSize]
    truncate(W, cfg, w, psi, cutoff) -> wplus    [N, numLayers, dlatentSize]
    synthesis(W, cfg, wplus, noise) -> (image NHWC, activations dict NHWC)
"""

import math

import numpy as np

from _common import log2res, nf, num_layers  # noqa: F401 (num_layers is API)
import _common

DEFAULTS = dict(_common.OFFICIAL)

SQRT2 = math.sqrt(2.0)


def make_config(**kw):
    """The official FFHQ config with `kw` overriding keys (camelCase, as StyleGANConfig)."""
    return _common.make_config(DEFAULTS, kw, 8)


def layer_names(cfg):
    """(scope, res) of each synthesis layer in order, e.g. ('4x4/Const', 4)."""
    out = [("4x4/Const", 4), ("4x4/Conv", 4)]
    for r in range(3, log2res(cfg) + 1):
        s = 2 ** r
        out.append((f"{s}x{s}/Conv0_up", s))
        out.append((f"{s}x{s}/Conv1", s))
    return out


def weight_spec(cfg):
    spec = []
    L = cfg["mappingLayers"]
    for i in range(L):
        fin = cfg["latentSize"] if i == 0 else cfg["mappingFmaps"]
        fout = cfg["dlatentSize"] if i == L - 1 else cfg["mappingFmaps"]
        spec.append((f"G_mapping/Dense{i}/weight", [fin, fout]))
        spec.append((f"G_mapping/Dense{i}/bias", [fout]))
    spec.append(("dlatent_avg", [cfg["dlatentSize"]]))
    D = cfg["dlatentSize"]

    def epilogue(scope, c):
        return [
            (f"G_synthesis/{scope}/Noise/weight", [c]),
            (f"G_synthesis/{scope}/bias", [c]),
            (f"G_synthesis/{scope}/StyleMod/weight", [D, 2 * c]),
            (f"G_synthesis/{scope}/StyleMod/bias", [2 * c]),
        ]

    c1 = nf(cfg, 1)
    spec.append(("G_synthesis/4x4/Const/const", [1, c1, 4, 4]))
    spec += epilogue("4x4/Const", c1)
    spec.append(("G_synthesis/4x4/Conv/weight", [3, 3, c1, c1]))
    spec += epilogue("4x4/Conv", c1)
    for r in range(3, log2res(cfg) + 1):
        s = 2 ** r
        cin, cout = nf(cfg, r - 2), nf(cfg, r - 1)
        spec.append((f"G_synthesis/{s}x{s}/Conv0_up/weight", [3, 3, cin, cout]))
        spec += epilogue(f"{s}x{s}/Conv0_up", cout)
        spec.append((f"G_synthesis/{s}x{s}/Conv1/weight", [3, 3, cout, cout]))
        spec += epilogue(f"{s}x{s}/Conv1", cout)
    clast = nf(cfg, log2res(cfg) - 1)
    spec.append(("G_synthesis/ToRGB_lod0/weight", [1, 1, clast, cfg["numChannels"]]))
    spec.append(("G_synthesis/ToRGB_lod0/bias", [cfg["numChannels"]]))
    for i, (_, res) in enumerate(layer_names(cfg)):
        spec.append((f"G_synthesis/noise{i}", [1, 1, res, res]))
    return spec


def random_weights(cfg, seed, init="test"):
    """Random variables with official names and shapes (float32).

    init='official': the official initialisers (weights N(0, 1/lrmul), biases and noise
    weights 0, const 1, dlatent_avg 0, noise buffers N(0, 1)).
    init='test': the same weights, but biases, noise weights, const and dlatent_avg random too,
    so that every term of the forward pass is exercised by a fixture.
    """
    rng = np.random.default_rng(seed)
    W = {}
    lrmul = cfg["mappingLrmul"]
    for name, shape in weight_spec(cfg):
        n = lambda std: (rng.standard_normal(shape) * std).astype(np.float32)
        if name.startswith("G_mapping/") and name.endswith("/weight"):
            v = n(1.0 / lrmul)
        elif name.startswith("G_mapping/") and name.endswith("/bias"):
            v = n(0.2 / lrmul) if init == "test" else np.zeros(shape, np.float32)
        elif name == "dlatent_avg":
            v = n(0.3) if init == "test" else np.zeros(shape, np.float32)
        elif name.endswith("/const"):
            v = (1.0 + n(0.5)) if init == "test" else np.ones(shape, np.float32)
        elif name.endswith("/Noise/weight"):
            v = n(0.3) if init == "test" else np.zeros(shape, np.float32)
        elif name.endswith("/bias"):
            v = n(0.2) if init == "test" else np.zeros(shape, np.float32)
        elif "/noise" in name:
            v = n(1.0)
        else:  # synthesis conv, StyleMod dense, ToRGB: lrmul 1 => N(0, 1)
            v = n(1.0)
        W[name] = v.astype(np.float32)
    return W


# ---------------------------------------------------------------------------------------------
# Primitive ops (NCHW, float64).


def _scaled(W, name, gain, lrmul=1.0):
    w = W[name].astype(np.float64)
    fan_in = int(np.prod(w.shape[:-1]))
    return w * (gain / math.sqrt(fan_in) * lrmul)


def _lrelu(x):
    return np.where(x >= 0, x, 0.2 * x)


def _conv2d_same(x, w):
    """x [N, Ci, H, W], w [k, k, Ci, Co] (k odd), stride 1, zero 'SAME' padding (cross-correlation)."""
    k = w.shape[0]
    p = k // 2
    N, C, H, Wd = x.shape
    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))
    y = np.zeros((N, w.shape[3], H, Wd))
    for ky in range(k):
        for kx in range(k):
            y += np.einsum("nchw,co->nohw", xp[:, :, ky:ky + H, kx:kx + Wd], w[ky, kx])
    return y


def _upscale_nearest(x):
    return x.repeat(2, axis=2).repeat(2, axis=3)


def _upscale_conv_fused(x, w):
    """Official fused upscale2d_conv2d: the 3x3 kernel padded to 5x5 and summed into 4x4, then
    TF conv2d_transpose stride 2 padding SAME (output 2H, pad 1 before). Output index
    o = 2 i + k - 1 for input index i and kernel tap k."""
    wp = np.pad(w, ((1, 1), (1, 1), (0, 0), (0, 0)))
    w4 = wp[1:, 1:] + wp[:-1, 1:] + wp[1:, :-1] + wp[:-1, :-1]  # [4, 4, Ci, Co]
    N, C, H, Wd = x.shape
    full = np.zeros((N, w.shape[3], 2 * H + 2, 2 * Wd + 2))
    for ky in range(4):
        for kx in range(4):
            full[:, :, ky:ky + 2 * H:2, kx:kx + 2 * Wd:2] += np.einsum("nchw,co->nohw", x, w4[ky, kx])
    return full[:, :, 1:2 * H + 1, 1:2 * Wd + 1]


def _blur(x):
    f = np.array([1.0, 2.0, 1.0])
    f = np.outer(f, f)
    f /= f.sum()
    N, C, H, Wd = x.shape
    xp = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
    y = np.zeros_like(x)
    for ky in range(3):
        for kx in range(3):
            y += f[ky, kx] * xp[:, :, ky:ky + H, kx:kx + Wd]
    return y


def _instance_norm(x, eps=1e-8):
    x = x - x.mean(axis=(2, 3), keepdims=True)
    return x / np.sqrt((x * x).mean(axis=(2, 3), keepdims=True) + eps)


def _nhwc(x, dtype=np.float32):
    return np.ascontiguousarray(x.transpose(0, 2, 3, 1)).astype(dtype)


# ---------------------------------------------------------------------------------------------
# Networks.


def mapping(W, cfg, z):
    """z [N, latentSize] -> w [N, dlatentSize] (float32)."""
    x = np.asarray(z, np.float64)
    x = x / np.sqrt((x * x).mean(axis=1, keepdims=True) + 1e-8)  # pixel norm
    lrmul = cfg["mappingLrmul"]
    for i in range(cfg["mappingLayers"]):
        w = _scaled(W, f"G_mapping/Dense{i}/weight", SQRT2, lrmul)
        b = W[f"G_mapping/Dense{i}/bias"].astype(np.float64) * lrmul
        x = _lrelu(x @ w + b)
    return x.astype(np.float32)


def truncate(W, cfg, w, psi=1.0, cutoff=8):
    """w [N, D] -> W+ [N, numLayers, D]; layers with index < cutoff are pulled towards
    dlatent_avg: avg + (w - avg) * psi; the others are w."""
    L = num_layers(cfg)
    w = np.asarray(w, np.float64)
    avg = W["dlatent_avg"].astype(np.float64)
    out = np.repeat(w[:, None, :], L, axis=1)
    for i in range(L):
        if cutoff is not None and i < cutoff:
            out[:, i] = avg + (out[:, i] - avg) * psi
    return out.astype(np.float32)


def synthesis(W, cfg, wplus, noise=None, dtype=np.float32):
    """W+ [N, numLayers, D], noise: list of numLayers arrays [N or 1, res, res, 1] (NHWC) or None
    (stored G_synthesis/noise{i} buffers). Returns (image NHWC [N, R, R, numChannels],
    activations: {'4x4/Const', '4x4/Conv', '4x4', '8x8/Conv0_up', '8x8/Conv1', '8x8', ...,
    'image'} NHWC float32; dtype=np.float64 keeps full precision, e.g. for finite differences)."""
    wplus = np.asarray(wplus, np.float64)
    N = wplus.shape[0]
    acts = {}
    names = layer_names(cfg)

    def noise_nchw(i):
        if noise is None:
            return W[f"G_synthesis/noise{i}"].astype(np.float64)  # [1, 1, r, r]
        return np.asarray(noise[i], np.float64).transpose(0, 3, 1, 2)

    def epilogue(x, i):
        scope = names[i][0]
        nw = W[f"G_synthesis/{scope}/Noise/weight"].astype(np.float64)
        x = x + noise_nchw(i) * nw[None, :, None, None]
        x = x + W[f"G_synthesis/{scope}/bias"].astype(np.float64)[None, :, None, None]
        x = _lrelu(x)
        x = _instance_norm(x)
        sw = _scaled(W, f"G_synthesis/{scope}/StyleMod/weight", 1.0)
        sb = W[f"G_synthesis/{scope}/StyleMod/bias"].astype(np.float64)
        style = wplus[:, i] @ sw + sb  # [N, 2C]
        C = x.shape[1]
        scale, shift = style[:, :C], style[:, C:]
        x = x * (scale[:, :, None, None] + 1.0) + shift[:, :, None, None]
        acts[scope] = _nhwc(x, dtype)
        return x

    const = W["G_synthesis/4x4/Const/const"].astype(np.float64)
    x = np.repeat(const, N, axis=0)
    x = epilogue(x, 0)
    x = epilogue(_conv2d_same(x, _scaled(W, "G_synthesis/4x4/Conv/weight", SQRT2)), 1)
    acts["4x4"] = _nhwc(x, dtype)
    for r in range(3, log2res(cfg) + 1):
        s = 2 ** r
        w = _scaled(W, f"G_synthesis/{s}x{s}/Conv0_up/weight", SQRT2)
        if s >= cfg["fusedScaleFrom"]:
            x = _upscale_conv_fused(x, w)
        else:
            x = _conv2d_same(_upscale_nearest(x), w)
        x = epilogue(_blur(x), 2 * r - 4)
        x = epilogue(_conv2d_same(x, _scaled(W, f"G_synthesis/{s}x{s}/Conv1/weight", SQRT2)), 2 * r - 3)
        acts[f"{s}x{s}"] = _nhwc(x, dtype)
    rgb = _conv2d_same(x, _scaled(W, "G_synthesis/ToRGB_lod0/weight", 1.0))
    rgb = rgb + W["G_synthesis/ToRGB_lod0/bias"].astype(np.float64)[None, :, None, None]
    image = _nhwc(rgb, dtype)
    acts["image"] = image
    return image, acts


def generate(W, cfg, z, psi=1.0, cutoff=8, noise=None, mix_z=None, mix_layer=None):
    """mapping -> (style mixing: layers >= mix_layer take mix_z's w) -> truncation -> synthesis."""
    w = mapping(W, cfg, z)
    wplus = np.repeat(w[:, None, :], num_layers(cfg), axis=1)
    if mix_z is not None:
        w2 = mapping(W, cfg, mix_z)
        wplus[:, mix_layer:] = w2[:, None, :]
    avg = W["dlatent_avg"].astype(np.float32)
    for i in range(num_layers(cfg)):
        if cutoff is not None and i < cutoff:
            wplus[:, i] = avg + (wplus[:, i] - avg) * psi
    image, acts = synthesis(W, cfg, wplus, noise)
    return image, acts, wplus
