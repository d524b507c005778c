"""Writes the odd and hostile PNG masks of issue 20 into packages/io/fixtures/hostile/, and
expected.json with the class ids each valid one must read as.

  huge-claim.png       69 bytes claiming 30000 x 30000 (refused on the header, before decoding)
  interlaced-bomb.png  a 16384 x 16384 interlaced grey PNG of zeros (a ~260 KB zlib bomb)
  broken-zlib.png      8 x 6 grey mask, valid CRCs, zlib stream cut short
  bad-crc.png          8 x 6 grey mask with one IDAT byte changed (CRC mismatch)
  grey16.png grey1.png grey2.png grey4.png    class ids at 16, 1, 2 and 4 bits (read unscaled)
  grey8-interlaced.png an Adam7 interlaced 8-bit mask (13 x 11, every filter type)
  palette.png          palette indices 0, 1, 255 whose PLTE holds the class colours in order
  palette-swapped.png  palette index 0 drawn in class 1's colour: ambiguous
  rgb-classes.png      RGB in the class colours (background (0,0,0), object (255,0,0))
  rgba16.png           16-bit RGBA in the class colours, alpha 0 = ignore
  stray7.png           a 2-class 0/1/255 mask with one pixel of 7 (not three-level grey)
  grey3.png            the paper's three-level grey mask (10 ignore, 128 background, 250 object)

huge-claim, grey16, grey1, stray7, rgb-classes and broken-zlib are copied to
packages/{formats,deeplab,annotator}/fixtures/hostile/ for their mask readers' tests.

Run: python3 tools/hostile-inputs/make_images.py   (deterministic)
"""

import json
import os
import struct
import zlib

import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "packages", "io", "fixtures", "hostile")
W, H = 8, 6
COLORS = [(0, 0, 0), (255, 0, 0)]


def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))


def png(w, h, depth, ct, raw, extra=b"", interlace=0, idat=None):
    ihdr = struct.pack(">IIBBBBB", w, h, depth, ct, 0, 0, interlace)
    data = zlib.compress(raw, 9) if idat is None else idat
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + extra + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def pack_rows(a, depth, filt=0):
    """a: [h, w * spp] samples -> filtered scanlines (filter 0, or per-row cycling 0..4 for 8-bit)."""
    rows = []
    bpp = None
    for y, row in enumerate(a):
        if depth == 16:
            line = b"".join(struct.pack(">H", int(v)) for v in row)
        elif depth == 8:
            line = bytes(int(v) for v in row)
        else:
            bits = "".join(format(int(v), f"0{depth}b") for v in row)
            bits += "0" * (-len(bits) % 8)
            line = bytes(int(bits[i:i + 8], 2) for i in range(0, len(bits), 8))
        rows.append((line, filt))
    return rows


def encode(rows, bpp):
    out = bytearray()
    prev = bytes(len(rows[0][0])) if rows else b""
    for line, f in rows:
        n = len(line)
        enc = bytearray(n)
        for i in range(n):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 0:
                pred = 0
            elif f == 1:
                pred = a
            elif f == 2:
                pred = b
            elif f == 3:
                pred = (a + b) >> 1
            else:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            enc[i] = (line[i] - pred) & 0xFF
        out.append(f)
        out += enc
        prev = line
    return bytes(out)


def simple(a, depth, ct, spp=1, extra=b""):
    h, w = a.shape[0], a.shape[1] // spp
    bpp = max(1, spp * depth // 8)
    return png(w, h, depth, ct, encode(pack_rows(a, depth), bpp), extra)


def interlaced(a):
    """Adam7, 8-bit grey, filter types cycling 0..4 row by row."""
    h, w = a.shape
    raw = bytearray()
    k = 0
    for x0, y0, dx, dy in [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]:
        sub = a[y0::dy, x0::dx]
        if sub.size == 0:
            continue
        rows = []
        for row in sub:
            rows.append((bytes(int(v) for v in row), k % 5))
            k += 1
        raw += encode(rows, 1)
    return png(w, h, 8, 0, bytes(raw), interlace=1)


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20)
    ids = rng.integers(0, 2, size=(H, W))
    ids[0, :3] = 255
    exp = {}

    def put(name, data, expect=None):
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
        if expect is not None:
            exp[name] = [int(v) for v in np.asarray(expect).reshape(-1)]

    put("huge-claim.png", png(30000, 30000, 8, 0, b"", idat=zlib.compress(b"\x00" * 16)))
    c = zlib.compressobj(9)
    n = 16384
    raw_len = sum(len(range(y0, n, dy)) * (1 + len(range(x0, n, dx))) for x0, y0, dx, dy in
                  [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)])
    parts = [c.compress(bytes(1 << 20)) for _ in range(raw_len >> 20)]
    parts.append(c.compress(bytes(raw_len & ((1 << 20) - 1))))
    parts.append(c.flush())
    put("interlaced-bomb.png", png(n, n, 8, 0, b"", interlace=1, idat=b"".join(parts)))

    good = encode(pack_rows(ids, 8), 1)
    put("broken-zlib.png", png(W, H, 8, 0, good, idat=zlib.compress(good)[:-9]))
    ok = bytearray(png(W, H, 8, 0, good))
    ok[33 + 8 + 3] ^= 0x40  # a byte inside the IDAT data
    put("bad-crc.png", bytes(ok))

    put("grey16.png", simple(ids, 16, 0), ids)
    obj = rng.integers(0, 2, size=(H, W))
    put("grey1.png", simple(obj, 1, 0), obj)
    three = rng.integers(0, 3, size=(H, W))
    put("grey2.png", simple(three, 2, 0), three)
    put("grey4.png", simple(three, 4, 0), three)
    big = rng.integers(0, 2, size=(11, 13))
    big[5, 5:9] = 255
    put("grey8-interlaced.png", interlaced(big), big)
    plte = bytes([0, 0, 0, 255, 0, 0] + [7, 7, 7] * 254)
    put("palette.png", simple(ids, 8, 3, extra=chunk(b"PLTE", plte)), ids)
    swapped = bytes([255, 0, 0, 0, 0, 0] + [7, 7, 7] * 254)
    put("palette-swapped.png", simple(ids, 8, 3, extra=chunk(b"PLTE", swapped)))
    rgb = np.zeros((H, W, 3), np.int64)
    for k, col in enumerate(COLORS):
        rgb[obj == k] = col
    put("rgb-classes.png", simple(rgb.reshape(H, W * 3), 8, 2, spp=3), obj)
    rgba = np.zeros((H, W, 4), np.int64)
    for k, col in enumerate(COLORS):
        rgba[ids == k] = [v * 257 for v in col] + [65535]
    rgba[ids == 255] = [1234, 0, 0, 0]
    put("rgba16.png", simple(rgba.reshape(H, W * 4), 16, 6, spp=4), ids)
    stray = ids.copy()
    stray[4, 6] = 7
    put("stray7.png", simple(stray, 8, 0))
    g3 = np.where(ids == 255, 10, np.where(ids == 0, 128, 250))
    put("grey3.png", simple(g3, 8, 0), ids)

    # The mask readers of formats (workspace masks), deeplab and annotator test the same files.
    for pkg in ("formats", "deeplab", "annotator"):
        d = os.path.join(ROOT, "packages", pkg, "fixtures", "hostile")
        os.makedirs(d, exist_ok=True)
        for name in ("huge-claim.png", "grey16.png", "grey1.png", "stray7.png", "rgb-classes.png", "broken-zlib.png"):
            with open(os.path.join(OUT, name), "rb") as src, open(os.path.join(d, name), "wb") as dst:
                dst.write(src.read())
        with open(os.path.join(d, "expected.json"), "w") as f:
            json.dump({"width": W, "height": H, "colors": COLORS, "masks": {k: exp[k] for k in ("grey16.png", "grey1.png", "rgb-classes.png")}}, f, indent=0)
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump({"width": W, "height": H, "colors": COLORS, "masks": exp}, f, indent=0)
    for f in sorted(os.listdir(OUT)):
        print(f"{os.path.getsize(os.path.join(OUT, f)):>9}  {f}")


if __name__ == "__main__":
    main()
