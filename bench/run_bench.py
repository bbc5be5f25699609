#!/usr/bin/python3
"""Benchmark convt's flax.linen.ConvTranspose lowering against its peers.

One run measures, for each shape and thread count, the GFLOP/s of
  - convt, strategy=phase   (convt-run on a convt.conv_transpose module)
  - convt, strategy=dilate  (same module, zero-insertion lowering)
  - oneDNN 2.6 deconvolution_forward (bench/onednn_deconv.cpp)
  - the upstream TOSA path: tosa.transpose_conv2d lowered by MLIR 22's own
    passes, convolutions left to upstream linalg-to-loops (2-D shapes only)
  - zero insertion as upstream MLIR runs it: convt's strategy=dilate with the
    convolution left to upstream linalg-to-loops
plus convt-phase over each peer and the compile time of convt's CPU pipeline.
Every implementation's output is checked against a NumPy scatter reference
(on a reduced shape and on the real shape) before its time is reported.

Uses Debian's /usr/bin/python3 and NumPy only.  See bench/README.md.
"""

import argparse
import itertools
import math
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
import zlib

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")

# name: (N, spatial sizes, C_in, C_out, kernel size, stride) -- f32, NHWC,
# Flax padding "SAME", kernel HWIO = kernel_size + (C_in, C_out), no bias.
SHAPES = {
    "A": (1, (32, 32), 256, 128, 4, 2),
    "B": (1, (64, 64), 128, 64, 4, 2),
    "C": (8, (16, 16), 512, 256, 3, 2),
    "D": (1, (128, 128), 64, 32, 3, 2),
    "E": (1, (56, 56), 64, 64, 3, 1),
    "F": (1, (16, 16, 16), 64, 32, 3, 2),
    # Odd sizes: prime (or odd) spatial sizes and channel counts that are not
    # multiples of 16, each close to the shape it is named after.
    "oddA": (1, (31, 29), 253, 125, 4, 2),
    "oddB": (1, (61, 67), 127, 61, 4, 2),
    "oddC": (7, (17, 13), 509, 251, 3, 2),
    "oddD": (1, (127, 131), 61, 29, 3, 2),
    "oddE": (1, (53, 59), 67, 61, 3, 1),
    "oddF": (1, (17, 13, 15), 61, 29, 3, 2),
}
# The issue's shapes above run by default; these only when --shapes names
# them: the larger kernels of stride-1 layers (E with 5x5 and 7x7 kernels),
# a result above glibc's 32 MB mmap limit (D with 8 images, 64 MiB), one
# image larger than the caches (D at 256x256: 16 MiB in, 32 MiB out),
# FCN-32s' upsampling (kernel 64, stride 32: 1024 phases, 21 classes), and a
# GAN generator's RGB output layer (3 output channels in vectors of 16), with
# a 4x4 kernel and with a 3x3 one (not a multiple of the stride).
EXTRA_SHAPES = {
    "K5": (1, (56, 56), 64, 64, 5, 1),
    "K7": (1, (56, 56), 64, 64, 7, 1),
    "D8": (8, (128, 128), 64, 32, 3, 2),
    "DL": (1, (256, 256), 64, 32, 3, 2),
    "FCN": (1, (16, 16), 21, 21, 64, 32),
    "G3": (1, (64, 64), 64, 3, 4, 2),
    "G3K3": (1, (64, 64), 64, 3, 3, 2),
}
DEFAULT_SHAPES = list(SHAPES)
SHAPES.update(EXTRA_SHAPES)
# Each odd shape's regular counterpart, for the slowdown per FLOP.
ODD_BASE = {name: name[3:] for name in SHAPES if name.startswith("odd")}

IMPLS = ("phase", "const", "dynamic", "dilate", "onednn", "tosa", "zeroins")
# The columns of a run without --impls: all but convt with dynamic sizes.
DEFAULT_IMPLS = tuple(i for i in IMPLS if i != "dynamic")
# The columns that --dtype bf16 runs (the upstream baselines are f32 only).
BF16_IMPLS = ("phase", "const", "dynamic", "dilate", "onednn")
# Baselines without threads: measured once, at the first thread count.
SERIAL_IMPLS = ("tosa", "zeroins")
# Measured in each of the --rounds rounds, one after the other, so that a
# slow spell of the (shared, virtual) machine hits all of them alike.
ROUNDED_IMPLS = ("phase", "const", "dynamic", "dilate", "onednn")

TOSA_PIPELINE = ("builtin.module(func.func(tosa-optional-decompositions,"
                 "tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,"
                 "tosa-to-tensor))")

class Fail(Exception):
    pass


# --isa: the instruction sets both sides may use. "native" is the host's;
# "avx2" times the code of an AVX2 CPU (16 vector registers of 256 bits, FMA)
# on a newer host: convt-run --cpu=x86-64-v3, oneDNN's ONEDNN_MAX_CPU_ISA and
# the FMA peak's -march.
ISAS = {
    "native": dict(convt_cpu=None, onednn_isa=None, march="native",
                   pipeline=""),
    "avx2": dict(convt_cpu="x86-64-v3", onednn_isa="AVX2", march="x86-64-v3",
                 pipeline=" vector-bits=256"),
}


def parse_shapes(text):
    """The SHAPES names in a comma-separated list, matched case-insensitively."""
    by_upper = {n.upper(): n for n in SHAPES}
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n.upper() not in by_upper]
    if unknown or not names:
        raise Fail(f"unknown or no shape {','.join(unknown)!r}; use "
                   f"{','.join(SHAPES)}")
    return [by_upper[n.upper()] for n in names]


# ----------------------------------------------------------------- semantics

def same_pads(k, s):
    """Flax/JAX 'SAME' pads (lo, hi) of the dilated input (spec §4.2), d=1."""
    E = k
    total = E + s - 2
    if s >= E:
        return E - 1, s - 1
    return (total + 1) // 2, total // 2


class Config:
    def __init__(self, name, n, spatial, cin, cout, k, s):
        self.name, self.n, self.spatial = name, n, tuple(spatial)
        self.cin, self.cout, self.k, self.s = cin, cout, k, s
        self.nd = len(self.spatial)
        self.lo, self.hi = same_pads(k, s)
        # SAME output length is H*s (spec §5).
        self.out_spatial = tuple(h * s for h in self.spatial)
        self.x_shape = (n,) + self.spatial + (cin,)
        self.k_shape = (k,) * self.nd + (cin, cout)
        self.y_shape = (n,) + self.out_spatial + (cout,)

    @property
    def flops(self):
        return 2 * self.n * math.prod(self.spatial) * self.cin * self.cout \
            * self.k ** self.nd

    def reduced(self):
        """Same kernel/stride/padding, small sizes: cheap to check exactly."""
        return Config(self.name + "-small", min(self.n, 2),
                      (5,) + (4,) * (self.nd - 1), 3, 5, self.k, self.s)

    def describe(self):
        return (f"N={self.n} {'x'.join(map(str, self.spatial))} "
                f"{self.cin}->{self.cout} k={self.k} s={self.s} "
                f"SAME(lo={self.lo},hi={self.hi})")


def reference(x, w, cfg):
    """Direct scatter form of spec §6.1 in float64:
    every input pixel i times every tap k lands at t = i*s - k + lo.
    Returns (y, bound) with bound = sum of |x*w| terms per output."""
    y = np.zeros(cfg.y_shape, np.float64)
    bound = np.zeros(cfg.y_shape, np.float64)
    x64, w64 = x.astype(np.float64), w.astype(np.float64)
    ax, aw = np.abs(x64), np.abs(w64)
    s, lo = cfg.s, cfg.lo
    for tap in itertools.product(range(cfg.k), repeat=cfg.nd):
        src, dst = [slice(None)], [slice(None)]
        empty = False
        for d, kd in enumerate(tap):
            H, O = cfg.spatial[d], cfg.out_spatial[d]
            i0 = max(0, -((lo - kd) // s))          # ceil((kd - lo) / s)
            i1 = min(H - 1, (O - 1 + kd - lo) // s)
            if i1 < i0:
                empty = True
                break
            t0 = i0 * s - kd + lo
            src.append(slice(i0, i1 + 1))
            dst.append(slice(t0, t0 + (i1 - i0) * s + 1, s))
        if empty:
            continue
        src, dst = tuple(src) + (slice(None),), tuple(dst) + (slice(None),)
        y[dst] += x64[src] @ w64[tap]
        bound[dst] += ax[src] @ aw[tap]
    return y, bound


def compare(name, got, ref, bound, rtol=1e-4):
    """Max abs error and a pass/fail: |got-ref| <= rtol*sum|x*w| + 1e-6.
    A wrong kernel flip or padding makes errors of the size of the bound
    itself, so this separates rounding from mapping mistakes clearly."""
    if got.shape != ref.shape:
        return False, f"{name}: shape {got.shape} != expected {ref.shape}"
    err = np.abs(got.astype(np.float64) - ref)
    ok = bool(np.all(err <= rtol * bound + 1e-6)) and np.all(np.isfinite(got))
    worst = float(np.max(err / (bound + 1e-30))) if err.size else 0.0
    return ok, (f"{name}: max_abs_err={float(err.max()) if err.size else 0:.3g}"
                f" max_err/sum|xw|={worst:.2g} {'ok' if ok else 'MISMATCH'}")


# ------------------------------------------------------------- module texts

def ttype(shape, elem="f32"):
    return "tensor<" + "x".join(map(str, shape)) + f"x{elem}>"


def to_bf16(a):
    """float32 values rounded to the nearest bf16 (ties to even), still
    float32: both convt-run and oneDNN then convert them exactly."""
    u = a.view(np.uint32).astype(np.uint64)
    u = (u + 0x7FFF + ((u >> 16) & 1)) >> 16 << 16
    return u.astype(np.uint32).view(np.float32)


def convt_module(cfg, elem="f32", precision=None, kernel=None, dynamic=False):
    """The convt.conv_transpose module of a shape; `precision` (a Flax name
    such as "highest") is written as the op's attribute when given. With
    `kernel` (float32 values, bf16-representable for bf16) the kernel is an
    arith.constant in the function, not its second argument. With `dynamic`
    the batch and spatial sizes of input and output are dynamic (`?`), as a
    compiler for inputs of any size emits them."""
    arr = lambda v: "array<i64: " + ", ".join(map(str, v)) + ">"
    extra = f", precision = \"{precision}\"" if precision else ""
    x_shape, y_shape = cfg.x_shape, cfg.y_shape
    if dynamic:
        x_shape, y_shape = (("?",) * (len(shape) - 1) + shape[-1:]
                            for shape in (x_shape, y_shape))
    tx, tk, ty = (ttype(shape, elem)
                  for shape in (x_shape, cfg.k_shape, y_shape))
    args, constant = f"%x: {tx}, %k: {tk}", ""
    if kernel is not None:
        data = np.ascontiguousarray(kernel, "<f4")
        if elem == "bf16":  # the upper halves of bf16-representable floats
            data = (data.view("<u4") >> 16).astype("<u2")
        args = f"%x: {tx}"
        constant = (f"  %k = arith.constant dense<\"0x{data.tobytes().hex()}\">"
                    f" : {tk}\n")
    return (
        f"// {cfg.name}: {cfg.describe()}\n"
        f"func.func @main({args}) -> {ty} {{\n" + constant +
        f"  %y = convt.conv_transpose %x, %k {{features = {cfg.cout}, "
        f"kernel_size = {arr([cfg.k] * cfg.nd)}, strides = {arr([cfg.s] * cfg.nd)}, "
        f"padding = \"SAME\", use_bias = false{extra}}} : ({tx}, {tk}) -> {ty}\n"
        f"  return %y : {ty}\n}}\n")


def tosa_weights(w):
    """Flax W[kh, kw, c, o] -> TOSA transpose_conv2d weights [o, kh, kw, c],
    flipped in both spatial dims (TOSA scatters t = i*s + out_pad + k', Flax
    t = i*s - k + lo; k' = K-1-k).  Done once, outside the timed function."""
    return np.ascontiguousarray(w[::-1, ::-1].transpose(3, 0, 1, 2))


def tosa_module(cfg):
    assert cfg.nd == 2
    # out_pad = (lo - (K-1), hi - (K-1)) per dim: top, bottom, left, right.
    p_lo, p_hi = cfg.lo - (cfg.k - 1), cfg.hi - (cfg.k - 1)
    tx, ty = ttype(cfg.x_shape), ttype(cfg.y_shape)
    tw = ttype((cfg.cout, cfg.k, cfg.k, cfg.cin))
    tb = ttype((cfg.cout,))
    return (
        f"// {cfg.name}: {cfg.describe()} as tosa.transpose_conv2d\n"
        f"func.func @main(%x: {tx}, %w: {tw}) -> {ty} {{\n"
        f"  %zp = \"tosa.const\"() <{{values = dense<0.0> : tensor<1xf32>}}> : () -> tensor<1xf32>\n"
        f"  %b = \"tosa.const\"() <{{values = dense<0.0> : {tb}}}> : () -> {tb}\n"
        f"  %y = tosa.transpose_conv2d %x, %w, %b, %zp, %zp {{acc_type = f32, "
        f"out_pad = array<i64: {p_lo}, {p_hi}, {p_lo}, {p_hi}>, "
        f"stride = array<i64: {cfg.s}, {cfg.s}>}} : "
        f"({tx}, {tw}, {tb}, tensor<1xf32>, tensor<1xf32>) -> {ty}\n"
        f"  return %y : {ty}\n}}\n")


# ----------------------------------------------------------------- running

def _children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run(cmd, timeout, env=None, check=True):
    """Runs cmd; returns (CompletedProcess or None on timeout, wall seconds).
    run.cpu_ratio is the child's CPU time / wall time (about T for T busy
    threads on an idle machine; less when other processes take the cores)."""
    t0 = time.perf_counter()
    c0 = _children_cpu()
    run.cpu_ratio = None
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                           env=env)
    except subprocess.TimeoutExpired:
        return None, time.perf_counter() - t0
    except OSError as e:
        raise Fail(f"cannot run {cmd[0]}: {e}")
    wall = time.perf_counter() - t0
    run.cpu_ratio = (_children_cpu() - c0) / wall if wall > 0 else None
    if check and p.returncode != 0:
        raise Fail(f"command failed ({p.returncode}): {' '.join(cmd)}\n"
                   f"{p.stderr.strip()[-2000:]}")
    return p, wall


def parse_kv(text):
    return dict(re.findall(r"^(\w+)=(.*)$", text, re.M))


class Bench:
    def __init__(self, args):
        self.a = args
        self.work = os.path.abspath(args.workdir)
        os.makedirs(self.work, exist_ok=True)
        self.impls = [i for i in args.impls.split(",") if i]
        self.bf16 = args.dtype == "bf16"
        # bf16 rounds the output to 8 significant bits, and the bf16 products
        # are summed in f32 in different orders.
        self.rtol = 1e-2 if self.bf16 else 1e-4
        self.failures = []
        self.isa = ISAS[args.isa]
        self.peaks = {}  # threads -> measured FMA peak, GFLOP/s
        self.peak_exe = None  # fma_peak, if the peak is measured
        self.cpu_ratio = None
        # The fastest call of the last timed run (convt-run or oneDNN).
        self.min_ms = None

    def env(self, threads):
        e = dict(os.environ)
        for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            e[v] = str(threads)
        if self.isa["onednn_isa"]:
            e["ONEDNN_MAX_CPU_ISA"] = self.isa["onednn_isa"]
        return e

    def path(self, *parts):
        return os.path.join(self.work, *parts)

    # ---- builds
    def build_cpp(self, name, flags, exe_name=None):
        src = os.path.join(BENCH, name + ".cpp")
        exe = os.path.join(self.a.build_dir, exe_name or name)
        os.makedirs(self.a.build_dir, exist_ok=True)
        if os.path.exists(exe) and os.path.getmtime(exe) >= os.path.getmtime(src):
            return exe
        cxx = shutil.which(os.environ.get("CXX", "g++"))
        if not cxx:
            raise Fail("no C++ compiler (g++) found")
        cmd = [cxx, "-O2", "-std=c++17", "-fopenmp", src, "-o", exe] + flags
        print(f"# building {os.path.relpath(exe, ROOT)}: {' '.join(cmd)}",
              flush=True)
        run(cmd, timeout=600)
        return exe

    def build_onednn(self):
        if not os.path.exists("/usr/include/oneapi/dnnl/dnnl.hpp"):
            raise Fail("oneDNN headers missing: apt-get install -y libdnnl-dev")
        return self.build_cpp("onednn_deconv", ["-ldnnl"])

    # ---- timing helpers
    def time_convt_run(self, mlir, inputs, out, threads, extra=()):
        """Probe call (also writes `out`), then --repeat R.  Returns
        (median_ms or None, note)."""
        base = [self.a.convt_run, mlir, "-e", "main"]
        for i in inputs:
            base += ["--input", i]
        base += ["--output", out] + list(extra)
        base += ["--num-threads", str(threads)]
        env = self.env(threads)
        # One call, JIT compile included: bounds the time of one call.
        p, wall = run(base, timeout=self.a.max_call_s + self.a.jit_allowance_s,
                      env=env)
        if p is None:
            return None, "skipped (too slow)"
        # the first call of --repeat is an untimed warm-up
        reps = int(max(1, min(self.a.repeat, self.a.budget_s // max(wall, 1e-3))))
        p, _ = run(base + ["--repeat", str(reps)],
                   timeout=(reps + 1) * wall * 4 + 120, env=env)
        if p is None:
            return None, "skipped (too slow)"
        self.cpu_ratio = run.cpu_ratio
        kv = parse_kv(p.stdout)
        if "median_ms" not in kv:
            raise Fail(f"convt-run printed no median_ms: {p.stdout!r}")
        self.min_ms = float(kv["min_ms"])
        note = "" if reps == self.a.repeat else f"{reps} reps"
        return float(kv["median_ms"]), note

    def onednn_cmd(self, cfg, threads, x=None, w=None, out=None, repeat=None,
                   activations=None):
        c = lambda v: ",".join(map(str, v))
        cmd = [self.onednn, "--n", str(cfg.n), "--spatial", c(cfg.spatial),
               "--cin", str(cfg.cin), "--cout", str(cfg.cout),
               "--kernel", c([cfg.k] * cfg.nd), "--stride", c([cfg.s] * cfg.nd),
               "--lo", c([cfg.lo] * cfg.nd), "--hi", c([cfg.hi] * cfg.nd),
               "--threads", str(threads),
               "--repeat", str(repeat or self.a.repeat), "--warmup", "2",
               "--max-call-ms", str(self.a.max_call_s * 1000),
               "--budget-ms", str(self.a.budget_s * 1000),
               "--activations", activations or self.a.onednn_activations,
               "--dtype", self.a.dtype]
        if x:
            cmd += ["--input", x, "--weights", w, "--output", out]
        return cmd

    def take_turns(self, cfg, threads, files, onednn_mode, call_ms):
        """convt phase and oneDNN, both loaded (`--serve`), time batches of
        calls in alternating turns, `--turn-gap-s` apart, so that the two
        sides of each turn's ratio share the machine's spell; with the FMA
        peak measured (f32), `fma_peak --serve` runs the FMA chains for
        `--turn-warmup-ms` plus `--turn-ms` next to each convt turn. Returns
        the per-turn ratios oneDNN median / convt median, the per-turn
        percentages of convt phase's GFLOP/s over the FMA peak of the turn
        next to it (empty without the peak) and the calls per turn."""
        a = self.a
        batch = max(3, min(50, round(a.turn_ms / call_ms)))
        # Untimed calls that start each turn: at 2 threads on the VM, the first
        # 50-70 ms after the other program's turn ran 2-3x slower (C: calls
        # of 30-40 ms, then 11 ms), whichever program went.
        warmup = math.ceil(a.turn_warmup_ms / call_ms)
        # Their outputs were checked in the rounds; these go unread.
        out = os.path.join(files["dir"], "y.{}.turns.npy")
        mlir, inputs, extra = self.convt_args("phase", files)
        convt = [a.convt_run, mlir, "-e", "main", "--output",
                 out.format("phase"), "--num-threads", str(threads),
                 "--serve"] + extra
        for i in inputs:
            convt += ["--input", i]
        onednn = self.onednn_cmd(cfg, threads, files["x"], files["k"],
                                 out.format("onednn"), repeat=1,
                                 activations=onednn_mode)
        # libomp's idle threads spin for 200 ms after a parallel region,
        # where they would slow oneDNN's next turn down (by 3x at 2 threads).
        # With KMP_BLOCKTIME=1 they stop 1 ms after convt's turn; inside a
        # call they spin as before. libgomp (oneDNN) spins a few ms by itself.
        convt_env = dict(self.env(threads), KMP_BLOCKTIME="1")
        commands = [(convt, convt_env), (onednn + ["--serve"],
                                         self.env(threads))]
        with_peak = self.peak_exe and not self.bf16
        if with_peak:
            commands.append(([self.peak_exe, str(threads), "--serve"],
                             self.env(threads)))
        procs = []
        try:
            for cmd, env in commands:
                procs.append(subprocess.Popen(
                    cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL, text=True, env=env))

            def turn(proc, request, key):
                """Sends `request`, returns the value of the `key=` line."""
                time.sleep(a.turn_gap_s)
                try:
                    proc.stdin.write(f"{request}\n")
                    proc.stdin.flush()
                    for line in proc.stdout:
                        if line.startswith(key + "="):
                            return line[len(key) + 1:]
                except OSError:  # it has exited
                    pass
                raise Fail(f"{' '.join(proc.args)} stopped with status "
                           f"{proc.wait()}")

            def calls_ms(proc):
                times = turn(proc, warmup + batch, "times_ms").split(",")
                return statistics.median(float(v) for v in times[warmup:])

            def peak_gflops():  # of the fastest fifth of the turn
                return float(turn(procs[2], f"{a.turn_warmup_ms + a.turn_ms:g}",
                                  "peak_gflops"))

            for proc in procs[:2]:  # warm-up turns
                calls_ms(proc)
            if with_peak:
                peak_gflops()
            ratios, percents = [], []
            for i in range(a.turns):
                # Who goes first alternates; convt is next to both the peak
                # and oneDNN: peak, convt, oneDNN, then oneDNN, convt, peak.
                peak = peak_gflops() if with_peak and i % 2 == 0 else None
                ms = [None, None]
                for side in (i % 2, 1 - i % 2):
                    ms[side] = calls_ms(procs[side])
                if with_peak and i % 2:
                    peak = peak_gflops()
                ratios.append(ms[1] / ms[0])
                if peak:
                    percents.append(100 * cfg.flops / (ms[0] * 1e6) / peak)
        finally:
            for proc in procs:
                try:
                    proc.stdin.close()
                except OSError:
                    pass
                proc.wait()
        return ratios, percents, batch

    # ---- per shape artefacts
    def prepare(self, cfg):
        d = self.path(cfg.name + (".bf16" if self.bf16 else ""))
        os.makedirs(d, exist_ok=True)
        rng = np.random.default_rng(zlib.crc32(cfg.name.encode()))
        x = rng.uniform(-1, 1, cfg.x_shape).astype(np.float32)
        w = rng.uniform(-1, 1, cfg.k_shape).astype(np.float32)
        if self.bf16:
            x, w = to_bf16(x), to_bf16(w)
        files = {"dir": d, "x": os.path.join(d, "x.npy"),
                 "k": os.path.join(d, "k.npy"),
                 "convt": os.path.join(d, "convt.mlir")}
        np.save(files["x"], x)
        np.save(files["k"], w)
        with open(files["convt"], "w") as f:
            f.write(convt_module(cfg, self.a.dtype))
        if "const" in self.impls:
            files["convt_const"] = os.path.join(d, "convt.const.mlir")
            with open(files["convt_const"], "w") as f:
                f.write(convt_module(cfg, self.a.dtype, kernel=w))
        if "dynamic" in self.impls:
            files["convt_dynamic"] = os.path.join(d, "convt.dynamic.mlir")
            with open(files["convt_dynamic"], "w") as f:
                f.write(convt_module(cfg, self.a.dtype, dynamic=True))
        if cfg.nd == 2 and "tosa" in self.impls:
            files["wt"] = os.path.join(d, "k_tosa.npy")
            np.save(files["wt"], tosa_weights(w))
            files["tosa"] = os.path.join(d, "tosa.mlir")
            with open(files["tosa"], "w") as f:
                f.write(tosa_module(cfg))
            files["tosa_lowered"] = os.path.join(d, "tosa.lowered.mlir")
            self.lower_tosa(files["tosa"], files["tosa_lowered"])
        return x, w, files

    def lower_tosa(self, src, dst):
        """tosa -> linalg on tensors with MLIR 22's own passes; convt-run then
        lowers that linalg with convt's CPU pipeline (it needs a func.func on
        tensors, so a module already lowered to LLVM cannot be timed)."""
        p, _ = run([self.a.mlir_opt, src, "--pass-pipeline=" + TOSA_PIPELINE],
                   timeout=300)
        with open(dst, "w") as f:
            f.write(p.stdout)

    def compile_time(self, cfg, files, module="convt"):
        """Wall time of convt-opt --convt-cpu-pipeline="strategy=phase
        threads=2" on files[module] (median of up to 3 runs), and whether the
        lowered code uses OpenMP."""
        out = os.path.join(files["dir"], module + ".phase.llvm.mlir")
        cmd = [self.a.convt_opt, files[module],
               "--convt-cpu-pipeline=strategy=phase threads=2" +
               self.isa["pipeline"], "-o", out]
        times = []
        for _ in range(3):
            p, wall = run(cmd, timeout=600)
            times.append(wall)
            if wall > 2:
                break
        with open(out) as f:
            text = f.read()
        threaded = bool(re.search(r"__kmpc|omp\.parallel|omp\.wsloop", text))
        return statistics.median(times), threaded

    def convt_args(self, impl, files):
        """(module, inputs, extra convt-run options) of a convt-run column."""
        module, inputs, extra = self.convt_column(impl, files)
        if self.isa["convt_cpu"]:
            extra = extra + ["--cpu=" + self.isa["convt_cpu"]]
        return module, inputs, extra

    def convt_column(self, impl, files):
        if impl == "tosa":
            return (files["tosa_lowered"], [files["x"], files["wt"]],
                    ["--conv-kernels=false"])
        if impl == "const":
            return files["convt_const"], [files["x"]], ["--strategy", "phase"]
        if impl == "dynamic":
            return (files["convt_dynamic"], [files["x"], files["k"]],
                    ["--strategy", "phase"])
        strategy = "phase" if impl == "phase" else "dilate"
        extra = ["--strategy", strategy]
        if impl == "zeroins":
            extra.append("--conv-kernels=false")
        return files["convt"], [files["x"], files["k"]], extra

    # ---- correctness
    def check_small(self, cfg, impls):
        """Runs every implementation once on a reduced shape and compares
        with the NumPy scatter reference."""
        small = cfg.reduced()
        x, w, files = self.prepare(small)
        ref, bound = reference(x, w, small)
        msgs = []
        outs = {}
        for impl in impls:
            out = os.path.join(files["dir"], f"y.{impl}.npy")
            if impl == "onednn":
                run(self.onednn_cmd(small, 1, files["x"], files["k"], out, 1),
                    timeout=300, env=self.env(1))
            else:
                if impl == "tosa" and small.nd != 2:
                    continue
                mlir, inputs, extra = self.convt_args(impl, files)
                cmd = [self.a.convt_run, mlir, "-e", "main", "--output", out]
                for i in inputs:
                    cmd += ["--input", i]
                run(cmd + extra, timeout=300)
            outs[impl] = out
        for impl, out in outs.items():
            for label, path in self.outputs_of(impl, out):
                ok, msg = compare(f"{label:6s}", np.load(path), ref, bound,
                                  self.rtol)
                msgs.append(msg)
                if not ok:
                    self.failures.append(f"{small.name} {label}: {msg}")
        return msgs

    @staticmethod
    def outputs_of(impl, out):
        """The output files of one run: oneDNN in 'best' mode also writes one
        per layout mode (y.any.npy, y.plain.npy); all are checked."""
        files = [(impl, out)]
        if impl == "onednn":
            for mode in ("any", "plain"):
                p = out[:-4] + f".{mode}.npy"
                if os.path.exists(p):
                    files.append((f"onednn[{mode}]", p))
        return files

    # ---- main loop
    def main(self):
        a = self.a
        # Snapshot the tools: a concurrent rebuild must not change (or
        # briefly remove) them in the middle of a run.
        bindir = self.path("bin")
        os.makedirs(bindir, exist_ok=True)
        for attr in ("convt_opt", "convt_run"):
            tool = getattr(a, attr)
            for _ in range(24):
                if os.access(tool, os.X_OK):
                    break
                time.sleep(5)
            else:
                raise Fail(f"{tool} not found: build the project first "
                           "(scripts/build.sh)")
            copy = os.path.join(bindir, os.path.basename(tool))
            shutil.copy2(tool, copy)
            print(f"# {os.path.basename(tool)}: snapshot of {tool} (built "
                  f"{time.strftime('%Y-%m-%d %H:%M', time.localtime(os.path.getmtime(tool)))})")
            setattr(a, attr, copy)
        for i in self.impls:
            if i not in IMPLS:
                raise Fail(f"unknown implementation {i!r}; use {','.join(IMPLS)}")
        # Columns in a fixed order whatever the order given.
        impls = self.impls = [i for i in IMPLS if i in self.impls]
        if self.bf16:
            dropped = [i for i in impls if i not in BF16_IMPLS]
            if dropped:
                print(f"# --dtype bf16: {','.join(dropped)} left out (f32 "
                      "only)")
            impls = self.impls = [i for i in impls if i in BF16_IMPLS]
        if "onednn" in impls:
            self.onednn = self.build_onednn()
        names = parse_shapes(a.shapes)
        threads = [int(t) for t in str(a.threads).split(",")]

        print(f"# convt benchmark ({a.dtype}): shapes {','.join(names)}, threads "
              f"{','.join(map(str, threads))}, median of {a.repeat} calls "
              f"after a warm-up call")
        if self.isa["convt_cpu"]:
            print(f"# --isa {a.isa}: convt-run --cpu={self.isa['convt_cpu']}, "
                  f"ONEDNN_MAX_CPU_ISA={self.isa['onednn_isa']}, FMA peak "
                  f"built with -march={self.isa['march']}")
        print(f"# machine: {os.cpu_count()} CPUs, load average "
              f"{' '.join(f'{l:.1f}' for l in os.getloadavg())}")
        if a.peak:
            march = self.isa["march"]
            self.peak_exe = self.build_cpp(
                "fma_peak", ["-march=" + march],
                "fma_peak" if march == "native" else "fma_peak." + march)
            for t in threads:
                p, _ = run([self.peak_exe, str(t)], timeout=120)
                kv = parse_kv(p.stdout)
                self.peaks[t] = float(kv['peak_gflops'])
                print(f"# measured FMA peak, {t} thread(s): "
                      f"{kv['peak_gflops']} GFLOP/s ({kv['isa']})")
        if "tosa" in impls:
            print(f"# TOSA path: {a.mlir_opt} --pass-pipeline='{TOSA_PIPELINE}'"
                  " (upstream's decomposition of transpose_conv2d into a "
                  "stride-1 conv2d and its lowering to linalg), then "
                  "convt-run --conv-kernels=false: the convolution becomes "
                  "upstream linalg-to-loops, the rest convt's CPU pipeline")
        if "zeroins" in impls:
            print("# zero insertion: convt-run --strategy dilate "
                  "--conv-kernels=false (the zero-inserted input convolved by "
                  "upstream linalg-to-loops)")
        if any(i in impls for i in SERIAL_IMPLS):
            print("# TOSA and zero insertion have no threads: measured at the "
                  f"first thread count ({threads[0]}) only")
        print(flush=True)

        rows = []
        for name in names:
            cfg = Config(name, *SHAPES[name])
            print(f"## {name}: {cfg.describe()}  "
                  f"({cfg.flops / 1e9:.3f} GFLOP per call)", flush=True)
            x, w, files = self.prepare(cfg)
            msgs = self.check_small(cfg, impls)
            for m in msgs:
                print(f"   check {cfg.name}-small {m}", flush=True)
            ctime, threaded = self.compile_time(cfg, files)
            print(f"   convt-opt --convt-cpu-pipeline=strategy=phase: "
                  f"{ctime:.3f} s; lowered code uses OpenMP: "
                  f"{'yes' if threaded else 'no'}", flush=True)
            if "dynamic" in impls:
                dynamic_ctime, _ = self.compile_time(cfg, files,
                                                     "convt_dynamic")
                print(f"   the same with dynamic sizes: {dynamic_ctime:.3f} s",
                      flush=True)
                ctime = (ctime, dynamic_ctime)
            else:
                ctime = (ctime,)
            ref = bound = None
            checked = set()
            first = {}
            for t in threads:
                res, notes, times, best = {}, {}, {}, {}
                round_peaks = []  # the FMA peak measured before each phase
                for rnd, impl in itertools.product(range(a.rounds), impls):
                    if rnd and impl not in ROUNDED_IMPLS:
                        continue
                    if impl == "phase" and self.peak_exe and not self.bf16:
                        p, _ = run([self.peak_exe, str(t)], timeout=120)
                        round_peaks.append(
                            float(parse_kv(p.stdout)["peak_gflops"]))
                        # A peak run that the VM disturbed comes out low,
                        # never high: the table's peak is the highest seen.
                        self.peaks[t] = max(self.peaks.get(t, 0),
                                            round_peaks[-1])
                        print(f"   t={t} FMA peak round {rnd + 1}: "
                              f"{round_peaks[-1]:.2f} GFLOP/s", flush=True)
                    out = os.path.join(files["dir"], f"y.{impl}.t{t}.npy")
                    if impl in SERIAL_IMPLS and t != threads[0]:
                        ms, note = first[impl]
                        res[impl] = ms
                        notes[impl] = ", ".join(
                            n for n in (note, ms and f"{threads[0]} thread")
                            if n)
                        continue
                    if impl == "tosa" and cfg.nd != 2:
                        ms, note = None, "n/a (3-D)"
                    elif impl != "onednn":
                        mlir, inputs, extra = self.convt_args(impl, files)
                        ms, note = self.time_convt_run(mlir, inputs, out, t,
                                                       extra)
                    else:
                        p, _ = run(self.onednn_cmd(cfg, t, files["x"],
                                                   files["k"], out),
                                   timeout=600, env=self.env(t))
                        self.cpu_ratio = run.cpu_ratio
                        kv = parse_kv(p.stdout) if p else {}
                        if "median_ms" not in kv:
                            ms, note = None, "skipped (too slow)"
                        else:
                            ms = float(kv["median_ms"])
                            self.min_ms = float(kv["min_ms"])
                            onednn_mode = kv["mode"]
                            reps = int(kv["reps"])
                            note = "" if reps == a.repeat else f"{reps} reps"
                            print(f"   oneDNN t={t}: {kv['mode']} {kv['impl']} src "
                                  f"{kv['src_fmt']} wei {kv['wei_fmt']} dst "
                                  f"{kv['dst_fmt']} padding_l "
                                  f"{kv['padding_l']} padding_r "
                                  f"{kv['padding_r']}", flush=True)
                    res[impl], notes[impl] = ms, note
                    times.setdefault(impl, []).append(ms)
                    cpu = self.cpu_ratio if ms else None
                    self.cpu_ratio = None
                    if ms and self.min_ms:
                        best[impl] = min(best.get(impl, self.min_ms),
                                         self.min_ms)
                    self.min_ms = None
                    # Check every output of the real shape once.
                    if ms is not None and impl not in checked:
                        if ref is None:
                            ref, bound = reference(x, w, cfg)
                        for label, path in self.outputs_of(impl, out):
                            ok, msg = compare(f"{label:6s}", np.load(path),
                                              ref, bound, self.rtol)
                            print(f"   check {name} t={t} {msg}", flush=True)
                            if not ok:
                                self.failures.append(f"{name} {label}: {msg}")
                                notes[impl] = "MISMATCH"
                        checked.add(impl)
                    if impl in SERIAL_IMPLS:
                        first[impl] = (res[impl], notes[impl])
                        if impl == "onednn" and "phase" in res and \
                                res["phase"] is not None:
                            ph = os.path.join(files["dir"], f"y.phase.t{t}.npy")
                            diff = np.abs(np.load(out) - np.load(ph)).max()
                            print(f"   check {name} oneDNN vs convt-run phase: "
                                  f"max_abs_diff={diff:.3g}", flush=True)
                    g = (cfg.flops / (ms * 1e6)) if ms else None
                    rnd_label = f" round {rnd + 1}" if a.rounds > 1 else ""
                    print(f"   t={t} {impl:6s}{rnd_label}: " +
                          (f"{ms:10.3f} ms {g:8.2f} GFLOP/s" if ms else "") +
                          (f" cpu/wall={cpu:.2f}" if cpu else "") +
                          (f" {notes[impl]}" if notes[impl] else ""),
                          flush=True)
                # The median over the interleaved rounds.
                for impl, ms_list in times.items():
                    if len(ms_list) > 1 and None not in ms_list:
                        res[impl] = statistics.median(ms_list)
                # Each round's oneDNN/phase time ratio: both measured
                # seconds apart, in the same spell of the machine.
                pairs = list(zip(times.get("phase", []),
                                 times.get("onednn", [])))
                paired = (statistics.median(o / p for p, o in pairs)
                          if len(pairs) > 1 and all(p and o for p, o in pairs)
                          else None)
                # Each round's phase GFLOP/s over the peak measured just
                # before it.
                phase_times = times.get("phase", [])
                paired_peak = (statistics.median(
                    100 * cfg.flops / (ms * 1e6) / peak
                    for ms, peak in zip(phase_times, round_peaks))
                    if round_peaks and len(round_peaks) == len(phase_times)
                    and all(phase_times) else None)
                turns = turns_peak = None
                if a.turns and res.get("phase") and res.get("onednn") and \
                        "MISMATCH" not in (
                        notes.get("phase"), notes.get("onednn")):
                    ratios, percents, batch = self.take_turns(
                        cfg, t, files, onednn_mode, res["phase"])
                    turns = statistics.median(ratios)
                    quartiles = (statistics.quantiles(ratios, n=4)
                                 if len(ratios) > 1 else ratios * 3)
                    print(f"   t={t} turns: {len(ratios)} turns of {batch} "
                          "calls each side, oneDNN/phase time per turn: "
                          + " ".join(f"{r:.2f}" for r in ratios)
                          + f"; median {turns:.2f}, quartiles "
                          f"{quartiles[0]:.2f}-{quartiles[2]:.2f}", flush=True)
                    if percents:
                        turns_peak = statistics.median(percents)
                        print(f"   t={t} turns: phase % of the FMA peak of the "
                              "turn next to it: "
                              + " ".join(f"{p:.0f}" for p in percents)
                              + f"; median {turns_peak:.1f}", flush=True)
                rows.append((name, t, res, notes, ctime, threaded, cfg,
                             best, paired, turns, paired_peak, turns_peak))
            print(flush=True)

        self.print_table(rows, impls)
        print(f"# load average at the end: "
              f"{' '.join(f'{l:.1f}' for l in os.getloadavg())}")
        if self.failures:
            print("\nFAILED: outputs that do not match the reference:",
                  file=sys.stderr)
            for f in self.failures:
                print("  " + f, file=sys.stderr)
            return 1
        return 0

    def print_table(self, rows, impls):
        head = ["shape", "threads"]
        labels = {"phase": "convt phase GFLOP/s",
                  "const": "convt phase, constant weights",
                  "dynamic": "convt phase, dynamic sizes",
                  "dilate": "convt dilate",
                  "onednn": "oneDNN", "tosa": "TOSA (upstream)",
                  "zeroins": "zero insertion (upstream)"}
        short = {"onednn": "oneDNN", "tosa": "TOSA", "zeroins": "zero-ins."}
        peers = [i for i in ("onednn", "tosa", "zeroins") if i in impls]
        head += [labels[i] for i in impls]
        if "phase" in impls:
            head += [f"phase/{short[i]}" for i in peers]
        const_ratio = "const" in impls and "onednn" in impls
        if const_ratio:
            head.append("constant weights/oneDNN")
        dynamic_ratio = "phase" in impls and "dynamic" in impls
        if dynamic_ratio:
            head.append("dynamic sizes/phase")
        # The peak is of f32 FMAs; bf16 dot products do twice the work.
        peak = "phase" in impls and self.peaks and not self.bf16
        # take_turns measures the peak in the turns of phase and oneDNN.
        peak_turns = peak and self.a.turns and "onednn" in impls
        if peak:
            head += ["phase % of FMA peak: median, fastest call",
                     "phase % of FMA peak, paired rounds"]
        if peak_turns:
            head.append("phase % of FMA peak, turns")
        # On a shared machine other tenants slow some calls down: the ratio of
        # the fastest calls shows what each code does undisturbed.
        best_ratio = "phase" in impls and "onednn" in impls
        if best_ratio:
            head += ["phase/oneDNN, paired rounds", "phase/oneDNN, turns",
                     "phase/oneDNN, fastest calls"]
        head.append("compile s")
        if "dynamic" in impls:
            head.append("compile s, dynamic sizes")
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for (name, t, res, notes, ctime, threaded, cfg, best, paired,
             turns, paired_peak, turns_peak) in rows:
            tl = str(t) if threaded else f"{t} (convt: 1)"
            cells = [name, tl]
            for i in impls:
                ms = res.get(i)
                if notes.get(i) == "MISMATCH":
                    cells.append("MISMATCH")
                elif ms:
                    c = f"{cfg.flops / (ms * 1e6):.2f}"
                    if notes.get(i):
                        c += f" ({notes[i]})"
                    cells.append(c)
                else:
                    cells.append(notes.get(i) or "-")
            if "phase" in impls:
                for i in peers:
                    p, o = res.get("phase"), res.get(i)
                    ok = p and o and "MISMATCH" not in (notes.get("phase"),
                                                        notes.get(i))
                    ratio = o / p if ok else None
                    cells.append("-" if not ok else f"{ratio:.2f}"
                                 if ratio < 10 else f"{ratio:.0f}")
            if const_ratio:
                c, o = res.get("const"), res.get("onednn")
                ok = c and o and "MISMATCH" not in (notes.get("const"),
                                                    notes.get("onednn"))
                cells.append(f"{o / c:.2f}" if ok else "-")
            if dynamic_ratio:
                p, d = res.get("phase"), res.get("dynamic")
                ok = p and d and "MISMATCH" not in (notes.get("phase"),
                                                    notes.get("dynamic"))
                cells.append(f"{p / d:.2f}" if ok else "-")
            if peak:
                p, fast = res.get("phase"), best.get("phase")
                ok = p and fast and t in self.peaks and notes.get(
                    "phase") != "MISMATCH"
                percent = lambda ms: 100 * cfg.flops / (ms * 1e6) / self.peaks[t]
                cells.append(f"{percent(p):.0f}, {percent(fast):.0f}"
                             if ok else "-")
                cells.append(f"{paired_peak:.0f}" if ok and paired_peak
                             else "-")
                if peak_turns:
                    cells.append(f"{turns_peak:.0f}" if ok and turns_peak
                                 else "-")
            if best_ratio:
                p, o = best.get("phase"), best.get("onednn")
                ok = p and o and "MISMATCH" not in (notes.get("phase"),
                                                    notes.get("onednn"))
                cells.append(f"{paired:.2f}" if ok and paired else "-")
                cells.append(f"{turns:.2f}" if ok and turns else "-")
                cells.append(f"{o / p:.2f}" if ok else "-")
            cells += [f"{c:.3f}" for c in ctime]
            print("| " + " | ".join(cells) + " |")
        print("\nGFLOP/s = 2*N*prod(H_in)*C_in*C_out*k^d / median time "
              "(useful work; zero-insertion work is not counted). "
              "phase/X: convt phase's speed over X's, above 1 = convt faster. "
              + ("convt phase, constant weights: the same module with the "
                 "kernel as an arith.constant, packed at compile time; "
                 "constant weights/oneDNN: its speed over oneDNN's (whose "
                 "weights are reordered once, outside the timed loop). "
                 if const_ratio else "")
              + ("convt phase, dynamic sizes: the module with `?` for the "
                 "batch and spatial sizes; dynamic sizes/phase: its speed "
                 "over convt phase's (static sizes). " if dynamic_ratio
                 else "")
              + ("phase % of FMA peak: convt phase's GFLOP/s, from the median "
                 "and from the fastest call over all rounds, over the highest "
                 "FMA peak measured at the same thread count. "
                 "phase % of FMA peak, paired rounds: the median over the "
                 "rounds of each round's phase GFLOP/s over the FMA peak "
                 "measured right before it. " if peak else "")
              + ("phase % of FMA peak, turns: the median over the turns of "
                 "convt phase's GFLOP/s over the FMA peak of fma_peak's turn "
                 "next to it. " if peak_turns else "") +
              "phase/oneDNN, paired rounds: the median over the rounds of "
              "each round's ratio. "
              "phase/oneDNN, turns: the median of the ratios of --turns "
              "alternating turns of both programs kept loaded. "
              "phase/oneDNN, fastest calls: the same from the fastest call "
              "of each over all rounds.")
        if any(not r[5] for r in rows):
            print("threads 'T (convt: 1)': OMP_NUM_THREADS=T was set, but "
                  "convt's lowered code has no OpenMP yet, so convt (phase, "
                  "dilate and the TOSA path, which runs through convt-run) "
                  "ran on one thread; oneDNN used T.")
        print("compile s: wall time of `convt-opt --convt-cpu-pipeline="
              "'strategy=phase threads=2'` on the shape's module (to the LLVM dialect; "
              "LLVM's own codegen in convt-run's JIT is not included).")
        self.print_odd_table(rows, impls)

    def print_odd_table(self, rows, impls):
        """Slowdown per FLOP of each odd shape against its regular one."""
        gflops = {(name, t, i): cfg.flops / (ms * 1e6)
                  for name, t, res, notes, ctime, threaded, cfg, *_ in rows
                  for i, ms in res.items()
                  if ms and notes.get(i) != "MISMATCH"}
        pairs = [(odd, base, t) for odd, base in ODD_BASE.items()
                 for (name, t, *_) in rows
                 if name == odd and any(r[0] == base and r[1] == t
                                        for r in rows)]
        if not pairs:
            return
        cols = [i for i in impls if i not in SERIAL_IMPLS]
        print("\n| odd shape | regular | threads | " +
              " | ".join(f"{i} slowdown per FLOP" for i in cols) + " |")
        print("|" + "---|" * (3 + len(cols)))
        for odd, base, t in pairs:
            cells = [odd, base, str(t)]
            for i in cols:
                g_odd, g_base = gflops.get((odd, t, i)), gflops.get((base, t, i))
                cells.append(f"{g_base / g_odd:.2f}" if g_odd and g_base else "-")
            print("| " + " | ".join(cells) + " |")
        print("slowdown per FLOP: GFLOP/s of the regular shape divided by "
              "GFLOP/s of the odd one (1.00: no slowdown).")


def main(argv=None):
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shapes", default=",".join(DEFAULT_SHAPES),
                    help="comma-separated subset of " + ",".join(SHAPES) +
                    " (default: all but " + ",".join(EXTRA_SHAPES) + ")")
    ap.add_argument("--threads", default="1,2",
                    help="comma-separated thread counts (default 1,2)")
    ap.add_argument("--repeat", type=int, default=20,
                    help="timed calls per measurement, after a warm-up call "
                    "(fewer when one call is slow, see --budget-s)")
    ap.add_argument("--dtype", choices=("f32", "bf16"), default="f32",
                    help="element type of inputs, kernel and output; bf16 "
                    "accumulates in f32 (convt's vdpbf16ps kernels against "
                    "oneDNN's bf16 deconvolution) and runs only the phase, "
                    "dilate and oneDNN columns (default f32)")
    ap.add_argument("--rounds", type=int, default=3,
                    help="interleaved rounds of the convt and oneDNN "
                    "measurements; each reports the median of the rounds' "
                    "medians (default 3)")
    ap.add_argument("--turns", type=int, default=40,
                    help="after the rounds, convt phase and oneDNN stay "
                    "loaded and time batches of calls in this many "
                    "alternating turns each; 0 turns it off (default 40)")
    ap.add_argument("--turn-ms", type=float, default=40.0,
                    help="about how long one turn's calls take; at least 3 "
                    "calls (default 40)")
    ap.add_argument("--turn-warmup-ms", type=float, default=100.0,
                    help="untimed calls that start each turn, about this "
                    "long (default 100)")
    ap.add_argument("--turn-gap-s", type=float, default=0.02,
                    help="pause before each turn, longer than the idle "
                    "threads of the other side spin (default 0.02)")
    ap.add_argument("--impls", default=",".join(DEFAULT_IMPLS),
                    help="comma-separated subset of " + ",".join(IMPLS) +
                    " (default: all but dynamic)")
    ap.add_argument("--max-call-s", type=float, default=20.0,
                    help="skip a measurement whose first call takes longer "
                    "(default 20)")
    ap.add_argument("--jit-allowance-s", type=float, default=10.0,
                    help="extra time allowed for the JIT compile of the "
                    "first call (default 10)")
    ap.add_argument("--budget-s", type=float, default=30.0,
                    help="aim for about this much time of timed calls per "
                    "measurement: fewer repeats for slow calls (default 30)")
    ap.add_argument("--onednn-activations", choices=("best", "any", "plain"),
                    default="best",
                    help="oneDNN src/dst layout: 'any' (oneDNN's choice, "
                    "reordered outside the timed loop), 'plain' (NHWC), or "
                    "'best' (default: time both, report the faster)")
    ap.add_argument("--isa", choices=tuple(ISAS), default="native",
                    help="instruction sets of both sides: the host's "
                    "(default), or avx2 for the code of an AVX2 CPU on a newer "
                    "host (convt-run --cpu=x86-64-v3, ONEDNN_MAX_CPU_ISA=AVX2)")
    ap.add_argument("--no-peak", dest="peak", action="store_false",
                    help="do not measure the FMA peak")
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build", "bench"),
                    help="where onednn_deconv and fma_peak are built "
                    "(default build/bench)")
    ap.add_argument("--workdir", default=os.path.join(ROOT, "build", "bench",
                                                      "work"),
                    help="generated modules, inputs and outputs "
                    "(default build/bench/work)")
    ap.add_argument("--convt-opt",
                    default=os.path.join(ROOT, "build", "bin", "convt-opt"))
    ap.add_argument("--convt-run",
                    default=os.path.join(ROOT, "build", "bin", "convt-run"))
    ap.add_argument("--mlir-opt", default="/usr/lib/llvm-22/bin/mlir-opt")
    args = ap.parse_args(argv)
    if args.rounds < 1:
        ap.error("--rounds must be at least 1")
    if args.turns < 0 or args.turn_ms <= 0 or args.turn_gap_s < 0 or \
            args.turn_warmup_ms < 0:
        ap.error("--turns, --turn-warmup-ms and --turn-gap-s must be at least "
                 "0, --turn-ms above 0")
    try:
        return Bench(args).main()
    except Fail as e:
        print(f"run_bench: error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
