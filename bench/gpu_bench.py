#!/usr/bin/python3
"""GPU benchmark of convt's flax.linen.ConvTranspose lowering against cuDNN.

One run measures, for each shape of bench/run_bench.py (default A-F: f32, NHWC,
Flax padding "SAME", kernel HWIO = kernel_size + (C_in, C_out), no bias):
  - convt on the GPU: `convt-run --target gpu --gpu-chip CHIP --repeat R` on
    run_bench.py's convt.conv_transpose module.  convt-run times whole calls
    of a function on host buffers, so its time includes the device
    allocations, the copies of x and k to the device and of y back;
  - cuDNN through PyTorch: torch.nn.functional.conv_transpose2d/3d on
    device-resident NCHW/NCDHW tensors with the weights already converted,
    timed with CUDA events (the convolution alone);
  - cuDNN including copies: the same PyTorch call from the host NHWC x and
    HWIO kernel to a host NHWC y, copies and layout changes included, timed
    on the host like convt-run's calls.
Every output is checked on the real shape against run_bench.py's NumPy
reference before anything is timed; a mismatch marks the cell MISMATCH and
the script exits with status 1.  It exits with status 2, after a one-line
reason, when PyTorch, CUDA or a CUDA build of convt-run is missing.

Needs a Python with NumPy and PyTorch (CUDA), an NVIDIA GPU, and
build/bin/convt-run built with the CUDA toolkit.  See bench/README.md.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
import zlib

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_bench  # noqa: E402

ROOT = run_bench.ROOT
DEFAULT_SHAPES = ("A", "B", "C", "D", "E", "F")
# |y - ref| <= rtol * sum|x*w| + 1e-6 per element (run_bench.compare).  True
# f32 passes run_bench's 1e-4.  TF32 (--precision default) rounds both
# operands to a 10-bit mantissa, up to 2*2^-11 relative per product (spec §9),
# on top of the f32 accumulation.
F32_RTOL = 1e-4
TF32_RTOL = 2 * 2.0 ** -11 + F32_RTOL
COLUMNS = ("convt", "cudnn", "cudnn_copies")
LABELS = {"convt": "convt", "cudnn": "cuDNN", "cudnn_copies": "cuDNN+copies"}


class Unavailable(Exception):
    """Something the benchmark needs is missing: exit status 2."""


# --------------------------------------------------------------- environment

def import_torch():
    try:
        import torch
    except ImportError as e:
        raise Unavailable(f"PyTorch is not importable ({e}); install torch "
                          "with CUDA support in this Python")
    if not torch.cuda.is_available():
        raise Unavailable(f"CUDA is not available to PyTorch {torch.__version__} "
                          f"(built for CUDA {torch.version.cuda}): no NVIDIA GPU "
                          "or driver visible")
    if not torch.backends.cudnn.is_available():
        raise Unavailable(f"PyTorch {torch.__version__} has no cuDNN")
    return torch


def detect_chip():
    """sm_XY of the first GPU, from nvidia-smi's compute capability."""
    cmd = ["nvidia-smi", "--query-gpu=compute_cap", "--format=csv,noheader"]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise Unavailable(f"cannot run nvidia-smi ({e}); pass --gpu-chip sm_XY")
    lines = p.stdout.split()
    m = re.fullmatch(r"(\d+)\.(\d+)", lines[0]) if lines else None
    if p.returncode != 0 or not m:
        why = (p.stderr or p.stdout).strip().replace("\n", " ")
        raise Unavailable(f"'{' '.join(cmd)}' gave no compute capability "
                          f"({why!r}); pass --gpu-chip sm_XY")
    return f"sm_{m.group(1)}{m.group(2)}"


# ------------------------------------------------------ Flax -> PyTorch mapping

def torch_weights(w, nd):
    """Flax kernel W[k..., c, o] -> PyTorch conv_transpose weight
    [c, o, k'...] with k' = K-1-k in every spatial dim (see torch_conv)."""
    flipped = np.flip(w, axis=tuple(range(nd)))
    return np.ascontiguousarray(flipped.transpose((nd, nd + 1) + tuple(range(nd))))


def torch_conv(torch, cfg):
    """A function of (x in N,C,spatial; weight from torch_weights) that returns
    Flax's y in N,C,spatial.

    Flax (transpose_kernel=False) scatters input pixel i times tap k to
        t = i*s - k + lo                      (spec §6.1)
    and PyTorch's conv_transpose scatters i times tap k' to
        t = i*s + k' - p.
    With k' = K-1-k both read t = i*s - k + (K-1-p), so the kernel is flipped
    in every spatial dim and p = K-1-lo (>= 0: SAME has lo <= K-1).  PyTorch's
    output length is (H-1)*s - 2p + K = (H-1)*s + 2*lo - K + 2, Flax's is
    (H-1)*s + lo + hi - K + 2 (= H*s for SAME), and both start at t = 0.  So
    PyTorch is short by hi - lo positions at the high end: output_padding =
    hi - lo when that is >= 0 (PyTorch computes those positions in full; it
    must be < s, which SAME's hi - lo = s - K for s >= K satisfies), and when
    hi < lo (SAME with s < K and K + s odd: hi = lo - 1) PyTorch gives lo - hi
    extra positions at the end, which the slice to Flax's length H*s drops
    (a view, no copy).  Spec §13 states the same mapping."""
    k, s, lo, hi = cfg.k, cfg.s, cfg.lo, cfg.hi
    p, output_padding = k - 1 - lo, max(hi - lo, 0)
    if p < 0 or output_padding >= s:
        raise run_bench.Fail(f"{cfg.name}: pads (lo={lo}, hi={hi}) have no "
                             "direct PyTorch conv_transpose form")
    conv = getattr(torch.nn.functional, f"conv_transpose{cfg.nd}d")
    crop = (slice(None), slice(None)) + tuple(slice(0, o) for o in cfg.out_spatial)

    def forward(x, w):
        return conv(x, w, stride=s, padding=p, output_padding=output_padding)[crop]
    return forward


def channels_first(nd):
    """Axis order that turns N,spatial...,C into N,C,spatial...."""
    return (0, nd + 1) + tuple(range(1, nd + 1))


def channels_last(nd):
    """Axis order that turns N,C,spatial... into N,spatial...,C."""
    return (0,) + tuple(range(2, nd + 2)) + (1,)


# ------------------------------------------------------------------ timing

def time_cuda_events(torch, fn, warmup, repeat):
    """Median milliseconds of `repeat` calls of fn, each between two CUDA
    events on the current stream, after `warmup` untimed calls (the first
    of which lets cudnn.benchmark pick its algorithm)."""
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    start = torch.cuda.Event(enable_timing=True)
    end = torch.cuda.Event(enable_timing=True)
    times = []
    for _ in range(repeat):
        start.record()
        fn()
        end.record()
        end.synchronize()
        times.append(start.elapsed_time(end))
    return statistics.median(times)


def time_host(torch, fn, warmup, repeat):
    """Median wall milliseconds of `repeat` calls of fn, which ends with a
    copy to the host (so it has synchronized), after `warmup` calls."""
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


# ------------------------------------------------------------------- bench

class GpuBench:
    def __init__(self, args, torch, chip):
        self.a, self.torch, self.chip = args, torch, chip
        self.work = os.path.abspath(args.workdir)
        self.device = torch.device("cuda")
        rtol = F32_RTOL if args.precision == "highest" else TF32_RTOL
        self.rtol = {column: rtol for column in COLUMNS}
        self.failures = []

    def prepare(self, cfg):
        """x, w and the convt module of a shape; the same inputs as
        run_bench.py (uniform in [-1, 1), seeded by the shape's name)."""
        d = os.path.join(self.work, cfg.name)
        os.makedirs(d, exist_ok=True)
        rng = np.random.default_rng(zlib.crc32(cfg.name.encode()))
        x = rng.uniform(-1, 1, cfg.x_shape).astype(np.float32)
        w = rng.uniform(-1, 1, cfg.k_shape).astype(np.float32)
        files = {name: os.path.join(d, name)
                 for name in ("x.npy", "k.npy", "convt.mlir", "y.convt.npy")}
        np.save(files["x.npy"], x)
        np.save(files["k.npy"], w)
        with open(files["convt.mlir"], "w") as f:
            f.write(run_bench.convt_module(cfg, precision=self.a.precision))
        return x, w, files

    def convt_cmd(self, files):
        return [self.a.convt_run, files["convt.mlir"], "-e", "main",
                "--input", files["x.npy"], "--input", files["k.npy"],
                "--output", files["y.convt.npy"], "--target", "gpu",
                "--gpu-chip", self.chip, "--strategy", self.a.strategy]

    def run_convt(self, cmd):
        """Runs convt-run; returns (stdout, None) or (None, what went wrong).
        A convt-run without CUDA raises Unavailable."""
        p, _ = run_bench.run(cmd, timeout=self.a.timeout_s, check=False)
        if p is None:
            return None, f"timed out after {self.a.timeout_s} s"
        if p.returncode != 0:
            if "built without CUDA" in p.stderr:
                raise Unavailable(f"{self.a.convt_run} was built without CUDA: "
                                  "rebuild convt where CMake finds the CUDA "
                                  "toolkit")
            return None, (f"convt-run exited with {p.returncode}: "
                          f"{p.stderr.strip()[-2000:]}")
        return p.stdout, None

    def check(self, name, column, got, ref, bound, notes):
        ok, msg = run_bench.compare(f"{LABELS[column]:12s}", got, ref, bound,
                                    rtol=self.rtol[column])
        print(f"   check {name} {msg} (rtol {self.rtol[column]:.2g})", flush=True)
        if not ok:
            self.failures.append(f"{name} {LABELS[column]}: {msg}")
            notes[column] = "MISMATCH"

    def measure(self, cfg):
        """Checks then times every column of one shape: returns
        {column: median ms}, {column: note replacing the time}."""
        torch, a = self.torch, self.a
        x, w, files = self.prepare(cfg)
        ref, bound = run_bench.reference(x, w, cfg)
        ms, notes = {}, {}

        # convt: one call writes y (JIT compile included), checked first.
        cmd = self.convt_cmd(files)
        _, err = self.run_convt(cmd)
        if err:
            print(f"   convt: {err}", flush=True)
            self.failures.append(f"{cfg.name} convt: {err}")
            notes["convt"] = "FAILED"
        else:
            self.check(cfg.name, "convt", np.load(files["y.convt.npy"]), ref,
                       bound, notes)

        # cuDNN on device-resident tensors, and from the host NHWC arrays.
        forward = torch_conv(torch, cfg)
        nd = cfg.nd
        x_dev = torch.from_numpy(np.ascontiguousarray(
            x.transpose(channels_first(nd)))).to(self.device)
        w_dev = torch.from_numpy(torch_weights(w, nd)).to(self.device)
        x_host, w_host = torch.from_numpy(x), torch.from_numpy(w)
        spatial = tuple(range(nd))
        weight_order = (nd, nd + 1) + spatial

        def device_only():
            return forward(x_dev, w_dev)

        def with_copies():
            # NHWC permuted to logical NCHW is PyTorch's channels_last format:
            # no copy; the weights are flipped and permuted on the device.
            xd = x_host.to(self.device).permute(channels_first(nd))
            wd = w_host.to(self.device).flip(spatial).permute(weight_order)
            return forward(xd, wd).permute(channels_last(nd)).contiguous().cpu()

        with torch.no_grad():
            y = device_only().permute(channels_last(nd)).cpu().numpy()
            self.check(cfg.name, "cudnn", y, ref, bound, notes)
            self.check(cfg.name, "cudnn_copies", with_copies().numpy(), ref,
                       bound, notes)

            if "convt" not in notes:
                out, err = self.run_convt(cmd + ["--repeat", str(a.repeat)])
                kv = run_bench.parse_kv(out) if out else {}
                if "median_ms" in kv:
                    ms["convt"] = float(kv["median_ms"])
                else:
                    err = err or f"convt-run printed no median_ms: {out!r}"
                    print(f"   convt --repeat: {err}", flush=True)
                    self.failures.append(f"{cfg.name} convt --repeat: {err}")
                    notes["convt"] = "FAILED"
            if "cudnn" not in notes:
                ms["cudnn"] = time_cuda_events(torch, device_only, a.warmup,
                                               a.repeat)
            if "cudnn_copies" not in notes:
                ms["cudnn_copies"] = time_host(torch, with_copies, a.warmup,
                                               a.repeat)
        for column in COLUMNS:
            if column in ms:
                print(f"   {LABELS[column]:12s}: {ms[column]:10.4f} ms "
                      f"{cfg.flops / (ms[column] * 1e6):10.1f} GFLOP/s",
                      flush=True)
        return ms, notes

    def main(self, names):
        torch, a = self.torch, self.a
        torch.backends.cudnn.benchmark = True
        tf32 = a.precision == "default"
        torch.backends.cudnn.allow_tf32 = tf32
        torch.backends.cuda.matmul.allow_tf32 = tf32
        print(f"# convt GPU benchmark: shapes {','.join(names)}, median of "
              f"{a.repeat} calls")
        print(f"# GPU: {torch.cuda.get_device_name(0)}, convt-run --gpu-chip "
              f"{self.chip} --strategy {a.strategy} ({a.convt_run})")
        print(f"# PyTorch {torch.__version__}, CUDA {torch.version.cuda}, cuDNN "
              f"{torch.backends.cudnn.version()}, cudnn.benchmark=True, TF32 "
              f"{'allowed' if tf32 else 'disabled'} (--precision {a.precision})")
        print(flush=True)
        rows = []
        for name in names:
            cfg = run_bench.Config(name, *run_bench.SHAPES[name])
            print(f"## {name}: {cfg.describe()}  ({cfg.flops / 1e9:.3f} GFLOP "
                  "per call)", flush=True)
            ms, notes = self.measure(cfg)
            rows.append((cfg, ms, notes))
            print(flush=True)
        self.print_table(rows)
        if self.failures:
            print("\nFAILED:", file=sys.stderr)
            for f in self.failures:
                print("  " + f, file=sys.stderr)
            return 1
        return 0

    @staticmethod
    def print_table(rows):
        head = ["shape", "convt GFLOP/s", "cuDNN GFLOP/s", "convt/cuDNN",
                "cuDNN+copies GFLOP/s", "convt/cuDNN+copies"]
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for cfg, ms, notes in rows:
            cells = [cfg.name]
            for column in COLUMNS:
                if column in ms:
                    cells.append(f"{cfg.flops / (ms[column] * 1e6):.1f}")
                else:
                    cells.append(notes.get(column, "-"))
                if column != "convt":
                    both = "convt" in ms and column in ms
                    cells.append(f"{ms[column] / ms['convt']:.2f}" if both else "-")
            print("| " + " | ".join(cells) + " |")
        print("\nGFLOP/s = 2*N*prod(H_in)*C_in*C_out*k^d / median time. "
              "convt: whole convt-run calls on host buffers (device "
              "allocations and copies included). cuDNN: the convolution on "
              "device-resident NCHW tensors (CUDA events). cuDNN+copies: host "
              "NHWC x and HWIO kernel to host NHWC y, copies and layout "
              "changes included. convt/X: convt's speed over X's, above 1 = "
              "convt faster.")


def main(argv=None):
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shapes", default=",".join(DEFAULT_SHAPES),
                    help="comma-separated subset of " + ",".join(run_bench.SHAPES)
                    + " (default " + ",".join(DEFAULT_SHAPES) + ")")
    ap.add_argument("--repeat", type=int, default=50,
                    help="timed calls per measurement (default 50)")
    ap.add_argument("--warmup", type=int, default=5,
                    help="untimed PyTorch calls before timing (default 5); "
                    "convt-run --repeat makes one untimed call itself")
    ap.add_argument("--precision", choices=("highest", "default"),
                    default="highest",
                    help="precision of both: 'highest' (default) is true f32 "
                    "(convt's precision = \"highest\", cuDNN without TF32); "
                    "'default' allows TF32 tensor cores in both (convt's "
                    "default, PyTorch's default for convolutions)")
    ap.add_argument("--gpu-chip",
                    help="convt-run --gpu-chip (default: sm_XY from nvidia-smi's "
                    "compute capability of the first GPU)")
    ap.add_argument("--strategy", choices=("phase", "dilate"), default="phase",
                    help="convt-run --strategy (default phase)")
    ap.add_argument("--timeout-s", type=float, default=600,
                    help="limit for each convt-run call (default 600)")
    ap.add_argument("--workdir", default=os.path.join(ROOT, "build", "bench",
                                                      "gpu-work"),
                    help="generated modules, inputs and outputs "
                    "(default build/bench/gpu-work)")
    ap.add_argument("--convt-run",
                    default=os.path.join(ROOT, "build", "bin", "convt-run"))
    args = ap.parse_args(argv)
    try:
        names = run_bench.parse_shapes(args.shapes)
    except run_bench.Fail as e:
        ap.error(f"--shapes: {e}")
    if args.repeat < 1 or args.warmup < 0:
        ap.error("--repeat must be >= 1 and --warmup >= 0")
    try:
        torch = import_torch()
        if not os.access(args.convt_run, os.X_OK):
            raise Unavailable(f"{args.convt_run} not found: build convt with the "
                              "CUDA toolkit first (scripts/build.sh)")
        chip = args.gpu_chip or detect_chip()
        return GpuBench(args, torch, chip).main(names)
    except Unavailable as e:
        print(f"gpu_bench: unavailable: {e}", file=sys.stderr)
        return 2
    except run_bench.Fail as e:
        print(f"gpu_bench: error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
