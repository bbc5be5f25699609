//===- ConvTOps.td - convt operations ----------------------*- tablegen -*-===//

#ifndef CONVT_DIALECT_CONVT_IR_CONVTOPS_TD
#define CONVT_DIALECT_CONVT_IR_CONVTOPS_TD

include "convt/Dialect/ConvT/IR/ConvTDialect.td"
include "convt/Dialect/ConvT/IR/ConvTAttrs.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def ConvT_InitializerAttr
    : Attr<CPred<"::llvm::isa<::convt::InitializerAttrInterface>($_self)">,
           "convt initializer attribute"> {
  let storageType = "::mlir::Attribute";
  let returnType = "::mlir::Attribute";
  let convertFromStorage = "$_self";
}

// A dense ranked tensor: the lowering has no meaning for an encoding (sparse
// or other) and would drop it.
def ConvT_DenseTensor : Type<
    And<[AnyRankedTensor.predicate,
         CPred<"!::llvm::cast<::mlir::RankedTensorType>($_self)"
               ".getEncoding()">]>,
    "ranked tensor without encoding", "::mlir::RankedTensorType">;

def ConvT_ConvTransposeOp : ConvT_Op<"conv_transpose", [
    Pure, AttrSizedOperandSegments,
    InferTypeOpAdaptorWithIsCompatible,
    DeclareOpInterfaceMethods<ReifyRankedShapedTypeOpInterface,
                              ["reifyResultShapes"]>]> {
  let summary = "flax.linen.ConvTranspose: a transposed convolution";
  let description = [{
    Computes what `flax.linen.ConvTranspose.__call__` computes for the given
    input, kernel and optional bias and mask, with every attribute of the Flax
    layer in the forms Flax accepts:

    ```mlir
    %y = convt.conv_transpose %x, %kernel bias %b mask %m {features = 8,
           kernel_size = array<i64: 3, 3>, strides = array<i64: 2, 2>,
           padding = "SAME"}
       : (tensor<1x16x16x4xf32>, tensor<3x3x4x8xf32>, tensor<8xf32>,
          tensor<3x3x4x8xf32>) -> tensor<1x32x32x8xf32>
    ```

    The input is `(*batch, *spatial, in_features)` with zero or more batch
    dims and `n = len(kernel_size)` (0 to 3) spatial dims. The kernel is
    `kernel_size + (in_features, features)`, or `kernel_size + (features,
    in_features)` with `transpose_kernel = true`; the mask has the kernel's
    shape and the bias is `(features)`.

    Attributes (Flax's names; absent means Flax's default):
    - `features`: the number of output channels.
    - `kernel_size`: `array<i64: ...>` or one integer (a 1-D convolution).
    - `strides`, `kernel_dilation`: absent (all 1), an integer (used for
      every spatial dim) or an array of `n` positive integers.
    - `padding`: absent (`"SAME"`), `"SAME"`, `"VALID"`, `"CIRCULAR"`, the
      forward-convolution strings `"same"`, `"same_lower"`, `"valid"` (any
      case, stride 1 only, as `lax` treats them), an integer `p` (`[p, p]` on
      every dim) or an array of `n` entries, each an integer `p` or a pair
      `[lo, hi]` (negative values crop). Explicit pads apply to the
      stride-dilated input, as in `lax.conv_transpose`.
    - `use_bias` (default true; must agree with the bias operand),
      `transpose_kernel` (default false).
    - `dtype`: the computation type (a float type); absent means JAX's type
      promotion of input, masked kernel and bias, with all-integer inputs
      computed in f32.
    - `param_dtype` (default f32): the type the initializers produce.
    - `preferred_element_type`: accumulation and result type of the
      convolution; not narrower than the computation type.
    - `precision`: one of `"default"`, `"fastest"`, `"bfloat16"`, `"high"`,
      `"bfloat16_3x"`, `"tensorfloat32"`, `"highest"`, `"float32"`, a
      `DotAlgorithmPreset` name (treated as `["default", "default"]`, as JAX
      does for convolutions), or a pair `["highest", "default"]`.
    - `kernel_init`, `bias_init`: `#convt` initializer attributes (defaults
      `#convt.lecun_normal` and `#convt.zeros`).

    The result type is inferred: `batch + output spatial + (features)` with
    the element type of spec §8; sizes follow from the input's, and are `?`
    where an input size is dynamic.
  }];

  let arguments = (ins
    ConvT_DenseTensor:$input,
    ConvT_DenseTensor:$kernel,
    Optional<ConvT_DenseTensor>:$bias,
    Optional<ConvT_DenseTensor>:$mask,
    I64Attr:$features,
    AnyAttr:$kernel_size,
    OptionalAttr<AnyAttr>:$strides,
    OptionalAttr<AnyAttr>:$padding,
    OptionalAttr<AnyAttr>:$kernel_dilation,
    OptionalAttr<BoolAttr>:$use_bias,
    OptionalAttr<TypeAttr>:$dtype,
    OptionalAttr<TypeAttr>:$param_dtype,
    OptionalAttr<TypeAttr>:$preferred_element_type,
    OptionalAttr<AnyAttr>:$precision,
    OptionalAttr<ConvT_InitializerAttr>:$kernel_init,
    OptionalAttr<ConvT_InitializerAttr>:$bias_init,
    OptionalAttr<BoolAttr>:$transpose_kernel
  );
  let results = (outs ConvT_DenseTensor:$result);

  let assemblyFormat = [{
    $input `,` $kernel (`bias` $bias^)? (`mask` $mask^)? attr-dict `:`
    functional-type(operands, results)
  }];

  let hasCanonicalizer = 1;
  // Reports what ConvTransposeConfig::resolve rejects as one op error, before
  // the (region-invariant) check of the inferred result type runs.
  let hasVerifier = 1;

  let extraClassDeclaration = [{
    /// Resolves the attributes and operand types into the explicit form that
    /// the lowering uses. The op must have passed verification.
    ConvTransposeConfig getConfig();
  }];
}

#endif // CONVT_DIALECT_CONVT_IR_CONVTOPS_TD
