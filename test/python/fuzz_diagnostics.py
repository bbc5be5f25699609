"""Fuzz test of convt-opt's handling of wrong input: no crash, located errors.

Case INDEX draws, from an RNG seeded with (seed, INDEX), either
- a generated `convt.conv_transpose`: every attribute in forms Flax accepts
  and in forms it rejects (bad sizes, ranks, paddings, precisions, element
  types, operand shapes), its result type the one the op infers where it gets
  that far; or
- a mutation of a case of the lit tests (split at `// -----`): numbers,
  strings, element types, dims and dense arrays replaced, attributes dropped;
and runs one of convt-opt's pipelines on it. A case fails when convt-opt
crashes (a signal, an assertion, a stack dump, LLVM ERROR), exits non-zero
without an error, or reports an error without the location in the input.
Whether the input is valid does not matter: valid ones must compile.

Inputs with `array<index: ...>` are skipped: MLIR 22's parser itself crashes
on them (mlir-opt-22 too), before convt sees the input.

Usage:  python3 test/python/fuzz_diagnostics.py --convt-opt PATH [--count N]
            [--seed S] [--only I] [--jobs J] [--keep DIR]

Ends with `N cases: C compiled, R rejected with a located error, F failed`
and exits non-zero if any failed; a failure prints the command that reruns
it (`--only INDEX`) and, with `--keep`, saves its input.
"""

import argparse
import concurrent.futures
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
PIPELINES = (
    ['--convt-cpu-pipeline'],
    ['--convt-cpu-pipeline=threads=2'],
    ['--convt-cpu-pipeline=strategy=dilate'],
    ['--convt-to-linalg'],
    ['--convt-normalize'],
    ['--convt-gpu-pipeline'],
    ['--convt-gpu-loops-on-cpu-pipeline'],
)
RUN_TIMEOUT_S = 120
CRASH_MARKS = ('Stack dump', 'Assertion', 'UNREACHABLE', 'LLVM ERROR')
PLACEHOLDER_TYPE = 'tensor<1x1x1x1xf32>'


def dense_array(rng, n, lo, hi):
    values = ', '.join(str(rng.randint(lo, hi)) for _ in range(n))
    return f'array<i64: {values}>' if n else 'array<i64>'


def sometimes(rng, p, usual, *unusual):
    """`usual` with probability 1 - p, else one of `unusual`."""
    return usual if rng.random() >= p else rng.choice(unusual)


def generate(rng, run_convt_opt):
    """A convt.conv_transpose with attributes drawn in valid and wrong forms."""
    rank = rng.choice((1, 2, 2, 3))
    batch = rng.choice((1, 2, '?'))
    spatial = [rng.choice((1, 2, 3, 5, 8, '?')) if rng.random() < 0.15
               else rng.randint(1, 9) for _ in range(rank)]
    if rng.random() < 0.05:
        spatial.pop()
    cin, cout = rng.randint(1, 9), rng.randint(1, 9)
    kernel = [rng.randint(1, 4) for _ in range(rank)]
    pairs = [f'[{rng.randint(-2, 3)}, {rng.randint(-2, 3)}]'
             for _ in range(rank)]

    attrs = [f'features = {sometimes(rng, 0.1, cout, 0, -1, cout + 1)}']
    attrs.append('kernel_size = ' + sometimes(
        rng, 0.15, 'array<i64: ' + ', '.join(map(str, kernel)) + '>',
        str(kernel[0]), dense_array(rng, rank + 1, 1, 3),
        dense_array(rng, rank, -1, 3), 'array<i64>'))
    if rng.random() < 0.6:
        attrs.append('strides = ' + sometimes(
            rng, 0.2, dense_array(rng, rank, 1, 3), str(rng.randint(0, 3)),
            dense_array(rng, rank, -1, 3), dense_array(rng, rank - 1, 1, 2)))
    if rng.random() < 0.6:
        attrs.append('padding = ' + rng.choice((
            '"SAME"', '"VALID"', '"CIRCULAR"', '"same_lower"', '"REFLECT"',
            str(rng.randint(-1, 3)), f'[{", ".join(pairs)}]',
            f'[{", ".join(pairs[:-1])}]', '[' + ', '.join(
                str(rng.randint(0, 2)) for _ in range(rank)) + ']',
            '[]', '[[1]]')))
    if rng.random() < 0.4:
        attrs.append('kernel_dilation = ' + rng.choice((
            dense_array(rng, rank, 1, 3), str(rng.randint(0, 3)),
            dense_array(rng, rank, 0, 2))))
    if rng.random() < 0.3:
        attrs.append('precision = ' + rng.choice((
            '"highest"', '"default"', '"tensorfloat32"', '"bogus"',
            '["highest", "default"]', '["highest"]')))
    if rng.random() < 0.3:
        attrs.append('transpose_kernel = ' + rng.choice(('true', 'false', '1')))
    use_bias = rng.random() < 0.5
    attrs.append(f'use_bias = {str(use_bias).lower()}')
    for name in ('dtype', 'param_dtype'):
        if rng.random() < 0.2:
            attrs.append(f'{name} = ' + rng.choice(('f32', 'f16', 'bf16', 'i8')))

    elem = rng.choice(('f32', 'f32', 'f32', 'f16', 'bf16', 'f64', 'i32'))
    param = sometimes(rng, 0.15, elem, 'f32', 'bf16')
    kernel_shape = kernel + [cin, cout]
    if rng.random() < 0.15:
        kernel_shape = kernel_shape[rng.random() < 0.3:]
        kernel_shape[-1] += rng.random() < 0.5

    def tensor(shape, elem_type):
        return 'tensor<' + ''.join(f'{d}x' for d in shape) + elem_type + '>'

    args = {'x': tensor([batch] + spatial + [cin], elem),
            'k': tensor(kernel_shape, param)}
    operands = '%x, %k'
    if use_bias:
        args['b'] = tensor([sometimes(rng, 0.1, cout, cout + 1)], param)
        operands += ' bias %b'
    if rng.random() < 0.15:
        args['m'] = tensor(sometimes(rng, 0.2, kernel_shape, kernel), param)
        operands += ' mask %m'
    text = (f'func.func @main({", ".join(f"%{n}: {t}" for n, t in args.items())}'
            f') -> RESULT {{\n'
            f'  %y = convt.conv_transpose {operands} {{{", ".join(attrs)}}} : '
            f'({", ".join(args.values())}) -> RESULT\n'
            f'  return %y : RESULT\n}}\n')
    # The result type the op infers, where it gets that far (mostly).
    inferred = re.search(r"inferred type\(s\) '([^']*)'",
                         run_convt_opt(text.replace('RESULT', PLACEHOLDER_TYPE),
                                       []).stderr)
    result = sometimes(rng, 0.1, inferred[1] if inferred else PLACEHOLDER_TYPE,
                       PLACEHOLDER_TYPE)
    return text.replace('RESULT', result)


def lit_cases():
    cases = []
    for path in sorted((REPO_ROOT / 'test').rglob('*.mlir')):
        for case in path.read_text().split('// -----'):
            case = '\n'.join(line for line in case.splitlines()
                             if not line.lstrip().startswith('//'))
            if 'func.func' in case:
                cases.append(case)
    return cases


def mutate(rng, text):
    """`text` with one to three random edits."""
    edits = (
        (r'(?<![\w%#@])-?\d+(?![\w.])',
         ('0', '-1', '1', '2', '3', '7', '16', '-5', '100000', '65',
          '9223372036854775807', '-9223372036854775808', '4294967296')),
        (r'"[^"\n]*"',
         ('"SAME"', '"VALID"', '"CIRCULAR"', '"same"', '""', '"SAME_LOWER"',
          '"REFLECT"', '"highest"', '"f32"', '"bf16"', '"zeros"')),
        (r'\b(f32|f16|bf16|f64|i32|i64)\b',
         ('f32', 'f16', 'bf16', 'f64', 'i32', 'i8', 'f8E4M3FN', 'index',
          'complex<f32>', 'i1')),
        (r'\w+ = [^,}]+,? ?', ('',)),
        (r'(\d+)x', ('?x', '0x', '1x', '3x', '17x', '')),
        (r'array<i64(: [^>]*)?>',
         ('array<i64>', 'array<i64: 1>', 'array<i64: 0, 0>',
          'array<i64: -2, 2>', 'array<i64: 1, 2, 3>', 'array<i32: 2, 2>',
          '[2, 2]', '2', '[[1, 1], [1, 1]]', '[[0, -1], [1, 1]]', '[]')),
    )
    for _ in range(rng.randint(1, 3)):
        pattern, replacements = rng.choice(edits)
        matches = list(re.finditer(pattern, text))
        if matches:
            m = rng.choice(matches)
            text = text[:m.start()] + rng.choice(replacements) + text[m.end():]
    return text


def check(index, args, cases):
    """Runs case `index`: (outcome, pipeline, input text, reason)."""
    rng = random.Random(f'{args.seed}-{index}')
    with tempfile.TemporaryDirectory(prefix='convt-fuzz-') as tmp:
        path = Path(tmp) / f'case{index}.mlir'

        def run_convt_opt(text, pipeline):
            path.write_text(text)
            return subprocess.run(
                [args.convt_opt, str(path), *pipeline, '-o', '/dev/null'],
                capture_output=True, text=True, timeout=RUN_TIMEOUT_S)

        text = (generate(rng, run_convt_opt) if rng.random() < 0.5
                else mutate(rng, rng.choice(cases)))
        pipeline = rng.choice(PIPELINES)
        if 'array<index' in text:
            return 'skipped', pipeline, text, ''
        try:
            result = run_convt_opt(text, pipeline)
        except subprocess.TimeoutExpired:
            return 'failed', pipeline, text, f'no answer in {RUN_TIMEOUT_S} s'
    err = result.stderr
    if result.returncode < 0 or result.returncode >= 128 or any(
            mark in err for mark in CRASH_MARKS):
        lines = [line for line in err.splitlines() if line.strip()]
        return 'failed', pipeline, text, 'crash: ' + ' / '.join(lines[:3])
    if result.returncode == 0:
        return 'compiled', pipeline, text, ''
    errors = [line for line in err.splitlines() if 'error:' in line]
    if not errors:
        return 'failed', pipeline, text, 'exit status ' + \
            f'{result.returncode} without an error: {err[:300]!r}'
    if not any(line.startswith(str(path)) for line in errors):
        return 'failed', pipeline, text, 'no location: ' + errors[0]
    return 'rejected', pipeline, text, ''


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--convt-opt', required=True)
    parser.add_argument('--count', type=int, default=500)
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--only', type=int, help='run case INDEX alone')
    parser.add_argument('--jobs', type=int, default=1)
    parser.add_argument('--keep', type=Path,
                        help='save the inputs of failed cases here')
    args = parser.parse_args()
    cases = lit_cases()
    indices = [args.only] if args.only is not None else range(args.count)
    counts = {'compiled': 0, 'rejected': 0, 'skipped': 0, 'failed': 0}
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for index, (outcome, pipeline, text, reason) in zip(
                indices, pool.map(lambda i: check(i, args, cases), indices)):
            counts[outcome] += 1
            if outcome != 'failed':
                continue
            print(f'FAILED case {index} ({" ".join(pipeline)}): {reason}')
            print(f'  rerun: {sys.argv[0]} --convt-opt {args.convt_opt} '
                  f'--seed {args.seed} --only {index} --keep DIR')
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                saved = args.keep / f'case{index}.mlir'
                saved.write_text(f'// convt-opt {" ".join(pipeline)}\n{text}')
                print(f'  input: {saved}')
    print(f'{len(indices)} cases: {counts["compiled"]} compiled, '
          f'{counts["rejected"]} rejected with a located error, '
          f'{counts["skipped"]} skipped, {counts["failed"]} failed')
    return 1 if counts['failed'] else 0


if __name__ == '__main__':
    sys.exit(main())
