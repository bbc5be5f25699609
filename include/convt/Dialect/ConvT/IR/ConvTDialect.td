//===- ConvTDialect.td - convt dialect definition ----------*- tablegen -*-===//

#ifndef CONVT_DIALECT_CONVT_IR_CONVTDIALECT_TD
#define CONVT_DIALECT_CONVT_IR_CONVTDIALECT_TD

include "mlir/IR/OpBase.td"

def ConvT_Dialect : Dialect {
  let name = "convt";
  let summary = "Transposed convolution with the exact semantics of Flax";
  let description = [{
    The `convt` dialect models `flax.linen.ConvTranspose` (and the
    `jax.lax.conv_transpose` call it makes) as one operation that carries every
    attribute of the layer in the forms Flax accepts, together with attributes
    describing the parameter initializers of `jax.nn.initializers`.

    Lowerings mark the ops they produce with discardable attributes where
    a later step needs to know what the `convt` op allowed:

    - `convt.allow_tf32` (unit): the `precision` of the transposed
      convolution this op computes allows TF32 products for f32 operands
      (both operand precisions at most HIGH, as XLA decides on GPUs); code
      generators for tensor cores may then round f32 operands to TF32.
  }];
  let discardableAttrs = (ins "::mlir::UnitAttr":$allow_tf32);
  let cppNamespace = "::convt";
  let useDefaultAttributePrinterParser = 1;
}

class ConvT_Op<string mnemonic, list<Trait> traits = []>
    : Op<ConvT_Dialect, mnemonic, traits>;

#endif // CONVT_DIALECT_CONVT_IR_CONVTDIALECT_TD
