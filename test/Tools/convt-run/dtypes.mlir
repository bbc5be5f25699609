// Every supported element type travels through .npy files: x + y per type.

// RUN: %python -c "import numpy as np; np.save('%t.f16.npy', np.array([1.5, -2.25, 65504], np.float16))"
// RUN: convt-run %s -e add_f16 --input %t.f16.npy --input %t.f16.npy --output %t.f16.out.npy
// RUN: %python -c "import numpy as np; r = np.load('%t.f16.out.npy'); print(r.dtype, r.tolist())" | FileCheck %s --check-prefix=F16
// F16: float16 [3.0, -4.5, inf]

// bf16 is read from float32 rounded to nearest, ties to even, and written as
// float32: 1 + 2^-8 ties down to 1, 1 + 3 * 2^-8 ties up to 1 + 2^-6,
// 1 + 2^-8 + 2^-20 rounds up to 1 + 2^-7, and a NaN whose payload is in the
// dropped bits stays a NaN.
// RUN: %python -c "import numpy as np; nan = np.array([0x7f800001], np.uint32).view(np.float32)[0]; np.save('%t.bf16.npy', np.array([1.00390625, 1.01171875, 1.0039072036743164, -3.0, np.inf, nan], np.float32))"
// RUN: convt-run %s -e add_bf16 --input %t.bf16.npy --input %t.bf16.npy --output %t.bf16.out.npy
// RUN: %python -c "import numpy as np; r = np.load('%t.bf16.out.npy'); print(r.dtype, r.tolist())" | FileCheck %s --check-prefix=BF16
// BF16: float32 [2.0, 2.03125, 2.015625, -6.0, inf, nan]

// RUN: %python -c "import numpy as np; np.save('%t.f64.npy', np.array([0.1, 1e300], np.float64))"
// RUN: convt-run %s -e add_f64 --input %t.f64.npy --input %t.f64.npy --output %t.f64.out.npy
// RUN: %python -c "import numpy as np; r = np.load('%t.f64.out.npy'); print(r.dtype, r.tolist())" | FileCheck %s --check-prefix=F64
// F64: float64 [0.2, 2e+300]

// linalg.add on i1 is a logical or.
// RUN: %python -c "import numpy as np; np.save('%t.x.i1.npy', np.array([True, True, False])); np.save('%t.y.i1.npy', np.array([True, False, False]))"
// RUN: convt-run %s -e add_i1 --input %t.x.i1.npy --input %t.y.i1.npy --output %t.i1.out.npy
// RUN: %python -c "import numpy as np; r = np.load('%t.i1.out.npy'); print(r.dtype, r.tolist())" | FileCheck %s --check-prefix=I1
// I1: bool [True, True, False]

// Signless integers take signed and, bit for bit, unsigned arrays; they wrap
// around.
// RUN: %python -c "import numpy as np; np.save('%t.x.i8.npy', np.array([100, -128, 5], np.int8)); np.save('%t.y.u8.npy', np.array([200, 255, 1], np.uint8))"
// RUN: convt-run %s -e add_i8 --input %t.x.i8.npy --input %t.y.u8.npy --output %t.i8.out.npy
// RUN: %python -c "import numpy as np; r = np.load('%t.i8.out.npy'); print(r.dtype, r.tolist())" | FileCheck %s --check-prefix=I8
// I8: int8 [44, 127, 6]

// RUN: %python -c "import numpy as np; np.save('%t.x.i16.npy', np.array([30000, -5], np.int16)); np.save('%t.y.i16.npy', np.array([30000, 2], np.int16))"
// RUN: convt-run %s -e add_i16 --input %t.x.i16.npy --input %t.y.i16.npy --output %t.i16.out.npy
// RUN: %python -c "import numpy as np; r = np.load('%t.i16.out.npy'); print(r.dtype, r.tolist())" | FileCheck %s --check-prefix=I16
// I16: int16 [-5536, -3]

// RUN: %python -c "import numpy as np; np.save('%t.x.i32.npy', np.array([2**31 - 1, 7], np.int32)); np.save('%t.y.u32.npy', np.array([1, 2**32 - 10], np.uint32))"
// RUN: convt-run %s -e add_i32 --input %t.x.i32.npy --input %t.y.u32.npy --output %t.i32.out.npy
// RUN: %python -c "import numpy as np; r = np.load('%t.i32.out.npy'); print(r.dtype, r.tolist())" | FileCheck %s --check-prefix=I32
// I32: int32 [-2147483648, -3]

// RUN: %python -c "import numpy as np; np.save('%t.x.i64.npy', np.array([2**62, -1], np.int64)); np.save('%t.y.i64.npy', np.array([2**62, 1], np.int64))"
// RUN: convt-run %s -e add_i64 --input %t.x.i64.npy --input %t.y.i64.npy --output %t.i64.out.npy
// RUN: %python -c "import numpy as np; r = np.load('%t.i64.out.npy'); print(r.dtype, r.tolist())" | FileCheck %s --check-prefix=I64
// I64: int64 [-9223372036854775808, 0]

func.func @add_f16(%x: tensor<3xf16>, %y: tensor<3xf16>) -> tensor<3xf16> {
  %init = tensor.empty() : tensor<3xf16>
  %sum = linalg.add ins(%x, %y : tensor<3xf16>, tensor<3xf16>)
                    outs(%init : tensor<3xf16>) -> tensor<3xf16>
  return %sum : tensor<3xf16>
}

// Adds in f32 as the convt lowering does for bf16.
#map = affine_map<(d0) -> (d0)>
func.func @add_bf16(%x: tensor<6xbf16>, %y: tensor<6xbf16>) -> tensor<6xbf16> {
  %init = tensor.empty() : tensor<6xbf16>
  %sum = linalg.generic {indexing_maps = [#map, #map, #map],
                         iterator_types = ["parallel"]}
      ins(%x, %y : tensor<6xbf16>, tensor<6xbf16>) outs(%init : tensor<6xbf16>) {
  ^bb0(%a: bf16, %b: bf16, %out: bf16):
    %a32 = arith.extf %a : bf16 to f32
    %b32 = arith.extf %b : bf16 to f32
    %s = arith.addf %a32, %b32 : f32
    %s16 = arith.truncf %s : f32 to bf16
    linalg.yield %s16 : bf16
  } -> tensor<6xbf16>
  return %sum : tensor<6xbf16>
}

func.func @add_f64(%x: tensor<2xf64>, %y: tensor<2xf64>) -> tensor<2xf64> {
  %init = tensor.empty() : tensor<2xf64>
  %sum = linalg.add ins(%x, %y : tensor<2xf64>, tensor<2xf64>)
                    outs(%init : tensor<2xf64>) -> tensor<2xf64>
  return %sum : tensor<2xf64>
}

func.func @add_i1(%x: tensor<3xi1>, %y: tensor<3xi1>) -> tensor<3xi1> {
  %init = tensor.empty() : tensor<3xi1>
  %sum = linalg.add ins(%x, %y : tensor<3xi1>, tensor<3xi1>)
                    outs(%init : tensor<3xi1>) -> tensor<3xi1>
  return %sum : tensor<3xi1>
}

func.func @add_i8(%x: tensor<3xi8>, %y: tensor<3xi8>) -> tensor<3xi8> {
  %init = tensor.empty() : tensor<3xi8>
  %sum = linalg.add ins(%x, %y : tensor<3xi8>, tensor<3xi8>)
                    outs(%init : tensor<3xi8>) -> tensor<3xi8>
  return %sum : tensor<3xi8>
}

func.func @add_i16(%x: tensor<2xi16>, %y: tensor<2xi16>) -> tensor<2xi16> {
  %init = tensor.empty() : tensor<2xi16>
  %sum = linalg.add ins(%x, %y : tensor<2xi16>, tensor<2xi16>)
                    outs(%init : tensor<2xi16>) -> tensor<2xi16>
  return %sum : tensor<2xi16>
}

func.func @add_i32(%x: tensor<2xi32>, %y: tensor<2xi32>) -> tensor<2xi32> {
  %init = tensor.empty() : tensor<2xi32>
  %sum = linalg.add ins(%x, %y : tensor<2xi32>, tensor<2xi32>)
                    outs(%init : tensor<2xi32>) -> tensor<2xi32>
  return %sum : tensor<2xi32>
}

func.func @add_i64(%x: tensor<2xi64>, %y: tensor<2xi64>) -> tensor<2xi64> {
  %init = tensor.empty() : tensor<2xi64>
  %sum = linalg.add ins(%x, %y : tensor<2xi64>, tensor<2xi64>)
                    outs(%init : tensor<2xi64>) -> tensor<2xi64>
  return %sum : tensor<2xi64>
}
