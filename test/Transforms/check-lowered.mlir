// convt-check-lowered fails at each outermost op outside the given dialects
// (llvm by default), with a note for each of its types that the LLVM lowering
// cannot convert; the ops inside a reported op are not reported again.
// RUN: convt-opt %s --split-input-file --verify-diagnostics --convt-check-lowered
// expected-error @below {{'func.func' op was not lowered: no conversion of the pipeline takes it to llvm ops}}
func.func @scalars(%a: f32) -> f32 {
  %b = arith.addf %a, %a : f32
  return %b : f32
}

llvm.func @lowered(%a: f32) -> f32 {
  llvm.return %a : f32
}

// -----

// expected-error @below {{'func.func' op was not lowered}}
// expected-note @below {{type 'tuple<tensor<4xf32>>' has no LLVM form}}
func.func private @external(tuple<tensor<4xf32>>) -> f32

// -----

// A nested module passes; the ops in it are checked.
module @lowered {
  llvm.func @lowered()
}
module @inner {
  // expected-error @below {{'func.func' op was not lowered}}
  func.func private @unlowered()
}

// -----

// The casts around an unlowered op are not reported with it.
llvm.func @around(%a: i64) -> i64 {
  %0 = builtin.unrealized_conversion_cast %a : i64 to index
  // expected-error @below {{'arith.addi' op was not lowered}}
  %1 = arith.addi %0, %0 : index
  %2 = builtin.unrealized_conversion_cast %1 : index to i64
  llvm.return %2 : i64
}

// -----

// Casts alone are.
llvm.func @cast_only(%a: i64) -> i64 {
  // expected-error @below {{'builtin.unrealized_conversion_cast' op was not lowered}}
  %0 = builtin.unrealized_conversion_cast %a : i64 to index
  // expected-error @below {{'builtin.unrealized_conversion_cast' op was not lowered}}
  %1 = builtin.unrealized_conversion_cast %0 : index to i64
  llvm.return %1 : i64
}
