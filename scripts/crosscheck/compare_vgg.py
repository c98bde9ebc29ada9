# Compares VGG-A runs of this project (JSON of ./analogsweep train; comma-separated globs) with
# those of crosscheck.py train (JSON lines): per seed, Welch and Mann-Whitney tests, per epoch;
# FIG=PATH also draws test accuracy per epoch. Usage:
#   FIG=docs/vgg-a-crosscheck-accuracy.png /usr/bin/python3 scripts/crosscheck/compare_vgg.py \
#     'scripts/crosscheck/results/authors/vgg/project-adam-torch/*.json' \
#     scripts/crosscheck/results/authors/vgg/pytorch_vgg-a_p64_ep0.1.jsonl \
#     scripts/crosscheck/results/authors/vgg/pytorch_vgg-a_p64_ep0.1_seeds3-5.jsonl
import json, glob, sys
import numpy as np
from scipy import stats

def project(pattern):
    out = []
    for f in sorted(sum((glob.glob(x) for x in pattern.split(",")), [])):
        d = json.load(open(f))
        rows = d["epochRows"]
        out.append(dict(seed=d["point"]["seed"], test=[r["testAccuracy"] for r in rows],
                        train=[r["trainAccuracy"] for r in rows]))
    return out

def pytorch(files):
    out = []
    for f in files:
        for line in open(f):
            if line.strip():
                d = json.loads(line)
                out.append(dict(seed=d["seed"], test=d["test_accuracy"], train=d["train_accuracy"]))
    return out

def summary(runs, name):
    print(f"## {name}")
    for r in runs:
        first = next((k + 1 for k, a in enumerate(r["train"]) if a >= 0.2), None)
        print(f"seed {r['seed']}: test " + " ".join(f"{100*a:.1f}" for a in r["test"])
              + f" | best {100*max(r['test']):.1f} ({1+int(np.argmax(r['test']))}) final {100*r['test'][-1]:.1f}"
              + f" | train>=20% from epoch {first} (step {2*first if first else None}) peak train {100*max(r['train']):.1f}")

def welch(a, b, what):
    a, b = np.array(a) * 100, np.array(b) * 100
    t = stats.ttest_ind(a, b, equal_var=False)
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    se = np.sqrt(va + vb)
    df = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
    h = stats.t.ppf(0.975, df) * se
    d = a.mean() - b.mean()
    mw = stats.mannwhitneyu(a, b, alternative="two-sided")
    print(f"{what}: {a.mean():.1f} (sd {a.std(ddof=1):.1f}, n {len(a)}) vs {b.mean():.1f} (sd {b.std(ddof=1):.1f}, n {len(b)}); "
          f"diff {d:+.1f} [{d-h:+.1f}, {d+h:+.1f}], Welch p {t.pvalue:.3f}, Mann-Whitney p {mw.pvalue:.3f}")

p = project(sys.argv[1])
q = pytorch(sys.argv[2:])
summary(p, "project"); summary(q, "pytorch")
welch([max(r["test"]) for r in p], [max(r["test"]) for r in q], "best test")
welch([r["test"][-1] for r in p], [r["test"][-1] for r in q], "final test")
welch([np.mean(r["train"][7:10]) for r in p], [np.mean(r["train"][7:10]) for r in q], "train acc epochs 8-10")
welch([np.mean(r["test"][5:10]) for r in p], [np.mean(r["test"][5:10]) for r in q], "test acc epochs 6-10")

print("## per epoch: mean test accuracy, project vs pytorch, Welch p")
for e in range(10):
    a = [r["test"][e] for r in p]; b = [r["test"][e] for r in q]
    t = stats.ttest_ind(a, b, equal_var=False)
    print(f"epoch {e+1}: {100*np.mean(a):.1f} vs {100*np.mean(b):.1f}, p {t.pvalue:.2f}")

import os
if os.environ.get("FIG"):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2), sharey=True)
    for ax, runs, name, colour in ((axes[0], p, "this project (adam_epsilon torch)", "#0072B2"),
                                   (axes[1], q, "PyTorch cross-check (torch.optim.Adam)", "#D55E00")):
        ep = np.arange(1, 11)
        for r in runs:
            ax.plot(ep, 100 * np.array(r["test"]), color=colour, alpha=0.35, lw=1)
        m = 100 * np.mean([r["test"] for r in runs], axis=0)
        ax.plot(ep, m, color=colour, lw=2.5, label=f"mean of {len(runs)} seeds")
        ax.axhline(10, ls="--", color="grey", lw=1, label="chance 10%")
        ax.set_title(name, fontsize=11)
        ax.set_xlabel("epoch (2 steps of batch 500 each)")
        ax.set_xticks(ep)
        ax.grid(alpha=0.3)
        ax.legend(loc="upper left", fontsize=9)
    axes[0].set_ylabel("test accuracy (%)")
    fig.suptitle("VGG-A at p = 64, EP 0.1 on 1,000 Fashion-MNIST images: test accuracy per epoch, "
                 "each seed (thin) and the mean (thick)", fontsize=11)
    fig.tight_layout()
    fig.savefig(os.environ["FIG"], dpi=110)
