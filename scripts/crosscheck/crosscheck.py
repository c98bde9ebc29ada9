#!/usr/bin/env python3
"""Independent PyTorch (eager) cross-check of analogsweep, written from PAPER.md's method.

Subcommands
  nonzero  per-layer share of weights (and biases) left nonzero by the chain's quantization at
           initialization, every model, p in {4, 8, 16, 64}; with --project TSV (written by the
           Java test NonzeroFractionsTest) it compares layer by layer (two-proportion z test) and
           exits 1 on a disagreement.
  train    trains the linear model or the ConvNet on a Fashion-MNIST slice at one point and
           seeds; writes one JSON line per run.
  forward  the logits of one forward pass of freshly initialized networks (the authors' recipe,
           i = 1, p = 16, EP 0 and 0.5, seeds 1-20) on the first 64 test images; with
           --project TSV (written by the Java test ForwardOutputsTest) it compares them seed by
           seed in distribution.
  compare  Welch two-sample t test of test accuracy, project runs (JSON from
           ./analogsweep train) against this script's (JSON lines), per setting.
  adam     torch.optim.Adam's weights after 30 steps of a fixed gradient sequence (ADAM_W0 and
           adam_gradient: magnitudes from 1 down to 1e-7), per weight decay, with eps where torch
           puts it and where DJL puts it; the Java test AdamCrossCheckTest runs the project's
           optimizer on the same sequence against both.

The recipe is the project's current one by default and each difference the authors' code has
(PAPER.md, "The code behind the published figures") is an option, so the check can follow the
faithful recipe later: --init project|authors, --relu-grad-at-zero a|1,
--classifier-activation (ConvNet), --convnet-layout project|authors.
Nothing here is translated from the Java code; the chain, the activation and the models are
written from PAPER.md.
"""
import argparse
import gzip
import json
import math
import os
import struct
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

PRECISIONS = (4, 8, 16, 64)


# ----------------------------------------------------------------------------- the analog chain

def sigma_of(ep, p):
    """EP = 1 - erf(1 / (2 sqrt 2 sigma p))  =>  sigma = 1 / (2 sqrt 2 p erfinv(1 - EP))."""
    if ep == 0:
        return 0.0
    return 1.0 / (2 * math.sqrt(2) * p * torch.special.erfinv(torch.tensor(1.0 - ep,
                                                                            dtype=torch.float64)).item())


def quantize(x, p):
    """sign(x) ceil(|x p| - 0.5) / p, no gradient."""
    return torch.sign(x) * torch.ceil(torch.abs(x * p) - 0.5) / p


class Chain:
    """Clamp (gradient masked outside [-1, 1]), reduce precision (straight through), Gaussian
    noise (identity gradient). Noise stays on in evaluation."""

    def __init__(self, p, ep, weight_grad="mask"):
        self.p = p
        self.sigma = sigma_of(ep, p) if p is not None else 0.0
        self.weight_grad = weight_grad

    def clamp(self, x):
        return torch.clamp(x, -1.0, 1.0)

    def rp(self, x):
        if self.p is None:
            return x
        return x + (quantize(x.detach(), self.p) - x.detach())

    def noise(self, x):
        if self.sigma == 0:
            return x
        return x + self.sigma * torch.randn_like(x)

    def to_analog(self, x):  # digital to analog: before a layer, and on weights
        return self.noise(self.rp(self.clamp(x)))

    def to_digital(self, x):  # analog to digital: after a layer
        return self.rp(self.clamp(self.noise(x)))

    def on_weight(self, w):
        """The chain on a weight: the clamp's gradient mask (the project's first recipe), or the
        whole chain straight through ('pass': AnalogVNN's parametrization, the authors')."""
        if self.weight_grad == "pass":
            return w + (self.to_analog(w.detach()) - w.detach())
        return self.to_analog(w)


# ----------------------------------------------------------------------------- the activation

class Interp(nn.Module):
    """I(x) = R(x) + i (G(x) - R(x)), R leaky ReLU with leak a, G = x Phi(s x) (GELU);
    R'(0) = a (relu_grad_at_zero 'a', the project's) or 1."""

    def __init__(self, i, a=0.0, s=1.0, relu_grad_at_zero="a"):
        super().__init__()
        self.i, self.a, self.s, self.r0 = i, a, s, relu_grad_at_zero

    def forward(self, x):
        pos = (x >= 0) if self.r0 == "1" else (x > 0)
        r = torch.where(pos, x, self.a * x)
        if self.i == 0:
            return r
        g = 0.5 * x * (1 + torch.erf(self.s * x / math.sqrt(2)))
        return r + self.i * (g - r)


# ----------------------------------------------------------------------------- layers and models

class Analog:
    """The chain around a weight layer: before it (input), on its weight and bias, and after it
    (output); mixed into nn.Linear and nn.Conv2d, whose own function `op` computes the layer."""

    def setup(self, chain, before, after, weights):
        self.chain, self.before, self.after, self.on_weights = chain, before, after, weights
        return self

    def analog_forward(self, x, op):
        c = getattr(self, "chain", None)
        if c is None:
            return op(x, self.weight, self.bias)
        w, b = self.weight, self.bias
        if self.before:
            x = c.to_analog(x)
        if self.on_weights:
            w = c.on_weight(w)
            b = None if b is None else c.on_weight(b)
        y = op(x, w, b)
        return c.to_digital(y) if self.after else y


class ALinear(Analog, nn.Linear):
    def forward(self, x):
        return self.analog_forward(x, F.linear)


class AConv(Analog, nn.Conv2d):
    def forward(self, x):
        return self.analog_forward(x, lambda v, w, b: F.conv2d(v, w, b, self.stride,
                                                               self.padding))


def attach(model, chain, before, after, weights):
    for m in model.modules():
        if isinstance(m, (ALinear, AConv)):
            m.setup(chain, before, after, weights)
    return model


def linear_model(act, classes=10, inputs=784, hidden=(256, 128)):
    layers, n = [nn.Flatten()], inputs
    for h in hidden:
        layers += [ALinear(n, h), act()]
        n = h
    layers.append(ALinear(n, classes))
    return nn.Sequential(*layers)


def convnet(act, channels=1, side=28, classes=10, layout="project", classifier_activation=False):
    """PAPER.md's ConvNet: convs 48, 48, 96, 96, 192, 192 (the first of each pair padded 1, the
    second not: both the project's and the authors' v1 layout), max-pool 2 after each pair; FC 512,
    256, classes. Dropout 0.25: after the first two pools (layout 'project') or, as the authors'
    v1 code, before conv 3 and after the second and third pools ('authors'). FC dropout 0.5."""
    layers, c, s = [], channels, side
    widths = (48, 48, 96, 96, 192, 192)
    for k, w in enumerate(widths, start=1):
        pad = 1 if k % 2 == 1 else 0
        if layout == "authors" and k == 3:
            layers.append(nn.Dropout(0.25))
        layers += [AConv(c, w, 3, padding=pad), act()]
        c, s = w, s + 2 * pad - 2
        if k % 2 == 0:
            layers.append(nn.MaxPool2d(2))
            s //= 2
            if (layout == "project" and k <= 4) or (layout == "authors" and k >= 4):
                layers.append(nn.Dropout(0.25))
    layers.append(nn.Flatten())
    n = c * s * s
    for h in (512, 256):
        layers += [ALinear(n, h), act(), nn.Dropout(0.5)]
        n = h
    layers.append(ALinear(n, classes))
    if classifier_activation:
        layers.append(act())
    return nn.Sequential(*layers)


class PadTo(nn.Module):
    def __init__(self, side):
        super().__init__()
        self.side = side

    def forward(self, x):
        dh, dw = max(0, self.side - x.shape[-2]), max(0, self.side - x.shape[-1])
        return F.pad(x, (dw // 2, dw - dw // 2, dh // 2, dh - dh // 2))


def vgg_a(act, channels=1, classes=10):
    cfg = (64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M")
    layers, c = [PadTo(32)], channels
    for v in cfg:
        if v == "M":
            layers.append(nn.MaxPool2d(2))
        else:
            layers += [AConv(c, v, 3, padding=1), act()]
            c = v
    layers += [nn.AdaptiveAvgPool2d(7), nn.Flatten(), ALinear(512 * 49, 4096), act(), nn.Dropout(0.5),
               ALinear(4096, 4096), act(), nn.Dropout(0.5), ALinear(4096, classes)]
    return nn.Sequential(*layers)


class BasicBlock(nn.Module):
    def __init__(self, act, cin, cout, stride):
        super().__init__()
        self.conv1 = AConv(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = AConv(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.act1, self.act2 = act(), act()
        self.short = None
        if stride != 1 or cin != cout:
            self.short = nn.Sequential(AConv(cin, cout, 1, stride, 0, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = self.bn2(self.conv2(self.act1(self.bn1(self.conv1(x)))))
        return self.act2(y + (x if self.short is None else self.short(x)))


def resnet18(act, channels=1, classes=10, stem="cifar"):
    """ResNet-18 with the CIFAR stem (3x3 stride-1 conv, no max-pool) or, stem "imagenet",
    torchvision's (7x7 stride-2 conv and a 3x3 stride-2 max-pool; the project's imagenet and
    imagenet-pipeline stems, which differ only in where the input is resized)."""
    if stem == "imagenet":
        layers = [AConv(channels, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64), act(),
                  nn.MaxPool2d(3, 2, 1)]
    else:
        layers = [AConv(channels, 64, 3, 1, 1, bias=False), nn.BatchNorm2d(64), act()]
    cin = 64
    for stage, w in enumerate((64, 128, 256, 512)):
        for k in range(2):
            stride = 2 if stage > 0 and k == 0 else 1
            layers.append(BasicBlock(act, cin, w, stride))
            cin = w
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), ALinear(512, classes)]
    return nn.Sequential(*layers)


class Attention(nn.Module):
    def __init__(self, dim=512, heads=8, head=64):
        super().__init__()
        self.heads, self.head = heads, head
        self.qkv = ALinear(dim, 3 * heads * head, bias=False)
        self.out = ALinear(heads * head, dim)

    def forward(self, x):
        b, t, _ = x.shape
        q, k, v = self.qkv(x).reshape(b, t, 3, self.heads, self.head).permute(2, 0, 3, 1, 4)
        a = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(self.head), dim=-1)
        return self.out((a @ v).transpose(1, 2).reshape(b, t, -1))


class VitBlock(nn.Module):
    def __init__(self, act, dim=512, mlp=512, drop=0.5):
        super().__init__()
        self.n1, self.attn, self.d1 = nn.LayerNorm(dim), Attention(dim), nn.Dropout(drop)
        self.n2 = nn.LayerNorm(dim)
        self.mlp = nn.Sequential(ALinear(dim, mlp), act(), nn.Dropout(drop), ALinear(mlp, dim),
                                 nn.Dropout(drop))

    def forward(self, x):
        x = x + self.d1(self.attn(self.n1(x)))
        return x + self.mlp(self.n2(x))


class Vit(nn.Module):
    """Patch 4, width 512, 8 heads of 64, MLP 512, dropout 0.5, class token, pre-norm, depth 4."""

    def __init__(self, act, channels=1, side=28, classes=10, depth=4, patch=4, dim=512):
        super().__init__()
        self.patch = patch
        n = (side // patch) ** 2
        self.embed = ALinear(channels * patch * patch, dim)
        self.cls = nn.Parameter(torch.randn(1, 1, dim))
        self.pos = nn.Parameter(torch.randn(1, n + 1, dim))
        self.drop = nn.Dropout(0.5)
        self.blocks = nn.Sequential(*[VitBlock(act, dim) for _ in range(depth)])
        self.norm = nn.LayerNorm(dim)
        self.head = ALinear(dim, classes)

    def forward(self, x):
        b, c, _, _ = x.shape
        p = self.patch
        x = x.unfold(2, p, p).unfold(3, p, p).permute(0, 2, 3, 1, 4, 5).reshape(b, -1, c * p * p)
        x = torch.cat([self.cls.expand(b, -1, -1), self.embed(x)], 1) + self.pos
        x = self.blocks(self.drop(x))
        return self.head(self.norm(x[:, 0]))


MODELS = {"linear": linear_model, "convnet": convnet, "vgg-a": vgg_a, "resnet-18": resnet18,
          "vit": Vit}
#: where each model puts the chain (PAPER.md): (before, after, weights); the ViT: input only
PLACEMENT = {"linear": (True, True, True), "convnet": (True, True, True),
             "vgg-a": (True, False, True), "resnet-18": (True, False, True),
             "vit": (False, False, False)}


def initialize(model, name, law):
    """'project': every weight and bias U(+-1/sqrt(fan_in)) (PyTorch's default for Linear and
    Conv2d weights and biases; nn.Linear/nn.Conv2d already drew it). 'authors' (PAPER.md): ConvNet
    kaiming_uniform_ on Linear weights only; VGG-A Kaiming-normal fan_out on convs, Kaiming-normal
    fan_in on Linear weights, zero biases on both; ResNet Kaiming-normal fan_out on convs; linear model
    and ViT keep PyTorch's default."""
    if law == "project":
        return model
    for m in model.modules():
        if name == "convnet" and isinstance(m, nn.Linear):
            nn.init.kaiming_uniform_(m.weight)
        elif name == "vgg-a" and isinstance(m, nn.Conv2d):
            nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
            nn.init.zeros_(m.bias)
        elif name == "vgg-a" and isinstance(m, nn.Linear):
            nn.init.kaiming_normal_(m.weight)
            nn.init.zeros_(m.bias)
        elif name == "resnet-18" and isinstance(m, nn.Conv2d):
            nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
    return model


def build(name, act, init="project", **kw):
    return initialize(MODELS[name](act, **kw), name, init)


# ----------------------------------------------------------------------------- (a) nonzero shares

def nonzero_rows(name, seed, init, resnet_stem="cifar"):
    torch.manual_seed(seed)
    with torch.no_grad():
        kw = {"stem": resnet_stem} if name == "resnet-18" else {}
        model = build(name, lambda: Interp(1.0), init, **kw)
        rows = []
        for mod_name, m in model.named_modules():
            if not isinstance(m, (ALinear, AConv)):
                continue
            fan_in = m.weight[0].numel()
            for kind, t in (("weight", m.weight), ("bias", m.bias)):
                if t is None:
                    continue
                c = torch.clamp(t, -1, 1)
                for p in PRECISIONS:
                    nz = int((quantize(c, p) != 0).sum())
                    rows.append(dict(model=name, parameter=mod_name, kind=kind,
                                     shape="(" + ",".join(map(str, t.shape)) + ")", count=t.numel(),
                                     fan_in=fan_in, p=p, nonzero=nz))
        del model
    return rows


def key_rows(rows):
    """Key each row by (model, kind, shape, p, occurrence among the same kind and shape): the
    share depends only on the law and the shape, so layers of one shape pair up in order."""
    seen, out = {}, {}
    for r in rows:
        k = (r["model"], r["kind"], r["shape"], int(r["p"]))
        n = seen.get(k, 0)
        seen[k] = n + 1
        out[k + (n,)] = r
    return out


def cmd_nonzero(args):
    import pandas as pd
    torch.set_num_threads(args.threads)
    rows = []
    for name in args.models:
        rows += nonzero_rows(name, args.seed, args.init, args.resnet_stem)
    ours = pd.DataFrame(rows)
    if args.out:
        ours.to_csv(args.out, sep="\t", index=False)
    if not args.project:
        print(ours.to_string(index=False))
        return 0
    theirs = pd.read_csv(args.project, sep="\t")
    theirs = theirs[theirs.model.isin(args.models)]
    a, b = key_rows(theirs.to_dict("records")), key_rows(ours.to_dict("records"))
    bad, out = [], []
    for k in sorted(set(a) | set(b), key=str):
        if k not in a or k not in b:
            bad.append(f"{k}: only in {'the project' if k in a else 'PyTorch'}")
            continue
        ra, rb = a[k], b[k]
        n1, n2 = int(ra["count"]), int(rb["count"])
        f1, f2 = int(ra["nonzero"]) / n1, int(rb["nonzero"]) / n2
        pooled = (int(ra["nonzero"]) + int(rb["nonzero"])) / (n1 + n2)
        se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        z = 0.0 if se == 0 else (f1 - f2) / se
        # pooled share 0 or 1: both all zero or all nonzero, identical
        ok = abs(z) <= args.z
        expected = max(0.0, 1 - math.sqrt(int(ra["fan_in"])) / (2 * k[3])) if args.init == "project" else float("nan")
        out.append(dict(model=k[0], layer=rb["parameter"], kind=k[1], shape=k[2], p=k[3], n=n1,
                        project=f1, pytorch=f2, law=expected, z=z, agree=ok))
        if not ok:
            bad.append(f"{k}: project {f1:.5f} PyTorch {f2:.5f} z {z:.2f}")
    table = pd.DataFrame(out)
    if args.compare_out:
        table.to_csv(args.compare_out, sep="\t", index=False)
    w = table[table.kind == "weight"]
    wide = w.pivot_table(index=["model", "layer", "shape"], columns="p",
                         values=["project", "pytorch"], sort=False)
    wide = wide.reindex(columns=[(v, q) for v in ("project", "pytorch") for q in PRECISIONS])
    pd.set_option("display.width", 250)
    pd.set_option("display.max_rows", 500)
    print(wide.round(4).to_string())
    print(f"\n{len(table)} (layer, parameter, p) pairs; largest |z| {table.z.abs().max():.2f}; "
          f"threshold {args.z}; disagreements: {len(bad)}")
    for line in bad:
        print("DISAGREE", line)
    return 1 if bad else 0


# ----------------------------------------------------------------------------- (b) training

def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack(">I", data[:4])[0]
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)


def load(folder, split, limit):
    prefix = "train" if split == "train" else "t10k"
    x = read_idx(os.path.join(folder, f"{prefix}-images-idx3-ubyte.gz"))[:limit]
    y = read_idx(os.path.join(folder, f"{prefix}-labels-idx1-ubyte.gz"))[:limit]
    return x.float().div(255).unsqueeze(1), y.long()


def apply_recipe(args):
    """--recipe authors: every choice of the authors' code (GELU family: R'(0) = a; ConvNet:
    Kaiming-uniform FC weights, v1 layout, the chain's end and the activation after the
    classifier; VGG-A (run_vgg.py): Kaiming-normal weights, random crop of the reflect-padded
    image, flip and rotation up to 15 degrees, Adam with weight decay 1e-4, and, as the project
    on one-channel data, each channel's own mean and sd); weight gradients straight through the
    chain. 'project': the options as given."""
    if getattr(args, "recipe", "project") == "authors":
        args.init = "authors"
        args.convnet_layout = "authors"
        args.classifier_activation = args.model == "convnet"
        args.weight_grad = "pass"
        if args.model == "vgg-a":
            args.augmentation = "crop-flip-rotate"
            args.normalization = "per-channel"
            args.weight_decay = 1e-4
    return args


def augment(x, gen):
    """torchvision's RandomCrop(side, padding=4, padding_mode='reflect'), RandomHorizontalFlip
    and RandomRotation(15) (nearest pixel, black fill, about the centre), image by image, on
    pixels in [0, 1] before normalization, as the authors' VGG-A training transform."""
    n, _, h, w = x.shape
    padded = F.pad(x, (4, 4, 4, 4), mode="reflect")
    out = torch.empty_like(x)
    tops = torch.randint(0, 9, (n,), generator=gen)
    lefts = torch.randint(0, 9, (n,), generator=gen)
    flips = torch.rand(n, generator=gen) < 0.5
    for k in range(n):
        img = padded[k, :, tops[k]:tops[k] + h, lefts[k]:lefts[k] + w]
        out[k] = img.flip(-1) if flips[k] else img
    theta = torch.deg2rad(torch.empty(n).uniform_(-15, 15, generator=gen))
    cos, sin = torch.cos(theta), torch.sin(theta)
    # output pixel (x, y) reads the source at the rotation of its offset from the centre
    affine = torch.stack([torch.stack([cos, -sin, torch.zeros(n)], 1),
                          torch.stack([sin, cos, torch.zeros(n)], 1)], 1)
    grid = F.affine_grid(affine, list(out.shape), align_corners=False)
    return F.grid_sample(out, grid, mode="nearest", padding_mode="zeros", align_corners=False)


def train_one(args, seed, xtr, ytr, xte, yte):
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed)
    act = lambda: Interp(args.interpolation, args.leak, 1.0, args.relu_grad_at_zero)
    kw = {}
    if args.model == "convnet":
        kw = dict(layout=args.convnet_layout, classifier_activation=args.classifier_activation)
    model = build(args.model, act, args.init, **kw)
    chain = Chain(args.precision, args.error_probability, args.weight_grad)
    attach(model, chain, *PLACEMENT[args.model])
    opt = torch.optim.Adam(model.parameters(), lr=args.learning_rate,
                           weight_decay=args.weight_decay)
    steps = 0
    mean, sd = 0.0, 1.0
    if args.normalization == "per-channel":  # over the training split, as the project
        mean, sd = xtr.mean(dim=(0, 2, 3), keepdim=True), xtr.std(dim=(0, 2, 3), keepdim=True)
    xte_n = (xte - mean) / sd
    accs, train_accs, losses = [], [], []
    t0 = time.time()
    for epoch in range(args.epochs):
        model.train()
        order = torch.randperm(len(xtr))
        correct, loss_sum = 0, 0.0
        for s in range(0, len(xtr), args.batch_size):
            idx = order[s:s + args.batch_size]
            xb = xtr[idx]
            if args.augmentation == "crop-flip-rotate":
                xb = augment(xb, gen)
            out = model((xb - mean) / sd)
            loss = F.cross_entropy(out, ytr[idx])
            opt.zero_grad()
            loss.backward()
            steps += 1
            if args.adam_epsilon == "djl":
                # DJL's (MXNet's) Adam adds eps to sqrt(v) before the bias correction, which is
                # torch's update with eps / sqrt(1 - beta2^t): larger while t is small
                for group in opt.param_groups:
                    group["eps"] = 1e-8 / math.sqrt(1 - group["betas"][1] ** steps)
            opt.step()
            correct += int((out.argmax(1) == ytr[idx]).sum())
            loss_sum += float(loss) * len(idx)
        model.eval()
        with torch.no_grad():  # the chain's noise stays on
            hit = sum(int((model(xte_n[s:s + 500]).argmax(1) == yte[s:s + 500]).sum())
                      for s in range(0, len(xte), 500))
        accs.append(hit / len(xte))
        train_accs.append(correct / len(xtr))
        losses.append(loss_sum / len(xtr))
        if args.verbose:
            print(f"# seed {seed} epoch {epoch + 1}: test {accs[-1]:.4f} train "
                  f"{train_accs[-1]:.4f} loss {losses[-1]:.4f} {time.time() - t0:.0f} s",
                  file=sys.stderr, flush=True)
    return dict(model=args.model, interpolation=args.interpolation, precision=args.precision,
                error_probability=args.error_probability, seed=seed, epochs=args.epochs,
                train_limit=len(xtr), test_limit=len(xte), init=args.init,
                relu_grad_at_zero=args.relu_grad_at_zero, recipe=args.recipe,
                batch_size=args.batch_size, augmentation=args.augmentation,
                normalization=args.normalization, weight_decay=args.weight_decay,
                adam_epsilon=args.adam_epsilon,
                test_accuracy=accs, train_accuracy=train_accs, train_loss=losses,
                max_test_accuracy=max(accs), final_test_accuracy=accs[-1],
                final_train_accuracy=correct / len(xtr), seconds=round(time.time() - t0, 1))


def cmd_train(args):
    apply_recipe(args)
    torch.set_num_threads(args.threads)
    xtr, ytr = load(args.data, "train", args.train_limit)
    xte, yte = load(args.data, "test", args.test_limit)
    with open(args.out, "a") as f:
        for seed in args.seeds:
            r = train_one(args, seed, xtr, ytr, xte, yte)
            print(json.dumps(r), flush=True)
            f.write(json.dumps(r) + "\n")
            f.flush()
    return 0


# ----------------------------------------------------------------------------- (c) one forward pass

def forward_rows(model_name, ep, seed, x):
    """The logits of a fresh network (the authors' recipe, i = 1, p = 16) on x, noise on,
    dropout off, as TSV rows."""
    torch.manual_seed(seed)
    act = lambda: Interp(1.0)
    kw = dict(layout="authors", classifier_activation=True) if model_name == "convnet" else {}
    model = build(model_name, act, "authors", **kw)
    attach(model, Chain(16, ep, "pass"), *PLACEMENT[model_name])
    model.eval()
    with torch.no_grad():
        y = model(x).flatten()
    return [f"{model_name}\t{ep}\t{seed}\t{k}\t{float(v)!r}" for k, v in enumerate(y)]


def per_seed(path):
    """{(model, EP): {seed: [logits]}} from a forward TSV."""
    out = {}
    with open(path) as f:
        next(f)
        for line in f:
            m, ep, seed, _, v = line.rstrip("\n").split("\t")
            out.setdefault((m, float(ep)), {}).setdefault(int(seed), []).append(float(v))
    return out


def cmd_forward(args):
    """Writes this script's logits and, with --project, compares them with the project's: per
    model and EP, each seed's logits summarised by their mean, standard deviation and share of
    exact zeros; the two sides' per-seed values compared by Welch's t test and the two-sample
    Kolmogorov-Smirnov test on the pooled logits of all seeds (which overstates the independent
    sample: read its p-value as a screen)."""
    from scipy import stats
    import statistics as st
    torch.set_num_threads(args.threads)
    x, _ = load(args.data, "test", args.images)
    rows = ["model\terror_probability\tseed\tindex\tlogit"]
    for m in args.models:
        for ep in (0.0, 0.5):
            for seed in range(1, args.seeds + 1):
                rows += forward_rows(m, ep, seed, x)
    with open(args.out, "w") as f:
        f.write("\n".join(rows) + "\n")
    if not args.project:
        return 0
    ours, theirs = per_seed(args.out), per_seed(args.project)
    worst = 1.0
    print("model\tEP\tstatistic\tproject mean (sd)\tPyTorch mean (sd)\tWelch p")
    for key in sorted(set(ours) & set(theirs)):
        a, b = theirs[key], ours[key]
        for name, fn in (("mean", st.mean), ("sd", st.pstdev),
                         ("zero share", lambda v: sum(1 for z in v if z == 0) / len(v))):
            xa = [fn(v) for v in a.values()]
            xb = [fn(v) for v in b.values()]
            if st.pstdev(xa) == 0 and st.pstdev(xb) == 0:
                pval = 1.0 if st.mean(xa) == st.mean(xb) else 0.0
            else:
                pval = stats.ttest_ind(xa, xb, equal_var=False).pvalue
            worst = min(worst, pval)
            print(f"{key[0]}\t{key[1]:g}\t{name}\t{st.mean(xa):.4f} ({st.stdev(xa):.4f})\t"
                  f"{st.mean(xb):.4f} ({st.stdev(xb):.4f})\t{pval:.2g}")
        pooled_a = [z for v in a.values() for z in v]
        pooled_b = [z for v in b.values() for z in v]
        ks = stats.ks_2samp(pooled_a, pooled_b)
        print(f"{key[0]}\t{key[1]:g}\tKS on pooled logits\tD = {ks.statistic:.3f}\t\t{ks.pvalue:.2g}")
    return 0


# ----------------------------------------------------------------------------- comparison

def welch(x, y):
    """Welch's t test and the 95% interval of mean(x) - mean(y)."""
    from scipy import stats
    import statistics as st
    n1, n2 = len(x), len(y)
    m1, m2 = st.mean(x), st.mean(y)
    v1, v2 = st.variance(x), st.variance(y)
    se = math.sqrt(v1 / n1 + v2 / n2)
    if se == 0:
        return m1 - m2, float("nan"), (m1 - m2, m1 - m2), float("nan") if m1 != m2 else 1.0
    df = (v1 / n1 + v2 / n2) ** 2 / ((v1 / n1) ** 2 / (n1 - 1) + (v2 / n2) ** 2 / (n2 - 1))
    t = (m1 - m2) / se
    pval = 2 * stats.t.sf(abs(t), df)
    h = stats.t.ppf(0.975, df) * se
    return m1 - m2, df, (m1 - m2 - h, m1 - m2 + h), pval


def cmd_compare(args):
    import glob
    import statistics as st
    project = {}
    for path in glob.glob(os.path.join(args.project, "*.json")):
        with open(path) as f:
            r = json.load(f)
        pt = r["point"]
        recipe = "authors" if pt.get("recipe") == "authors" else "project"
        key = (pt["model"], float(pt["interpolation"]), pt["precision"], float(pt["error_probability"]),
               pt["train_limit"], pt["test_limit"], pt["max_epochs"], recipe)
        project.setdefault(key, []).append(r[args.metric_project])
    ours, seen = {}, set()
    for path in args.pytorch:
        with open(path) as f:
            for line in f:
                r = json.loads(line)
                key = (r["model"], float(r["interpolation"]), r["precision"], float(r["error_probability"]),
                       r["train_limit"], r["test_limit"], r["epochs"], r.get("recipe", "project"))
                if key + (r["seed"], r["init"], r["relu_grad_at_zero"]) in seen:
                    continue  # one run per seed (files may overlap)
                seen.add(key + (r["seed"], r["init"], r["relu_grad_at_zero"]))
                ours.setdefault(key, []).append(r[args.metric])
    print("model\ti\tp\tEP\ttrain/test/epochs\trecipe\tproject mean (sd, n)\t"
          "PyTorch mean (sd, n)\tdifference [95% CI]\tWelch p")
    for key in sorted(set(project) & set(ours), key=str):
        x, y = project[key], ours[key]
        if len(x) < 2 or len(y) < 2:
            continue
        d, df, ci, pval = welch(x, y)
        print(f"{key[0]}\t{key[1]:g}\t{key[2]}\t{key[3]:g}\t{key[4]}/{key[5]}/{key[6]}\t{key[7]}\t"
              f"{st.mean(x):.4f} ({st.stdev(x):.4f}, {len(x)})\t"
              f"{st.mean(y):.4f} ({st.stdev(y):.4f}, {len(y)})\t"
              f"{d:+.4f} [{ci[0]:+.4f}, {ci[1]:+.4f}]\t{pval:.3g}")
    return 0


ADAM_W0 = (0.5, -0.3, 1e-3, 0.0, 2.0, -1e-5)


def adam_gradient(t, k):
    """Step t (from 1), weight k: sin(0.7 t + 1.3 k) times 10^-k, weight 5's times 1e-7 (below
    Adam's eps once the moments are bias-corrected), and weight 1's zero every 7th step."""
    s = math.sin(0.7 * t + 1.3 * k)
    if k == 5:
        return 1e-7 * s
    return 0.0 if (t % 7 == 0 and k == 1) else s * 10.0 ** (-k)


def cmd_adam(args):
    print("weight_decay\tepsilon\tweight\tvalue")
    for wd in args.weight_decays:
        for placement in ("torch", "djl"):
            w = torch.nn.Parameter(torch.tensor(ADAM_W0, dtype=torch.float32))
            opt = torch.optim.Adam([w], lr=1e-3, weight_decay=wd)
            for t in range(1, args.steps + 1):
                if placement == "djl":  # eps before the bias correction: eps / sqrt(1 - b2^t)
                    opt.param_groups[0]["eps"] = 1e-8 / math.sqrt(1 - 0.999 ** t)
                w.grad = torch.tensor([adam_gradient(t, k) for k in range(len(ADAM_W0))],
                                      dtype=torch.float32)
                opt.step()
            for k, v in enumerate(w.detach().tolist()):
                print(f"{wd:g}\t{placement}\t{k}\t{v:.9e}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("nonzero")
    a.add_argument("--models", nargs="+", default=list(MODELS))
    a.add_argument("--seed", type=int, default=1)
    a.add_argument("--init", choices=("project", "authors"), default="project")
    a.add_argument("--resnet-stem", choices=("cifar", "imagenet"), default="cifar",
                   help="ResNet-18's stem, as the project's grid point resolved it")
    a.add_argument("--project", help="TSV from NonzeroFractionsTest (crosscheck.nonzero.out)")
    a.add_argument("--out", help="write this script's table (TSV)")
    a.add_argument("--compare-out", help="write the layer-by-layer comparison (TSV)")
    a.add_argument("--z", type=float, default=4.5,
                   help="|z| above which a pair disagrees (about 400 pairs: 4.5 keeps the "
                        "family-wise false alarm rate under 0.3%%)")
    a.add_argument("--threads", type=int, default=1)
    t = sub.add_parser("train")
    t.add_argument("--model", choices=("linear", "convnet", "vgg-a"), default="linear")
    t.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    t.add_argument("--interpolation", type=float, default=1.0)
    t.add_argument("--leak", type=float, default=0.0)
    t.add_argument("--relu-grad-at-zero", choices=("a", "1"), default="a")
    t.add_argument("--precision", type=int, default=16)
    t.add_argument("--error-probability", type=float, default=0.0)
    t.add_argument("--epochs", type=int, default=2)
    t.add_argument("--train-limit", type=int, default=2000)
    t.add_argument("--test-limit", type=int, default=1000)
    t.add_argument("--batch-size", type=int, default=128)
    t.add_argument("--learning-rate", type=float, default=1e-3)
    t.add_argument("--init", choices=("project", "authors"), default="project")
    t.add_argument("--convnet-layout", choices=("project", "authors"), default="project")
    t.add_argument("--classifier-activation", action="store_true")
    t.add_argument("--weight-grad", choices=("mask", "pass"), default="mask")
    t.add_argument("--augmentation", choices=("none", "crop-flip-rotate"), default="none")
    t.add_argument("--normalization", choices=("none", "per-channel"), default="none")
    t.add_argument("--weight-decay", type=float, default=0.0)
    t.add_argument("--adam-epsilon", choices=("torch", "djl"), default="torch",
                   help="where Adam's eps goes: torch.optim.Adam's (after the bias correction) "
                        "or DJL's, the project's (before it)")
    t.add_argument("--verbose", action="store_true", help="a line per epoch on stderr")
    t.add_argument("--recipe", choices=("project", "authors"), default="project",
                   help="authors: every choice of the authors' code (overrides the options)")
    t.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    t.add_argument("--threads", type=int, default=1)
    t.add_argument("--out", required=True, help="append one JSON line per run")
    w = sub.add_parser("forward")
    w.add_argument("--models", nargs="+", default=["linear", "convnet"])
    w.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    w.add_argument("--images", type=int, default=64)
    w.add_argument("--seeds", type=int, default=20)
    w.add_argument("--threads", type=int, default=1)
    w.add_argument("--out", required=True, help="write this script's logits (TSV)")
    w.add_argument("--project", help="TSV from ForwardOutputsTest (crosscheck.forward.out)")
    c = sub.add_parser("compare")
    c.add_argument("--project", required=True, help="folder of ./analogsweep train JSON outputs")
    c.add_argument("--pytorch", nargs="+", required=True, help="JSON-lines files of 'train'")
    c.add_argument("--metric", default="max_test_accuracy")
    c.add_argument("--metric-project", default="maxTestAccuracy")
    d = sub.add_parser("adam")
    d.add_argument("--weight-decays", type=float, nargs="+", default=[0.0, 1e-4, 0.1])
    d.add_argument("--steps", type=int, default=30)
    args = ap.parse_args(argv)
    return {"nonzero": cmd_nonzero, "train": cmd_train, "compare": cmd_compare,
            "forward": cmd_forward, "adam": cmd_adam}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
