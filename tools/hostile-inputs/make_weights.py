"""Writes the hostile weight files of issue 20 into
packages/checkpoint-readers/fixtures/hostile/ (small files that used to make the readers
spend minutes and gigabytes, or that torch.load refuses). Each must now be refused within a
second and a few MB, naming the file; `unused-bomb.pth` must be read (its bomb is never inflated).

  gluon-16384px.params    paper's Gluon layout, 1-channel blocks net2..net14 (claims 16384 px)
  gluon-2p24px.params     the same up to net24 (claims 2^24 px)
  official-2p36px.pkl     official (G, D, Gs) pickle with Conv1 weights up to 2^36 px
  long4-256k.pkl          a pickle whose first opcode is a 256 KiB LONG4 integer
  memo-dag.pkl            a dict key that is a tuple DAG of depth 30 built from memo references
  zip-overlap.pth         a torch zip whose three storage entries are one 128 MiB deflated run
  unused-bomb.pth         a valid torch zip plus an unused 128 MiB deflated entry
  zero-stride.pth         torch.save of 40 tensors expand()ed from one element to 4096 x 4096
  nan-weight.pth          torch.save of a valid state dict with one NaN weight
  frac-stride.pth, nan-offset.pth, neg-stride.pth, frac-offset.pth
                          hand-written torch zips with strides/offsets torch.load refuses

Run: python3 tools/hostile-inputs/make_weights.py   (deterministic)
"""

import io
import math
import os
import pickle
import struct
import sys
import zipfile
import zlib
from collections import OrderedDict

import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "packages", "checkpoint-readers", "fixtures", "hostile")
sys.path.insert(0, os.path.join(ROOT, "tools", "stylegan-ref"))
import write_checkpoints as wc  # noqa: E402  (Network stand-in, mxnet_bytes)


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def gluon_claiming(R):
    f = lambda *s: np.full(s, 0.5, np.float32)
    P = OrderedDict()
    P["constant_tensor"] = f(1, 1, 4, 4)
    P["latent_avg"] = f(1)
    P["mapping.1.weight"] = f(1, 1)
    P["mapping.1.bias"] = f(1)
    for r in range(2, R + 1):
        p = f"net{r}"
        if r > 2:
            P[f"{p}.block0.weight"] = f(1, 1, 3, 3)
        P[f"{p}.block2.0.weight"] = f(1, 1, 3, 3)
        for noise, bias, adain in [(f"{p}.block1.0", f"{p}.block1.1", f"{p}.adain1"), (f"{p}.block2.1", f"{p}.block2.2", f"{p}.adain2")]:
            P[f"{noise}.scale_factors"] = f(1, 1, 1, 1)
            P[f"{bias}.bias"] = f(1, 1, 1, 1)
            P[f"{adain}.affine.weight"] = f(2, 1)
            P[f"{adain}.affine.bias"] = f(2)
    P[f"to_rgb{R}.0.weight"] = f(3, 1, 1, 1)
    P[f"to_rgb{R}.0.bias"] = f(3)
    return wc.mxnet_bytes(P)


def official_claiming(R):
    f = lambda *s: np.full(s, 0.5, np.float32)
    syn = [("4x4/Const/const", f(1, 2, 4, 4)), ("4x4/Conv/weight", f(3, 3, 2, 2))]
    for r in range(3, R + 1):
        syn.append((f"{2**r}x{2**r}/Conv1/weight", f(3, 3, 1, 1)))
    kw = dict(num_channels=3, resolution=2 ** R)
    N = wc.Network
    s = N("G_synthesis", kw, {}, "training.networks_stylegan.G_synthesis", syn)
    m = N("G_mapping", kw, {}, "training.networks_stylegan.G_mapping", [("Dense0/weight", f(1, 1)), ("Dense0/bias", f(1))])
    gs = N("Gs", kw, {"synthesis": s, "mapping": m}, "training.networks_stylegan.G_style", [("dlatent_avg", f(1))])
    return pickle.dumps((gs, gs, gs), protocol=3)


def long4(n):
    return b"\x80\x02\x8b" + struct.pack("<i", n) + b"\x01" * n + b"."


def memo_dag(depth):
    b = bytearray(b"\x80\x02}")  # PROTO 2, EMPTY_DICT
    b += b")q\x000"  # EMPTY_TUPLE, BINPUT 0, POP
    for i in range(1, depth + 1):
        b += b"h" + bytes([i - 1]) + b"h" + bytes([i - 1]) + b"\x86q" + bytes([i]) + b"0"  # (t, t) -> memo i
    b += b"h" + bytes([depth]) + b"Ns."  # BINGET depth, NONE, SETITEM, STOP
    return bytes(b)


def deflated_zeros(n):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = bytes(1 << 20)
    out = [c.compress(chunk) for _ in range(n >> 20)]
    out.append(c.flush())
    return b"".join(out)


class _Storage:
    def __init__(self, key, numel):
        self.key, self.numel = key, numel


class _Tensor:
    def __init__(self, storage, offset, size, stride):
        self.args = (storage, offset, tuple(size), tuple(stride), False, OrderedDict())

    def __reduce__(self):
        import torch
        return (torch._utils._rebuild_tensor_v2, self.args)


def torch_pickle(obj):
    import torch

    class P(pickle.Pickler):
        def persistent_id(self, o):
            if isinstance(o, _Storage):
                return ("storage", torch.FloatStorage, o.key, "cpu", o.numel)
            return None

    b = io.BytesIO()
    P(b, protocol=2).dump(obj)
    return b.getvalue()


def torch_zip(entries, extra=None):
    """entries: name -> bytes, written stored as torch's writer does (archive/...)."""
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_STORED) as z:
        for k, v in entries.items():
            z.writestr(k, v)
    data = b.getvalue()
    return data


def zip_raw(files):
    """A zip from (name, method, compressed, size, crc, local_offset_override) written by hand, so
    that entries may share one local record."""
    out = bytearray()
    central = bytearray()
    offsets = {}
    for name, method, comp, size, crc, share in files:
        nb = name.encode()
        if share is None:
            offsets[name] = len(out)
            out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0, crc, len(comp), size, len(nb), 0) + nb + comp
        else:
            offsets[name] = offsets[share]
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0, crc, len(comp), size, len(nb), 0, 0, 0, 0, 0, offsets[name]) + nb
    cd = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(files), len(files), len(central), cd, 0)
    return bytes(out)


def main():
    import torch
    os.makedirs(OUT, exist_ok=True)
    write("gluon-16384px.params", gluon_claiming(14))
    write("gluon-2p24px.params", gluon_claiming(24))
    write("official-2p36px.pkl", official_claiming(36))
    write("long4-256k.pkl", long4(256 << 10))
    write("memo-dag.pkl", memo_dag(30))

    # Overlapping entries: data/0, data/1, data/2 are one 128 MiB deflated run.
    n = 128 << 20
    bomb = deflated_zeros(n)
    crc = zlib.crc32(bytes(n))
    sd = OrderedDict((f"w{i}", _Tensor(_Storage(str(i), n // 4), 0, [n // 4], [1])) for i in range(3))
    pkl = torch_pickle(sd)
    write("zip-overlap.pth", zip_raw([
        ("archive/data.pkl", 0, pkl, len(pkl), zlib.crc32(pkl), None),
        ("archive/data/0", 8, bomb, n, crc, None),
        ("archive/data/1", 8, bomb, n, crc, "archive/data/0"),
        ("archive/data/2", 8, bomb, n, crc, "archive/data/0"),
    ]))

    # A valid state dict plus an unused bomb entry.
    g = torch.Generator().manual_seed(3)
    b = io.BytesIO()
    torch.save(OrderedDict(w=torch.randn(4, 3, generator=g), b=torch.randn(4, generator=g)), b)
    files = []
    with zipfile.ZipFile(io.BytesIO(b.getvalue())) as z:
        for info in z.infolist():
            d = z.read(info)
            files.append((info.filename, 0, d, len(d), zlib.crc32(d), None))
    prefix = files[0][0].split("/")[0]
    files.append((f"{prefix}/extra/unused.bin", 8, bomb, n, crc, None))
    write("unused-bomb.pth", zip_raw(files))

    # 40 broadcast views of one element each.
    b = io.BytesIO()
    torch.save(OrderedDict((f"layer{i}.weight", torch.zeros(1).expand(4096, 4096)) for i in range(40)), b)
    write("zero-stride.pth", b.getvalue())

    # A valid checkpoint with one NaN.
    w = torch.randn(8, 3, 3, 3, generator=g)
    w[2, 1, 0, 2] = float("nan")
    b = io.BytesIO()
    torch.save(OrderedDict([("conv1.weight", w), ("conv1.bias", torch.zeros(8))]), b)
    write("nan-weight.pth", b.getvalue())

    # Strides and offsets torch.load refuses.
    for name, off, stride in [("frac-stride.pth", 0, 1.5), ("nan-offset.pth", float("nan"), 1),
                              ("neg-stride.pth", 3, -1), ("frac-offset.pth", 0.5, 1)]:
        pkl = torch_pickle(OrderedDict(w=_Tensor(_Storage("0", 4), off, [2], [stride])))
        write(name, torch_zip({"archive/data.pkl": pkl, "archive/data/0": np.arange(4, dtype="<f4").tobytes(), "archive/version": b"3\n"}))

    for f in sorted(os.listdir(OUT)):
        print(f"{os.path.getsize(os.path.join(OUT, f)):>9}  {f}")


if __name__ == "__main__":
    main()
