//===- Passes.td - convt dialect transformation passes -----*- tablegen -*-===//

#ifndef CONVT_DIALECT_CONVT_TRANSFORMS_PASSES_TD
#define CONVT_DIALECT_CONVT_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvTNormalize : Pass<"convt-normalize"> {
  let summary = "Rewrite every convt.conv_transpose to its one explicit form";
  let description = [{
    Rewrites the attributes of each `convt.conv_transpose` to one explicit form
    without changing what it computes:
    - `kernel_size`, `strides` and `kernel_dilation` become full-length
      `array<i64: ...>`;
    - `padding` becomes explicit `[[lo, hi], ...]` pairs for every string
      whose pads do not depend on the input (all but `"CIRCULAR"`) and for the
      integer forms;
    - `precision` becomes a pair of canonical names (`"default"`, `"high"`,
      `"highest"`), and is dropped where it is absent.
    The same rewrite is the op's canonicalization pattern.
  }];
}

def ConvTCheckNestedModules
    : Pass<"convt-check-nested-modules", "::mlir::ModuleOp"> {
  let summary = "Reject convt ops in modules nested in the one a pipeline "
                "lowers";
  let description = [{
    The pipelines lower the module they run on, not the modules nested in it:
    upstream's one-shot bufferization skips those, so their functions would
    come out half lowered. As the pipelines' first pass, this pass fails with
    an error at each op of the `convt` dialect inside a nested module (or
    `gpu.module`, or any other symbol table), before anything is rewritten. A nested module is lowered by running the pipeline
    on it, as in
    `--pass-pipeline='builtin.module(builtin.module(convt-cpu-pipeline))'`.
  }];
}

#endif // CONVT_DIALECT_CONVT_TRANSFORMS_PASSES_TD
