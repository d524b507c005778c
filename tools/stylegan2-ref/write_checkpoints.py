"""Writes the StyleGAN2 fixtures of @ganseg/stylegan-gluon-converter: one tiny random StyleGAN2
generator in the two formats people hold, the expected outputs, and hostile variants.

packages/stylegan-gluon-converter/fixtures/sg2/ gets:
  tiny-sg2-official.pkl   official StyleGAN2 TensorFlow structure: pickle (protocol 3) of the tuple
                          (G, D, Gs) of `dnnlib.tflib.network.Network` stand-ins (the official
                          __getstate__ dict), Gs = G_main with components G_synthesis
                          (G_synthesis_stylegan2, skip) and G_mapping, noise_strength as numpy scalars.
  tiny-sg2-ada.pkl        StyleGAN2-ADA PyTorch structure (protocol 4): a dict {G, D, G_ema,
  tiny-sg2-ada-p3.pkl     augment_pipe, training_set_kwargs} whose networks are
                          `torch_utils.persistence` objects (reduce = _reconstruct_persistent_obj(meta),
                          meta = {type, version, module_src, class_name, state}), state = the
                          nn.Module __dict__ (_parameters, _buffers, _modules, init_kwargs as
                          dnnlib.util.EasyDict, ...), tensors pickled by plain pickle, i.e. each
                          storage as torch.storage._load_from_bytes(<legacy torch.save bytes>).
                          Written with real torch tensors and stand-in classes of the same module
                          and class names; the ADA code itself is not needed. ADA layouts: conv
                          [O, I, kh, kw], conv0 spatially flipped against TF, affine bias = TF mod_bias + 1,
                          conv_clamp 1.5 (binding).
  expected-tf/, expected-ada/   expected.json + arrays in the @ganseg/stylegan fixture layout
                          (tools/stylegan2-ref/make_fixtures.py), from stylegan2_ref.
  hostile/                ada-os-system.pkl (a GLOBAL os.system in G_ema's state),
                          ada-evil-class.pkl (a persisted class outside training.networks, with
                          source that would write a marker file), ada-evil-source.pkl (the right
                          class name, source that would write the marker file: must convert
                          without running it), ada-truncated.pkl, ada-huge-storage.pkl (a nested
                          storage declaring 2^40 elements), sg3.pkl (a StyleGAN3 generator).
packages/checkpoint-readers/fixtures/persisted-module.pkl: a small snapshot of the same structure
                          with known values, for unpickleTorchObjects and collectTorchTensors.

Independent check of the ADA layout: an ADA-semantics forward written here (ADA's
conv2d_resample fast path: transposed conv without flipping the weight, FIR pads (1, 1); affine with
bias 1; ToRGB weight gain on the styles) run on the ADA arrays must reproduce stylegan2_ref within
1e-9; the script asserts it.

Run: python3 tools/stylegan2-ref/write_checkpoints.py   (deterministic, except the storage keys inside
     the ADA pickles' nested torch.save blobs, which torch takes from memory addresses)
     python3 tools/stylegan2-ref/write_checkpoints.py --full-size DIR [RES]   (benchmark input, not a
     fixture: config-f at RES px (default 1024), official init, as DIR/sg2-config-f-RES.pkl in the
     official TF structure, about 130 MB at 1024 px, and as DIR/sg2-ada-RES.pkl, a StyleGAN2-ADA
     snapshot of the same weights)
"""

import collections
import math
import os
import pickle
import shutil
import sys
import types

import numpy as np
import torch
import torch.nn.functional as F

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import stylegan2_ref as ref  # noqa: E402
import make_fixtures as mf  # noqa: E402


def _load_v1_writer():
    """v1's tools/stylegan-ref/write_checkpoints.py: its dnnlib Network stand-in (same pickle structure)."""
    import importlib.util
    v1 = os.path.join(HERE, "..", "stylegan-ref")
    sys.path.insert(1, v1)
    spec = importlib.util.spec_from_file_location("stylegan_ref_write_checkpoints", os.path.join(v1, "write_checkpoints.py"))
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m


Network = _load_v1_writer().Network

ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(ROOT, "packages", "stylegan-gluon-converter", "fixtures", "sg2")
MARKER = "/tmp/ganseg-sg2-hostile-marker"

CFG = ref.make_config(resolution=32, latentSize=12, dlatentSize=16, mappingLayers=3, mappingFmaps=16,
                      fmapBase=64, fmapMax=16)
ADA_CLAMP = 1.5
SPEC = dict(seed=21, batch=2, psi=0.7, cutoff=5, mix_layer=3)

# --------------------------------------------------------------------------------------------
# Official StyleGAN2 TensorFlow pickle.


def tf_networks(W, CFG=CFG):
    syn = [(n[len("G_synthesis/"):], W[n] if W[n].shape != () else np.float32(W[n]))
           for n, _ in ref.weight_spec(CFG) if n.startswith("G_synthesis/")]
    mp = [(n[len("G_mapping/"):], W[n]) for n, _ in ref.weight_spec(CFG) if n.startswith("G_mapping/")]
    kw = dict(num_channels=3, resolution=CFG["resolution"], label_size=0, fmap_base=CFG["fmapBase"], fmap_max=CFG["fmapMax"],
              latent_size=CFG["latentSize"], dlatent_size=CFG["dlatentSize"], mapping_layers=CFG["mappingLayers"],
              mapping_fmaps=CFG["mappingFmaps"], architecture="skip", func_name="training.networks_stylegan2.G_main")
    s = Network("G_synthesis", dict(kw), {}, "training.networks_stylegan2.G_synthesis_stylegan2", syn)
    m = Network("G_mapping", dict(kw), {}, "training.networks_stylegan2.G_mapping", mp)
    gs = Network("Gs", dict(kw), {"synthesis": s, "mapping": m}, "training.networks_stylegan2.G_main",
                 [("dlatent_avg", W["dlatent_avg"])])
    d = Network("D", {"resolution": CFG["resolution"]}, {}, "training.networks_stylegan2.D_stylegan2",
                [("4x4/Conv/weight", np.ones((3, 3, 17, 16), np.float32))])
    return gs, d


# --------------------------------------------------------------------------------------------
# StyleGAN2-ADA pickle: stand-ins with the names torch_utils.persistence and dnnlib.util use.

persistence = types.ModuleType("torch_utils.persistence")
torch_utils = types.ModuleType("torch_utils")
torch_utils.persistence = persistence
dnnlib_util = types.ModuleType("dnnlib.util")
sys.modules["dnnlib"].util = dnnlib_util
sys.modules.update({"torch_utils": torch_utils, "torch_utils.persistence": persistence, "dnnlib.util": dnnlib_util})


def _reconstruct_persistent_obj(meta):  # never called here: only its name goes into the pickle
    raise RuntimeError("stand-in")


_reconstruct_persistent_obj.__module__ = "torch_utils.persistence"
persistence._reconstruct_persistent_obj = _reconstruct_persistent_obj


class EasyDict(dict):
    pass


EasyDict.__module__ = "dnnlib.util"
dnnlib_util.EasyDict = EasyDict

ADA_SRC = "# training/networks.py of stylegan2-ada-pytorch would be here; it is data, never run\n"


class Persisted:
    """Pickles as torch_utils.persistence does: _reconstruct_persistent_obj(meta)."""

    def __init__(self, class_name, state, src=ADA_SRC):
        self.meta = dict(type="class", version=6, module_src=src, class_name=class_name, state=state)

    def __reduce__(self):
        return (_reconstruct_persistent_obj, (self.meta,))


def module(class_name, params=(), buffers=(), modules=(), **attrs):
    od = collections.OrderedDict
    state = dict(training=False,
                 _parameters=od((k, torch.nn.Parameter(torch.tensor(np.array(v, order="C")), requires_grad=False)) for k, v in params),
                 _buffers=od((k, torch.tensor(np.array(v, order="C"))) for k, v in buffers),
                 _non_persistent_buffers_set=set(), _backward_hooks=od(), _forward_hooks=od(), _forward_pre_hooks=od(),
                 _state_dict_hooks=od(), _load_state_dict_pre_hooks=od(), _modules=od(modules))
    state.update(attrs)
    return Persisted(class_name, state)


def fir():
    f = np.array([1, 3, 3, 1], np.float32)
    k = np.outer(f, f)
    return k / k.sum()


def ada_state(W):
    """TF-named canonical weights -> ADA names and layouts (as ADA's legacy.py converts, inverted)."""
    P = {}
    for i in range(CFG["mappingLayers"]):
        P[f"mapping.fc{i}.weight"] = W[f"G_mapping/Dense{i}/weight"].T
        P[f"mapping.fc{i}.bias"] = W[f"G_mapping/Dense{i}/bias"]
    P["mapping.w_avg"] = W["dlatent_avg"]
    P["synthesis.b4.const"] = W["G_synthesis/4x4/Const/const"][0]
    for scope, idx, res, _, _, up in ref.conv_layers(CFG):
        b = f"synthesis.b{res}." + ("conv1" if scope.endswith("Conv") or scope.endswith("Conv1") else "conv0")
        p = f"G_synthesis/{scope}"
        w = W[f"{p}/weight"]
        P[f"{b}.weight"] = (w[::-1, ::-1] if up else w).transpose(3, 2, 0, 1)
        P[f"{b}.bias"] = W[f"{p}/bias"]
        P[f"{b}.noise_strength"] = W[f"{p}/noise_strength"]
        P[f"{b}.noise_const"] = W[f"G_synthesis/noise{idx}"][0, 0]
        P[f"{b}.affine.weight"] = W[f"{p}/mod_weight"].T
        P[f"{b}.affine.bias"] = W[f"{p}/mod_bias"] + 1
    for r in range(2, ref.log2res(CFG) + 1):
        s = 2 ** r
        p = f"G_synthesis/{s}x{s}/ToRGB"
        P[f"synthesis.b{s}.torgb.weight"] = W[f"{p}/weight"].transpose(3, 2, 0, 1)
        P[f"synthesis.b{s}.torgb.bias"] = W[f"{p}/bias"]
        P[f"synthesis.b{s}.torgb.affine.weight"] = W[f"{p}/mod_weight"].T
        P[f"synthesis.b{s}.torgb.affine.bias"] = W[f"{p}/mod_bias"] + 1
    return {k: np.array(v, dtype=np.float32, order="C") for k, v in P.items()}  # ascontiguousarray would make 0-d arrays 1-d


def ada_generator(P, class_prefix="training.networks", src=ADA_SRC):
    D = CFG["dlatentSize"]
    fc = lambda pre, **a: module(f"{class_prefix}.FullyConnectedLayer", [("weight", P[f"{pre}.weight"]), ("bias", P[f"{pre}.bias"])], **a)
    layers = [(f"fc{i}", fc(f"mapping.fc{i}", activation="lrelu", lr_multiplier=0.01)) for i in range(CFG["mappingLayers"])]
    mapping = module(f"{class_prefix}.MappingNetwork", buffers=[("w_avg", P["mapping.w_avg"])], modules=layers,
                     z_dim=CFG["latentSize"], c_dim=0, w_dim=D, num_ws=ref.num_layers(CFG), num_layers=CFG["mappingLayers"], w_avg_beta=0.995)
    blocks = []
    for r in range(2, ref.log2res(CFG) + 1):
        s = 2 ** r
        pre = f"synthesis.b{s}"
        mods = []
        for conv in (["conv1"] if s == 4 else ["conv0", "conv1"]):
            c = f"{pre}.{conv}"
            mods.append((conv, module(f"{class_prefix}.SynthesisLayer",
                                      [("weight", P[f"{c}.weight"]), ("bias", P[f"{c}.bias"]), ("noise_strength", P[f"{c}.noise_strength"])],
                                      [("resample_filter", fir()), ("noise_const", P[f"{c}.noise_const"])],
                                      [("affine", fc(f"{c}.affine", activation="linear", lr_multiplier=1))],
                                      resolution=s, up=2 if conv == "conv0" else 1, use_noise=True, activation="lrelu",
                                      conv_clamp=ADA_CLAMP, padding=1, channels_last=False)))
        mods.append(("torgb", module(f"{class_prefix}.ToRGBLayer", [("weight", P[f"{pre}.torgb.weight"]), ("bias", P[f"{pre}.torgb.bias"])],
                                     modules=[("affine", fc(f"{pre}.torgb.affine", activation="linear", lr_multiplier=1))],
                                     conv_clamp=ADA_CLAMP, weight_gain=1 / math.sqrt(P[f"{pre}.torgb.weight"].shape[1]))))
        params = [("const", P["synthesis.b4.const"])] if s == 4 else []
        blocks.append((f"b{s}", module(f"{class_prefix}.SynthesisBlock", params, [("resample_filter", fir())], mods,
                                       resolution=s, architecture="skip", is_last=(s == CFG["resolution"]), use_fp16=False, num_conv=len(mods) - 1, num_torgb=1)))
    synthesis = module(f"{class_prefix}.SynthesisNetwork", modules=blocks, w_dim=D, img_resolution=CFG["resolution"],
                       img_resolution_log2=ref.log2res(CFG), img_channels=3,
                       block_resolutions=[2 ** r for r in range(2, ref.log2res(CFG) + 1)], num_ws=ref.num_layers(CFG))
    kwargs = EasyDict(z_dim=CFG["latentSize"], c_dim=0, w_dim=D, img_resolution=CFG["resolution"], img_channels=3,
                      mapping_kwargs=EasyDict(num_layers=CFG["mappingLayers"]),
                      synthesis_kwargs=EasyDict(channel_base=2 * CFG["fmapBase"], channel_max=CFG["fmapMax"], num_fp16_res=0,
                                                conv_clamp=ADA_CLAMP, architecture="skip"))
    g = module(f"{class_prefix}.Generator", modules=[("synthesis", synthesis), ("mapping", mapping)],
               z_dim=CFG["latentSize"], c_dim=0, w_dim=D, img_resolution=CFG["resolution"], img_channels=3,
               num_ws=ref.num_layers(CFG), init_args=(), init_kwargs=kwargs)
    g.meta["module_src"] = src
    return g


def ada_pickle(G_ema, G=None):
    return dict(G=G or G_ema, D=module("training.networks.Discriminator", [("b4.conv.weight", np.ones((2, 2), np.float32))]),
                G_ema=G_ema, augment_pipe=None, training_set_kwargs=EasyDict(path="~/datasets/tiny.zip", resolution=CFG["resolution"]))


# --------------------------------------------------------------------------------------------
# ADA-semantics forward (independent check of the ADA layouts, float64).

def _t(a):
    return torch.as_tensor(np.asarray(a), dtype=torch.float64)


def _upfirdn(x, up, p0, p1, gain):
    c = x.shape[1]
    if up > 1:
        z = torch.zeros((x.shape[0], c, x.shape[2] * up, x.shape[3] * up), dtype=x.dtype)
        z[:, :, ::up, ::up] = x
        x = z
    x = F.pad(x, [p0, p1, p0, p1])
    k = _t(fir()) * gain
    return F.conv2d(x, k.flip([0, 1])[None, None].repeat(c, 1, 1, 1), groups=c)


def ada_forward(P, ws, noise, clamp):
    """ws [N, num_ws, D] float64; noise: NHWC arrays per conv (numLayers - 1). Returns image NHWC."""
    ws = _t(ws)
    Dm = ws.shape[2]
    aff = lambda pre, w: w @ (_t(P[f"{pre}.weight"]) / math.sqrt(Dm)).T + _t(P[f"{pre}.bias"])
    x = _t(P["synthesis.b4.const"])[None].repeat(ws.shape[0], 1, 1, 1)
    img = None
    wi = 0
    ni = 0
    for r in range(2, ref.log2res(CFG) + 1):
        s = 2 ** r
        pre = f"synthesis.b{s}"
        for conv in (["conv1"] if s == 4 else ["conv0", "conv1"]):
            c = f"{pre}.{conv}"
            styles = aff(f"{c}.affine", ws[:, wi])
            outs = []
            for b in range(ws.shape[0]):
                w = _t(P[f"{c}.weight"])[None] * styles[b][None, :, None, None]
                w = w * torch.rsqrt((w * w).sum(dim=[2, 3, 4]) + 1e-8)[:, :, None, None, None]
                w = w[0]  # [O, I, kh, kw]
                if conv == "conv0":  # conv2d_resample fast path: conv_transpose2d, weight not flipped
                    y = F.conv_transpose2d(x[b:b + 1], w.transpose(0, 1), stride=2)
                    y = _upfirdn(y, 1, 1, 1, 4.0)
                else:
                    y = F.conv2d(x[b:b + 1], w, padding=1)
                outs.append(y)
            x = torch.cat(outs) + _t(noise[ni]).permute(0, 3, 1, 2) * float(P[f"{c}.noise_strength"])
            x = (F.leaky_relu(x + _t(P[f"{c}.bias"])[None, :, None, None], 0.2) * math.sqrt(2)).clamp(-clamp, clamp)
            wi += 1
            ni += 1
        t = f"{pre}.torgb"
        wt = _t(P[f"{t}.weight"])
        styles = aff(f"{t}.affine", ws[:, wi]) / math.sqrt(wt.shape[1])
        y = torch.cat([F.conv2d(x[b:b + 1], wt * styles[b][None, :, None, None]) for b in range(ws.shape[0])])
        y = (y + _t(P[f"{t}.bias"])[None, :, None, None]).clamp(-clamp, clamp)
        img = y if img is None else _upfirdn(img, 2, 2, 1, 4.0) + y
    return img.permute(0, 2, 3, 1).numpy()


def ada_mapping(P, z):
    x = _t(z)
    x = x * torch.rsqrt((x * x).mean(dim=1, keepdim=True) + 1e-8)
    for i in range(CFG["mappingLayers"]):
        w = _t(P[f"mapping.fc{i}.weight"])
        x = F.leaky_relu(x @ (w * 0.01 / math.sqrt(w.shape[1])).T + _t(P[f"mapping.fc{i}.bias"]) * 0.01, 0.2) * math.sqrt(2)
    return x.numpy()


# --------------------------------------------------------------------------------------------
# Hostile variants.

class OsSystem:
    def __reduce__(self):
        import os as _os
        return (_os.system, (f"touch {MARKER}",))


def hostile(P, d):
    evil_src = f"import os\nos.system('touch {MARKER}')\n"
    files = {}
    g = ada_generator(P)
    g.meta["state"]["init_args"] = (OsSystem(),)
    files["ada-os-system.pkl"] = pickle.dumps(ada_pickle(g), protocol=4)
    files["ada-evil-class.pkl"] = pickle.dumps(ada_pickle(ada_generator(P, class_prefix="evil", src=evil_src)), protocol=4)
    files["ada-evil-source.pkl"] = pickle.dumps(ada_pickle(ada_generator(P, src=evil_src)), protocol=4)
    good = pickle.dumps(ada_pickle(ada_generator(P)), protocol=4)
    files["ada-truncated.pkl"] = good[: len(good) // 2]
    # A nested storage whose legacy blob declares 2^40 float32 elements (4 TiB) before its bytes.
    tiny = dict(G_ema=module("training.networks.Generator", [("weight", np.ones(3, np.float32))]))
    raw = pickle.dumps(tiny, protocol=4)
    n3 = (3).to_bytes(8, "little")
    at = raw.rfind(n3 + np.ones(3, np.float32).tobytes())
    assert at > 0
    files["ada-huge-storage.pkl"] = raw[:at] + (1 << 40).to_bytes(8, "little") + raw[at + 8:]
    files["sg3.pkl"] = pickle.dumps(ada_pickle(module("training.networks_stylegan3.Generator", modules=[
        ("synthesis", module("training.networks_stylegan3.SynthesisNetwork", modules=[
            ("input", module("training.networks_stylegan3.SynthesisInput", [("weight", np.ones((4, 4), np.float32))]))]))],
        z_dim=CFG["latentSize"], c_dim=0, w_dim=16, img_resolution=32, img_channels=3)), protocol=4)
    os.makedirs(d)
    for k, v in files.items():
        with open(os.path.join(d, k), "wb") as f:
            f.write(v)


def persisted_fixture():
    """@ganseg/checkpoint-readers' fixture for unpickleTorchObjects / collectTorchTensors: a snapshot
    dict whose G_ema is a persisted module with a parameter, a buffer, a submodule, EasyDict kwargs
    and a set, with known values."""
    fc = module("training.networks.FullyConnectedLayer", [("bias", np.array([0.5, -0.5], np.float32))])
    g = module("training.networks.Generator", [("weight", np.arange(6, dtype=np.float32).reshape(2, 3))],
               [("w_avg", np.array([1, 2, 3], np.float32))], [("fc0", fc)], init_kwargs=EasyDict(z_dim=4, c_dim=0))
    path = os.path.join(ROOT, "packages", "checkpoint-readers", "fixtures", "persisted-module.pkl")
    with open(path, "wb") as f:
        pickle.dump(dict(G_ema=g, augment_pipe=None, tags={1, 2}), f, protocol=4)


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    W = ref.random_weights(CFG, SPEC["seed"], init="test")
    gs, dnet = tf_networks(W)
    with open(os.path.join(OUT, "tiny-sg2-official.pkl"), "wb") as f:
        pickle.dump((gs, dnet, gs), f, protocol=3)
    P = ada_state(W)
    for proto, name in ((4, "tiny-sg2-ada.pkl"), (3, "tiny-sg2-ada-p3.pkl")):
        with open(os.path.join(OUT, name), "wb") as f:
            pickle.dump(ada_pickle(ada_generator(P)), f, protocol=proto)
    for sub, clamp in (("expected-tf", 0), ("expected-ada", ADA_CLAMP)):
        cfg = dict(CFG, convClamp=clamp)
        d = os.path.join(OUT, sub)
        os.makedirs(d)
        arrays, names = mf.expected_arrays(W, cfg, SPEC)
        mf.write_expected(d, cfg, SPEC, arrays, names)
        if clamp:
            noise = [arrays[f"noise{i}"] for i in range(ref.num_layers(cfg) - 1)]
            img = ada_forward(P, arrays["wplus"].astype(np.float64), noise, clamp)
            err = np.abs(img - arrays["act/image"]).max()
            err_map = np.abs(ada_mapping(P, arrays["z"]) - arrays["w"]).max()
            print(f"ADA-semantics forward vs stylegan2_ref: image max abs err {err:.2e}, mapping {err_map:.2e}; "
                  f"clamped {np.mean(np.abs(img) >= clamp - 1e-9):.1%} of the image")
            assert err < 1e-5 and err_map < 1e-5, "ADA layout does not reproduce the reference"
    hostile(P, os.path.join(OUT, "hostile"))
    persisted_fixture()
    total = 0
    for dp, _, fs in os.walk(OUT):
        total += sum(os.path.getsize(os.path.join(dp, x)) for x in fs)
    print(f"{OUT}: {total / 1024:.0f} KiB")
    assert total < 2 * 1024 * 1024


def full_size(out_dir, res):
    global CFG, ADA_CLAMP
    cfg = ref.make_config(resolution=res)
    W = ref.random_weights(cfg, 0, init="official")
    gs, dnet = tf_networks(W, cfg)
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, f"sg2-config-f-{res}.pkl")
    with open(path + ".tmp", "wb") as f:
        pickle.dump((gs, dnet, gs), f, protocol=3)
    os.replace(path + ".tmp", path)
    print(f"{path}: {os.path.getsize(path) / 2**20:.0f} MiB, {sum(np.size(v) for v in W.values())} values")
    # the same weights as a StyleGAN2-ADA snapshot (G_ema; conv_clamp 256 as ADA's configs)
    CFG, ADA_CLAMP = cfg, 256
    ada = os.path.join(out_dir, f"sg2-ada-{res}.pkl")
    with open(ada + ".tmp", "wb") as f:
        pickle.dump(ada_pickle(ada_generator(ada_state(W))), f, protocol=4)
    os.replace(ada + ".tmp", ada)
    print(f"{ada}: {os.path.getsize(ada) / 2**20:.0f} MiB")


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--full-size":
        full_size(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1024)
    else:
        main()
