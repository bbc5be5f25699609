//===- capi.c - Test of convt's C API -------------------------------------===//
//
// Drives convt as an embedding compiler would, through the C API alone:
// registration, parsing and verifying a convt op, the CPU pipeline built from
// options text (also malformed text), convt's passes in textual pipelines,
// and ops built with an inferred result type.
// capi.test checks the output.
//
//===----------------------------------------------------------------------===//

#include "convt-c/ConvT.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/IR.h"
#include "mlir-c/Pass.h"
#include "mlir-c/RegisterEverything.h"
#include "mlir-c/Support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *kModule =
    "func.func @main(%x: tensor<1x4x2xf32>, %k: tensor<3x2x3xf32>)\n"
    "    -> tensor<1x8x3xf32> {\n"
    "  %y = convt.conv_transpose %x, %k {features = 3, kernel_size = 3,\n"
    "         strides = 2, padding = \"SAME\", use_bias = false}\n"
    "      : (tensor<1x4x2xf32>, tensor<3x2x3xf32>) -> tensor<1x8x3xf32>\n"
    "  return %y : tensor<1x8x3xf32>\n"
    "}\n";

static MlirStringRef str(const char *text) {
  return mlirStringRefCreateFromCString(text);
}

static void fail(const char *what) {
  fprintf(stderr, "FAILED: %s\n", what);
  exit(1);
}

static void printToStderr(MlirStringRef text, void *userData) {
  (void)userData;
  fwrite(text.data, 1, text.length, stderr);
}

// Collects a message sent in pieces, to show that it reached the callback.
typedef struct {
  char text[1024];
  size_t length;
} Message;

static void appendToMessage(MlirStringRef piece, void *userData) {
  Message *message = (Message *)userData;
  size_t room = sizeof(message->text) - 1 - message->length;
  size_t length = piece.length < room ? piece.length : room;
  memcpy(message->text + message->length, piece.data, length);
  message->length += length;
  message->text[message->length] = '\0';
}

static MlirWalkResult countNonLLVMOps(MlirOperation op, void *userData) {
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  if (strncmp(name.data, "llvm.", 5) != 0 &&
      strncmp(name.data, "builtin.module", name.length) != 0)
    ++*(int *)userData;
  return MlirWalkResultAdvance;
}

// Prints the module's top-level symbols and how many ops are not in the LLVM
// dialect: the pipeline's output, without the details of its code.
static void summarize(MlirModule module) {
  MlirOperation op = mlirBlockGetFirstOperation(mlirModuleGetBody(module));
  for (; !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
    MlirStringRef symbol =
        mlirStringAttrGetValue(mlirOperationGetAttributeByName(
            op, mlirSymbolTableGetSymbolAttributeName()));
    fprintf(stderr, "%.*s @%.*s\n", (int)name.length, name.data,
            (int)symbol.length, symbol.data);
  }
  int count = 0;
  mlirOperationWalk(mlirModuleGetOperation(module), countNonLLVMOps, &count,
                    MlirWalkPreOrder);
  fprintf(stderr, "ops outside the llvm dialect: %d\n", count);
}

// The CPU pipeline appended from options text, run to the LLVM dialect.
static void testCPUPipeline(MlirContext ctx) {
  fprintf(stderr, "@cpu_pipeline\n");
  MlirModule module = mlirModuleCreateParse(ctx, str(kModule));
  if (mlirModuleIsNull(module))
    fail("parse");
  if (!mlirOperationVerify(mlirModuleGetOperation(module)))
    fail("verify");
  fprintf(stderr, "verified\n");

  MlirPassManager pm = mlirPassManagerCreate(ctx);
  MlirOpPassManager opm = mlirPassManagerGetAsOpPassManager(pm);
  if (mlirLogicalResultIsFailure(convtBuildCPUPipeline(
          opm, str("strategy=dilate vector-bits=128 generic-alloc=true"),
          printToStderr, NULL)))
    fail("convtBuildCPUPipeline");
  mlirPrintPassPipeline(opm, printToStderr, NULL);
  fprintf(stderr, "\n");
  if (mlirLogicalResultIsFailure(
          mlirPassManagerRunOnOp(pm, mlirModuleGetOperation(module))))
    fail("run");
  summarize(module);
  mlirPassManagerDestroy(pm);
  mlirModuleDestroy(module);
}

// Malformed options, or a pass manager nested on `nestedOn` (if not NULL),
// fail with a message and add no pass.
static void testBadOptions(MlirContext ctx, const char *options,
                           const char *nestedOn) {
  fprintf(stderr, "@bad_options %s%s%s\n", options, nestedOn ? " on " : "",
          nestedOn ? nestedOn : "");
  MlirPassManager pm = mlirPassManagerCreate(ctx);
  MlirOpPassManager opm = mlirPassManagerGetAsOpPassManager(pm);
  if (nestedOn)
    opm = mlirOpPassManagerGetNestedUnder(opm, str(nestedOn));
  Message message = {{0}, 0};
  if (!mlirLogicalResultIsFailure(
          convtBuildCPUPipeline(opm, str(options), appendToMessage, &message)))
    fail("malformed options accepted");
  fprintf(stderr, "failed: %s\npipeline: ", message.text);
  mlirPrintPassPipeline(opm, printToStderr, NULL);
  fprintf(stderr, "\n");
  mlirPassManagerDestroy(pm);
}

static MlirLogicalResult parsePipeline(MlirContext ctx, const char *pipeline) {
  MlirPassManager pm = mlirPassManagerCreate(ctx);
  Message message = {{0}, 0};
  MlirLogicalResult result =
      mlirParsePassPipeline(mlirPassManagerGetAsOpPassManager(pm),
                            str(pipeline), appendToMessage, &message);
  fprintf(stderr, "%s: %s %s\n", pipeline,
          mlirLogicalResultIsSuccess(result) ? "parsed" : "failed",
          message.text);
  mlirPassManagerDestroy(pm);
  return result;
}

// Textual pipelines name convt's passes and pipeline once registered.
static void testRegistration(MlirContext ctx) {
  fprintf(stderr, "@registration\n");
  if (mlirLogicalResultIsSuccess(
          parsePipeline(ctx, "builtin.module(convt-to-linalg)")))
    fail("convt-to-linalg known before registration");
  convtRegisterPasses();
  convtRegisterPipelines();
  if (mlirLogicalResultIsFailure(parsePipeline(
          ctx, "builtin.module(convt-normalize,convt-to-linalg{strategy=phase},"
               "func.func(convt-cpu-conv-kernels,convt-memref-copy-to-linalg,"
               "convt-linalg-to-gpu-loops))")))
    fail("convt passes");
  if (mlirLogicalResultIsFailure(
          parsePipeline(ctx, "builtin.module(convt-cpu-pipeline{threads=2})")))
    fail("convt-cpu-pipeline");
  if (mlirLogicalResultIsSuccess(
          parsePipeline(ctx, "builtin.module(convt-cpu-pipeline{threads=0})")))
    fail("convt-cpu-pipeline with no threads");
}

// Creates a convt op with an inferred result type on arguments of
// `argumentTypes` and attributes `attributes` (without the operand segment
// sizes), as a generic builder would: inference runs before the verifier.
static void testInference(MlirContext ctx, const char *argumentTypes,
                          const char *attributes) {
  fprintf(stderr, "@inference (%s) %s\n", argumentTypes, attributes);
  char text[512];
  snprintf(text, sizeof(text), "func.func @f(%s) { return }", argumentTypes);
  MlirModule module = mlirModuleCreateParse(ctx, str(text));
  MlirAttribute dict = mlirAttributeParseGet(ctx, str(attributes));
  if (mlirModuleIsNull(module) || mlirAttributeIsNull(dict))
    fail("inference test input");
  MlirOperation func = mlirBlockGetFirstOperation(mlirModuleGetBody(module));
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  MlirValue operands[2] = {mlirBlockGetArgument(body, 0),
                           mlirBlockGetArgument(body, 1)};
  MlirOperationState state = mlirOperationStateGet(str("convt.conv_transpose"),
                                                   mlirLocationUnknownGet(ctx));
  mlirOperationStateAddOperands(&state, 2, operands);
  MlirNamedAttribute attrs[8];
  intptr_t numAttrs = mlirDictionaryAttrGetNumElements(dict);
  for (intptr_t i = 0; i < numAttrs; ++i)
    attrs[i] = mlirDictionaryAttrGetElement(dict, i);
  attrs[numAttrs++] = mlirNamedAttributeGet(
      mlirIdentifierGet(ctx, str("operandSegmentSizes")),
      mlirAttributeParseGet(ctx, str("array<i32: 1, 1, 0, 0>")));
  mlirOperationStateAddAttributes(&state, numAttrs, attrs);
  mlirOperationStateEnableResultTypeInference(&state);
  MlirOperation op = mlirOperationCreate(&state);
  if (mlirOperationIsNull(op)) {
    fprintf(stderr, "not created\n");
  } else {
    mlirTypePrint(mlirValueGetType(mlirOperationGetResult(op, 0)),
                  printToStderr, NULL);
    fprintf(stderr, "\n");
    mlirOperationDestroy(op);
  }
  mlirModuleDestroy(module);
}

int main(void) {
  MlirContext ctx = mlirContextCreate();
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  mlirRegisterAllDialects(registry);
  mlirDialectHandleInsertDialect(mlirGetDialectHandle__convt__(), registry);
  mlirContextAppendDialectRegistry(ctx, registry);
  mlirDialectRegistryDestroy(registry);

  MlirDialect convt =
      mlirDialectHandleLoadDialect(mlirGetDialectHandle__convt__(), ctx);
  MlirStringRef ns = mlirDialectGetNamespace(convt);
  fprintf(stderr, "@dialect %.*s\n", (int)ns.length, ns.data);

  testCPUPipeline(ctx);
  testBadOptions(ctx, "strategy=bogus", NULL);
  testBadOptions(ctx, "threads=2 colour=blue", NULL);
  testBadOptions(ctx, "threads=0", NULL);
  testBadOptions(ctx, "vector-bits=100", NULL);
  testBadOptions(ctx, "", "func.func");
  testRegistration(ctx);
  const char *attrs = "{features = 3, kernel_size = 3, use_bias = false}";
  testInference(ctx, "%x: tensor<1x4x2xf32>, %k: tensor<3x2x3xf32>", attrs);
  testInference(ctx, "%x: tensor<1x4x2xf32>, %k: tensor<3x2x3xf32>",
                "{kernel_size = 3, use_bias = false}");
  testInference(ctx, "%x: f32, %k: tensor<3x2x3xf32>", attrs);
  testInference(ctx, "%x: tensor<*xf32>, %k: tensor<3x2x3xf32>", attrs);
  testInference(ctx, "%x: tensor<1x4x2xf32>, %k: memref<3x2x3xf32>", attrs);

  mlirContextDestroy(ctx);
  return 0;
}
