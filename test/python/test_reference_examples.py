"""Self-test of convt_reference.py against the spec.

Checks every worked example of §18 (E1..E11 and variants), the Flax golden
values listed there, the §5 output-size closed forms, the §8 dtype rules, the
§14 errors, and random cross-checks of the scatter form against the gather form
of §6.1 and of the CIRCULAR fold against the §7 closed form.

Run:  python3 test/python/test_reference_examples.py
"""

import functools
import itertools
import random
import sys
import traceback
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import convt_reference as ref  # noqa: E402

CHECKS = []


def check(fn):
    CHECKS.append((fn.__name__, fn))
    return fn


def f32(values):
    return np.asarray(values, dtype=np.float32)


def expect(x, w, want, *, want_dtype='float32', want_pads=None, **attrs):
    """Run the reference and require exactly `want` (shape and values)."""
    if want_pads is not None:
        pads = ref.resolve_pads(attrs['padding'], kernel_size=attrs['kernel_size'],
                                strides=attrs.get('strides'),
                                kernel_dilation=attrs.get('kernel_dilation'))
        assert pads == want_pads, f'pads {pads} != {want_pads}'
    y, dtype = ref.conv_transpose(x, w, **attrs)
    want = np.asarray(want, dtype=np.float64)
    assert y.shape == want.shape, f'shape {y.shape} != {want.shape}'
    assert np.array_equal(y, want), f'got\n{y}\nwant\n{want}'
    assert dtype == want_dtype, f'dtype {dtype} != {want_dtype}'


def extent(k, d):
    """Effective kernel extent E of §4.2 (0 for an empty kernel)."""
    return d * (k - 1) + 1 if k else 0


def raises(fn, *args, **kwargs):
    try:
        fn(*args, **kwargs)
    except ValueError:
        return
    raise AssertionError(f'no ValueError for args={args} kwargs={kwargs}')


# --------------------------------------------------------------------------
# §18 worked examples

X3 = f32([1, 2, 3]).reshape(1, 3, 1)
W3 = f32([1, 10, 100]).reshape(3, 1, 1)
X4 = f32([1, 2, 3, 4]).reshape(1, 4, 1)
W2 = f32([1, 10]).reshape(2, 1, 1)


def col(values):
    """A (1, L, 1) array: one batch, one channel."""
    return np.asarray(values, dtype=np.float64).reshape(1, -1, 1)


@check
def e1_valid_is_full_correlation():
    expect(X3, W3, col([100, 210, 321, 32, 3]), want_pads=[(2, 2)],
           features=1, kernel_size=3, padding='VALID')


@check
def e1b_transpose_kernel_is_convolution():
    expect(X3, W3, col([1, 12, 123, 230, 300]), features=1, kernel_size=3,
           padding='VALID', transpose_kernel=True)


@check
def e2_same_stride2():
    expect(X3, W3, col([100, 10, 201, 20, 302, 30]), want_pads=[(2, 1)],
           features=1, kernel_size=(3,), strides=2, padding='SAME')


@check
def e2b_same_stride2_transpose_kernel():
    expect(X3, W3, col([1, 10, 102, 20, 203, 30]), features=1, kernel_size=(3,),
           strides=(2,), padding='SAME', transpose_kernel=True)


@check
def e3_negative_explicit_padding_with_bias():
    expect(X3, W3, col([0.5, 32.5]), features=1, kernel_size=(3,), strides=2,
           kernel_dilation=2, padding=[(-1, 2)], bias=f32([0.5]))


@check
def e4_circular_stride1():
    expect(X4, W2, col([14, 21, 32, 43]), want_pads=[(1, 1)],
           features=1, kernel_size=2, padding='CIRCULAR')


@check
def e4b_circular_stride1_transpose_kernel():
    expect(X4, W2, col([12, 23, 34, 41]), features=1, kernel_size=2,
           padding='CIRCULAR', transpose_kernel=True)


@check
def e5_circular_stride2():
    expect(X3, W3, col([103, 10, 201, 20, 302, 30]), features=1, kernel_size=3,
           strides=2, padding='CIRCULAR')


@check
def e6_2d_same_two_features_bias():
    x = f32([[1, 2], [3, 4]]).reshape(1, 2, 2, 1)
    w = np.zeros((2, 2, 1, 2), np.float32)
    w[..., 0, 0] = [[1, 2], [3, 4]]
    w[..., 0, 1] = [[0, 1], [1, 0]]
    want = np.stack([
        [[14, 13, 18, 16], [12, 11, 14, 12], [22, 19, 26, 22], [16, 13, 18, 14]],
        [[20, 21, 20, 22], [21, 20, 22, 20], [20, 23, 20, 24], [23, 20, 24, 20]],
    ], axis=-1)[None]
    expect(x, w, want, want_pads=[(1, 1), (1, 1)], features=2, kernel_size=(2, 2),
           strides=(2, 2), padding='SAME', bias=f32([10, 20]))


@check
def e7_unbatched_int_padding_mask():
    mask = f32([[[1, 0], [1, 1]], [[0, 1], [1, 1]]])
    expect(f32([[1, 2], [3, 4]]), np.arange(1, 9, dtype=np.float32).reshape(2, 2, 2),
           [[14, 22], [35, 58], [15, 16]], want_pads=[(1, 1)],
           features=2, kernel_size=2, padding=1, mask=mask)


@check
def e8_3d_two_batch_dims():
    x = np.arange(1, 9, dtype=np.float32).reshape(1, 1, 2, 2, 2, 1)
    attrs = dict(features=1, kernel_size=(2, 1, 2), strides=(1, 2, 1), padding='VALID')
    assert ref.resolve_pads('VALID', kernel_size=(2, 1, 2),
                            strides=(1, 2, 1)) == [(1, 1), (0, 1), (1, 1)]
    y, _ = ref.conv_transpose(x, np.ones((2, 1, 2, 1, 1), np.float32), **attrs)
    assert y.shape == (1, 1, 3, 4, 3, 1), y.shape
    assert y[0, 0, 1, 0, 1, 0] == 14
    assert not y[:, :, :, 1::2].any(), 'odd rows of spatial dim 2 must be zero'
    # Ones kernel: dims 1 and 3 sum the input over {t-1, t}; dim 2 spreads by 2.
    want = np.zeros((3, 4, 3))
    for a, b, c in itertools.product(range(3), range(2), range(3)):
        want[a, 2 * b, c] = sum(x[0, 0, i, b, j, 0] for i in (a - 1, a) for j in (c - 1, c)
                                if 0 <= i < 2 and 0 <= j < 2)
    assert np.array_equal(y[0, 0, ..., 0], want)


@check
def e9_lowercase_same_is_forward_padding():
    expect(X4, W2, col([21, 32, 43, 4]), want_pads=[(0, 1)], features=1,
           kernel_size=2, padding='same')


@check
def e9b_uppercase_same():
    expect(X4, W2, col([10, 21, 32, 43]), want_pads=[(1, 0)], features=1,
           kernel_size=2, padding='SAME')


E10 = dict(x=f32([[1, 2], [3, 4]]).reshape(1, 2, 2, 1), w=f32([[1, 2], [3, 4]]).reshape(2, 2, 1, 1),
           features=1, kernel_size=(2, 2), strides=(2, 1), kernel_dilation=(1, 2),
           transpose_kernel=True)


@check
def e10_mixed_pads_transpose_kernel():
    expect(**E10, want=[[[[3], [4], [6]], [[9], [12], [12]]]], padding=((-1, 1), (2, 1)))


@check
def e10_empty_output():
    expect(**E10, want=np.zeros((1, 3, 0, 1)), padding=((1, 0), (0, -1)))


@check
def e11_float16_rounds_input_first():
    expect(f32([1, 2049]).reshape(1, 2, 1), f32([1]).reshape(1, 1, 1), col([1, 2048]),
           want_dtype='float16', features=1, kernel_size=1, padding='VALID',
           dtype='float16')


# --------------------------------------------------------------------------
# §18 golden values from Flax's tests/linen/linen_linear_test.py

VALID_ONES = np.array([4, 7] + [10] * 6 + [7, 4], dtype=np.float64)


@check
def golden_valid_ones_with_and_without_bias():
    attrs = dict(features=4, kernel_size=(3,), padding='VALID')
    ones = np.ones((3, 3, 4), np.float32)
    want = np.repeat(VALID_ONES[:, None], 4, axis=1)
    expect(np.ones((1, 8, 3), np.float32), ones, want[None], bias=np.ones(4, np.float32), **attrs)
    expect(np.ones((1, 8, 3), np.float32), ones, want[None] - 1, **attrs)
    expect(np.ones((8, 3), np.float32), ones, want, bias=np.ones(4, np.float32), **attrs)
    expect(np.ones((2, 5, 8, 3), np.float32), ones,
           np.broadcast_to(want, (2, 5, 10, 4)), bias=np.ones(4, np.float32), **attrs)


@check
def golden_masked_tril():
    want = np.array([[4, 3, 2, 1], [7, 5, 3, 1]] + [[10, 7, 4, 1]] * 6
                    + [[7, 5, 3, 1], [4, 3, 2, 1]])
    expect(np.ones((8, 3), np.float32), np.ones((3, 3, 4), np.float32), want,
           features=4, kernel_size=(3,), padding='VALID',
           mask=np.tril(np.ones((3, 3, 4), np.float32)), bias=np.ones(4, np.float32))


@check
def golden_circular_1d_stride3():
    want = np.outer(np.arange(1, 6), [1, 2, 1]).reshape(-1)
    expect(np.arange(1, 6, dtype=np.float32).reshape(1, 5, 1), f32([1, 2, 1]).reshape(3, 1, 1),
           col(want), features=1, kernel_size=(3,), strides=(3,), padding='CIRCULAR',
           bias=f32([0]))


@check
def golden_circular_2d_cross():
    expect(np.arange(1, 10, dtype=np.float32).reshape(1, 3, 3, 1),
           f32([[0, 1, 0], [1, 2, 1], [0, 1, 0]]).reshape(3, 3, 1, 1),
           np.array([[18, 21, 24], [27, 30, 33], [36, 39, 42]]).reshape(1, 3, 3, 1),
           features=1, kernel_size=(3, 3), padding='CIRCULAR', bias=f32([0]))


@check
def golden_circular_2d_bias():
    expect(f32([[1, 2], [3, 4]]).reshape(1, 2, 2, 1), f32([[1, 2], [3, 4]]).reshape(2, 2, 1, 1),
           np.array([[21, 23], [29, 31]]).reshape(1, 2, 2, 1),
           features=1, kernel_size=(2, 2), padding='CIRCULAR', bias=f32([1]))


@check
def golden_circular_transpose_kernel_shape():
    attrs = dict(features=4, kernel_size=(6, 6), strides=2, padding='CIRCULAR')
    assert ref.output_shape((1, 15, 15, 3), **attrs) == (1, 30, 30, 4)
    w = np.random.default_rng(0).standard_normal((6, 6, 4, 3)).astype(np.float32)
    for bias in (None, np.zeros(4, np.float32)):
        y, _ = ref.conv_transpose(np.ones((1, 15, 15, 3), np.float32), w, bias=bias,
                                  transpose_kernel=True, **attrs)
        assert y.shape == (1, 30, 30, 4), y.shape


def golden_circular_constant(n_batch, features, k, in_features, sizes):
    """All-ones kernel on all-ones input: every output equals in_features * k**n."""
    n = len(sizes)
    expect(np.ones((n_batch, *sizes, in_features), np.float32),
           np.ones((k,) * n + (in_features, features), np.float32),
           np.full((n_batch, *sizes, features), in_features * k ** n),
           features=features, kernel_size=(k,) * n, padding='CIRCULAR',
           bias=np.zeros(features, np.float32))


for _case in itertools.product((1, 3), (1, 2), (1, 2, 3, 9), (1, 3), (1, 8, 16)):
    CHECKS.append((f'golden_circular_1d_constant{_case}',
                   functools.partial(golden_circular_constant, *_case[:4], (_case[4],))))
for _case in itertools.product((1, 3), (1, 2, 10), (1, 2, 3, 9), (1, 5), (5, 10)):
    CHECKS.append((f'golden_circular_2d_constant{_case}',
                   functools.partial(golden_circular_constant, *_case[:4], (14, _case[4]))))


# --------------------------------------------------------------------------
# §5 output-size closed forms

@check
def output_size_closed_forms():
    for h, k, s, d in itertools.product(range(1, 6), range(0, 5), range(1, 5), range(1, 4)):
        e = extent(k, d)

        def size(padding, strides=s):
            return ref.output_shape((h, 1), features=1, kernel_size=k, strides=strides,
                                    padding=padding, kernel_dilation=d)[0]
        assert size('SAME') == h * s
        assert size('VALID') == h * s + max(e - s, 0)
        assert size('CIRCULAR') == h * s
        for p in range(-2, 4):
            want = (h - 1) * s + 2 * p - e + 2
            if (h - 1) * s + 1 + 2 * p >= 0:
                assert size(p) == max(0, want)
                assert size([(p, p + 1)]) == max(0, want + 1)
        if k > 0:  # an empty kernel gets no forward padding and one extra output
            assert size('same', 1) == h
        assert size('valid', 1) == max(0, h - e + 1)


@check
def output_shape_keeps_batch_dims():
    attrs = dict(features=5, kernel_size=(3, 3), strides=2, padding='SAME')
    assert ref.output_shape((3,), features=5, kernel_size=()) == (5,)
    assert ref.output_shape((7, 3), features=5, kernel_size=()) == (7, 5)
    assert ref.output_shape((4, 4, 2), **attrs) == (8, 8, 5)
    assert ref.output_shape((2, 3, 4, 4, 2), **attrs) == (2, 3, 8, 8, 5)
    # An int kernel_size always means 1-D: N and H become batch dims (§2).
    assert ref.output_shape((2, 4, 4, 2), features=5, kernel_size=3,
                            padding='VALID') == (2, 4, 6, 5)


# --------------------------------------------------------------------------
# §8 dtypes and rounding

def result_dtype(types, **attrs):
    """Result dtype for operands (x, w[, bias[, mask]]) declared with `types`."""
    names = ('x_dtype', 'w_dtype', 'bias_dtype', 'mask_dtype')
    operands = dict(zip(names, types))
    _, dtype = ref.conv_transpose(
        np.ones((1, 2, 1)), np.ones((1, 1, 1)), features=1, kernel_size=1,
        bias=np.ones(1) if 'bias_dtype' in operands else None,
        mask=np.ones((1, 1, 1)) if 'mask_dtype' in operands else None,
        **operands, **attrs)
    return dtype


@check
def dtype_lattice():
    assert ref.join('bfloat16', 'float32') == 'float32'
    assert ref.join('float16', 'bfloat16') == 'float32'
    assert ref.join('int32', 'bfloat16') == 'bfloat16'
    assert ref.join('int64', 'float16') == 'float16'
    assert ref.join('uint8', 'int8') == 'int16'
    assert ref.join('bool', 'float16') == 'float16'
    assert ref.join('float32', 'float64') == 'float64'


@check
def dtype_promotion_rules():
    assert result_dtype(('int32', 'int32')) == 'float32'
    assert result_dtype(('int32', 'bfloat16')) == 'bfloat16'
    assert result_dtype(('float16', 'bfloat16')) == 'float32'
    assert result_dtype(('bfloat16', 'bfloat16', 'bfloat16')) == 'bfloat16'
    # A float32 mask makes a bfloat16 kernel float32 before promotion; bool does not.
    assert result_dtype(('bfloat16', 'bfloat16', 'bfloat16', 'float32')) == 'float32'
    assert result_dtype(('bfloat16', 'bfloat16', 'bfloat16', 'bool')) == 'bfloat16'
    assert result_dtype(('float32', 'float32'), dtype='float16') == 'float16'
    assert result_dtype(('bfloat16', 'bfloat16'), preferred_element_type='float32') == 'float32'
    assert result_dtype(('bfloat16', 'bfloat16', 'bfloat16'),
                        preferred_element_type='float32') == 'float32'
    assert result_dtype(('float16', 'float16'), preferred_element_type='bfloat16') == 'bfloat16'
    # With bias the result joins the conv dtype (bf16) with the compute dtype (f16).
    assert result_dtype(('float16', 'float16', 'float16'),
                        preferred_element_type='bfloat16') == 'float32'


@check
def bfloat16_round_to_nearest_even():
    ulp = 2.0 ** -7
    values = [1 + ulp / 2, 1 + 1.5 * ulp, 1 + 0.75 * ulp, -(1 + ulp / 2), 3.4e38, 0.0]
    want = [1.0, 1 + 2 * ulp, 1 + ulp, -1.0, np.inf, 0.0]
    assert np.array_equal(ref.round_to(values, 'bfloat16'), want)


@check
def operands_round_to_declared_then_compute_dtype():
    x = f32([1 + 2.0 ** -8, 1 + 2.0 ** -11]).reshape(1, 2, 1)
    w = f32([1]).reshape(1, 1, 1)
    attrs = dict(features=1, kernel_size=1, padding='VALID')
    expect(x, w, col([1, 1]), want_dtype='bfloat16', x_dtype='bfloat16',
           w_dtype='bfloat16', **attrs)
    expect(x, w, col([1 + 2.0 ** -8, 1]), want_dtype='float16', dtype='float16', **attrs)
    # The conv result is rounded to the conv dtype before the bias is added:
    # 1 + 256 = 257 rounds to 256 in bf16, then 256 + 1 rounds to 256 again
    # (258 if the bias were added to the exact sum).
    expect(f32([1, 256]).reshape(1, 2, 1), f32([1, 1]).reshape(2, 1, 1), col([2, 256, 256]),
           want_dtype='bfloat16', bias=f32([1]), features=1, kernel_size=2, padding='VALID',
           x_dtype='bfloat16', w_dtype='bfloat16', bias_dtype='bfloat16')


# --------------------------------------------------------------------------
# §4, §12, §14: accepted forms and errors

BASE = dict(x=np.ones((1, 4, 2)), w=np.ones((3, 2, 1)), features=1, kernel_size=(3,))


@check
def errors_are_value_errors():
    conv = ref.conv_transpose
    raises(conv, **BASE, mask=np.ones((3, 1, 2)))
    raises(conv, **BASE, padding=(1, 2))                  # 1-D needs [(1, 2)]
    raises(conv, **BASE, padding=[[1, 2]])                # list pair
    raises(conv, **BASE, padding=np.int64(1))             # NumPy integer
    raises(conv, **BASE, padding=['SAME'])
    raises(conv, **BASE, padding=[(1.5, 2)])              # non-integer pad
    raises(conv, **BASE, padding='same', strides=2)
    raises(conv, **BASE, padding='CAUSAL')
    raises(conv, **BASE, padding='circular')
    raises(conv, **BASE, padding=[(-8, 0)])               # padded length < 0
    raises(conv, **BASE, strides=0)
    raises(conv, **BASE, kernel_dilation=-1)
    raises(conv, **BASE, strides=np.int64(2))
    raises(conv, **BASE, strides=(1, 1))                  # wrong length
    raises(conv, **BASE, dtype='int32')
    raises(conv, **BASE, dtype='float32', preferred_element_type='bfloat16')
    raises(conv, **BASE, preferred_element_type='int32')
    raises(conv, **BASE, bias=np.ones(2))
    raises(conv, **BASE, transpose_kernel=True)           # kernel must be (3, 1, 2)
    raises(conv, np.ones((4, 2)), np.ones((3, 3, 2, 1)), features=1, kernel_size=(3, 3))
    raises(conv, np.ones((1, 1, 1, 1, 1, 2)), np.ones((1, 1, 1, 1, 2, 1)), features=1,
           kernel_size=(1, 1, 1, 1))
    raises(conv, np.ones((4, 2)), np.ones((3, 2, 1)), features=1, kernel_size=np.int64(3))
    raises(conv, np.ones((1, 0, 2)), np.ones((3, 2, 1)), features=1, kernel_size=3,
           padding='CIRCULAR')
    raises(ref.resolve_pads, [None, (1, 2)], kernel_size=(1, 1))


@check
def accepted_padding_forms():
    assert ref.resolve_pads((1, (0, 3)), kernel_size=(1, 1)) == [(1, 1), (0, 3)]
    assert ref.resolve_pads(True, kernel_size=(1,)) == [(1, 1)]
    assert ref.resolve_pads([], kernel_size=()) == []
    assert ref.resolve_pads('Same', kernel_size=(4,)) == [(1, 2)]
    assert ref.resolve_pads('SAME_LOWER', kernel_size=(4,)) == ref.resolve_pads(
        'SAME', kernel_size=(4,))
    assert ref.resolve_pads('valid', kernel_size=(3,), kernel_dilation=2) == [(0, 0)]
    assert ref.resolve_pads('SAME', kernel_size=(2,), strides=(3,)) == [(1, 2)]
    assert ref.resolve_pads('VALID', kernel_size=(5,), strides=(2,)) == [(4, 4)]
    # Sequence strides/dilation of the right length, and ints for n = 0 (§2).
    assert ref.resolve_pads('SAME', kernel_size=(3, 3), strides=[2, 1]) == [(2, 1), (1, 1)]
    assert ref.resolve_pads('SAME', kernel_size=(), strides=0) == []


@check
def zero_spatial_dims_is_dense():
    rng = np.random.default_rng(1)
    x = rng.integers(-3, 4, (2, 3)).astype(np.float64)
    w = rng.integers(-3, 4, (3, 4)).astype(np.float64)
    expect(x, w, x @ w, want_dtype='float64', features=4, kernel_size=())
    expect(x, w.T, x @ w, want_dtype='float64', features=4, kernel_size=(),
           transpose_kernel=True, padding='CIRCULAR')


@check
def empty_kernel_gives_bias_only():
    expect(np.ones((1, 3, 2), np.float32), np.ones((0, 2, 2), np.float32),
           np.broadcast_to([[5, 6]], (1, 6, 2)), features=2, kernel_size=0, strides=2,
           padding='SAME', bias=f32([5, 6]))


# --------------------------------------------------------------------------
# random cross-checks

def dilate_and_pad(x, strides, pads):
    """§6.1 X~: dilate every spatial axis by s, then zero-pad by (lo, hi);
    negative pads crop (StableHLO pad)."""
    for axis, (s, (lo, hi)) in enumerate(zip(strides, pads), start=1):
        h = x.shape[axis]
        dilated_len = (h - 1) * s + 1 if h else 0
        padded_len = dilated_len + lo + hi
        source = np.arange(padded_len) - lo          # position in the dilated axis
        keep = (source >= 0) & (source < dilated_len) & (source % s == 0)
        out = np.zeros(x.shape[:axis] + (padded_len,) + x.shape[axis + 1:])
        index = [slice(None)] * x.ndim
        index[axis] = keep
        out[tuple(index)] = np.take(x, source[keep] // s, axis=axis)
        x = out
    return x


def gather_reference(x, w, strides, dilation, pads, transpose_kernel):
    """§6.1 gather form: y[b,t,o] = sum_k sum_c X~[b, t + k*d, c] * W'[k, c, o]."""
    n = len(strides)
    if transpose_kernel:  # §6.2: W'[k, c, o] = W[K-1-k, o, c]
        w = np.swapaxes(np.flip(w, axis=tuple(range(n))), -1, -2)
    padded = dilate_and_pad(x, strides, pads)
    kernel = w.shape[:n]
    extents = [extent(k, d) for k, d in zip(kernel, dilation)]
    out = [max(0, p - e + 1) for p, e in zip(padded.shape[1:-1], extents)]
    y = np.zeros((x.shape[0], *out, w.shape[-1]))
    for k in np.ndindex(*kernel):
        window = tuple(slice(kk * d, kk * d + o) for kk, d, o in zip(k, dilation, out))
        y += padded[(slice(None), *window, slice(None))] @ w[k]
    return y


def random_case(rng, circular):
    """Random small 0-3-D attributes and integer-valued float64 data."""
    n = rng.choice([1, 2, 3]) if circular else rng.choice([0, 1, 1, 2, 2, 3])
    sizes = [rng.randint(1, 4) for _ in range(n)]
    kernel = [rng.choice([1, 2, 3, 9]) if circular else rng.randint(0, 3) for _ in range(n)]
    strides = [rng.randint(1, 3) for _ in range(n)]
    dilation = [rng.randint(1, 3) for _ in range(n)]
    channels, features = rng.randint(1, 3), rng.randint(1, 3)
    transpose_kernel = rng.random() < 0.5
    x = np.array([rng.randint(-3, 3) for _ in range(2 * np.prod(sizes, dtype=int) * channels)],
                 dtype=np.float64).reshape(2, *sizes, channels)
    w_shape = kernel + ([features, channels] if transpose_kernel else [channels, features])
    w = np.array([rng.randint(-3, 3) for _ in range(np.prod(w_shape, dtype=int))],
                 dtype=np.float64).reshape(w_shape)
    attrs = dict(features=features, kernel_size=tuple(kernel), strides=tuple(strides),
                 kernel_dilation=tuple(dilation), transpose_kernel=transpose_kernel)
    return x, w, attrs


@check
def scatter_matches_gather_form():
    rng = random.Random(1234)
    done = 0
    while done < 400:
        x, w, attrs = random_case(rng, circular=False)
        choices = ['SAME', 'VALID', [(rng.randint(-3, 4), rng.randint(-3, 4))
                                     for _ in attrs['strides']]]
        if all(s == 1 for s in attrs['strides']):
            choices += ['same', 'valid', 'same_lower']
        padding = rng.choice(choices)
        try:
            y, _ = ref.conv_transpose(x, w, padding=padding, **attrs)
        except ValueError:
            continue  # padded length < 0
        pads = ref.resolve_pads(padding, kernel_size=attrs['kernel_size'],
                                strides=attrs['strides'],
                                kernel_dilation=attrs['kernel_dilation'])
        want = gather_reference(x, w, attrs['strides'], attrs['kernel_dilation'], pads,
                                attrs['transpose_kernel'])
        assert np.array_equal(y, want), f'padding={padding} attrs={attrs}'
        done += 1


@check
def circular_fold_matches_closed_form():
    rng = random.Random(4321)
    for _ in range(300):
        x, w, attrs = random_case(rng, circular=True)
        y, _ = ref.conv_transpose(x, w, padding='CIRCULAR', **attrs)
        attrs.pop('features')
        want = ref.circular_closed_form(x, w, **attrs)
        assert np.array_equal(y, want), f'attrs={attrs}'


@check
def circular_kernel_much_larger_than_period():
    # e > 2T: kernel 9 on an input of size 1 (§7).
    x = f32([[2]]).reshape(1, 1, 1)
    w = np.arange(1, 10, dtype=np.float32).reshape(9, 1, 1)
    for transpose_kernel in (False, True):
        for strides in (1, 2):
            attrs = dict(kernel_size=9, strides=strides, transpose_kernel=transpose_kernel)
            y, _ = ref.conv_transpose(x, w, features=1, padding='CIRCULAR', **attrs)
            assert np.array_equal(y, ref.circular_closed_form(x, w, **attrs))
            assert y.sum() == 2 * 45



@check
def circular_empty_batch():
    # An empty batch folds to an empty result of the CIRCULAR shape.
    y, _ = ref.conv_transpose(np.ones((0, 3, 3, 3)), np.ones((5, 5, 3, 4)), features=4,
                              kernel_size=(5, 5), strides=(5, 5), padding='CIRCULAR')
    assert y.shape == (0, 15, 15, 4)


# --------------------------------------------------------------------------

def main():
    failed = 0
    for name, fn in CHECKS:
        try:
            fn()
        except Exception:  # report every kind of failure, keep going
            failed += 1
            print(f'FAIL {name}')
            traceback.print_exc()
    print(f'{len(CHECKS) - failed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
