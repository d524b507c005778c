#!/usr/bin/python3
"""Reference fixtures for @ganseg/formats, written independently of the TypeScript code.

Writes packages/formats/fixtures/:
  coco/instances.json    a COCO instances file: non-contiguous category ids, polygons (one with
                         two parts, one concave), an uncompressed RLE, a compressed RLE (string
                         counts, encoded here the way pycocotools' rleToString does), a crowd region
  coco/images/*.png      the photos (img-b is also given as JPEG by make_jpegs.mjs, from
                         img-b.source.png, since no JPEG encoder is installed for this Python)
  coco/expected-all.png  expected masks, one grey PNG a photo, for the default mapping
  coco/expected-*.png    (background 0, then the categories by ascending id) and for
                         --categories vehicle=car+truck (background 0, vehicle 1)
  voc/...                a PASCAL VOC layout: JPEGImages/, SegmentationClass/ (8-bit palette
                         PNGs with the VOC colour map, 255 = boundary / ignore), ImageSets/
  resize/...             bilinear (images) and nearest (masks) references from torch
  expected.json          sizes, ids, classes and counts the tests check

Polygon convention (the one the TypeScript rasteriser states): a pixel (x, y) is inside a polygon
when its centre (x + 0.5, y + 0.5) is, by the even-odd rule, with a crossing counted when an edge
spans the centre's row half-open (y0 <= cy < y1 or y1 <= cy < y0) and lies strictly right of the
centre. The parts of one annotation are united (as pycocotools merges them). pycocotools'
rasteriser differs from this along boundaries by up to one pixel.

Paint order: non-crowd annotations in file order (a later one wins where they overlap), then the
crowd regions of picked categories as 255 (ignore) over them; categories not picked (and their
crowds) stay background.

Run: /usr/bin/python3 tools/formats-ref/make_fixtures.py   (numpy, torch; seeded, rerun writes the same)
"""
import json
import os
import struct
import zlib

import numpy as np
import torch
import torch.nn.functional as F

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'packages', 'formats', 'fixtures')


def png_bytes(arr, palette=None):
    """A PNG of an uint8 array: HxW grey (or palette indices when `palette`), HxWx3 RGB."""
    arr = np.ascontiguousarray(arr, dtype=np.uint8)
    h, w = arr.shape[:2]
    if palette is not None:
        ctype = 3
    elif arr.ndim == 2:
        ctype = 0
    else:
        ctype = 2
    raw = b''.join(b'\x00' + arr[y].tobytes() for y in range(h))

    def chunk(t, d):
        return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)

    out = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, ctype, 0, 0, 0))
    if palette is not None:
        out += chunk(b'PLTE', np.asarray(palette, dtype=np.uint8).tobytes())
    return out + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as f:
        f.write(data)


def fill_polygon(poly, w, h):
    """Even-odd at pixel centres, half-open crossings (see the module doc)."""
    xs = np.arange(w) + 0.5
    ys = np.arange(h) + 0.5
    cx, cy = np.meshgrid(xs, ys)
    inside = np.zeros((h, w), dtype=bool)
    p = np.asarray(poly, dtype=np.float64).reshape(-1, 2)
    m = len(p)
    for i in range(m):
        x0, y0 = p[i]
        x1, y1 = p[(i + 1) % m]
        spans = ((y0 <= cy) & (y1 > cy)) | ((y1 <= cy) & (y0 > cy))
        with np.errstate(divide='ignore', invalid='ignore'):
            xi = x0 + (cy - y0) / (y1 - y0) * (x1 - x0)
        inside ^= spans & (xi > cx)
    return inside


def rle_counts(binary):
    """COCO RLE counts of an HxW boolean mask: column-major runs, starting with zeros."""
    flat = binary.T.reshape(-1).astype(np.uint8)
    counts = []
    cur = 0
    run = 0
    for v in flat:
        if v != cur:
            counts.append(run)
            run = 0
            cur = v
        run += 1
    counts.append(run)
    return [int(c) for c in counts]


def rle_string(counts):
    """pycocotools' rleToString: deltas from two runs back, 5 bits a char, offset 48."""
    s = []
    for i, x in enumerate(counts):
        if i > 2:
            x -= counts[i - 2]
        more = True
        while more:
            c = x & 0x1f
            x >>= 5
            more = (x != -1) if (c & 0x10) else (x != 0)
            if more:
                c |= 0x20
            s.append(chr(c + 48))
    return ''.join(s)


def voc_colormap(n=256):
    cmap = np.zeros((n, 3), dtype=np.uint8)
    for i in range(n):
        r = g = b = 0
        c = i
        for j in range(8):
            r |= ((c >> 0) & 1) << (7 - j)
            g |= ((c >> 1) & 1) << (7 - j)
            b |= ((c >> 2) & 1) << (7 - j)
            c >>= 3
        cmap[i] = (r, g, b)
    return cmap


def photo(rng, w, h):
    y, x = np.mgrid[0:h, 0:w]
    img = np.stack([x * 255 // max(1, w - 1), y * 255 // max(1, h - 1), (x + y) * 4 % 256], -1)
    return np.clip(img + rng.integers(-20, 21, size=img.shape), 0, 255).astype(np.uint8)


def main():
    rng = np.random.default_rng(17)
    coco_dir = os.path.join(ROOT, 'coco')
    sizes = {'img-a': (40, 30), 'img-b': (24, 36), 'img-c': (33, 33)}
    categories = [{'id': 3, 'name': 'car'}, {'id': 1, 'name': 'person'}, {'id': 8, 'name': 'truck'}]
    cat_order = sorted(c['id'] for c in categories)  # class k+1 = k-th smallest id
    images = []
    for k, (name, (w, h)) in enumerate(sizes.items()):
        ext = 'jpg' if name == 'img-b' else 'png'
        images.append({'id': 100 + k, 'file_name': f'{name}.{ext}', 'width': w, 'height': h})
        pix = photo(rng, w, h)
        write(os.path.join(coco_dir, 'images', f'{name}.source.png' if ext == 'jpg' else f'{name}.png'), png_bytes(pix))

    anns = []

    def add(image_id, cat, seg, crowd=0):
        anns.append({'id': 1000 + len(anns), 'image_id': image_id, 'category_id': cat, 'segmentation': seg,
                     'iscrowd': crowd, 'area': 0, 'bbox': [0, 0, 0, 0]})

    # img-a 40x30: a concave car, a two-part person over it, a truck as uncompressed RLE, a crowd
    add(100, 3, [[2.2, 3.1, 30.7, 2.6, 30.2, 20.4, 16.3, 10.2, 3.4, 21.8]])
    add(100, 1, [[10.5, 12.25, 18.75, 12.6, 18.2, 27.9, 10.1, 28.3], [33.3, 1.2, 39.0, 1.7, 37.8, 9.6]])
    truck = np.zeros((30, 40), dtype=bool)
    truck[22:29, 25:39] = True
    truck[24:26, 20:25] = True
    add(100, 8, {'counts': rle_counts(truck), 'size': [30, 40]})
    crowd = np.zeros((30, 40), dtype=bool)
    crowd[0:4, 0:12] = True
    add(100, 1, {'counts': rle_counts(crowd), 'size': [30, 40]}, crowd=1)
    # img-b 24x36: a car as compressed RLE (a disc), a truck triangle with a vertex on the border
    yy, xx = np.mgrid[0:36, 0:24]
    disc = (xx - 11.3) ** 2 + (yy - 14.6) ** 2 < 8.2 ** 2
    add(101, 3, {'counts': rle_string(rle_counts(disc)), 'size': [36, 24]})
    add(101, 8, [[0.0, 36.0, 24.0, 36.0, 12.4, 24.3]])
    # img-c 33x33: nothing annotated (all background)

    coco = {'info': {'description': 'ganseg formats fixture'}, 'images': images, 'annotations': anns,
            'categories': categories}
    write(os.path.join(coco_dir, 'instances.json'), (json.dumps(coco, indent=1) + '\n').encode())

    def paint(mapping):
        out = {}
        for im in images:
            w, h = im['width'], im['height']
            mask = np.zeros((h, w), dtype=np.uint8)
            crowds = []
            for a in anns:
                if a['image_id'] != im['id']:
                    continue
                seg = a['segmentation']
                if isinstance(seg, list):
                    region = np.zeros((h, w), dtype=bool)
                    for part in seg:
                        region |= fill_polygon(part, w, h)
                elif isinstance(seg['counts'], list):
                    region = decode_counts(seg['counts'], h, w)
                else:
                    region = decode_counts(string_counts(seg['counts']), h, w)
                    assert (region == disc).all()  # the string round-trips
                if a['iscrowd']:
                    if mapping.get(a['category_id'], 0):
                        crowds.append(region)  # a crowd of a class not picked stays background
                    continue
                k = mapping.get(a['category_id'], 0)
                if k:
                    mask[region] = k
            for r in crowds:
                mask[r] = 255
            out[os.path.splitext(im['file_name'])[0]] = mask
        return out

    def string_counts(s):
        """pycocotools' rleFrString, the inverse of rle_string."""
        counts = []
        p = 0
        while p < len(s):
            x = 0
            k = 0
            more = True
            while more:
                c = ord(s[p]) - 48
                x |= (c & 0x1f) << (5 * k)
                more = bool(c & 0x20)
                p += 1
                k += 1
                if not more and (c & 0x10):
                    x |= -1 << (5 * k)
            if len(counts) > 2:
                x += counts[-2]
            counts.append(x)
        return counts

    def decode_counts(counts, h, w):
        flat = np.zeros(h * w, dtype=bool)
        pos = 0
        for i, c in enumerate(counts):
            if i % 2:
                flat[pos:pos + c] = True
            pos += c
        assert pos == h * w
        return flat.reshape(w, h).T

    all_map = {cid: k + 1 for k, cid in enumerate(cat_order)}
    vehicle_map = {3: 1, 8: 1}
    expected = {'coco': {'all': {'classes': ['background'] + [next(c['name'] for c in categories if c['id'] == i) for i in cat_order]},
                         'vehicle': {'classes': ['background', 'vehicle']}}}
    for tag, mapping in (('all', all_map), ('vehicle', vehicle_map)):
        masks = paint(mapping)
        pixels = {}
        for stem, m in masks.items():
            write(os.path.join(coco_dir, f'expected-{tag}', f'{stem}.png'), png_bytes(m))
            pixels[stem] = [int((m == k).sum()) for k in range(len(expected['coco'][tag]['classes']))] + [int((m == 255).sum())]
        expected['coco'][tag]['pixels'] = pixels

    # PASCAL VOC: 8-bit palette masks with the VOC colour map, indices 0..2 and 255
    voc = os.path.join(ROOT, 'voc')
    cmap = voc_colormap()
    voc_ids = ['2007_000001', '2007_000002']
    voc_sizes = [(20, 14), (16, 22)]
    for vid, (w, h) in zip(voc_ids, voc_sizes):
        write(os.path.join(voc, 'JPEGImages', f'{vid}.source.png'), png_bytes(photo(rng, w, h)))
        m = np.zeros((h, w), dtype=np.uint8)
        m[2:h - 3, 3:w // 2] = 1
        m[h // 2:, w // 2:] = 2
        m[1, :] = 255
        m[:, 0] = 255
        write(os.path.join(voc, 'SegmentationClass', f'{vid}.png'), png_bytes(m, palette=cmap))
        write(os.path.join(voc, 'expected', f'{vid}.png'), png_bytes(m))
    write(os.path.join(voc, 'ImageSets', 'Segmentation', 'trainval.txt'), ('\n'.join(voc_ids) + '\n').encode())
    write(os.path.join(voc, 'labelmap.txt'),
          b'# label:color_rgb:parts:actions\nbackground:0,0,0::\naeroplane:128,0,0::\nbicycle:0,128,0::\n')
    expected['voc'] = {'ids': voc_ids, 'sizes': voc_sizes, 'classes': ['background', 'aeroplane', 'bicycle']}

    # resize references: torch bilinear (align_corners=False, no antialias) and nearest-exact
    rs = os.path.join(ROOT, 'resize')
    src = photo(rng, 37, 23)
    lab = rng.integers(0, 4, size=(23, 37)).astype(np.uint8)
    lab[5:9, 5:9] = 255
    write(os.path.join(rs, 'source.png'), png_bytes(src))
    write(os.path.join(rs, 'source-mask.png'), png_bytes(lab))
    for (ow, oh) in ((16, 10), (50, 31)):
        t = torch.from_numpy(src.astype(np.float64)).permute(2, 0, 1)[None]
        r = F.interpolate(t, size=(oh, ow), mode='bilinear', align_corners=False)[0].permute(1, 2, 0).numpy()
        write(os.path.join(rs, f'bilinear-{ow}x{oh}.png'), png_bytes(np.clip(np.floor(r + 0.5), 0, 255).astype(np.uint8)))
        tl = torch.from_numpy(lab.astype(np.float64))[None, None]
        rl = F.interpolate(tl, size=(oh, ow), mode='nearest-exact')[0, 0].numpy().astype(np.uint8)
        write(os.path.join(rs, f'nearest-{ow}x{oh}.png'), png_bytes(rl))
    write(os.path.join(ROOT, 'expected.json'), (json.dumps(expected, indent=1) + '\n').encode())


if __name__ == '__main__':
    main()
