"""Writes the checkpoint fixtures: tiny random StyleGAN checkpoints in the formats users have, all
holding the same weights, into packages/checkpoint-readers/fixtures/ (the readers test on them;
the converter reads them from there), plus the expected outputs into
packages/stylegan-gluon-converter/fixtures/.

packages/checkpoint-readers/fixtures/ gets the checkpoints (tiny-*) and checkpoints.json;
packages/stylegan-gluon-converter/fixtures/ gets expected.json + *.bin:
  tiny-official.pkl          official structure: pickle (protocol 3, as the NVIDIA files) of the
                             tuple (G, D, Gs) of `dnnlib.tflib.network.Network` objects whose
                             state is the official __getstate__ dict (version, name,
                             static_kwargs, components, build_module_src, build_func_name,
                             variables = [(name, ndarray)]); Gs has components G_synthesis and
                             G_mapping, `lod` and `ToRGB_lod1..` included as in the real files.
  tiny-official-p2.pkl, tiny-official-p4.pkl   the same with protocols 2 and 4.
  tiny-gluon.params          MXNet NDArray-list bytes (as mx.nd.save / Gluon save_parameters) with
                             the attribute-path names of the paper's networks_stylegan.py
                             (mapping.1.weight, net3.block0.weight, net3.adain1.affine.weight,
                             constant_tensor, latent_avg, truncation_psi, std and blur constants,
                             instance-norm gamma/beta).
  tiny-gluon-prefixed.params the same with the older save_params names (mp_dense_0_weight,
                             8_deconv_1_weight, 4_adain_1_dense_affine_weight, ...).
  expected.json + *.bin      the canonical weights (reference.bin), latents, noise, W+, the image
                             and every activation from stylegan_ref.synthesis (NHWC float32 LE).
  tiny-state.pth, tiny-state-legacy.pth, torch-expected.json   a small torchvision-style state
                             dict (conv, batch norm with int64 num_batches_tracked, a float16
                             tensor, a non-contiguous view) in torch's zip and legacy formats.

Independent check of the Gluon layout: a float64 re-implementation of the paper's Gluon forward
(networks_stylegan.py semantics: MXNet layouts, `std` constants, lr_mult 0.01 on the mapping,
Deconvolution 4x4 for fused layers, depthwise blur with the stored kernel) run on the .params
arrays must reproduce stylegan_ref.synthesis within 1e-9; the script asserts it.

Run: python3 tools/stylegan-ref/write_checkpoints.py   (deterministic, except the storage keys
     inside tiny-state-legacy.pth, which torch's legacy writer takes from object ids)
     python3 tools/stylegan-ref/write_checkpoints.py --full-size DIR   (benchmark input, not a
     fixture: official FFHQ-1024 widths, official init, as DIR/ffhq-size.pkl and
     DIR/ffhq-size.params, about 300 MB and 100 MB)
"""

import io
import json
import math
import os
import pickle
import struct
import sys
import types

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stylegan_ref as ref  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "packages", "stylegan-gluon-converter", "fixtures")
CKPT = os.path.join(ROOT, "packages", "checkpoint-readers", "fixtures")

# All upscales fused (official fused_scale=True), so the pickle's static_kwargs express it.
CFG = ref.make_config(resolution=32, latentSize=16, dlatentSize=16, mappingLayers=3, mappingFmaps=24,
                      fmapBase=64, fmapMax=16, fusedScaleFrom=8)
SEED = 11
SQRT2 = math.sqrt(2.0)

# --------------------------------------------------------------------------------------------
# Official pickle: a stand-in for dnnlib.tflib.network.Network with the official __getstate__.

dnnlib = types.ModuleType("dnnlib")
tflib = types.ModuleType("dnnlib.tflib")
network_mod = types.ModuleType("dnnlib.tflib.network")
dnnlib.tflib = tflib
tflib.network = network_mod
sys.modules.update({"dnnlib": dnnlib, "dnnlib.tflib": tflib, "dnnlib.tflib.network": network_mod})


class Network:
    def __init__(self, name, static_kwargs, components, func_name, variables):
        self.name = name
        self.static_kwargs = static_kwargs
        self.components = components
        self._build_module_src = "# networks_stylegan.py source would be here; never executed\n"
        self._build_func_name = func_name
        self.own_vars = variables

    def __getstate__(self):
        state = dict()
        state["version"] = 3
        state["name"] = self.name
        state["static_kwargs"] = dict(self.static_kwargs)
        state["components"] = dict(self.components)
        state["build_module_src"] = self._build_module_src
        state["build_func_name"] = self._build_func_name
        state["variables"] = list(self.own_vars)
        return state


Network.__module__ = "dnnlib.tflib.network"
Network.__qualname__ = "Network"
network_mod.Network = Network


def official_networks(W, rng):
    R = ref.log2res(CFG)
    syn_vars = [("lod", np.float32(0.0))]  # a numpy scalar, as tflib.run returns it
    syn_vars += [(f"noise{i}", W[f"G_synthesis/noise{i}"]) for i in range(ref.num_layers(CFG))]
    for name, _ in ref.weight_spec(CFG):
        if name.startswith("G_synthesis/") and "/noise" not in name and "ToRGB" not in name:
            syn_vars.append((name[len("G_synthesis/"):], W[name]))
    for lod in range(R - 2, -1, -1):  # official: one ToRGB per lod; only lod0 is used by Gs
        res_log2 = R - lod
        c = ref.nf(CFG, res_log2 - 1)
        if lod == 0:
            w, b = W["G_synthesis/ToRGB_lod0/weight"], W["G_synthesis/ToRGB_lod0/bias"]
        else:
            w = rng.standard_normal((1, 1, c, 3)).astype(np.float32)
            b = rng.standard_normal((3,)).astype(np.float32)
        syn_vars += [(f"ToRGB_lod{lod}/weight", w), (f"ToRGB_lod{lod}/bias", b)]
    map_vars = []
    for i in range(CFG["mappingLayers"]):
        map_vars += [(f"Dense{i}/weight", W[f"G_mapping/Dense{i}/weight"]), (f"Dense{i}/bias", W[f"G_mapping/Dense{i}/bias"])]
    kw = dict(num_channels=3, resolution=CFG["resolution"], fmap_base=CFG["fmapBase"], fmap_max=CFG["fmapMax"],
              fused_scale=True, latent_size=CFG["latentSize"], dlatent_size=CFG["dlatentSize"],
              mapping_layers=CFG["mappingLayers"], mapping_fmaps=CFG["mappingFmaps"])
    syn = Network("G_synthesis", dict(kw), {}, "training.networks_stylegan.G_synthesis", syn_vars)
    mp = Network("G_mapping", dict(kw), {}, "training.networks_stylegan.G_mapping", map_vars)
    return Network("Gs", dict(kw), {"synthesis": syn, "mapping": mp}, "training.networks_stylegan.G_style",
                   [("dlatent_avg", W["dlatent_avg"])])


def perturbed(net, rng):
    """A copy with other values (G differs from Gs in the real files)."""
    comps = {k: perturbed(v, rng) for k, v in net.components.items()}
    vs = [(n, (v + rng.standard_normal(np.shape(v)).astype(np.float32) * 0.01).astype(np.float32)
           if isinstance(v, np.ndarray) else v) for n, v in net.own_vars]
    return Network(net.name, net.static_kwargs, comps, net._build_func_name, vs)


def discriminator(rng):
    vs = [("4x4/Conv/weight", rng.standard_normal((3, 3, 17, 16)).astype(np.float32)),
          ("4x4/Conv/bias", np.zeros(16, np.float32)), ("lod", np.float32(0.0))]
    return Network("D", {"num_channels": 3, "resolution": CFG["resolution"]}, {}, "training.networks_stylegan.D_basic", vs)


# --------------------------------------------------------------------------------------------
# The paper's Gluon generator: names and layouts from networks_stylegan.py (written here from
# that file's semantics, independently of the TypeScript converter).

def nf_gluon(res_log2):  # Generator.num_features(res_log2) == nf(res_log2 - 1)
    return ref.nf(CFG, res_log2 - 1)


def fuse(w3):
    """[3,3,ci,co] -> the official fused 4x4 kernel [4,4,ci,co]."""
    wp = np.pad(w3.astype(np.float64), ((1, 1), (1, 1), (0, 0), (0, 0)))
    return wp[1:, 1:] + wp[:-1, 1:] + wp[1:, :-1] + wp[:-1, :-1]


def gluon_params(W):
    """Canonical weights -> Gluon attribute-path params (float32, MXNet layouts, raw values whose
    runtime value is value * std * lr_mult, as DenseW/_ConvW compute)."""
    P = {}
    f32 = lambda a: np.ascontiguousarray(a, dtype=np.float32)
    R = ref.log2res(CFG)
    L = ref.num_layers(CFG)
    P["constant_tensor"] = f32(W["G_synthesis/4x4/Const/const"])
    P["latent_avg"] = f32(W["dlatent_avg"])
    P["truncation_psi"] = np.ones(L, np.float32)
    for i in range(CFG["mappingLayers"]):
        w = W[f"G_mapping/Dense{i}/weight"]
        # official runtime: w * sqrt2/sqrt(fan_in) * 0.01 ; Gluon: w_g * std * lr_mult(0.01)
        P[f"mapping.{2 * i + 1}.weight"] = f32(w.T)
        P[f"mapping.{2 * i + 1}.bias"] = f32(W[f"G_mapping/Dense{i}/bias"] * CFG["mappingLrmul"] / 0.01)
        P[f"mapping.{2 * i + 1}.std"] = np.array([SQRT2 / math.sqrt(w.shape[0])], np.float32)
    names = ref.layer_names(CFG)
    for r in range(2, R + 1):
        p = f"net{r}"
        c = nf_gluon(r)
        scopes = ("4x4/Const", "4x4/Conv") if r == 2 else (f"{2**r}x{2**r}/Conv0_up", f"{2**r}x{2**r}/Conv1")
        if r > 2:
            w = W[f"G_synthesis/{scopes[0]}/weight"]
            ci = w.shape[2]
            if 2 ** r >= CFG["fusedScaleFrom"]:
                std = SQRT2 / math.sqrt(16 * ci)  # Conv2DTransposeW fan_in = 4*4*in
                he = SQRT2 / math.sqrt(9 * ci)  # official get_weight fan_in = 3*3*in
                P[f"{p}.block0.weight"] = f32(fuse(w).transpose(2, 3, 0, 1) * he / std)  # [ci, co, 4, 4]
                P[f"{p}.block0.std"] = np.array([std], np.float32)
            else:
                P[f"{p}.block0.weight"] = f32(w.transpose(3, 2, 0, 1))  # [co, ci, 3, 3]
                P[f"{p}.block0.std"] = np.array([SQRT2 / math.sqrt(9 * ci)], np.float32)
            k = np.outer([1, 2, 1], [1, 2, 1]) / 16.0
            P[f"{p}.blur.w_kernel"] = f32(np.repeat(k[None, None], c, axis=0))
        w2 = W[f"G_synthesis/{scopes[1]}/weight"]
        P[f"{p}.block2.0.weight"] = f32(w2.transpose(3, 2, 0, 1))
        P[f"{p}.block2.0.std"] = np.array([SQRT2 / math.sqrt(9 * w2.shape[2])], np.float32)
        for j, (noise, bias, adain) in enumerate([(f"{p}.block1.0", f"{p}.block1.1", f"{p}.adain1"),
                                                  (f"{p}.block2.1", f"{p}.block2.2", f"{p}.adain2")]):
            s = scopes[j]
            P[f"{noise}.scale_factors"] = f32(W[f"G_synthesis/{s}/Noise/weight"].reshape(1, c, 1, 1))
            P[f"{bias}.bias"] = f32(W[f"G_synthesis/{s}/bias"].reshape(1, c, 1, 1))
            sw = W[f"G_synthesis/{s}/StyleMod/weight"]
            P[f"{adain}.affine.weight"] = f32(sw.T)
            P[f"{adain}.affine.bias"] = f32(W[f"G_synthesis/{s}/StyleMod/bias"])
            P[f"{adain}.affine.std"] = np.array([1.0 / math.sqrt(sw.shape[0])], np.float32)
            P[f"{adain}.instance.gamma"] = np.ones(c, np.float32)
            P[f"{adain}.instance.beta"] = np.zeros(c, np.float32)
    rgb = W["G_synthesis/ToRGB_lod0/weight"]
    P[f"to_rgb{R}.0.weight"] = f32(rgb.transpose(3, 2, 0, 1))
    P[f"to_rgb{R}.0.bias"] = f32(W["G_synthesis/ToRGB_lod0/bias"])
    P[f"to_rgb{R}.0.std"] = np.array([1.0 / math.sqrt(rgb.shape[2])], np.float32)
    assert len(names) == L
    return P


def prefixed_name(k):
    """Gluon attribute path -> the older save_params name of networks_stylegan.py."""
    R = ref.log2res(CFG)
    parts = k.split(".")
    if parts[0] == "mapping":
        return f"mp_dense_{(int(parts[1]) - 1) // 2}_{parts[2]}"
    if parts[0].startswith("to_rgb"):
        return f"{2 ** R}_conv_to_rgb_{parts[2]}"
    if not parts[0].startswith("net"):
        return k
    res = 2 ** int(parts[0][3:])
    rest = ".".join(parts[1:])
    fused = res >= CFG["fusedScaleFrom"]
    table = {"block1.0.scale_factors": "noise_1_scale_factors", "block1.1.bias": "bias_1_bias",
             "block0.weight": ("deconv_1_weight" if fused else "conv_1_weight"),
             "block0.std": ("deconv_1_std" if fused else "conv_1_std"), "blur.w_kernel": "blur_1_w_kernel",
             "block2.0.weight": "conv_2_weight", "block2.0.std": "conv_2_std",
             "block2.1.scale_factors": "noise_2_scale_factors", "block2.2.bias": "bias_2_bias"}
    for j in (1, 2):
        for t in ("weight", "bias", "std"):
            table[f"adain{j}.affine.{t}"] = f"adain_{j}_dense_affine_{t}"
        for t in ("gamma", "beta"):
            table[f"adain{j}.instance.{t}"] = f"adain_{j}_norm_{t}"
    return f"{res}_{table[rest]}"


def mxnet_bytes(P):
    """MXNet's NDArray list: uint64 0x112, uint64 0, uint64 n, n x NDArray (V2 magic 0xF993fac9,
    int32 storage type 0, uint32 ndim + int64 dims, int32 dev_type/dev_id, int32 type flag 0,
    float32 data), uint64 n, n x (uint64 len, bytes)."""
    b = io.BytesIO()
    b.write(struct.pack("<QQQ", 0x112, 0, len(P)))
    for a in P.values():
        b.write(struct.pack("<IiI", 0xF993FAC9, 0, a.ndim))
        b.write(struct.pack(f"<{a.ndim}q", *a.shape))
        b.write(struct.pack("<iii", 1, 0, 0))
        b.write(np.ascontiguousarray(a, dtype="<f4").tobytes())
    b.write(struct.pack("<Q", len(P)))
    for k in P:
        kb = k.encode()
        b.write(struct.pack("<Q", len(kb)))
        b.write(kb)
    return b.getvalue()


def gluon_forward(P, wplus, noise):
    """The paper's Gluon generator forward (synthesis part), float64, from the params as stored:
    block = [upsample] -> block0 conv (or 4x4 Deconvolution stride 2 pad 1) -> blur (stored
    kernel, depthwise) -> noise*scale_factors -> bias -> lrelu -> InstanceNorm(gamma, beta) ->
    x*(ys+1)+yb with [ys|yb] = affine(w); to_rgb 1x1. Weights used as value*std (lr_mult 1)."""
    import torch
    import torch.nn.functional as F
    t = lambda a: torch.from_numpy(np.asarray(a, np.float64))
    R = ref.log2res(CFG)
    N = wplus.shape[0]
    x = t(P["constant_tensor"]).repeat(N, 1, 1, 1)
    acts = {}
    li = 0

    def epilogue(x, noise_p, bias_p, adain):
        nonlocal li
        nz = t(noise[li]).permute(0, 3, 1, 2)
        x = x + t(P[f"{noise_p}.scale_factors"]) * nz
        x = x + t(P[f"{bias_p}.bias"])
        x = F.leaky_relu(x, 0.2)
        m = x.mean(dim=(2, 3), keepdim=True)
        v = ((x - m) ** 2).mean(dim=(2, 3), keepdim=True)
        x = (x - m) / torch.sqrt(v + 1e-8)  # official eps (MXNet's InstanceNorm default is 1e-5)
        x = x * t(P[f"{adain}.instance.gamma"]).view(1, -1, 1, 1) + t(P[f"{adain}.instance.beta"]).view(1, -1, 1, 1)
        aw = t(P[f"{adain}.affine.weight"]) * float(P[f"{adain}.affine.std"][0])
        y = t(wplus[:, li]) @ aw.T + t(P[f"{adain}.affine.bias"])
        C = x.shape[1]
        ys, yb = y[:, :C], y[:, C:]
        li += 1
        return x * (ys.view(N, C, 1, 1) + 1) + yb.view(N, C, 1, 1)

    for r in range(2, R + 1):
        p = f"net{r}"
        if r > 2:
            w0 = t(P[f"{p}.block0.weight"]) * float(P[f"{p}.block0.std"][0])
            if w0.shape[2] == 4:
                x = F.conv_transpose2d(x, w0, stride=2, padding=1)  # same layout as MXNet Deconvolution
            else:
                x = F.conv2d(F.interpolate(x, scale_factor=2, mode="nearest"), w0, padding=1)
            x = F.conv2d(x, t(P[f"{p}.blur.w_kernel"]), padding=1, groups=x.shape[1])
        x = epilogue(x, f"{p}.block1.0", f"{p}.block1.1", f"{p}.adain1")
        x = F.conv2d(x, t(P[f"{p}.block2.0.weight"]) * float(P[f"{p}.block2.0.std"][0]), padding=1)
        x = epilogue(x, f"{p}.block2.1", f"{p}.block2.2", f"{p}.adain2")
        acts[f"{2**r}x{2**r}"] = x.permute(0, 2, 3, 1).numpy()
    rgb = F.conv2d(x, t(P[f"to_rgb{R}.0.weight"]) * float(P[f"to_rgb{R}.0.std"][0]), t(P[f"to_rgb{R}.0.bias"]))
    return rgb.permute(0, 2, 3, 1).numpy(), acts


def gluon_mapping(P, z):
    x = np.asarray(z, np.float64)
    x = x / np.sqrt((x * x).mean(axis=1, keepdims=True) + 1e-8)
    for i in range(CFG["mappingLayers"]):
        k = 2 * i + 1
        w = P[f"mapping.{k}.weight"].astype(np.float64) * float(P[f"mapping.{k}.std"][0]) * 0.01
        b = P[f"mapping.{k}.bias"].astype(np.float64) * 0.01
        x = x @ w.T + b
        x = np.where(x >= 0, x, 0.2 * x)
    return x


# --------------------------------------------------------------------------------------------

def write_bin(name, a):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(np.ascontiguousarray(a, dtype="<f4").tobytes())


def torch_fixtures():
    import torch
    g = torch.Generator().manual_seed(5)
    sd = {
        "conv1.weight": torch.randn(4, 3, 3, 3, generator=g),
        "bn1.weight": torch.rand(4, generator=g) + 0.5,
        "bn1.bias": torch.randn(4, generator=g),
        "bn1.running_mean": torch.randn(4, generator=g),
        "bn1.running_var": torch.rand(4, generator=g) + 0.5,
        "bn1.num_batches_tracked": torch.tensor(12345, dtype=torch.int64),
        "layer1.0.conv1.weight": torch.randn(4, 4, 1, 1, generator=g),
        "fc.weight": torch.randn(4, 2, generator=g).t(),  # non-contiguous view
        "fc.bias": torch.randn(2, generator=g).to(torch.float16),
        "features.0.weight": torch.randn(6, generator=g).double(),
    }
    from collections import OrderedDict
    sd = OrderedDict(sd)
    torch.save(sd, os.path.join(CKPT, "tiny-state.pth"))
    torch.save(sd, os.path.join(CKPT, "tiny-state-legacy.pth"), _use_new_zipfile_serialization=False)
    exp = {k: {"shape": list(v.shape), "dtype": str(v.dtype).replace("torch.", ""),
               "data": v.contiguous().double().flatten().tolist()} for k, v in sd.items()}
    with open(os.path.join(CKPT, "torch-expected.json"), "w") as f:
        json.dump(exp, f)


def check_mixed_layout():
    """The same check on a config with nearest-upscale 3x3 block0 at 8x8 and Deconvolution from 16."""
    global CFG
    saved = CFG
    CFG = ref.make_config(**{**saved, "fusedScaleFrom": 16})
    try:
        W = ref.random_weights(CFG, SEED + 5, init="test")
        r = np.random.default_rng(3)
        wplus = r.standard_normal((2, ref.num_layers(CFG), CFG["dlatentSize"])).astype(np.float32)
        noise = [r.standard_normal((2, s, s, 1)).astype(np.float32) for _, s in ref.layer_names(CFG)]
        image, acts = ref.synthesis(W, CFG, wplus, noise)
        P = gluon_params(W)
        assert P["net3.block0.weight"].shape[2] == 3 and P["net4.block0.weight"].shape[2] == 4
        gimg, gacts = gluon_forward(P, wplus.astype(np.float64), noise)
        err = max(np.abs(gimg - image).max(), *(np.abs(gacts[k] - acts[k]).max() for k in gacts))
        print(f"mixed nearest/fused layout: Gluon-semantics forward vs stylegan_ref max abs err {err:.2e}")
        assert err < 1e-4
    finally:
        CFG = saved


def main():
    os.makedirs(OUT, exist_ok=True)
    os.makedirs(CKPT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    for fn in os.listdir(CKPT):  # hostile/ is make_weights.py's
        if fn.startswith("tiny-") or fn.endswith(".json"):
            os.remove(os.path.join(CKPT, fn))
    W = ref.random_weights(CFG, SEED, init="test")
    rng = np.random.default_rng(SEED + 1)
    Gs = official_networks(W, rng)
    G = perturbed(Gs, rng)
    D = discriminator(rng)
    for proto, name in ((3, "tiny-official.pkl"), (2, "tiny-official-p2.pkl"), (4, "tiny-official-p4.pkl")):
        with open(os.path.join(CKPT, name), "wb") as f:
            pickle.dump((G, D, Gs), f, protocol=proto)

    P = gluon_params(W)
    with open(os.path.join(CKPT, "tiny-gluon.params"), "wb") as f:
        f.write(mxnet_bytes(P))
    with open(os.path.join(CKPT, "tiny-gluon-prefixed.params"), "wb") as f:
        f.write(mxnet_bytes({prefixed_name(k): v for k, v in P.items()}))

    # Expected outputs from the reference.
    N, psi, cutoff = 2, 0.7, 4
    z = rng.standard_normal((N, CFG["latentSize"])).astype(np.float32)
    noise = [rng.standard_normal((N, r, r, 1)).astype(np.float32) for _, r in ref.layer_names(CFG)]
    w = ref.mapping(W, CFG, z)
    wplus = ref.truncate(W, CFG, w, psi, cutoff)
    image, acts = ref.synthesis(W, CFG, wplus, noise)
    image_stored, _ = ref.synthesis(W, CFG, wplus, None)

    # Independent check: the Gluon arrays, run with Gluon semantics, give the reference output.
    gimg, gacts = gluon_forward(P, wplus.astype(np.float64), noise)
    err = max(np.abs(gimg - image).max(), *(np.abs(gacts[k] - acts[k]).max() for k in gacts))
    gw = gluon_mapping(P, z)
    err_map = np.abs(gw - w).max()
    print(f"Gluon-semantics forward vs stylegan_ref: synthesis max abs err {err:.2e}, mapping {err_map:.2e}")
    assert err < 1e-4 and err_map < 1e-4, "Gluon layout does not reproduce the reference"

    check_mixed_layout()

    arrays = {"z": z, "w": w, "wplus": wplus, "image": image, "image_stored_noise": image_stored}
    for i, n in enumerate(noise):
        arrays[f"noise{i}"] = n
    for k, v in acts.items():
        arrays["act/" + k] = v
    files = {}
    for k, v in arrays.items():
        fn = "expected_" + k.replace("/", "_") + ".bin"
        write_bin(fn, v)
        files[k] = {"file": fn, "shape": list(v.shape)}
    spec = ref.weight_spec(CFG)
    write_bin("reference.bin", np.concatenate([np.ravel(W[n]) for n, _ in spec]))
    index = {"config": CFG, "batch": N, "psi": psi, "cutoff": cutoff, "numLayers": ref.num_layers(CFG),
             "activationNames": list(acts.keys()), "files": files,
             "reference": {"file": "reference.bin", "weights": [{"name": n, "shape": list(s)} for n, s in spec]},
             "gluonParamCount": len(P)}
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(index, f, indent=1)
    with open(os.path.join(CKPT, "checkpoints.json"), "w") as f:
        f.write(json.dumps({"gluonParamCount": len(P)}) + "\n")
    torch_fixtures()
    files = [os.path.join(d, x) for d in (OUT, CKPT) for x in os.listdir(d) if os.path.isfile(os.path.join(d, x))]
    total = sum(os.path.getsize(x) for x in files)
    print(f"{len(files)} files, {total / 1024:.0f} KiB")
    assert total < 2 * 1024 * 1024


def full_size(out_dir):
    global CFG
    CFG = ref.make_config()  # official FFHQ 1024 config, fused from 128 ('auto')
    W = ref.random_weights(CFG, 0, init="official")
    rng = np.random.default_rng(1)
    Gs = official_networks(W, rng)
    del Gs.static_kwargs["fused_scale"]
    for c in Gs.components.values():
        del c.static_kwargs["fused_scale"]
    G = perturbed(Gs, rng)
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "ffhq-size.pkl"), "wb") as f:
        pickle.dump((G, discriminator(rng), Gs), f, protocol=3)
    with open(os.path.join(out_dir, "ffhq-size.params"), "wb") as f:
        f.write(mxnet_bytes(gluon_params(W)))
    print("wrote", out_dir)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--full-size":
        full_size(sys.argv[2])
    else:
        main()
