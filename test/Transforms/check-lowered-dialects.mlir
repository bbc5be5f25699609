// With `dialects`, convt-check-lowered accepts the ops of those dialects and
// reports the outermost of the others: here the arith op in a func.func.
// RUN: not convt-opt %s --convt-check-lowered='dialects=llvm,func' 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not=error:

func.func @scalars(%a: f32) -> f32 {
  // CHECK: :[[# @LINE + 1]]:8: error: 'arith.addf' op was not lowered: no conversion of the pipeline takes it to llvm or func ops
  %b = arith.addf %a, %a : f32
  return %b : f32
}

llvm.func @lowered(%a: f32) -> f32 {
  llvm.return %a : f32
}
