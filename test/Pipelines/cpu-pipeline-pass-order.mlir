// The CPU pipeline canonicalizes the loops of the kernels once, between
// convert-linalg-to-loops and the conversions to LLVM, at any thread count:
// the kernels' constant index arithmetic then folds before those conversions
// copy it (without it, a 3-D op with dynamic sizes took twice the IR and
// about 1 s to compile on one thread). With threads, the same sweep inlines
// the alloca scopes of the OpenMP bodies before their regions merge.
// RUN: convt-opt %s --convt-cpu-pipeline="threads=1" --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=ONE
// RUN: convt-opt %s --convt-cpu-pipeline="threads=2" --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=TWO

// ONE: convert-linalg-to-loops
// ONE-NOT: lower-affine
// ONE: canonicalize
// ONE-NOT: convt-merge-omp-parallel
// ONE: lower-affine

// TWO: convert-linalg-to-loops
// TWO-NOT: lower-affine
// TWO: convert-scf-to-openmp
// TWO-NOT: lower-affine
// TWO: canonicalize
// TWO-NOT: lower-affine
// TWO: convt-merge-omp-parallel
// TWO: lower-affine
func.func @empty() {
  return
}
