"""Reference activations of torchvision's VGG16 features for ganseg's embed tests.

The weights are a closed formula of their index (so the fixture stays a few KB and the TS test
builds the same weights), the reference is computed by PyTorch's own conv/relu/maxpool with
torchvision's layer indices. Run with Debian's python3-torch:

    /usr/bin/python3 tools/embed-ref/make_fixtures.py
"""
import json
import math
import os

import numpy as np
import torch

CONVS = [(0, 'conv1_1', 3, 64), (2, 'conv1_2', 64, 64), (5, 'conv2_1', 64, 128), (7, 'conv2_2', 128, 128),
         (10, 'conv3_1', 128, 256), (12, 'conv3_2', 256, 256), (14, 'conv3_3', 256, 256),
         (17, 'conv4_1', 256, 512), (19, 'conv4_2', 512, 512)]
POOL_AFTER = {'conv1_2', 'conv2_2', 'conv3_3'}


def formula(n, salt):
    i = np.arange(n, dtype=np.float64)
    return np.sin(i * 0.7071 + salt * 1.37) * 0.5 + np.cos(i * 0.0137 * (salt + 1)) * 0.5


def weights():
    out = {}
    for idx, name, cin, cout in CONVS:
        fan_in = cin * 9
        out[f'features.{idx}.weight'] = (formula(cout * cin * 9, idx) * math.sqrt(2.0 / fan_in)).reshape(cout, cin, 3, 3).astype(np.float32)
        out[f'features.{idx}.bias'] = (formula(cout, idx + 100) * 0.1).astype(np.float32)
    return out


def main():
    torch.set_grad_enabled(False)
    w = weights()
    size = 16
    img = (formula(size * size * 3, 7).reshape(1, size, size, 3)).astype(np.float32)  # NHWC in [-1, 1]
    mean = np.array([0.485, 0.456, 0.406], np.float32)
    std = np.array([0.229, 0.224, 0.225], np.float32)
    x = torch.from_numpy(((img + 1) / 2 - mean) / std).permute(0, 3, 1, 2)
    feats = {}
    for idx, name, cin, cout in CONVS:
        x = torch.relu(torch.nn.functional.conv2d(x, torch.from_numpy(w[f'features.{idx}.weight']), torch.from_numpy(w[f'features.{idx}.bias']), padding=1))
        if name in ('conv1_1', 'conv1_2', 'conv3_2', 'conv4_2'):
            f = x.permute(0, 2, 3, 1).numpy()
            feats[name] = {'shape': list(f.shape), 'sum': float(f.astype(np.float64).sum()), 'sumsq': float((f.astype(np.float64) ** 2).sum()),
                           'first': f.reshape(-1)[:64].tolist(), 'max': float(f.max())}
        if name in POOL_AFTER:
            x = torch.nn.functional.max_pool2d(x, 2, 2)
    here = os.path.dirname(os.path.abspath(__file__))
    dst = os.path.join(here, '..', '..', 'packages', 'embed', 'fixtures')
    os.makedirs(dst, exist_ok=True)
    with open(os.path.join(dst, 'vgg16-features.json'), 'w') as f:
        json.dump({'size': size, 'image': img.reshape(-1).tolist(), 'features': feats,
                   'formula': 'w = (sin(i*0.7071 + salt*1.37)*0.5 + cos(i*0.0137*(salt+1))*0.5) * sqrt(2/fan_in), salt = torchvision index; bias = same formula(salt = index+100) * 0.1'}, f)


if __name__ == '__main__':
    main()
