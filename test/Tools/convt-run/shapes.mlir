// Memref descriptors of any rank, dynamic dimensions taken from the files and
// results whose shape is only known at run time.

// RUN: %python -c "import numpy as np; np.save('%t.scalar.npy', np.array(2.5, np.float32))"
// RUN: convt-run %s -e scalar --input %t.scalar.npy --input %t.scalar.npy --output %t.scalar.out.npy
// RUN: %python -c "import numpy as np; r = np.load('%t.scalar.out.npy'); print(r.shape, r.tolist())" | FileCheck %s --check-prefix=SCALAR
// SCALAR: () 5.0

// RUN: %python -c "import numpy as np; np.save('%t.rank4.npy', np.arange(24, dtype=np.float32).reshape(2, 3, 1, 4))"
// RUN: convt-run %s -e rank4 --input %t.rank4.npy --input %t.rank4.npy --output %t.rank4.out.npy
// RUN: %python -c "import numpy as np; x = np.load('%t.rank4.npy'); r = np.load('%t.rank4.out.npy'); print(r.shape, np.array_equal(r, x + x))" | FileCheck %s --check-prefix=RANK4
// RANK4: (2, 3, 1, 4) True

// The ? dimensions take the sizes of the file, the static one must match.
// RUN: %python -c "import numpy as np; np.save('%t.x23.npy', np.arange(6, dtype=np.float32).reshape(2, 3)); np.save('%t.x53.npy', np.arange(15, dtype=np.float32).reshape(5, 3)); np.save('%t.x03.npy', np.zeros((0, 3), np.float32))"
// RUN: convt-run %s -e transpose --input %t.x23.npy --output %t.t23.npy
// RUN: %python -c "import numpy as np; r = np.load('%t.t23.npy'); print(r.shape, r.tolist())" | FileCheck %s --check-prefix=T23
// T23: (3, 2) {{\[\[}}0.0, 3.0], [1.0, 4.0], [2.0, 5.0]]
// RUN: convt-run %s -e transpose --input %t.x53.npy --output %t.t53.npy
// RUN: %python -c "import numpy as np; x = np.load('%t.x53.npy'); r = np.load('%t.t53.npy'); print(r.shape, np.array_equal(r, x.T))" | FileCheck %s --check-prefix=T53
// T53: (3, 5) True
// RUN: convt-run %s -e transpose --input %t.x03.npy --output %t.t03.npy
// RUN: %python -c "import numpy as np; r = np.load('%t.t03.npy'); print(r.dtype, r.shape)" | FileCheck %s --check-prefix=T03
// T03: float32 (3, 0)

func.func @scalar(%x: tensor<f32>, %y: tensor<f32>) -> tensor<f32> {
  %init = tensor.empty() : tensor<f32>
  %sum = linalg.add ins(%x, %y : tensor<f32>, tensor<f32>)
                    outs(%init : tensor<f32>) -> tensor<f32>
  return %sum : tensor<f32>
}

func.func @rank4(%x: tensor<2x3x1x4xf32>, %y: tensor<2x3x1x4xf32>)
    -> tensor<2x3x1x4xf32> {
  %init = tensor.empty() : tensor<2x3x1x4xf32>
  %sum = linalg.add ins(%x, %y : tensor<2x3x1x4xf32>, tensor<2x3x1x4xf32>)
                    outs(%init : tensor<2x3x1x4xf32>) -> tensor<2x3x1x4xf32>
  return %sum : tensor<2x3x1x4xf32>
}

func.func @transpose(%x: tensor<?x3xf32>) -> tensor<3x?xf32> {
  %c0 = arith.constant 0 : index
  %rows = tensor.dim %x, %c0 : tensor<?x3xf32>
  %init = tensor.empty(%rows) : tensor<3x?xf32>
  %t = linalg.transpose ins(%x : tensor<?x3xf32>)
                        outs(%init : tensor<3x?xf32>) permutation = [1, 0]
  return %t : tensor<3x?xf32>
}
