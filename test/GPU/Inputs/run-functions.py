"""Runs each function without arguments of an MLIR file with convt-run and
prints `NAME: SHAPE [VALUES]` for its result, for FileCheck.

    run-functions.py FILE.mlir --convt-run PATH [--args "convt-run options"]
"""

import argparse
import re
import shlex
import subprocess
import tempfile
from pathlib import Path

import numpy as np


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('mlir', help='the MLIR file')
    parser.add_argument('--convt-run', required=True, help='the convt-run binary')
    parser.add_argument('--args', default='', help='more convt-run options')
    args = parser.parse_args()
    text = Path(args.mlir).read_text()
    names = re.findall(r'^func\.func @(\w+)\(\)', text, re.MULTILINE)
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            out = Path(tmp) / f'{name}.npy'
            proc = subprocess.run([args.convt_run, args.mlir, '-e', name, '--output',
                                   str(out), *shlex.split(args.args)],
                                  capture_output=True, text=True)
            if proc.returncode != 0:
                print(f'{name}: convt-run exited with {proc.returncode}: '
                      f'{proc.stderr.strip()}')
                continue
            y = np.load(out)
            values = ', '.join(f'{v:g}' for v in y.astype(np.float64).ravel())
            print(f'{name}: {y.shape} [{values}]')


if __name__ == '__main__':
    main()
