"""Checks convt_reference.py against the real flax.linen.ConvTranspose.

Draws configurations with differential.py's generator (same --seed, index and
--max-channels give the same configuration and inputs as there), keeps those
whose operand types, `dtype` and `preferred_element_type` are float32 or
float64, and for each one runs

    ConvTranspose(features=..., kernel_size=..., strides=..., padding=...,
                  kernel_dilation=..., use_bias=..., mask=...,
                  transpose_kernel=..., precision='highest', dtype=...,
                  param_dtype=..., [preferred_element_type=...])
        .apply({'params': {'kernel': k, 'bias': b}}, x)

with jax_enable_x64 on, on the --platform device (CPU by default). Its result
must have the reference's dtype and agree with convt_reference.conv_transpose
within differential.py's tolerance (relative to sum|x*w|). A configuration
that the reference rejects must make Flax raise too.

Needs NumPy, JAX and Flax; exits with status 2 if JAX or Flax cannot be
imported or the platform cannot be used, 1 if any configuration fails.

Usage:  python3 test/python/flax_check.py [--count N] [--seed S] [--only I]
            [--max-channels M] [--platform cpu|gpu]
"""

import argparse
import collections
import dataclasses
import json
import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import differential as diff  # noqa: E402

CHECKED_TYPES = ('float32', 'float64')


class Unavailable(Exception):
    """JAX or Flax cannot be used here: exit status 2."""


def import_flax(platform):
    """(jax, jax.numpy, flax, flax.linen) with x64 on, running on `platform`."""
    os.environ['JAX_PLATFORMS'] = platform  # read when JAX starts its backend
    try:
        import jax
        import jax.numpy as jnp
        import flax
        from flax import linen as nn
    except ImportError as e:
        raise Unavailable(f'JAX and Flax are needed ({e}); install jax and flax '
                          'in this Python') from None
    jax.config.update('jax_enable_x64', True)
    try:
        jax.devices()
    except RuntimeError as e:
        raise Unavailable(f'JAX cannot use platform {platform!r}: {e}') from None
    return jax, jnp, flax, nn


def skip_reason(cfg, flax_fields):
    """Why a configuration is not checked, or None."""
    for kind in cfg['types'].values():
        if kind not in CHECKED_TYPES:
            return f'{kind} operand'
    for attr in ('dtype', 'preferred_element_type'):
        if cfg[attr] is not None and cfg[attr] not in CHECKED_TYPES:
            return f'{attr}={cfg[attr]}'
    if (cfg['preferred_element_type'] is not None
            and 'preferred_element_type' not in flax_fields):
        return 'preferred_element_type (needs flax >= 0.12.0)'
    return None


def flax_output(cfg, arrays, jnp, nn):
    """The layer's output as a NumPy array."""
    kwargs = dict(diff._flax_attrs(cfg), use_bias=cfg['use_bias'],
                  precision='highest', param_dtype=jnp.dtype(cfg['types']['k']))
    if 'm' in arrays:
        kwargs['mask'] = jnp.asarray(arrays['m'])
    for attr in ('dtype', 'preferred_element_type'):
        if cfg[attr] is not None:
            kwargs[attr] = jnp.dtype(cfg[attr])
    params = {'kernel': jnp.asarray(arrays['k'])}
    if cfg['use_bias']:
        params['bias'] = jnp.asarray(arrays['b'])
    y = nn.ConvTranspose(**kwargs).apply({'params': params}, jnp.asarray(arrays['x']))
    return np.asarray(y)


def check(cfg, jnp, nn):
    """None if Flax agrees with the reference, else what differs."""
    arrays = diff.make_inputs(cfg)
    try:
        want, result_type = diff.reference(cfg, arrays)
        magnitude, _ = diff.reference(cfg, arrays, magnitude=True)
        ref_error = None
    except ValueError as e:
        ref_error = f'ValueError: {e}'
    try:
        got = flax_output(cfg, arrays, jnp, nn)
        flax_error = None
    except Exception as e:  # Flax and lax raise many types (see spec §14)
        flax_error = f'{type(e).__name__}: {e}'
    if ref_error and flax_error:
        return None
    if ref_error:
        return f'the reference rejects it ({ref_error}), Flax does not'
    if flax_error:
        return f'Flax raised {flax_error}'
    return diff.compare(got, want, magnitude, cfg, result_type)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--count', type=int, default=500,
                        help='configurations to draw (default 500)')
    parser.add_argument('--seed', type=int, default=0, help='non-negative base seed')
    parser.add_argument('--only', type=int, metavar='INDEX',
                        help='check only this configuration index')
    parser.add_argument('--max-channels', type=int, default=5,
                        help='input and output channels are drawn from 1..N '
                        '(default 5)')
    parser.add_argument('--platform', default='cpu',
                        help="JAX platform to run Flax on (default cpu; e.g. gpu)")
    args = parser.parse_args()
    if args.seed < 0:
        parser.error('--seed must be non-negative')
    if args.count < 0 or args.max_channels < 1:
        parser.error('--count must be >= 0 and --max-channels >= 1')
    if args.only is not None and args.only < 0:
        parser.error('--only must be non-negative')
    try:
        jax, jnp, flax, nn = import_flax(args.platform)
    except Unavailable as e:
        print(f'flax_check: {e}', file=sys.stderr)
        return 2
    print(f'jax {jax.__version__}, flax {flax.__version__}, device {jax.devices()[0]}')
    flax_fields = {f.name for f in dataclasses.fields(nn.ConvTranspose)}
    indices = [args.only] if args.only is not None else range(args.count)

    passed = failed = 0
    skipped = collections.Counter()
    for index in indices:
        cfg = diff.make_config(args.seed, index, diff.Limits(args.max_channels))
        reason = skip_reason(cfg, flax_fields)
        if reason:
            skipped[reason] += 1
            continue
        error = check(cfg, jnp, nn)
        if error is None:
            passed += 1
            continue
        failed += 1
        extra = (f' --max-channels {args.max_channels}' if args.max_channels != 5 else '')
        if args.platform != 'cpu':
            extra += f' --platform {args.platform}'
        print(f'FAIL config {index}: {error}\n  config: {json.dumps(cfg)}\n'
              f'  flax attributes: {diff._flax_attrs(cfg)}\n'
              f'  rerun: python3 test/python/flax_check.py --seed {args.seed} '
              f'--only {index}{extra}')
    reasons = ', '.join(f'{r} {n}' for r, n in sorted(skipped.items()))
    print(f'{passed} passed, {failed} failed, {sum(skipped.values())} skipped'
          + (f' (not checked here: {reasons})' if skipped else ''))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
