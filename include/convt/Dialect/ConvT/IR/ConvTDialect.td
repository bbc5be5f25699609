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
  }];
  let cppNamespace = "::convt";
  let useDefaultAttributePrinterParser = 1;
}

class ConvT_Op<string mnemonic, list<Trait> traits = []>
    : Op<ConvT_Dialect, mnemonic, traits>;

#endif // CONVT_DIALECT_CONVT_IR_CONVTDIALECT_TD
