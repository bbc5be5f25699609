"""Independent NumPy reference for the forward pass of flax.linen.ConvTranspose.

Written from /work/shared/spec/flax-conv-transpose.md; "§N" below refers to its
sections. The convolution is computed in the scatter form of §6.1/§6.2: every
input pixel times every kernel tap lands on one output position. CIRCULAR
padding uses Flax's pad-and-fold procedure (§7); `circular_closed_form` gives
the §7 closed form so that tests can check the two against each other.

Values are carried as float64 and rounded wherever Flax/JAX rounds (§8), so
the returned array holds numbers that are exactly representable in the
returned dtype. NumPy has no bfloat16: bf16 operands are passed as float32 or
float64 arrays together with a declared dtype (`x_dtype='bfloat16'`, ...).

64-bit types are kept as 64-bit (as with jax_enable_x64); §8 notes that with
x64 off JAX would already have made them 32-bit.
"""

import math
import operator
from collections.abc import Sequence

import numpy as np

FLOATS = ('float16', 'bfloat16', 'float32', 'float64')
INTEGERS = ('bool', 'int8', 'int16', 'int32', 'int64',
            'uint8', 'uint16', 'uint32', 'uint64')
FLOAT_ITEMSIZE = {'float16': 2, 'bfloat16': 2, 'float32': 4, 'float64': 8}
_ALIASES = {'f16': 'float16', 'bf16': 'bfloat16', 'f32': 'float32',
            'f64': 'float64', 'i1': 'bool', 'i8': 'int8', 'i16': 'int16',
            'i32': 'int32', 'i64': 'int64'}


# --------------------------------------------------------------------------
# dtypes (§8)

def dtype_name(dtype):
    """Canonical name ('float32', 'bfloat16', ...) of a dtype or dtype alias."""
    if isinstance(dtype, str) and dtype in _ALIASES:
        return _ALIASES[dtype]
    if isinstance(dtype, str) and dtype == 'bfloat16':
        return dtype
    name = np.dtype(dtype).name
    if name not in FLOATS + INTEGERS:
        raise ValueError(f'unsupported dtype {name}')
    return name


def join(a, b):
    """JAX's type promotion of two dtype names (the lattice facts of §8)."""
    if a == b or b == 'bool':
        return a
    if a == 'bool':
        return b
    if a in FLOATS and b in FLOATS:
        if FLOAT_ITEMSIZE[a] == FLOAT_ITEMSIZE[b]:  # float16 vs bfloat16
            return 'float32'
        return max(a, b, key=FLOAT_ITEMSIZE.get)
    if a in FLOATS or b in FLOATS:  # any integer joined with a float is that float
        return a if a in FLOATS else b
    # Two integer types: NumPy agrees with JAX except for uint64 vs a signed
    # type, which never matters here (integer-only operands compute in float32).
    return np.promote_types(a, b).name


def round_to(values, name):
    """Round `values` to dtype `name`, returned as float64 (inputs are finite)."""
    values = np.asarray(values, dtype=np.float64)
    if name in ('float16', 'float32'):
        return values.astype(name).astype(np.float64)
    if name == 'bfloat16':
        # Round to nearest even on the float32 bit pattern. A float64 value goes
        # through float32 first (double rounding, only in rare near-ties); the
        # test operands are float32 values, which round exactly once.
        bits = values.astype(np.float32).view(np.uint32)
        bits = (bits + np.uint32(0x7FFF) + ((bits >> 16) & 1)) & np.uint32(0xFFFF0000)
        return bits.view(np.float32).astype(np.float64)
    return values  # float64, or integers (exact in float64)


def promoted_dtypes(x_type, kernel_type, bias_type, dtype=None,
                    preferred_element_type=None):
    """(compute, conv, result) dtype names following Flax's promote_dtype (§8).

    `kernel_type` is the kernel's type after the mask product; `bias_type` is
    None without bias."""
    if dtype is None:
        compute = join(x_type, kernel_type)
        if bias_type is not None:
            compute = join(compute, bias_type)
        if compute not in FLOATS:
            compute = 'float32'
    else:
        compute = dtype_name(dtype)
        if compute not in FLOATS:
            raise ValueError(f'Dtype must be inexact: {compute}')
    conv = compute
    if preferred_element_type is not None:
        conv = dtype_name(preferred_element_type)
        if conv not in FLOATS:
            raise ValueError(f'preferred_element_type {conv} is incompatible '
                             f'with input type {compute} (TypeError in JAX)')
        if FLOAT_ITEMSIZE[conv] < FLOAT_ITEMSIZE[compute]:
            raise ValueError(f'preferred_element_type {conv} must not be narrower '
                             f'than the input type {compute} (TypeError in JAX)')
    result = join(conv, compute) if bias_type is not None else conv
    return compute, conv, result


# --------------------------------------------------------------------------
# attributes, padding and shapes (§2, §4, §5)

def _extent(k, d):
    """Effective (dilated) kernel extent E (§4.2); 0 for an empty kernel."""
    return 0 if k == 0 else d * (k - 1) + 1


def _broadcast(value, n, what):
    if value is None:
        value = 1
    try:
        values = (value,) * n if isinstance(value, int) else tuple(
            operator.index(v) for v in value)
    except TypeError:
        raise ValueError(f'{what} must be None, an int or a sequence of ints, '
                         f'got {value!r}') from None
    # Flax leaves the length unchecked (it fails later in lax); §14 asks for a
    # clear error instead.
    if len(values) != n:
        raise ValueError(f'{what} {values} does not have {n} entries')
    if any(v <= 0 for v in values):
        raise ValueError(f'All dilations must be positive, got {what} {values} '
                         '(TypeError in JAX)')
    return values


def _spatial_attrs(kernel_size, strides, kernel_dilation):
    """Canonical (kernel_size, strides, kernel_dilation) tuples (§2)."""
    if isinstance(kernel_size, int):
        kernel_size = (kernel_size,)
    try:
        kernel = tuple(operator.index(k) for k in kernel_size)
    except TypeError:
        raise ValueError(f'kernel_size must be an int or a sequence of ints, '
                         f'got {kernel_size!r} (TypeError in Flax)') from None
    if len(kernel) > 3:
        raise ValueError('No 4+ dimensional dimension_number defaults.')
    if any(k < 0 for k in kernel):
        raise ValueError(f'negative kernel_size {kernel}')
    n = len(kernel)
    return (kernel, _broadcast(strides, n, 'strides'),
            _broadcast(kernel_dilation, n, 'kernel_dilation'))


def _is_circular(padding):
    return isinstance(padding, str) and padding == 'CIRCULAR'


def _pads(padding, kernel, strides, dilation):
    n = len(kernel)
    extents = [_extent(k, d) for k, d in zip(kernel, dilation)]
    if isinstance(padding, str):
        if _is_circular(padding):
            padding = 'VALID'  # §3 step 7: the conv itself runs with VALID
        if padding == 'VALID':
            return [(e - 1, s - 1 + max(e - s, 0)) for e, s in zip(extents, strides)]
        if padding == 'SAME':
            pads = []
            for e, s in zip(extents, strides):
                total = e + s - 2
                lo = e - 1 if s > e - 1 else -(-total // 2)
                pads.append((lo, total - lo))
            return pads
        # §4.4: any other string is forward-conv padding, stride 1 only.
        if any(s != 1 for s in strides):
            raise ValueError('String padding is not implemented for transposed '
                             'convolution using this op.')
        forward = [max(e - 1, 0) for e in extents]
        mode = padding.lower()
        if mode == 'same':
            return [(f // 2, f - f // 2) for f in forward]
        if mode == 'same_lower':
            return [(f - f // 2, f // 2) for f in forward]
        if mode == 'valid':
            return [(0, 0)] * n
        raise ValueError(f'Unrecognized padding type: {padding!r} (RuntimeError in JAX)')

    # Flax canonicalize_padding (§4.1): an int, or a length-n sequence whose
    # entries are ints or 2-tuples (a list pair is rejected).
    if isinstance(padding, int):
        pairs = [(padding, padding)] * n
    elif (isinstance(padding, Sequence) and len(padding) == n and
          all(isinstance(p, int) or (isinstance(p, tuple) and len(p) == 2)
              for p in padding)):
        pairs = [(p, p) if isinstance(p, int) else p for p in padding]
    else:
        raise ValueError(f'Invalid padding format: {padding!r}, should be str, int, '
                         f'or a sequence of len {n} where each element is an int '
                         'or pair of ints.')
    try:
        return [(operator.index(lo), operator.index(hi)) for lo, hi in pairs]
    except TypeError:
        raise ValueError('padding argument to conv_general_dilated should be a '
                         f'string or a sequence of (low, high) pairs, got {padding!r}'
                         ) from None


def resolve_pads(padding, *, kernel_size, strides=None, kernel_dilation=None):
    """Per-dim (lo, hi) pads of the underlying convolution (§4).

    For 'CIRCULAR' these are the VALID pads that the conv runs with before the
    periodic fold.
    """
    return _pads(padding, *_spatial_attrs(kernel_size, strides, kernel_dilation))


def _conv_lengths(sizes, kernel, strides, dilation, pads):
    """Per-dim output lengths of the convolution before any fold (§5)."""
    lengths = []
    for h, k, s, d, (lo, hi) in zip(sizes, kernel, strides, dilation, pads):
        padded = (h - 1) * s + 1 + lo + hi if h > 0 else lo + hi
        if padded < 0:
            raise ValueError('Negative padding is larger than the size of the '
                             f'corresponding dimension: padded length {padded}')
        lengths.append(max(0, padded - _extent(k, d) + 1))
    return lengths


def _split(x_shape, n):
    """(batch_shape, spatial_sizes, in_features) of an input shape (§3 step 2)."""
    if len(x_shape) < n + 1:
        raise ValueError(f'input of shape {tuple(x_shape)} has fewer than {n + 1} '
                         'dims (AssertionError in lax)')
    nb = len(x_shape) - n - 1
    return tuple(x_shape[:nb]), tuple(x_shape[nb:-1]), x_shape[-1]


def _layout(x_shape, padding, kernel, strides, dilation):
    """(batch_shape, spatial_sizes, in_features, pads, conv_lengths,
    out_lengths): conv_lengths are before the CIRCULAR fold, out_lengths after."""
    batch, sizes, channels = _split(x_shape, len(kernel))
    pads = _pads(padding, kernel, strides, dilation)
    lengths = _conv_lengths(sizes, kernel, strides, dilation, pads)
    out_lengths = lengths
    if _is_circular(padding):
        if 0 in sizes:
            raise ValueError('CIRCULAR padding of an empty spatial dim '
                             '(ZeroDivisionError in Flax)')
        out_lengths = [h * s for h, s in zip(sizes, strides)]
    return batch, sizes, channels, pads, lengths, out_lengths


def output_shape(x_shape, *, features, kernel_size, strides=None, padding='SAME',
                 kernel_dilation=None):
    """Shape of the layer's output for an input of shape `x_shape` (§5)."""
    batch, *_, out_lengths = _layout(
        x_shape, padding, *_spatial_attrs(kernel_size, strides, kernel_dilation))
    return batch + tuple(out_lengths) + (features,)


# --------------------------------------------------------------------------
# the convolution (§6, §7)

def _scatter(x, w, strides, dilation, sign, offsets, out_lengths, wrap=False):
    """y[b, t, o] = sum over (i, k, c) with t = i*s + sign*k*d + offset of
    x[b, i, c] * w[k, c, o]; positions outside [0, O) are dropped, or taken
    modulo O when `wrap` is set. x is (B, *H, C), w is (*K, C, F)."""
    batch, *sizes, _ = x.shape
    *kernel, _, features = w.shape
    y = np.zeros((batch, *out_lengths, features))
    for k in np.ndindex(*kernel):
        src, dst = [], []
        for h, s, kk, d, off, o in zip(sizes, strides, k, dilation, offsets, out_lengths):
            i = np.arange(h)
            t = i * s + sign * kk * d + off
            if wrap:
                t %= o
            keep = (t >= 0) & (t < o)
            src.append(i[keep])
            dst.append(t[keep])
        # For a fixed tap, distinct i give distinct t (s >= 1; modulo H*s when
        # wrapping), so the fancy-indexed += never sees a repeated index.
        y[(slice(None), *np.ix_(*dst), slice(None))] += (
            x[(slice(None), *np.ix_(*src), slice(None))] @ w[k])
    return y


def _conv(x, w, kernel, strides, dilation, pads, out_lengths, transpose_kernel):
    extents = [_extent(k, d) for k, d in zip(kernel, dilation)]
    if transpose_kernel:
        # §6.2: t = i*s + k*d - (E - 1 - lo), with the kernel read as W[k, o, c].
        offsets = [lo - (e - 1) for e, (lo, _) in zip(extents, pads)]
        return _scatter(x, np.swapaxes(w, -1, -2), strides, dilation, +1, offsets,
                        out_lengths)
    # §6.1: t = i*s - k*d + lo, no kernel flip.
    return _scatter(x, w, strides, dilation, -1, [lo for lo, _ in pads], out_lengths)


def _fold(y, axis, period, transpose_kernel):
    """Flax's periodic fold of one spatial axis (§7 steps 3-5)."""
    size_diff = (period - y.shape[axis]) % (2 * period)
    left = size_diff // 2 if transpose_kernel else (size_diff + 1) // 2
    widths = [(0, 0)] * y.ndim
    widths[axis] = (left, size_diff - left)
    y = np.pad(y, widths)
    # The count of periods, not -1: NumPy cannot infer it for an empty batch.
    periods = y.shape[axis] // period
    return y.reshape(y.shape[:axis] + (periods, period) + y.shape[axis + 1:]).sum(axis=axis)


def circular_closed_form(x, w, *, kernel_size, strides=None, kernel_dilation=None,
                         transpose_kernel=False):
    """CIRCULAR result via the §7 closed form, in float64 without rounding,
    mask or bias. Used to cross-check the fold in `conv_transpose`."""
    kernel, strides, dilation = _spatial_attrs(kernel_size, strides, kernel_dilation)
    x = np.asarray(x, dtype=np.float64)
    batch, sizes, channels = _split(x.shape, len(kernel))
    periods = [h * s for h, s in zip(sizes, strides)]
    extents = [_extent(k, d) for k, d in zip(kernel, dilation)]
    excess = [max(e - s, 0) for e, s in zip(extents, strides)]  # e in §7
    w = np.asarray(w, dtype=np.float64)
    flat = x.reshape((math.prod(batch),) + sizes + (channels,))
    if transpose_kernel:
        offsets = [-((e + 1) // 2) for e in excess]
        y = _scatter(flat, np.swapaxes(w, -1, -2), strides, dilation, +1, offsets,
                     periods, wrap=True)
    else:
        offsets = [ext - 1 - e // 2 for ext, e in zip(extents, excess)]
        y = _scatter(flat, w, strides, dilation, -1, offsets, periods, wrap=True)
    return y.reshape(batch + tuple(periods) + y.shape[-1:])


def conv_transpose(x, w, *, features, kernel_size, strides=None, padding='SAME',
                   kernel_dilation=None, bias=None, mask=None, transpose_kernel=False,
                   dtype=None, preferred_element_type=None,
                   x_dtype=None, w_dtype=None, bias_dtype=None, mask_dtype=None):
    """flax.linen.ConvTranspose(...).apply({'params': {'kernel': w, 'bias': bias}}, x).

    Attributes take the Flax Python forms. `x_dtype`, `w_dtype`, `bias_dtype`
    and `mask_dtype` declare an operand's dtype when it differs from the array's
    (needed for bfloat16); the array is first rounded to it.
    Returns (y as float64, result dtype name). Raises ValueError for anything
    Flax or lax rejects.
    """
    x, w = np.asarray(x), np.asarray(w)
    kernel, strides, dilation = _spatial_attrs(kernel_size, strides, kernel_dilation)
    batch, sizes, channels, pads, lengths, out_lengths = _layout(
        x.shape, padding, kernel, strides, dilation)
    kernel_shape = kernel + ((features, channels) if transpose_kernel
                             else (channels, features))
    if mask is not None and np.shape(mask) != kernel_shape:
        raise ValueError('Mask needs to have the same shape as weights. Shapes are: '
                         f'{np.shape(mask)}, {kernel_shape}')
    if w.shape != kernel_shape:
        raise ValueError(f'kernel has shape {w.shape}, expected {kernel_shape} '
                         '(ScopeParamShapeError in Flax)')
    if bias is not None and np.shape(bias) != (features,):
        raise ValueError(f'bias has shape {np.shape(bias)}, expected {(features,)} '
                         '(ScopeParamShapeError in Flax)')

    x_type = dtype_name(x_dtype or x.dtype)
    kernel_type = dtype_name(w_dtype or w.dtype)
    w = round_to(w, kernel_type)
    if mask is not None:
        # §8: kernel * mask is promoted on its own, before promote_dtype.
        mask_type = dtype_name(mask_dtype or np.asarray(mask).dtype)
        kernel_type = join(kernel_type, mask_type)
        w = round_to(w * round_to(mask, mask_type), kernel_type)
    bias_type = None
    if bias is not None:
        bias_type = dtype_name(bias_dtype or np.asarray(bias).dtype)
    compute, conv, result = promoted_dtypes(x_type, kernel_type, bias_type, dtype,
                                            preferred_element_type)

    flat = round_to(round_to(x, x_type), compute).reshape(
        (math.prod(batch),) + sizes + (channels,))
    y = _conv(flat, round_to(w, compute), kernel, strides, dilation, pads, lengths,
              transpose_kernel)
    y = round_to(y, conv)
    if _is_circular(padding):
        for axis, (h, s) in enumerate(zip(sizes, strides), start=1):
            y = round_to(_fold(y, axis, h * s, transpose_kernel), conv)
    if bias is not None:
        y = round_to(y + round_to(round_to(bias, bias_type), compute), result)
    return y.reshape(batch + tuple(out_lengths) + (features,)), result
