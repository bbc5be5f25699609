"""Randomized differential test of convt-run against convt_reference.py.

Each configuration index draws a small ConvTranspose (0-3 spatial dims, every
padding form, strides, dilation, transpose_kernel, mask, bias, batch dims,
static or dynamic (`?`) dims of x, element types and dtype attributes) from an
RNG seeded with (seed, index), so
`--only INDEX` reproduces one configuration exactly. For each configuration
the script writes a .mlir file and .npy inputs, runs

    convt-run FILE.mlir -e main --input x.npy --input k.npy [--input b.npy]
              [--input m.npy] --output y.npy --strategy phase|dilate

and compares the result with the reference within the tolerances of spec §8-9.
`--self-check` needs no convt-run: it checks only the generator and the
reference (including the CIRCULAR fold against the §7 closed form).
`--compile-only` only lowers each configuration (convt-run --dump-llvm), as
the GPU pipeline can be on a machine without a GPU.

Usage:  python3 test/python/differential.py [--count N] [--seed S] [--only I]
            [--jobs J] [--strategies phase,dilate] [--convt-run PATH] [--keep]
            [--runner-args "--target gpu"] [--tf32] [--compile-only]
            [--self-check]

Configurations also draw a `precision` (absent most often). Where it allows
TF32 (spec §9), `--tf32` accepts the error of TF32 products in f32
convolutions, as GPU tensor cores give.
"""

import argparse
import collections
import concurrent.futures
import json
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import typing
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import convt_reference as ref  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[2]
STRATEGIES = ('phase', 'dilate')
RUN_TIMEOUT_S = 120

FLOAT_TYPES = ('float16', 'bfloat16', 'float32', 'float64')
MLIR_TYPE = {'float16': 'f16', 'bfloat16': 'bf16', 'float32': 'f32',
             'float64': 'f64', 'int32': 'i32'}
# Element type -> dtype of the .npy file carrying it. NumPy has no bfloat16, so
# bf16 travels as float32 (unrounded on input; bf16-representable on output).
NPY_DTYPE = {'float16': np.float16, 'bfloat16': np.float32, 'float32': np.float32,
             'float64': np.float64, 'int32': np.int32}

# `precision` forms (MLIR text) a configuration may carry, None for absent,
# and whether each allows TF32 products (every operand precision at most HIGH,
# §9: 'highest' and 'float32' name HIGHEST; presets count as DEFAULT).
PRECISIONS = {None: True, '"default"': True, '"highest"': False,
              '"tensorfloat32"': True, '["high", "highest"]': False,
              '["bfloat16", "float32"]': False, '["high", "fastest"]': True,
              '"F32_F32_F32"': True}
# With --tf32, the allowed error of f32 convolutions whose precision allows
# TF32 (§9: about 2 * 2^-11 of sum |x*w| on GPUs).
TF32_REL_TOL = 2 * 2.0 ** -11

# Allowed error relative to sum |x*w| (+ |bias|), by conv dtype (§8-9). The
# reference sums exactly and rounds once; an implementation may sum in another
# order or accumulate in a narrower type.
REL_TOL = {'float16': 2.0 ** -10, 'bfloat16': 2.0 ** -7, 'float32': 1e-5,
           'float64': 1e-12}
# Machine epsilon and smallest subnormal of the result dtype: the output may
# land one or two rounding steps away from the reference.
EPS = {'float16': 2.0 ** -10, 'bfloat16': 2.0 ** -7, 'float32': 2.0 ** -23,
       'float64': 2.0 ** -52}
TINY = {'float16': 2.0 ** -24, 'bfloat16': 2.0 ** -133, 'float32': 2.0 ** -149,
        'float64': 5e-324}
MAX_OUTPUT_ELEMENTS = 20000


# --------------------------------------------------------------------------
# configurations

def _int_form(rng, values):
    """Flax/MLIR form of a strides or kernel_dilation list: None (absent) when
    all ones, a bare int when all equal, else the list."""
    forms = ['list']
    if len(set(values)) <= 1:
        forms.append('int')
    if all(v == 1 for v in values):
        forms.append('absent')
    form = rng.choice(forms)
    if form == 'absent':
        return None
    if form == 'int':
        return values[0] if values else 1
    return list(values)


def _padding(rng, n, strides):
    kinds = ['SAME', 'VALID', 'CIRCULAR', 'int', 'list']
    weights = [3, 3, 2, 2, 3]
    if all(s == 1 for s in strides):  # §4.4: other strings need stride 1
        kinds += ['same', 'valid', 'same_lower']
        weights += [2, 2, 2]
    kind = rng.choices(kinds, weights)[0]
    if kind == 'int':
        return rng.randint(-2, 3)
    if kind == 'list':
        return [rng.randint(-2, 3) if rng.random() < 0.4 else
                [rng.randint(-3, 4), rng.randint(-3, 4)] for _ in range(n)]
    return kind


class Limits(typing.NamedTuple):
    """What the configurations are drawn from: channels from 1..max_channels,
    spatial sizes from min_size..max_size (1..4 in 3-D), kernel sizes and
    strides from 1..max_stride, and with dynamic_spatial the batch and spatial
    dims of x written `?` (with dynamic_batch, the batch dims only)."""
    max_channels: int = 5
    min_size: int = 1
    max_size: int = 7
    dynamic_spatial: bool = False
    max_stride: int = 4
    sub_pixel: bool = False
    lane_reduction: bool = False
    features: int = 0
    dynamic_batch: bool = False
    pixel_lanes: bool = False


def _draw(rng, limits):
    n = rng.choices([0, 1, 2, 3], [1, 10, 10, 3])[0]
    cfg = {
        'batch': [rng.randint(1, 3) for _ in range(rng.choice([0, 1, 1, 2]))],
        'sizes': [rng.randint(limits.min_size, limits.max_size) if n < 3 else
                  rng.randint(1, 4) for _ in range(n)],
        'in_features': rng.randint(1, limits.max_channels),
        'features': rng.randint(1, limits.max_channels),
        'transpose_kernel': rng.random() < 0.5,
        'use_bias': rng.random() < 0.6,
        'use_mask': rng.random() < 0.3,
        'binary_mask': rng.random() < 0.7,
    }
    kernel = [rng.randint(1, limits.max_stride) for _ in range(n)]
    if n and rng.random() < 0.03:
        kernel[rng.randrange(n)] = 0  # legal; output is bias only (§14)
    strides = [rng.randint(1, limits.max_stride) for _ in range(n)]
    if rng.random() < 0.4:
        strides = [rng.choice([1, rng.randint(2, max(2, limits.max_stride))])] * n
    # Dilation often shares a factor with the stride: gcd(s, d) > 1 changes how
    # the taps split into stride phases.
    dilation = [s if s <= 3 and rng.random() < 0.3 else rng.randint(1, 3) for s in strides]
    if limits.sub_pixel:
        # Few features, more input channels, kernels around the strides:
        # mostly what the CPU pipeline's count of vector FMAs (convt-to-linalg
        # sub-pixel-vector-bits) convolves as one sub-pixel convolution.
        cfg['features'] = rng.randint(1, 3)
        cfg['in_features'] = rng.randint(8, max(32, limits.max_channels))
        kernel = [rng.randint(max(1, s - 1), 2 * s) for s in strides]
        dilation = [rng.choice([1, 1, 1, 2]) for _ in strides]
    if limits.lane_reduction:
        # Fewer features than 512-bit vectors have f32 lanes, input channels
        # that fill whole vectors: what the CPU kernels' lane-reduction kernel
        # takes (it needs f32 and static channel counts; static shapes, set
        # below, unless --dynamic-spatial).
        cfg['features'] = rng.randint(1, 15)
        cfg['in_features'] = 16 * rng.randint(1, 4)
    if limits.pixel_lanes:
        # Rows of 16 to 32 pixels, 1 to 28 features, 8 to 64 input channels
        # that are no multiple of 16: what the CPU kernels' pixels-in-lanes kernel
        # takes where it pays (it needs f32 and static channel counts; static
        # shapes, set below, unless --dynamic-spatial).
        cfg['sizes'] = [rng.randint(1, 4) for _ in range(n - 1)] + \
            [rng.randint(16, 32)] * (n > 0)
        cfg['features'] = rng.randint(1, 28)
        cfg['in_features'] = rng.choice([c for c in range(8, 65) if c % 16])
    if limits.features:
        cfg['features'] = limits.features
    cfg['kernel_size'] = kernel[0] if n == 1 and rng.random() < 0.5 else kernel
    cfg['strides'] = _int_form(rng, strides)
    cfg['kernel_dilation'] = _int_form(rng, dilation)
    cfg['padding'] = _padding(rng, n, strides)

    # Element types: mostly one type for all operands, sometimes mixed (§8).
    base = rng.choices(FLOAT_TYPES, [3, 3, 4, 2])[0]
    types = {'x': base, 'k': base, 'b': base, 'm': base}
    if rng.random() < 0.2:
        types = {name: rng.choice(FLOAT_TYPES) for name in types}
    if rng.random() < 0.08:
        types['x'] = 'int32'
    if rng.random() < 0.1:
        types['m'] = 'int32'
    if not cfg['use_bias']:
        del types['b']
    if not cfg['use_mask']:
        del types['m']
    if limits.lane_reduction or limits.pixel_lanes:
        types = {name: 'float32' for name in types}
    cfg['types'] = types
    cfg['dtype'] = rng.choice(FLOAT_TYPES) if rng.random() < 0.1 else None
    cfg['preferred_element_type'] = None
    if limits.lane_reduction or limits.pixel_lanes:
        cfg['dtype'] = None
    elif rng.random() < 0.1:
        compute = _promoted(cfg)[0]
        cfg['preferred_element_type'] = rng.choice(
            [t for t in FLOAT_TYPES if ref.FLOAT_ITEMSIZE[t] >= ref.FLOAT_ITEMSIZE[compute]])
    cfg['explicit_use_bias'] = cfg['use_bias'] and rng.random() < 0.3

    attrs = ['features', 'kernel_size', 'strides', 'padding', 'kernel_dilation',
             'transpose_kernel', 'use_bias', 'dtype', 'preferred_element_type']
    if rng.random() < 0.3:
        rng.shuffle(attrs)
    cfg['attr_order'] = attrs
    return cfg


def _promoted(cfg):
    """(compute, conv, result) dtypes of a configuration (§8)."""
    types = cfg['types']
    kernel_type = ref.join(types['k'], types['m']) if 'm' in types else types['k']
    return ref.promoted_dtypes(types['x'], kernel_type, types.get('b'), cfg['dtype'],
                               cfg['preferred_element_type'])


def _flax_attrs(cfg):
    """The configuration's attributes in Flax's Python forms."""
    def tup(value):
        return tuple(value) if isinstance(value, list) else value
    padding = cfg['padding']
    if isinstance(padding, list):
        padding = [tuple(p) if isinstance(p, list) else p for p in padding]
    return dict(features=cfg['features'], kernel_size=tup(cfg['kernel_size']),
                strides=tup(cfg['strides']), padding=padding,
                kernel_dilation=tup(cfg['kernel_dilation']),
                transpose_kernel=cfg['transpose_kernel'])


def shapes(cfg):
    """Operand shapes by name: x, k, and b / m when present."""
    kernel = cfg['kernel_size']
    kernel = [kernel] if isinstance(kernel, int) else kernel
    channels = [cfg['in_features'], cfg['features']]
    if cfg['transpose_kernel']:
        channels.reverse()
    result = {'x': tuple(cfg['batch'] + cfg['sizes'] + [cfg['in_features']]),
              'k': tuple(kernel + channels)}
    if cfg['use_bias']:
        result['b'] = (cfg['features'],)
    if cfg['use_mask']:
        result['m'] = result['k']
    return result


def make_config(seed, index, limits=Limits()):
    """The configuration for (seed, index); redrawn until its output is valid."""
    rng = random.Random(f'{seed}:{index}')
    while True:
        cfg = _draw(rng, limits)
        try:
            out = ref.output_shape(shapes(cfg)['x'], **{
                k: v for k, v in _flax_attrs(cfg).items() if k != 'transpose_kernel'})
        except ValueError:
            continue  # padded length < 0 (§5)
        if np.prod(out) <= MAX_OUTPUT_ELEMENTS:
            # Drawn apart, so that it leaves the other draws of a seed as
            # they were before configurations had a precision.
            precision = random.Random(f'{seed}:{index}:precision').choices(
                list(PRECISIONS), [6] + [1] * (len(PRECISIONS) - 1))[0]
            # Dims of x written `?` in the MLIR types (the output's batch and
            # spatial dims follow), as a compiler with dynamic shapes emits.
            dynamic = random.Random(f'{seed}:{index}:dynamic')
            rank = len(shapes(cfg)['x'])
            dynamic_dims = ([d for d in range(rank) if dynamic.random() < 0.5]
                            if dynamic.random() < 0.3 else [])
            if limits.dynamic_spatial:
                dynamic_dims = list(range(rank - 1))
            elif limits.dynamic_batch:
                dynamic_dims = list(range(len(cfg['batch'])))
            if limits.sub_pixel:  # sub-pixel convolutions need the channels
                dynamic_dims = [d for d in dynamic_dims if d != rank - 1]
            if ((limits.lane_reduction or limits.pixel_lanes) and
                    not (limits.dynamic_spatial or limits.dynamic_batch)):
                dynamic_dims = []
            return {'seed': seed, 'index': index, **cfg, 'precision': precision,
                    'dynamic_dims': dynamic_dims}


def make_inputs(cfg):
    """Operand arrays as stored in the .npy files."""
    rng = np.random.default_rng([cfg['seed'], cfg['index']])
    arrays = {}
    for name, shape in shapes(cfg).items():
        kind = cfg['types'][name]
        if name == 'm' and cfg['binary_mask']:
            values = rng.integers(0, 2, shape)
        elif kind == 'int32':
            values = rng.integers(-3, 4, shape)
        else:
            values = rng.uniform(-1, 1, shape)
        arrays[name] = values.astype(NPY_DTYPE[kind])
    return arrays


def reference(cfg, arrays, magnitude=False):
    """(y, result dtype) of the reference; with `magnitude`, the same sum over
    |x*w| (+ |bias|) in float64, used to scale the tolerance."""
    if magnitude:
        arrays = {name: np.abs(a) for name, a in arrays.items()}
    types = cfg['types']
    return ref.conv_transpose(
        arrays['x'], arrays['k'], bias=arrays.get('b'), mask=arrays.get('m'),
        dtype='float64' if magnitude else cfg['dtype'],
        preferred_element_type=None if magnitude else cfg['preferred_element_type'],
        x_dtype=types['x'], w_dtype=types['k'], bias_dtype=types.get('b'),
        mask_dtype=types.get('m'), **_flax_attrs(cfg))


# --------------------------------------------------------------------------
# MLIR

def _tensor(shape, kind, dynamic_dims=()):
    dims = ['?' if i in dynamic_dims else str(d) for i, d in enumerate(shape)]
    return 'tensor<' + 'x'.join(dims + [MLIR_TYPE[kind]]) + '>'


def _i64_array(values):
    return 'array<i64: ' + ', '.join(map(str, values)) + '>' if values else 'array<i64>'


def _attr_value(name, value):
    if name in ('kernel_size', 'strides', 'kernel_dilation'):
        return str(value) if isinstance(value, int) else _i64_array(value)
    if name == 'padding':
        if isinstance(value, str):
            return f'"{value}"'
        if isinstance(value, int):
            return str(value)
        return '[' + ', '.join(str(p) if isinstance(p, int) else f'[{p[0]}, {p[1]}]'
                               for p in value) + ']'
    if name in ('transpose_kernel', 'use_bias'):
        return 'true' if value else 'false'
    if name in ('dtype', 'preferred_element_type'):
        return MLIR_TYPE[value]
    return str(value)  # also `precision`, kept as MLIR text


def _dense_constant(array, kind):
    """The MLIR `dense<...>` of `array` as element type `kind`: its
    little-endian bytes in hex (bf16 rounded to nearest even from float32)."""
    if array.size == 0:
        return 'dense<>'
    if kind == 'bfloat16':  # the upper halves of the rounded float32 values
        rounded = ref.round_to(array, kind).astype('<f4')
        data = (rounded.view('<u4') >> 16).astype('<u2')
    else:
        data = np.ascontiguousarray(array, NPY_DTYPE[kind]).astype(
            np.dtype(NPY_DTYPE[kind]).newbyteorder('<'))
    return f'dense<"0x{data.tobytes().hex().upper()}">'


def mlir_text(cfg, out_shape, result_type, constants=None):
    """The test function; the operands in `constants` (name -> array: k, b,
    m) are arith.constants in it instead of arguments."""
    constants = constants or {}
    values = {name: cfg[name] for name in cfg['attr_order']}
    values['precision'] = cfg['precision']  # MLIR text already, or None
    if not cfg['use_bias']:
        values['use_bias'] = False  # use_bias defaults to true: must be written
    elif not cfg['explicit_use_bias']:
        values['use_bias'] = None
    attrs = ', '.join(f'{name} = {_attr_value(name, v)}'
                      for name, v in values.items() if v is not None)
    operand_shapes = shapes(cfg)
    names = list(operand_shapes)  # x, k, then b and m when present
    dynamic = cfg['dynamic_dims']
    types = [_tensor(operand_shapes[n], cfg['types'][n], dynamic if n == 'x' else ())
             for n in names]
    # The features dim stays static: the attribute gives it.
    result = _tensor(out_shape, result_type,
                     [d for d in dynamic if d < len(out_shape) - 1])
    args = ', '.join(f'%{n}: {t}' for n, t in zip(names, types)
                     if n not in constants)
    operands = '%x, %k' + ''.join(f' {word} %{n}' for word, n in
                                  (('bias', 'b'), ('mask', 'm')) if n in names)
    constant_ops = ''.join(
        f'  %{n} = arith.constant '
        f'{_dense_constant(constants[n], cfg["types"][n])} : {t}\n'
        for n, t in zip(names, types) if n in constants)
    return (f'func.func @main({args}) -> {result} {{\n' + constant_ops +
            f'  %y = convt.conv_transpose {operands} {{{attrs}}}\n'
            f'     : ({", ".join(types)}) -> {result}\n'
            f'  return %y : {result}\n'
            f'}}\n')


# --------------------------------------------------------------------------
# checks

def compare(got, want, magnitude, cfg, result_type, tf32=False):
    """None if `got` matches the reference, else a description of the mismatch.
    With `tf32`, f32 convolutions whose precision allows it may have rounded
    their operands to TF32."""
    if got.shape != want.shape:
        return f'shape {got.shape}, expected {want.shape}'
    if got.dtype != NPY_DTYPE[result_type]:
        return f'file dtype {got.dtype}, expected {np.dtype(NPY_DTYPE[result_type])}'
    got = got.astype(np.float64)
    if result_type == 'bfloat16' and not np.array_equal(
            ref.round_to(got, 'bfloat16'), got, equal_nan=True):
        return 'bf16 result holds values that are not bf16-representable'
    conv_type = _promoted(cfg)[1]
    # Each CIRCULAR fold may round once more in the conv dtype (§8).
    folds = len(cfg['sizes']) if cfg['padding'] == 'CIRCULAR' else 0
    rel_tol = REL_TOL[conv_type]
    if tf32 and conv_type == 'float32' and PRECISIONS[cfg['precision']]:
        rel_tol = TF32_REL_TOL
    tol = (rel_tol * (1 + folds) * magnitude
           + 2 * EPS[result_type] * np.abs(want) + TINY[result_type])
    err = np.abs(got - want)
    bad = ~(err <= tol)  # also catches NaN
    if not bad.any():
        return None
    worst = np.unravel_index(np.argmax(np.where(bad, err - tol, -np.inf)), got.shape)
    return (f'{int(bad.sum())} of {got.size} elements differ; worst at {worst}: '
            f'got {got[worst]!r}, expected {want[worst]!r}, tolerance {tol[worst]:.3g}')


def self_check(seed, index, limits):
    """Generator and reference only: returns (cfg, error or None)."""
    cfg = make_config(seed, index, limits)
    try:
        arrays = make_inputs(cfg)
        y, result_type = reference(cfg, arrays)
        mlir_text(cfg, y.shape, result_type)
        if not np.isfinite(y).all():
            return cfg, 'reference result is not finite'
        if not np.array_equal(ref.round_to(y, result_type), y):
            return cfg, f'reference result is not representable in {result_type}'
        if cfg['padding'] == 'CIRCULAR':
            attrs = _flax_attrs(cfg)
            x = arrays['x'].astype(np.float64)
            w = arrays['k'].astype(np.float64) * arrays.get('m', 1)
            fold, _ = ref.conv_transpose(x, w, **attrs)
            del attrs['features'], attrs['padding']
            closed = ref.circular_closed_form(x, w, **attrs)
            if not np.allclose(fold, closed, rtol=1e-12, atol=1e-12):
                return cfg, 'CIRCULAR fold differs from the closed form'
    except ValueError as e:
        return cfg, f'reference raised ValueError: {e}'
    return cfg, None


def _convt_run(cmd):
    """Runs convt-run: None, or what went wrong."""
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=RUN_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return f'convt-run timed out after {RUN_TIMEOUT_S} s'
    except OSError as e:  # e.g. the binary is being rebuilt
        return f'cannot start convt-run: {e}'
    if proc.returncode != 0:
        return (f'convt-run exited with {proc.returncode}:\n'
                f'{proc.stdout}{proc.stderr}'.rstrip())
    # With --generic-alloc: the buffers the call left allocated.
    live = re.search(r'^live_buffers=(\d+)$', proc.stdout, re.MULTILINE)
    if live and live.group(1) != '0':
        return f'{live.group(1)} buffers still allocated after the call'
    return None


def run_config(seed, index, limits, runner, strategies, workdir,
               runner_args=(), tf32=False, constant_weights=False,
               compile_only=False):
    """Runs one configuration through convt-run, or with `compile_only` only
    lowers it (convt-run --dump-llvm): returns (cfg, mlir path, mlir text,
    [(strategy, error or None)])."""
    cfg = make_config(seed, index, limits)
    arrays = make_inputs(cfg)
    want, result_type = reference(cfg, arrays)
    constants = ({n: a for n, a in arrays.items() if n != 'x'}
                 if constant_weights else {})
    text = mlir_text(cfg, want.shape, result_type, constants)
    case_dir = Path(workdir) / f'config-{index}'
    case_dir.mkdir()
    mlir = case_dir / 'main.mlir'
    mlir.write_text(text)
    if compile_only:  # no inputs, outputs or tolerances to compute
        return cfg, str(mlir), text, [
            (strategy, _convt_run([runner, str(mlir), '-e', 'main', '--strategy',
                                   strategy, *runner_args, '--dump-llvm']))
            for strategy in strategies]
    magnitude, _ = reference(cfg, arrays, magnitude=True)
    inputs = []
    for name, array in arrays.items():  # x, k, b, m: the function argument order
        if name in constants:
            continue
        path = case_dir / f'{name}.npy'
        np.save(path, array)
        inputs += ['--input', str(path)]
    outcomes = []
    for strategy in strategies:
        out = case_dir / f'y-{strategy}.npy'
        cmd = [runner, str(mlir), '-e', 'main', *inputs, '--output', str(out),
               '--strategy', strategy, *runner_args]
        error = _convt_run(cmd)
        if error:
            outcomes.append((strategy, error))
            continue
        try:
            got = np.load(out)
        except (OSError, ValueError) as e:
            outcomes.append((strategy, f'cannot read {out}: {e}'))
            continue
        outcomes.append((strategy, compare(got, want, magnitude, cfg, result_type,
                                           tf32)))
    return cfg, str(mlir), text, outcomes


# --------------------------------------------------------------------------
# driver

def find_runner(path):
    if path:
        return path
    built = REPO_ROOT / 'build' / 'bin' / 'convt-run'
    if built.is_file():
        return str(built)
    return shutil.which('convt-run')


def _coverage(configs):
    """One line per feature: how often each value was drawn."""
    features = {
        'spatial dims': lambda c: len(c['sizes']),
        'batch dims': lambda c: len(c['batch']),
        'dynamic dims of x': lambda c: len(c['dynamic_dims']),
        'padding': lambda c: c['padding'] if isinstance(c['padding'], str)
        else type(c['padding']).__name__,
        'operand types': lambda c: '/'.join(sorted(set(c['types'].values()))
                                            ) if len(set(c['types'].values())) == 1 else 'mixed',
        'result type': lambda c: _promoted(c)[2],
        'transpose_kernel': lambda c: c['transpose_kernel'],
        'bias': lambda c: c['use_bias'],
        'mask': lambda c: c['use_mask'],
        'dtype attr': lambda c: c['dtype'],
        'preferred_element_type': lambda c: c['preferred_element_type'],
        'precision allows TF32': lambda c: PRECISIONS[c['precision']],
    }
    for name, key in features.items():
        counts = collections.Counter(str(key(c)) for c in configs)
        print(f'  {name}: ' + ', '.join(f'{k}={v}' for k, v in sorted(counts.items())))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--convt-run', help='convt-run binary (default: build/bin/'
                        'convt-run under the repo root, else PATH)')
    parser.add_argument('--count', type=int, default=1000, help='configurations to run')
    parser.add_argument('--seed', type=int, default=0, help='non-negative base seed')
    parser.add_argument('--only', type=int, metavar='INDEX',
                        help='run only this configuration index')
    parser.add_argument('--jobs', type=int, default=2, help='parallel processes')
    parser.add_argument('--strategies', default=','.join(STRATEGIES),
                        help='comma-separated convt-run strategies')
    parser.add_argument('--runner-args', default='',
                        help='more convt-run options, e.g. "--target gpu"')
    parser.add_argument('--max-channels', type=int, default=5,
                        help='input and output channels are drawn from 1..N '
                        '(default 5; larger N exercises the channel blocks of '
                        'the CPU kernels)')
    parser.add_argument('--min-size', type=int, default=1,
                        help='spatial sizes of 1-D and 2-D inputs are drawn '
                        'from N..--max-size (default 1)')
    parser.add_argument('--max-size', type=int, default=7,
                        help='spatial sizes of 1-D and 2-D inputs are drawn '
                        'from --min-size..N (default 7; larger sizes give the '
                        'CPU kernels rows of several tiles between their '
                        'edges)')
    parser.add_argument('--max-stride', type=int, default=4,
                        help='kernel sizes and strides are drawn from 1..N '
                        '(default 4; larger N gives convolutions of many '
                        'phases, which the lowering turns into loops)')
    parser.add_argument('--dynamic-spatial', action='store_true',
                        help='write the batch and spatial dims of x as `?`, as '
                        'a compiler with dynamic shapes emits (else 30%% of '
                        'the configurations have some dynamic dims)')
    parser.add_argument('--dynamic-batch', action='store_true',
                        help='write only the batch dims of x as `?` (images '
                        'of static sizes, as a model compiled for any batch '
                        'size has)')
    parser.add_argument('--sub-pixel', action='store_true',
                        help='draw 1 to 3 features, 8 to max(32, '
                        '--max-channels) input channels, kernel sizes around '
                        'the strides and static channel counts: mostly '
                        'configurations that the CPU pipeline convolves as one '
                        'sub-pixel convolution')
    parser.add_argument('--lane-reduction', action='store_true',
                        help='draw 1 to 15 features, 16 to 64 input channels '
                        '(multiples of 16), f32 operands and static shapes (but '
                        'with --dynamic-spatial or --dynamic-batch): '
                        'mostly configurations whose phase convolutions the '
                        'CPU kernels give the lane-reduction kernel')
    parser.add_argument('--pixel-lanes', action='store_true',
                        help='draw rows of 16 to 32 input pixels (other '
                        'spatial sizes 1 to 4), 1 to 28 features, 8 to 64 input '
                        'channels that are no multiple of 16, f32 operands '
                        'and static shapes (but with --dynamic-spatial or '
                        '--dynamic-batch): mostly configurations whose phase '
                        'convolutions the CPU kernels give the pixels-in-lanes '
                        'kernel where it pays')
    parser.add_argument('--features', type=int, default=0,
                        help='N features in every configuration instead of '
                        'drawn ones (0: drawn; a multiple of the vector lanes '
                        'gives the CPU kernels their wide register blocks)')
    parser.add_argument('--keep', action='store_true', help='keep the temporary files')
    parser.add_argument('--tf32', action='store_true',
                        help='accept TF32 products in f32 convolutions whose precision '
                             'allows them (GPU tensor cores, spec §9): tolerance '
                             '2*2^-11 of sum |x*w| instead of 1e-5')
    parser.add_argument('--constant-weights', action='store_true',
                        help='write the kernel, bias and mask as '
                        'arith.constants in the function instead of arguments '
                        '(the pipelines then compute the kernel, and the CPU '
                        'pipeline packs it, at compile time)')
    parser.add_argument('--compile-only', action='store_true',
                        help='only lower each configuration (convt-run '
                        '--dump-llvm): with --runner-args "--target gpu", the '
                        'GPU pipeline down to PTX, on a machine without a GPU')
    parser.add_argument('--self-check', action='store_true',
                        help='check the generator and reference only; no convt-run')
    args = parser.parse_args()
    if args.seed < 0:
        parser.error('--seed must be non-negative')
    if args.max_channels < 1:
        parser.error('--max-channels must be at least 1')
    if not 1 <= args.min_size <= args.max_size:
        parser.error('--min-size and --max-size must be 1 <= min <= max')
    if args.max_stride < 1:
        parser.error('--max-stride must be at least 1')
    if args.features < 0:
        parser.error('--features must be at least 0')
    if args.dynamic_batch and args.dynamic_spatial:
        parser.error('--dynamic-batch and --dynamic-spatial exclude each other '
                     '(--dynamic-spatial makes the batch dims dynamic too)')
    limits = Limits(args.max_channels, args.min_size, args.max_size,
                    args.dynamic_spatial, args.max_stride, args.sub_pixel,
                    args.lane_reduction, args.features, args.dynamic_batch,
                    args.pixel_lanes)
    strategies = args.strategies.split(',')
    if not set(strategies) <= set(STRATEGIES):
        parser.error(f'--strategies must be a subset of {",".join(STRATEGIES)}')
    indices = [args.only] if args.only is not None else list(range(args.count))

    runner_args = shlex.split(args.runner_args)

    def rerun(index):
        extra = (f' --runner-args {shlex.quote(args.runner_args)}'
                 if runner_args else '')
        if args.max_channels != 5:
            extra += f' --max-channels {args.max_channels}'
        if args.min_size != 1:
            extra += f' --min-size {args.min_size}'
        if args.max_size != 7:
            extra += f' --max-size {args.max_size}'
        if args.dynamic_spatial:
            extra += ' --dynamic-spatial'
        if args.dynamic_batch:
            extra += ' --dynamic-batch'
        if args.max_stride != 4:
            extra += f' --max-stride {args.max_stride}'
        if args.sub_pixel:
            extra += ' --sub-pixel'
        if args.lane_reduction:
            extra += ' --lane-reduction'
        if args.pixel_lanes:
            extra += ' --pixel-lanes'
        if args.features:
            extra += f' --features {args.features}'
        if args.tf32:
            extra += ' --tf32'
        if args.constant_weights:
            extra += ' --constant-weights'
        if args.compile_only:
            extra += ' --compile-only'
        return (f'  rerun: python3 test/python/differential.py --seed {args.seed} '
                f'--only {index}{extra}')

    passed = failed = 0
    with concurrent.futures.ProcessPoolExecutor(max_workers=args.jobs) as pool:
        if args.self_check:
            configs = []
            for cfg, error in pool.map(self_check, [args.seed] * len(indices), indices,
                                       [limits] * len(indices),
                                       chunksize=16):
                configs.append(cfg)
                if error is None:
                    passed += 1
                    continue
                failed += 1
                print(f'FAIL config {cfg["index"]}: {error}\n'
                      f'  config: {json.dumps(cfg)}\n{rerun(cfg["index"])} --self-check')
            print('coverage:')
            _coverage(configs)
        else:
            runner = find_runner(args.convt_run)
            if runner is None:
                sys.exit('convt-run not found: build it or pass --convt-run PATH '
                         '(or use --self-check)')
            workdir = tempfile.mkdtemp(prefix='convt-differential-')
            n = len(indices)
            try:
                results = pool.map(run_config, [args.seed] * n, indices,
                                   [limits] * n, [runner] * n,
                                   [strategies] * n, [workdir] * n, [runner_args] * n,
                                   [args.tf32] * n, [args.constant_weights] * n,
                                   [args.compile_only] * n)
                for cfg, mlir, text, outcomes in results:
                    for strategy, error in outcomes:
                        if error is None:
                            passed += 1
                            continue
                        failed += 1
                        where = f' ({mlir})' if args.keep else ''
                        print(f'FAIL config {cfg["index"]} strategy {strategy}: {error}\n'
                              f'  config: {json.dumps(cfg)}\n  mlir{where}:\n{text}'
                              f'{rerun(cfg["index"])} --strategies {strategy} --keep')
            finally:
                if args.keep:
                    print(f'files kept in {workdir}')
                else:
                    shutil.rmtree(workdir)
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
