#!/usr/bin/env python3
"""PyTorch eager reference for `nlce bench`: figures (a)-(c) of issue #8 on the same NLCEN-R18 (nlcen.py), timed the same way
(warm-up, then median/p10/p90 of the timed repetitions, CUDA synchronised around each), written as JSON in the same schema
(nlce-bench/1) as the C# report. `nlce bench --compare-pytorch` runs this script with the settings it used and prints the
ratio TorchSharp / PyTorch per figure.

  python3 bench/pytorch/bench_nlcen.py --device cuda --json /tmp/pytorch.json           # the issue's sizes
  python3 bench/pytorch/bench_nlcen.py --profile smoke --device cpu --json /tmp/p.json  # seconds

Exit codes: 0 done, 2 bad arguments, 3 PyTorch missing.
"""

import argparse
import datetime
import json
import os
import platform
import resource
import sys
import time

SCHEMA = "nlce-bench/1"
PROFILES = {
    "standard": dict(width=1.0, size=256, train_batch=8, attack_batch=64, forward_batch=64, warmup=3, reps=20),
    "smoke": dict(width=0.125, size=32, train_batch=2, attack_batch=2, forward_batch=2, warmup=1, reps=2),
}
FIGURES = {"a": "train-step", "b": "attack-iteration", "c": "forward"}
ATTACK_EPSILON = 8 / 255  # the C# bench attacks at epsilon = 8 intensity levels ...
ATTACK_STEP = 1 / 255     # ... with the paper's alpha = 1 (targeted I-FGSM, eq. 6)


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="standard", help="standard, smoke, or custom (standard's defaults, fields overridden)")
    parser.add_argument("--device", default="cpu", help="cpu, cuda or cuda:N")
    parser.add_argument("--figures", default="a,b,c", help="letters a (train step), b (attack iteration), c (forward)")
    parser.add_argument("--json", required=True, help="where to write the report")
    parser.add_argument("--width", type=float)
    parser.add_argument("--channels", type=int, default=1)
    parser.add_argument("--size", type=int)
    parser.add_argument("--train-batch", type=int)
    parser.add_argument("--attack-batch", type=int)
    parser.add_argument("--forward-batch", type=int)
    parser.add_argument("--warmup", type=int)
    parser.add_argument("--reps", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--tf32", action="store_true", help="allow TF32 in CUDA matmuls and cuDNN convolutions")
    parser.add_argument("--channels-last", action="store_true", help="inputs in channels-last layout (as the C# lever)")
    parser.add_argument("--half", action="store_true", help="float16 for figures b and c (CUDA only)")
    args = parser.parse_args(argv)
    base = PROFILES.get(args.profile, PROFILES["standard"])
    for field, value in base.items():
        if getattr(args, field) is None:
            setattr(args, field, value)
    letters = [f.strip() for f in args.figures.split(",") if f.strip()]
    unknown = [f for f in letters if f not in FIGURES]
    if unknown or not letters:
        parser.error(f"--figures: unknown {unknown or 'empty list'}; expected letters among a, b, c")
    args.figures = list(dict.fromkeys(letters))
    if args.size < 32 or args.size % 32:
        parser.error(f"--size {args.size}: expected a positive multiple of 32")
    for field in ("channels", "train_batch", "attack_batch", "forward_batch", "reps"):
        if getattr(args, field) < 1:
            parser.error(f"--{field.replace('_', '-')} must be >= 1")
    if args.warmup < 0:
        parser.error("--warmup must be >= 0")
    return args


def percentile(sorted_values, q):
    """Linear interpolation between order statistics (NumPy's default), as TimingSummary does."""
    position = q * (len(sorted_values) - 1)
    below = int(position)
    above = min(below + 1, len(sorted_values) - 1)
    return sorted_values[below] + (position - below) * (sorted_values[above] - sorted_values[below])


def summarise(samples):
    ordered = sorted(samples)
    return {"samplesMs": samples, "medianMs": percentile(ordered, 0.5), "p10Ms": percentile(ordered, 0.1),
            "p90Ms": percentile(ordered, 0.9), "meanMs": sum(samples) / len(samples)}


def main(argv):
    args = parse_arguments(argv)
    try:
        import torch
    except ImportError as error:
        print(f"bench_nlcen.py needs PyTorch: {error}", file=sys.stderr)
        return 3
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import torch.nn.functional as F
    from nlcen import Nlcen, deep_supervision_loss

    device = torch.device(args.device)
    cuda = device.type == "cuda"
    if args.half and not cuda:
        print(f"--half is a CUDA lever; device {device} has no fast float16 convolutions", file=sys.stderr)
        return 2
    torch.backends.cuda.matmul.allow_tf32 = args.tf32  # set both ways, as the C# bench does, so the default never decides
    torch.backends.cudnn.allow_tf32 = args.tf32
    started = datetime.datetime.now(datetime.timezone.utc)

    torch.manual_seed(args.seed)
    model = Nlcen(args.channels, 2, args.width).to(device)
    parameters = sum(p.numel() for p in model.parameters())
    print(f"nlcen-r18 (PyTorch reference) width {args.width}: {parameters:,} parameters", file=sys.stderr)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    generator = torch.Generator().manual_seed(args.seed)

    def inputs(batch):
        images = torch.rand(batch, args.channels, args.size, args.size, generator=generator)
        labels = torch.randint(0, 2, (batch, args.size, args.size), generator=generator)
        if args.channels_last:
            images = images.contiguous(memory_format=torch.channels_last)
        return images.to(device), labels.to(device)

    train_images, train_labels = inputs(args.train_batch)
    attack_images, attack_labels = inputs(args.attack_batch)
    forward_images, _ = inputs(args.forward_batch)
    if args.half:
        attack_images, forward_images = attack_images.half(), forward_images.half()

    def train_step():
        model.train()
        optimizer.zero_grad(set_to_none=True)
        logits, levels = model.forward_training(train_images)
        loss = deep_supervision_loss(logits, levels, train_labels)
        loss.backward()
        optimizer.step()

    def attack_iteration():
        # One targeted I-FGSM step toward the inverse mask, per-image mean cross-entropy, projection, and the per-image
        # perturbation norms read back to the host, as the C# attack does after its loop.
        model.eval()
        target = (attack_labels == 0).long()
        x = attack_images.detach().clone().requires_grad_(True)
        loss = F.cross_entropy(model(x), target, reduction="none").mean(dim=(1, 2)).sum()
        gradient, = torch.autograd.grad(loss, x)
        adversarial = x.detach() - ATTACK_STEP * gradient.sign()
        adversarial = torch.min(torch.max(adversarial, attack_images - ATTACK_EPSILON), attack_images + ATTACK_EPSILON).clamp(0, 1)
        delta = (adversarial.double() - attack_images.double()).flatten(1) * 255
        delta.abs().amax(1).cpu(), delta.norm(dim=1).cpu()

    def forward():
        model.eval()
        with torch.no_grad():
            model(forward_images)

    def synchronise():
        if cuda:
            torch.cuda.synchronize(device)

    def measure(work):
        samples = []
        for repetition in range(args.warmup + args.reps):
            synchronise()
            start = time.perf_counter()
            work()
            synchronise()
            if repetition >= args.warmup:
                samples.append((time.perf_counter() - start) * 1000)
        return summarise(samples)

    work = {"a": (train_step, args.train_batch, False), "b": (attack_iteration, args.attack_batch, True),
            "c": (forward, args.forward_batch, True)}
    descriptions = {
        "a": f"nlcen-r18 train step (forward with level outputs, deep-supervision loss, backward, Adam), batch {args.train_batch}, {args.size}\u00b2",
        "b": f"one targeted I-FGSM iteration (\u03b5 = 8, \u03b1 = 1), batch {args.attack_batch}, {args.size}\u00b2",
        "c": f"forward only, eval mode, no gradients, batch {args.forward_batch}, {args.size}\u00b2",
    }
    figures = []
    for letter in args.figures:
        step, items, may_be_half = work[letter]
        if cuda:
            torch.cuda.reset_peak_memory_stats(device)
        if args.half and may_be_half:
            model.half()
        timing = measure(step)
        if args.half and may_be_half:
            model.float()
        figures.append({
            "id": FIGURES[letter], "description": descriptions[letter], "items": items, "timing": timing,
            "itemsPerSecond": items / (timing["medianMs"] / 1000),
            "peakHostBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
            "peakGpuBytes": torch.cuda.max_memory_allocated(device) if cuda else None,
        })
        print(f"({letter}) {FIGURES[letter]}: median {timing['medianMs']:.1f} ms", file=sys.stderr)

    report = {
        "schema": SCHEMA,
        "implementation": "pytorch",
        "dateUtc": started.isoformat(),
        "environment": {
            "device": str(device),
            "deviceName": torch.cuda.get_device_name(device) if cuda else platform.processor() or None,
            "backend": "pytorch",
            "libtorch": torch.__version__,
            "framework": f"PyTorch {torch.__version__}",
            "threads": torch.get_num_threads(),
            "processors": os.cpu_count(),
            "os": platform.platform(),
            "loadAverage": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        },
        "settings": {
            "profile": args.profile, "model": "nlcen-r18", "width": args.width, "channels": args.channels, "size": args.size,
            "trainBatch": args.train_batch, "attackBatch": args.attack_batch, "forwardBatch": args.forward_batch,
            "warmup": args.warmup, "repetitions": args.reps, "tf32": args.tf32, "channelsLast": args.channels_last,
            "half": args.half, "seed": args.seed,
        },
        "parameters": parameters,
        "figures": figures,
        "comparison": None,
    }
    with open(args.json, "w", encoding="utf-8") as file:
        json.dump(report, file, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
