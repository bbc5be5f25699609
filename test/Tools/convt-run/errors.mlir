// Every user error is one line on stderr and exit code 1.

// RUN: %python -c "import numpy as np; x = np.zeros((2, 3), np.float32); np.save('%t.f32.npy', x); np.save('%t.f64.npy', x.astype(np.float64)); np.save('%t.shape.npy', x.T.copy()); np.save('%t.rank.npy', x.ravel()); np.save('%t.fortran.npy', x.T.copy().T)"
// RUN: %python -c "open('%t.garbage.npy', 'wb').write(b'not a numpy file'); open('%t.truncated.npy', 'wb').write(open('%t.f32.npy', 'rb').read()[:-4])"
// RUN: %python -c "h = str(dict(descr='<f4', fortran_order=False)).encode(); open('%t.noshape.npy', 'wb').write(b'\x93NUMPY\x01\x00' + bytes([len(h), 0]) + h)"

// RUN: not convt-run %s -e nope --input %t.f32.npy --input %t.f32.npy --output %t.out.npy 2>&1 | FileCheck %s --check-prefix=MISSING-FUNC
// MISSING-FUNC: convt-run: error: no function @nope in '{{.*}}errors.mlir'; it defines @add, @decl, @unsigned, @unranked, @encoded, @private_double, @two_results

// RUN: not convt-run %s -e decl --output %t.out.npy 2>&1 | FileCheck %s --check-prefix=DECL
// DECL: convt-run: error: @decl is only declared, it has no body

// RUN: not convt-run %s -e add --input %t.f32.npy --output %t.out.npy 2>&1 | FileCheck %s --check-prefix=COUNT
// COUNT: convt-run: error: @add takes 2 arguments, one --input file each, but got 1

// RUN: not convt-run %s -e add --input %t.f32.npy --input %t.f64.npy --output %t.out.npy 2>&1 | FileCheck %s --check-prefix=DTYPE
// DTYPE: convt-run: error: argument #1 of @add is tensor<2x3xf32> (dtype '<f4'), but '{{.*}}f64.npy' has dtype '<f8' and shape (2, 3)

// RUN: not convt-run %s -e add --input %t.shape.npy --input %t.f32.npy --output %t.out.npy 2>&1 | FileCheck %s --check-prefix=SHAPE
// SHAPE: convt-run: error: argument #0 of @add is tensor<2x3xf32> (dtype '<f4'), but '{{.*}}shape.npy' has dtype '<f4' and shape (3, 2)

// RUN: not convt-run %s -e add --input %t.f32.npy --input %t.rank.npy --output %t.out.npy 2>&1 | FileCheck %s --check-prefix=RANK
// RANK: convt-run: error: argument #1 of @add is tensor<2x3xf32> (dtype '<f4'), but '{{.*}}rank.npy' has dtype '<f4' and shape (6,)

// RUN: not convt-run %s -e add --input %t.f32.npy --input %t.missing.npy --output %t.out.npy 2>&1 | FileCheck %s --check-prefix=NO-FILE
// NO-FILE: convt-run: error: cannot read '{{.*}}missing.npy': {{[Nn]}}o such file or directory

// RUN: not convt-run %s -e add --input %t.garbage.npy --input %t.f32.npy --output %t.out.npy 2>&1 | FileCheck %s --check-prefix=GARBAGE
// GARBAGE: convt-run: error: '{{.*}}garbage.npy' is not a valid .npy file: it does not start with \x93NUMPY

// RUN: not convt-run %s -e add --input %t.truncated.npy --input %t.f32.npy --output %t.out.npy 2>&1 | FileCheck %s --check-prefix=TRUNCATED
// TRUNCATED: convt-run: error: '{{.*}}truncated.npy' is not a valid .npy file: shape (2, 3) of '<f4' needs 24 bytes of data, the file holds 20

// RUN: not convt-run %s -e add --input %t.noshape.npy --input %t.f32.npy --output %t.out.npy 2>&1 | FileCheck %s --check-prefix=NO-SHAPE
// NO-SHAPE: convt-run: error: '{{.*}}noshape.npy' is not a valid .npy file: its header has no 'shape' tuple

// RUN: %python -c "h = str(dict(descr='<f4', fortran_order=False, shape=(2, 3))).replace('2,', '2,,').encode(); open('%t.emptydim.npy', 'wb').write(b'\x93NUMPY\x01\x00' + bytes([len(h), 0]) + h)"
// RUN: not convt-run %s -e add --input %t.emptydim.npy --input %t.f32.npy --output %t.out.npy 2>&1 | FileCheck %s --check-prefix=EMPTY-DIM
// EMPTY-DIM: convt-run: error: '{{.*}}emptydim.npy' is not a valid .npy file: bad dimension '' in its shape

// RUN: not convt-run %s -e add --input %t.fortran.npy --input %t.f32.npy --output %t.out.npy 2>&1 | FileCheck %s --check-prefix=FORTRAN
// FORTRAN: convt-run: error: '{{.*}}fortran.npy' is in Fortran order; convt-run reads only C-order arrays

// RUN: not convt-run %s -e unsigned --input %t.f32.npy --output %t.out.npy 2>&1 | FileCheck %s --check-prefix=UNSIGNED
// UNSIGNED: convt-run: error: argument #0 of @unsigned has type tensor<4xui8>; convt-run supports ranked tensors without encoding of f16, bf16, f32, f64, i1, i8, i16, i32 and i64

// RUN: not convt-run %s -e unranked --input %t.f32.npy --output %t.out.npy 2>&1 | FileCheck %s --check-prefix=UNRANKED
// UNRANKED: convt-run: error: argument #0 of @unranked has type tensor<*xf32>; convt-run supports

// RUN: not convt-run %s -e encoded --input %t.f32.npy --output %t.out.npy 2>&1 | FileCheck %s --check-prefix=ENCODING
// ENCODING: convt-run: error: argument #0 of @encoded has type tensor<2x3xf32, "layout">; convt-run supports ranked tensors without encoding

// A private function runs too: -e names it to be called from outside.
// RUN: convt-run %s -e private_double --input %t.f32.npy --output %t.out.npy

// RUN: not convt-run %s -e two_results --input %t.f32.npy --output %t.out.npy 2>&1 | FileCheck %s --check-prefix=RESULTS
// RESULTS: convt-run: error: @two_results returns 2 values; convt-run needs exactly one

// RUN: not convt-run %s -e add --input %t.f32.npy --input %t.f32.npy 2>&1 | FileCheck %s --check-prefix=NO-OUTPUT
// NO-OUTPUT: convt-run: error: no --output file given

// RUN: not convt-run %s -e add --input %t.f32.npy --input %t.f32.npy --output %t.out.npy --repeat 0 2>&1 | FileCheck %s --check-prefix=REPEAT
// REPEAT: convt-run: error: --repeat needs N >= 1

// RUN: not convt-run %t.missing.mlir -e add 2>&1 | FileCheck %s --check-prefix=NO-MLIR
// NO-MLIR: convt-run: error: cannot open input file '{{.*}}missing.mlir': {{[Nn]}}o such file or directory

// RUN: echo "func.func @f(" > %t.bad.mlir
// RUN: not convt-run %t.bad.mlir -e f 2>&1 | FileCheck %s --check-prefix=PARSE
// PARSE: bad.mlir:{{[0-9]+}}:{{[0-9]+}}: error:
// PARSE: convt-run: error: cannot parse '{{.*}}bad.mlir'

func.func @add(%x: tensor<2x3xf32>, %y: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %init = tensor.empty() : tensor<2x3xf32>
  %sum = linalg.add ins(%x, %y : tensor<2x3xf32>, tensor<2x3xf32>)
                    outs(%init : tensor<2x3xf32>) -> tensor<2x3xf32>
  return %sum : tensor<2x3xf32>
}

func.func private @decl(tensor<2x3xf32>) -> tensor<2x3xf32>

func.func @unsigned(%x: tensor<4xui8>) -> tensor<4xui8> {
  return %x : tensor<4xui8>
}

func.func @unranked(%x: tensor<*xf32>) -> tensor<*xf32> {
  return %x : tensor<*xf32>
}

func.func @encoded(%x: tensor<2x3xf32, "layout">) -> tensor<2x3xf32, "layout"> {
  return %x : tensor<2x3xf32, "layout">
}

func.func private @private_double(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %init = tensor.empty() : tensor<2x3xf32>
  %sum = linalg.add ins(%x, %x : tensor<2x3xf32>, tensor<2x3xf32>)
                    outs(%init : tensor<2x3xf32>) -> tensor<2x3xf32>
  return %sum : tensor<2x3xf32>
}

func.func @two_results(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  return %x, %x : tensor<2x3xf32>, tensor<2x3xf32>
}
