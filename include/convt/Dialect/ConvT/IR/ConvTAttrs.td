//===- ConvTAttrs.td - convt initializer attributes --------*- tablegen -*-===//
//
// Attributes for the `kernel_init` and `bias_init` of `convt.conv_transpose`:
// one attribute per `jax.nn.initializers` constructor, with the constructor's
// keyword arguments as parameters and JAX's defaults as default values.
//
//===----------------------------------------------------------------------===//

#ifndef CONVT_DIALECT_CONVT_IR_CONVTATTRS_TD
#define CONVT_DIALECT_CONVT_IR_CONVTATTRS_TD

include "convt/Dialect/ConvT/IR/ConvTDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"

def ConvT_InitializerAttrInterface : AttrInterface<"InitializerAttrInterface"> {
  let cppNamespace = "::convt";
  let description = [{
    An initializer of a `flax.linen.ConvTranspose` parameter. It lets the op
    verifier check the initializer against the shape of the parameter it
    initializes, as JAX would fail when it runs the initializer.
  }];
  let methods = [
    InterfaceMethod<[{
        Checks that the initializer can initialize a parameter of `shape`.
      }], "::llvm::LogicalResult", "verifyForShape",
      (ins "::llvm::function_ref<::mlir::InFlightDiagnostic()>":$emitError,
           "::llvm::ArrayRef<int64_t>":$shape),
      /*methodBody=*/"", /*defaultImplementation=*/"return ::mlir::success();">
  ];
}

class ConvT_F64Parameter<string desc, string default = "">
    : APFloatParameter<desc> {
  let parser = "::convt::parseF64Parameter($_parser)";
  let printer = "::convt::printF64Parameter($_printer, $_self)";
  let defaultValue = !if(!empty(default), "",
                         "::llvm::APFloat(" # default # ")");
}

// An axis argument of variance_scaling: an integer or a list of integers.
class ConvT_AxesParameter<string default>
    : AttrOrTypeParameter<"::mlir::DenseI64ArrayAttr", "axes"> {
  let parser = "::convt::parseAxesParameter($_parser)";
  let printer = "::convt::printAxesParameter($_printer, $_self)";
  let defaultValue = "::mlir::DenseI64ArrayAttr::get($_ctxt, " # default # ")";
}

class ConvT_InitAttr<string name, string attrMnemonic,
                     list<Trait> traits = [ConvT_InitializerAttrInterface]>
    : AttrDef<ConvT_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

// Initializers with fan axes, which must exist in the parameter's shape.
class ConvT_FanAxesInitAttr<string name, string attrMnemonic>
    : ConvT_InitAttr<name, attrMnemonic, [DeclareAttrInterfaceMethods<
                                             ConvT_InitializerAttrInterface,
                                             ["verifyForShape"]>]> {
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::verifyForShape(
        ::llvm::function_ref<::mlir::InFlightDiagnostic()> emitError,
        ::llvm::ArrayRef<int64_t> shape) const {
      return verifyFanAxes(emitError, shape, getInAxis(), getOutAxis(),
                           getBatchAxis());
    }
  }];
}

def ConvT_ZerosInitAttr : ConvT_InitAttr<"ZerosInit", "zeros"> {
  let summary = "`jax.nn.initializers.zeros` (Flax's default `bias_init`)";
}

def ConvT_OnesInitAttr : ConvT_InitAttr<"OnesInit", "ones"> {
  let summary = "`jax.nn.initializers.ones`";
}

def ConvT_ConstantInitAttr : ConvT_InitAttr<"ConstantInit", "constant"> {
  let summary = "`jax.nn.initializers.constant(value)`";
  let parameters = (ins ConvT_F64Parameter<"the constant">:$value);
  let assemblyFormat = "`<` $value `>`";
}

def ConvT_NormalInitAttr : ConvT_InitAttr<"NormalInit", "normal"> {
  let summary = "`jax.nn.initializers.normal(stddev=1e-2)`";
  let parameters = (ins ConvT_F64Parameter<"standard deviation", "1e-2">:$stddev);
  let assemblyFormat = "(`<` struct(params)^ `>`)?";
}

def ConvT_UniformInitAttr : ConvT_InitAttr<"UniformInit", "uniform"> {
  let summary = "`jax.nn.initializers.uniform(scale=1e-2)`: values in [0, scale)";
  let parameters = (ins ConvT_F64Parameter<"upper bound", "1e-2">:$scale);
  let assemblyFormat = "(`<` struct(params)^ `>`)?";
}

def ConvT_TruncatedNormalInitAttr
    : ConvT_InitAttr<"TruncatedNormalInit", "truncated_normal"> {
  let summary = "`jax.nn.initializers.truncated_normal(stddev, lower, upper)`";
  let parameters = (ins
    ConvT_F64Parameter<"standard deviation", "1e-2">:$stddev,
    ConvT_F64Parameter<"lower bound in standard deviations", "-2.0">:$lower,
    ConvT_F64Parameter<"upper bound in standard deviations", "2.0">:$upper);
  let assemblyFormat = "(`<` struct(params)^ `>`)?";
  let genVerifyDecl = 1;
}

def ConvT_VarianceScalingInitAttr
    : ConvT_FanAxesInitAttr<"VarianceScalingInit", "variance_scaling"> {
  let summary = "`jax.nn.initializers.variance_scaling`";
  let description = [{
    `#convt.variance_scaling<scale = 2.0, mode = "fan_out",
    distribution = "uniform", in_axis = -2, out_axis = [-1], batch_axis = []>`

    `mode` is one of `fan_in`, `fan_out`, `fan_avg`, `fan_geo_avg`;
    `distribution` one of `truncated_normal`, `normal`, `uniform`. The axes
    default to JAX's (`in_axis = -2`, `out_axis = -1`, no batch axis) and must
    be axes of the parameter they initialize (as in JAX, an axis may be named
    more than once).
  }];
  let parameters = (ins
    ConvT_F64Parameter<"scale factor">:$scale,
    StringRefParameter<"fan mode">:$mode,
    StringRefParameter<"distribution">:$distribution,
    ConvT_AxesParameter<"{-2}">:$in_axis,
    ConvT_AxesParameter<"{-1}">:$out_axis,
    ConvT_AxesParameter<"{}">:$batch_axis);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

// The lecun/glorot/he families: variance_scaling with a fixed scale, mode and
// distribution; only the axes are arguments.
class ConvT_VarianceScalingFamilyAttr<string name, string attrMnemonic,
                                      string scale, string mode,
                                      string distribution>
    : ConvT_FanAxesInitAttr<name, attrMnemonic> {
  let summary = "`jax.nn.initializers." # attrMnemonic # "`: variance_scaling("
                # scale # ", \"" # mode # "\", \"" # distribution # "\")";
  let parameters = (ins
    ConvT_AxesParameter<"{-2}">:$in_axis,
    ConvT_AxesParameter<"{-1}">:$out_axis,
    ConvT_AxesParameter<"{}">:$batch_axis);
  let assemblyFormat = "(`<` struct(params)^ `>`)?";
  let extraClassDeclaration = [{
    static constexpr double kScale = }] # scale # [{;
    static constexpr ::llvm::StringLiteral kMode = "}] # mode # [{";
    static constexpr ::llvm::StringLiteral kDistribution = "}] # distribution # [{";
  }];
}

def ConvT_LecunNormalInitAttr : ConvT_VarianceScalingFamilyAttr<
    "LecunNormalInit", "lecun_normal", "1.0", "fan_in", "truncated_normal">;
def ConvT_LecunUniformInitAttr : ConvT_VarianceScalingFamilyAttr<
    "LecunUniformInit", "lecun_uniform", "1.0", "fan_in", "uniform">;
def ConvT_GlorotNormalInitAttr : ConvT_VarianceScalingFamilyAttr<
    "GlorotNormalInit", "glorot_normal", "1.0", "fan_avg", "truncated_normal">;
def ConvT_GlorotUniformInitAttr : ConvT_VarianceScalingFamilyAttr<
    "GlorotUniformInit", "glorot_uniform", "1.0", "fan_avg", "uniform">;
def ConvT_HeNormalInitAttr : ConvT_VarianceScalingFamilyAttr<
    "HeNormalInit", "he_normal", "2.0", "fan_in", "truncated_normal">;
def ConvT_HeUniformInitAttr : ConvT_VarianceScalingFamilyAttr<
    "HeUniformInit", "he_uniform", "2.0", "fan_in", "uniform">;

#endif // CONVT_DIALECT_CONVT_IR_CONVTATTRS_TD
