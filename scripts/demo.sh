#!/usr/bin/env bash
# The main job on an example: builds convt, compiles examples/conv_transpose.mlir
# to LLVM IR, runs it with convt-run on random inputs and checks the result
# against the independent NumPy reference.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh convt-opt convt-run

example=examples/conv_transpose.mlir
out=build/example
mkdir -p "$out"

echo "== convt-opt --convt-cpu-pipeline | mlir-translate --mlir-to-llvmir"
build/bin/convt-opt "$example" --convt-cpu-pipeline |
  /usr/lib/llvm-22/bin/mlir-translate --mlir-to-llvmir >"$out/conv_transpose.ll"
echo "wrote $out/conv_transpose.ll ($(grep -c 'fmuladd' "$out/conv_transpose.ll") vector FMA sites)"

/usr/bin/python3 - "$out" <<'PY'
import sys
import numpy as np
out = sys.argv[1]
rng = np.random.default_rng(0)
np.save(f"{out}/x.npy", rng.standard_normal((1, 16, 16, 4), dtype=np.float32))
np.save(f"{out}/k.npy", rng.standard_normal((3, 3, 4, 8), dtype=np.float32))
np.save(f"{out}/b.npy", rng.standard_normal((8,), dtype=np.float32))
np.save(f"{out}/m.npy", (rng.random((3, 3, 4, 8)) < 0.7).astype(np.float32))
PY

echo "== convt-run $example -e main"
build/bin/convt-run "$example" -e main --input "$out/x.npy" --input "$out/k.npy" \
  --input "$out/b.npy" --input "$out/m.npy" --output "$out/y.npy" --repeat 10

/usr/bin/python3 - "$out" <<'PY'
import sys
sys.path.insert(0, "test/python")
import numpy as np
import convt_reference as ref
out = sys.argv[1]
x, k, b, m = (np.load(f"{out}/{n}.npy") for n in "xkbm")
y = np.load(f"{out}/y.npy")
want, _ = ref.conv_transpose(x, k, features=8, kernel_size=(3, 3), strides=(2, 2),
                             padding="SAME", bias=b, mask=m)
err = np.abs(y - want).max()
print(f"result {y.shape} {y.dtype}; max |convt - reference| = {err:.3g}")
sys.exit(0 if y.shape == want.shape and err < 1e-4 else 1)
PY
