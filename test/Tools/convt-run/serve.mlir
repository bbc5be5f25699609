// --serve reads counts of calls from standard input, one per line, and
// answers each with the milliseconds of that many timed calls on one line,
// until the input ends; it follows --repeat's output when both are given.

// RUN: %python -c "import numpy as np; np.save('%t.x.npy', np.arange(4, dtype=np.float32))"
// RUN: printf '3\n1\n0\n' | convt-run %s -e double --input %t.x.npy --output %t.out.npy --serve | FileCheck %s
// CHECK: times_ms={{[0-9]+\.[0-9]+,[0-9]+\.[0-9]+,[0-9]+\.[0-9]+$}}
// CHECK-NEXT: times_ms={{[0-9]+\.[0-9]+$}}
// CHECK-NEXT: times_ms={{$}}
// CHECK-NOT: {{.}}
// RUN: %python -c "import numpy as np; print(np.load('%t.out.npy').tolist())" | FileCheck %s --check-prefix=OUT
// OUT: [0.0, 2.0, 4.0, 6.0]

// RUN: printf '2\n' | convt-run %s -e double --input %t.x.npy --output %t.out.npy --repeat 2 --serve | FileCheck %s --check-prefix=REPEAT
// REPEAT: median_ms=
// REPEAT-NEXT: min_ms=
// REPEAT-NEXT: times_ms={{[0-9]+\.[0-9]+,[0-9]+\.[0-9]+$}}

// RUN: printf '2\nmany\n' | not convt-run %s -e double --input %t.x.npy --output %t.out.npy --serve 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: times_ms={{[0-9]+\.[0-9]+,[0-9]+\.[0-9]+$}}
// BAD-NEXT: convt-run: error: --serve: expected a count of calls on each line, got 'many'

// Lines of any length: a count padded past 32 characters, and a long bad
// count, shown whole.
// RUN: printf '1%%40s\n%%040d\nmany-many-many-many-many-many-many-calls\n' "" 2 | not convt-run %s -e double --input %t.x.npy --output %t.out.npy --serve 2>&1 | FileCheck %s --check-prefix=LONG
// LONG: times_ms={{[0-9]+\.[0-9]+$}}
// LONG-NEXT: times_ms={{[0-9]+\.[0-9]+,[0-9]+\.[0-9]+$}}
// LONG-NEXT: convt-run: error: --serve: expected a count of calls on each line, got 'many-many-many-many-many-many-many-calls'

func.func @double(%x: tensor<4xf32>) -> tensor<4xf32> {
  %init = tensor.empty() : tensor<4xf32>
  %sum = linalg.add ins(%x, %x : tensor<4xf32>, tensor<4xf32>)
                    outs(%init : tensor<4xf32>) -> tensor<4xf32>
  return %sum : tensor<4xf32>
}
