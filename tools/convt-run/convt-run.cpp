//===- convt-run.cpp - Run one function of a tensor module on .npy files --===//
//
// convt-run parses a module on tensors, lowers it to LLVM with the convt CPU
// pipeline (or the GPU pipeline with --target gpu), JIT-compiles it and calls
// one function on arrays read from NumPy .npy files, writing the result as a
// .npy file:
//
//   convt-run FILE.mlir -e FUNC --input x.npy --input k.npy --output y.npy
//
//===----------------------------------------------------------------------===//

#include "convt/Conversion/ConvTToLinalg/RunTimeChecks.h"
#include "convt/Dialect/ConvT/IR/ConvTDialect.h"
#include "convt/Pipelines/Pipelines.h"
#include "convt/Transforms/CPUKernelLayout.h"
#include "convt/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/RuntimeOpVerification.h"
#include "mlir/ExecutionEngine/CRunnerUtils.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Interfaces/RuntimeVerifiableOpInterface.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/GPU/GPUToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/NVVM/NVVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/OpenMP/OpenMPToLLVMIRTranslation.h"
#include "mlir/Transforms/Passes.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/bit.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/ExecutionEngine/Orc/Mangling.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/DynamicLibrary.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"
#include "llvm/TargetParser/Triple.h"
#include "llvm/TargetParser/X86TargetParser.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#ifdef __GLIBC__
#include <malloc.h>
#endif

using namespace mlir;
using llvm::createStringError;
using llvm::Error;
using llvm::Expected;

namespace cl = llvm::cl;

// .npy data is little-endian and is copied into memrefs byte for byte.
static_assert(llvm::endianness::native == llvm::endianness::little,
              "convt-run needs a little-endian host");
// Memref descriptors are built as arrays of 64-bit fields.
static_assert(sizeof(void *) == sizeof(int64_t), "convt-run needs 64-bit");

//===----------------------------------------------------------------------===//
// Command line
//===----------------------------------------------------------------------===//

static cl::OptionCategory runCategory("convt-run options");

static cl::opt<std::string> inputFilename(cl::Positional, cl::Required,
                                          cl::desc("<input .mlir file>"),
                                          cl::cat(runCategory));

static cl::opt<std::string> entryFunction("e", cl::Required,
                                          cl::desc("The func.func to run"),
                                          cl::value_desc("function"),
                                          cl::cat(runCategory));

static cl::list<std::string> inputFiles(
    "input",
    cl::desc("A .npy file for the next function argument (bf16 arguments "
             "are read from float32 files)"),
    cl::value_desc("file.npy"), cl::cat(runCategory));

static cl::opt<std::string>
    outputFile("output",
               cl::desc("The .npy file the result is written to (bf16 "
                        "results are written as float32)"),
               cl::value_desc("file.npy"), cl::cat(runCategory));

static cl::opt<convt::LoweringStrategy>
    strategy("strategy",
             cl::desc("How convt.conv_transpose is lowered to linalg"),
             cl::init(convt::LoweringStrategy::Phase),
             convt::loweringStrategyValues(), cl::cat(runCategory));

namespace {
/// Where the function runs.
enum class Target { CPU, GPU, GPULoopsOnCPU };
} // namespace

static cl::opt<Target> target(
    "target", cl::desc("Where the function runs"), cl::init(Target::CPU),
    cl::values(clEnumValN(Target::CPU, "cpu", "the host CPU"),
               clEnumValN(Target::GPU, "gpu",
                          "an NVIDIA GPU, through the CUDA driver (needs "
                          "convt-run built with CUDA)"),
               clEnumValN(Target::GPULoopsOnCPU, "gpu-loops-on-cpu",
                          "the GPU pipeline's kernels, their block and "
                          "thread loops run in order on the host CPU (checks "
                          "the kernels' arithmetic without a GPU, not their "
                          "speed)")),
    cl::cat(runCategory));

static cl::opt<std::string>
    gpuChip("gpu-chip",
            cl::desc("The GPU architecture kernels are compiled for with "
                     "--target gpu"),
            cl::value_desc("sm_XY"), cl::init("sm_90"), cl::cat(runCategory));

static cl::opt<int64_t> gpuMinBlocks(
    "gpu-min-blocks",
    cl::desc("Blocks that the GPU convolution kernels launch at least, where "
             "their tiles can shrink (default: the GPU pipelines' min-blocks)"),
    cl::value_desc("N"), cl::cat(runCategory));

static cl::opt<int64_t>
    threads("num-threads",
            cl::desc("Threads for the convolutions (OpenMP when above 1)"),
            cl::value_desc("N"), cl::init(1), cl::cat(runCategory));

static cl::opt<int64_t> vectorBits(
    "vector-bits",
    cl::desc("Vector register width in bits for the convolution kernels (0, "
             "the default: the host's)"),
    cl::value_desc("N"), cl::init(0), cl::cat(runCategory));

static cl::opt<std::string> cpu(
    "cpu",
    cl::desc("Compile for this x86-64 CPU instead of the host, one whose "
             "instruction sets the host has (an LLVM CPU name such as "
             "x86-64-v3 or znver3): its vector width, FMA rate and bf16 dot "
             "products are then the kernels' defaults, so that a newer host "
             "runs the code an older CPU would"),
    cl::value_desc("name"), cl::cat(runCategory));

static cl::opt<int64_t> batchLoopBytes(
    "batch-loop-bytes",
    cl::desc("Convolve the images of a batch one at a time where the input "
             "has at least this many bytes (a dynamic batch: 8 images would) "
             "and the kernel is no larger than one image (0: never; default: "
             "the CPU pipeline's)"),
    cl::value_desc("N"), cl::init(convt::kBatchLoopBytes),
    cl::cat(runCategory));

static cl::opt<int64_t> rowBandBytes(
    "row-band-bytes",
    cl::desc("In a batch loop, give the threads images of their own where "
             "they divide them, and convolve each image, and one image of at "
             "least batch-loop-bytes, through all its phases in bands of rows "
             "with about this many bytes (0: never; default: the CPU "
             "pipeline's)"),
    cl::value_desc("N"), cl::init(convt::kRowBandBytes), cl::cat(runCategory));

static cl::opt<bool> convKernels(
    "conv-kernels",
    cl::desc("Use convt's kernels for the convolutions (default); "
             "--conv-kernels=false leaves them to upstream MLIR's "
             "linalg-to-loops on the CPU and to one thread per output "
             "element on the GPU, as baselines"),
    cl::init(true), cl::cat(runCategory));

static cl::opt<unsigned>
    repeat("repeat",
           cl::desc("Call the function N more times after the first call and "
                    "print the median and minimum time in milliseconds"),
           cl::value_desc("N"), cl::init(0), cl::cat(runCategory));

static cl::opt<bool> serve(
    "serve",
    cl::desc("After the first call (and --repeat), read counts N from "
             "standard input, one per line, and for each time N calls and "
             "print their milliseconds on one line, times_ms=t1,t2,..., "
             "until the input ends: a benchmark can then take turns between "
             "programs that stay loaded"),
    cl::init(false), cl::cat(runCategory));

static cl::opt<bool> genericAlloc(
    "generic-alloc",
    cl::desc("Compile with the CPU pipeline's generic-alloc and serve the "
             "buffers from convt-run's own _mlir_memref_to_llvm_alloc and "
             "_mlir_memref_to_llvm_free (malloc and free, counted), as an "
             "embedder's allocator would: prints how many buffers the first "
             "call allocated and how many are still live once its result is "
             "freed"),
    cl::init(false), cl::cat(runCategory));

static cl::list<std::string>
    sharedLibs("shared-libs", cl::CommaSeparated,
               cl::desc("Shared libraries the JIT-compiled code may call"),
               cl::value_desc("a.so,b.so"), cl::cat(runCategory));

static cl::opt<bool>
    dumpLLVM("dump-llvm",
             cl::desc("Print the module lowered to the LLVM dialect instead "
                      "of running it"),
             cl::cat(runCategory));

//===----------------------------------------------------------------------===//
// Element types
//===----------------------------------------------------------------------===//

namespace {
/// How the elements of one MLIR element type are stored in .npy files and in
/// memrefs.
struct ElementCodec {
  /// The .npy dtype inputs must have and results are written with.
  StringRef dtype;
  /// Bytes per element in a .npy file.
  unsigned npyBytes;
  /// Bytes per element in a memref.
  unsigned memrefBytes;
};
} // namespace

static std::optional<ElementCodec> getCodec(Type type) {
  if (type.isF16())
    return ElementCodec{"<f2", 2, 2};
  // NumPy has no bfloat16: bf16 values travel as float32.
  if (type.isBF16())
    return ElementCodec{"<f4", 4, 2};
  if (type.isF32())
    return ElementCodec{"<f4", 4, 4};
  if (type.isF64())
    return ElementCodec{"<f8", 8, 8};
  if (type.isSignlessInteger(1))
    return ElementCodec{"|b1", 1, 1};
  if (type.isSignlessInteger(8))
    return ElementCodec{"|i1", 1, 1};
  if (type.isSignlessInteger(16))
    return ElementCodec{"<i2", 2, 2};
  if (type.isSignlessInteger(32))
    return ElementCodec{"<i4", 4, 4};
  if (type.isSignlessInteger(64))
    return ElementCodec{"<i8", 8, 8};
  return std::nullopt;
}

/// Whether a .npy array of `dtype` may feed a tensor of `elementType`.
static bool acceptsDtype(Type elementType, StringRef dtype) {
  StringRef expected = getCodec(elementType)->dtype;
  if (dtype == expected)
    return true;
  // Signless integers are signed or unsigned only to the ops using them, so
  // unsigned arrays of the same width are taken bit for bit (not for i1,
  // whose bytes must be 0 or 1).
  if (!elementType.isSignlessInteger() || elementType.isSignlessInteger(1))
    return false;
  std::string unsignedDtype = expected.str();
  unsignedDtype[1] = 'u';
  return dtype == unsignedDtype;
}

/// Rounds `value` to the nearest bfloat16, ties to even.
static uint16_t roundToBF16(float value) {
  uint32_t bits = llvm::bit_cast<uint32_t>(value);
  // A NaN whose payload lies in the low 16 bits would round or truncate to an
  // infinity: keep it a NaN by setting the quiet bit instead.
  if (std::isnan(value))
    return (bits >> 16) | 0x40;
  uint32_t roundingBias = 0x7fff + ((bits >> 16) & 1);
  return (bits + roundingBias) >> 16;
}

static float extendBF16(uint16_t value) {
  return llvm::bit_cast<float>(static_cast<uint32_t>(value) << 16);
}

//===----------------------------------------------------------------------===//
// .npy files
//===----------------------------------------------------------------------===//

namespace {
/// An array read from a .npy file.
struct NpyArray {
  std::unique_ptr<llvm::MemoryBuffer> file;
  std::string dtype;
  SmallVector<int64_t> shape;
  /// The elements in C order, pointing into `file`.
  StringRef data;
};
} // namespace

/// Formats `shape` as NumPy does, e.g. `(3,)` or `(2, 3)`.
static std::string formatShape(ArrayRef<int64_t> shape) {
  std::string result = "(";
  llvm::raw_string_ostream os(result);
  llvm::interleave(shape, os, ", ");
  if (shape.size() == 1)
    os << ",";
  os << ")";
  return result;
}

/// Returns the number of elements of `shape`, or nullopt if it overflows.
static std::optional<int64_t> getNumElements(ArrayRef<int64_t> shape) {
  int64_t numElements = 1;
  for (int64_t size : shape)
    if (llvm::MulOverflow(numElements, size, numElements))
      return std::nullopt;
  return numElements;
}

/// Returns what follows `'key':` in the Python dict literal of a .npy header.
static std::optional<StringRef> findHeaderValue(StringRef header,
                                                StringRef key) {
  std::string quotedKey = ("'" + key + "'").str();
  size_t pos = header.find(quotedKey);
  if (pos == StringRef::npos)
    return std::nullopt;
  StringRef rest = header.drop_front(pos + quotedKey.size()).ltrim();
  if (!rest.consume_front(":"))
    return std::nullopt;
  return rest.ltrim();
}

/// Fills the dtype and shape of `array` from `header`, e.g.
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`.
static Error parseNpyHeader(StringRef path, StringRef header, NpyArray &array) {
  auto invalid = [&](const Twine &why) {
    return createStringError("'" + path + "' is not a valid .npy file: " + why);
  };

  std::optional<StringRef> descr = findHeaderValue(header, "descr");
  if (!descr || !descr->consume_front("'") ||
      descr->find('\'') == StringRef::npos)
    return invalid("its header has no 'descr' string");
  array.dtype = descr->take_until([](char c) { return c == '\''; }).str();

  std::optional<StringRef> fortranOrder =
      findHeaderValue(header, "fortran_order");
  if (!fortranOrder || !(fortranOrder->starts_with("False") ||
                         fortranOrder->starts_with("True")))
    return invalid("its header has no 'fortran_order' boolean");
  if (fortranOrder->starts_with("True"))
    return createStringError("'" + path +
                             "' is in Fortran order; convt-run reads only "
                             "C-order arrays");

  std::optional<StringRef> shape = findHeaderValue(header, "shape");
  if (!shape || !shape->consume_front("(") ||
      shape->find(')') == StringRef::npos)
    return invalid("its header has no 'shape' tuple");
  StringRef tuple = shape->take_until([](char c) { return c == ')'; }).trim();
  SmallVector<StringRef> dims;
  if (!tuple.empty()) {
    tuple.split(dims, ',');
    // Python's trailing comma, as in (3,); any other empty dim is an error.
    if (dims.size() > 1 && dims.back().trim().empty())
      dims.pop_back();
  }
  for (StringRef dim : dims) {
    int64_t size;
    if (dim.trim().getAsInteger(10, size) || size < 0)
      return invalid("bad dimension '" + dim.trim() + "' in its shape");
    array.shape.push_back(size);
  }
  return Error::success();
}

/// Reads the header of the .npy file at `path` (format version 1.0 or 2.0)
/// and locates its data.
static Expected<NpyArray> readNpy(StringRef path) {
  auto fileOrErr =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!fileOrErr)
    return createStringError("cannot read '" + path +
                             "': " + fileOrErr.getError().message());
  NpyArray array;
  array.file = std::move(*fileOrErr);
  StringRef contents = array.file->getBuffer();
  auto invalid = [&](const Twine &why) {
    return createStringError("'" + path + "' is not a valid .npy file: " + why);
  };

  if (!contents.consume_front("\x93NUMPY"))
    return invalid("it does not start with \\x93NUMPY");
  if (contents.size() < 2)
    return invalid("its header is truncated");
  unsigned major = static_cast<uint8_t>(contents[0]);
  unsigned minor = static_cast<uint8_t>(contents[1]);
  contents = contents.drop_front(2);
  // Version 1.0 stores the header length in 2 bytes, version 2.0 in 4.
  unsigned lengthBytes = major == 1 ? 2 : 4;
  if ((major != 1 && major != 2) || minor != 0)
    return invalid(
        llvm::formatv("unsupported format version {0}.{1}", major, minor));
  if (contents.size() < lengthBytes)
    return invalid("its header is truncated");
  uint32_t headerLength =
      major == 1 ? llvm::support::endian::read16le(contents.data())
                 : llvm::support::endian::read32le(contents.data());
  contents = contents.drop_front(lengthBytes);
  if (contents.size() < headerLength)
    return invalid("its header is truncated");

  if (Error err =
          parseNpyHeader(path, contents.take_front(headerLength), array))
    return std::move(err);
  array.data = contents.drop_front(headerLength);
  return std::move(array);
}

/// Writes `data`, C-order elements of `dtype`, as a version 1.0 .npy file.
static Error writeNpy(StringRef path, StringRef dtype, ArrayRef<int64_t> shape,
                      ArrayRef<char> data) {
  std::string header =
      ("{'descr': '" + dtype +
       "', 'fortran_order': False, 'shape': " + formatShape(shape) + ", }")
          .str();
  // Like NumPy, pad with spaces and a final newline so that the data starts
  // 64-byte aligned: magic (6 bytes), version (2), header length (2), header.
  constexpr size_t prefixBytes = 10;
  size_t paddedLength =
      llvm::alignTo(prefixBytes + header.size() + 1, 64) - prefixBytes;
  header.resize(paddedLength - 1, ' ');
  header += '\n';

  std::error_code ec;
  llvm::ToolOutputFile out(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return createStringError("cannot write '" + path + "': " + ec.message());
  out.os() << "\x93NUMPY" << '\x01' << '\x00';
  char length[2];
  llvm::support::endian::write16le(length, header.size());
  out.os().write(length, sizeof(length));
  out.os() << header;
  out.os().write(data.data(), data.size());
  out.os().close();
  if (out.os().has_error()) {
    ec = out.os().error();
    out.os().clear_error();
    return createStringError("cannot write '" + path + "': " + ec.message());
  }
  out.keep();
  return Error::success();
}

//===----------------------------------------------------------------------===//
// Memrefs
//===----------------------------------------------------------------------===//

namespace {
/// A memref descriptor laid out as the LLVM lowering does for any rank:
/// `{allocated, aligned, offset, sizes[rank], strides[rank]}`, each field 64
/// bits wide.
class MemRefDescriptor {
public:
  /// A descriptor for the JIT-compiled code to fill in.
  explicit MemRefDescriptor(unsigned rank)
      : rank(rank), fields(3 + 2 * rank, 0) {}

  /// Describes `data`, a C-order array of `shape`.
  MemRefDescriptor(void *data, ArrayRef<int64_t> shape)
      : MemRefDescriptor(shape.size()) {
    fields[0] = fields[1] = reinterpret_cast<intptr_t>(data);
    int64_t stride = 1;
    for (unsigned dim = rank; dim-- > 0;) {
      fields[3 + dim] = shape[dim];
      fields[3 + rank + dim] = stride;
      stride *= shape[dim];
    }
  }

  void *getAllocated() const { return reinterpret_cast<void *>(fields[0]); }
  const char *getAligned() const {
    return reinterpret_cast<const char *>(fields[1]);
  }
  int64_t getOffset() const { return fields[2]; }
  ArrayRef<int64_t> getSizes() const { return ArrayRef(fields).slice(3, rank); }
  ArrayRef<int64_t> getStrides() const {
    return ArrayRef(fields).slice(3 + rank, rank);
  }

  /// The address the C interface takes for this memref.
  void *get() { return fields.data(); }

private:
  unsigned rank;
  SmallVector<int64_t> fields;
};

/// The memref elements of one function argument.
struct HostArray {
  SmallVector<int64_t> shape;
  std::vector<char> data;
};
} // namespace

/// Reads input #`index` for argument `type` from `path`, checking that its
/// dtype and shape fit.
static Expected<HostArray> loadArgument(unsigned index, RankedTensorType type,
                                        StringRef path) {
  Expected<NpyArray> array = readNpy(path);
  if (!array)
    return array.takeError();

  ElementCodec codec = *getCodec(type.getElementType());
  bool shapeFits = array->shape.size() == static_cast<size_t>(type.getRank()) &&
                   llvm::all_of(llvm::zip_equal(type.getShape(), array->shape),
                                [](auto sizes) {
                                  auto [expected, actual] = sizes;
                                  return ShapedType::isDynamic(expected) ||
                                         expected == actual;
                                });
  if (!acceptsDtype(type.getElementType(), array->dtype) || !shapeFits)
    return createStringError(
        llvm::formatv("argument #{0} of @{1} is {2} (dtype '{3}'), but '{4}' "
                      "has dtype '{5}' and shape {6}",
                      index, entryFunction, type, codec.dtype, path,
                      array->dtype, formatShape(array->shape)));

  std::optional<int64_t> numElements = getNumElements(array->shape);
  int64_t npyBytes = 0;
  if (!numElements ||
      llvm::MulOverflow<int64_t>(*numElements, codec.npyBytes, npyBytes))
    return createStringError("'" + path + "' is not a valid .npy file: shape " +
                             formatShape(array->shape) + " is too large");
  if (static_cast<uint64_t>(npyBytes) != array->data.size())
    return createStringError(
        llvm::formatv("'{0}' is not a valid .npy file: shape {1} of '{2}' "
                      "needs {3} bytes of data, the file holds {4}",
                      path, formatShape(array->shape), array->dtype, npyBytes,
                      array->data.size()));

  HostArray argument;
  argument.shape = array->shape;
  if (type.getElementType().isBF16()) {
    argument.data.resize(*numElements * sizeof(uint16_t));
    for (int64_t i = 0; i < *numElements; ++i) {
      float value;
      std::memcpy(&value, array->data.data() + i * sizeof(float),
                  sizeof(float));
      uint16_t rounded = roundToBF16(value);
      std::memcpy(argument.data.data() + i * sizeof(uint16_t), &rounded,
                  sizeof(uint16_t));
    }
  } else {
    argument.data.assign(array->data.begin(), array->data.end());
  }
  return std::move(argument);
}

/// Copies the elements of `result`, a memref of `elementType`, into a C-order
/// array in the result's .npy dtype. The layout is read from the descriptor
/// rather than assumed.
static std::vector<char> gatherResult(const MemRefDescriptor &result,
                                      Type elementType) {
  ElementCodec codec = *getCodec(elementType);
  ArrayRef<int64_t> sizes = result.getSizes();
  ArrayRef<int64_t> strides = result.getStrides();
  int64_t numElements = *getNumElements(sizes);
  std::vector<char> out(numElements * codec.npyBytes);
  SmallVector<int64_t> index(sizes.size(), 0);
  for (int64_t i = 0; i < numElements; ++i) {
    int64_t position = result.getOffset();
    for (auto [idx, stride] : llvm::zip_equal(index, strides))
      position += idx * stride;
    const char *element = result.getAligned() + position * codec.memrefBytes;
    char *target = out.data() + i * codec.npyBytes;
    if (elementType.isBF16()) {
      uint16_t value;
      std::memcpy(&value, element, sizeof(value));
      float extended = extendBF16(value);
      std::memcpy(target, &extended, sizeof(extended));
    } else {
      std::memcpy(target, element, codec.memrefBytes);
    }
    // Step `index` to the next element in C order.
    for (size_t dim = sizes.size(); dim-- > 0;) {
      if (++index[dim] < sizes[dim])
        break;
      index[dim] = 0;
    }
  }
  return out;
}

//===----------------------------------------------------------------------===//
// Driver
//===----------------------------------------------------------------------===//

static Error checkSignature(func::FuncOp func) {
  auto supported = [](Type type) {
    auto tensorType = dyn_cast<RankedTensorType>(type);
    return tensorType && !tensorType.getEncoding() &&
           getCodec(tensorType.getElementType());
  };
  StringRef supportedTypes =
      "convt-run supports ranked tensors without encoding of f16, bf16, f32, "
      "f64, i1, i8, i16, i32 and i64";
  for (auto [index, type] : llvm::enumerate(func.getArgumentTypes()))
    if (!supported(type))
      return createStringError(
          llvm::formatv("argument #{0} of @{1} has type {2}; {3}", index,
                        func.getSymName(), type, supportedTypes));
  if (func.getNumResults() != 1)
    return createStringError(
        llvm::formatv("@{0} returns {1} values; convt-run needs exactly one",
                      func.getSymName(), func.getNumResults()));
  if (!supported(func.getResultTypes()[0]))
    return createStringError(
        llvm::formatv("the result of @{0} has type {1}; {2}", func.getSymName(),
                      func.getResultTypes()[0], supportedTypes));
  return Error::success();
}

static Expected<func::FuncOp> lookupFunction(ModuleOp module) {
  if (auto func = module.lookupSymbol<func::FuncOp>(entryFunction)) {
    if (func.isExternal())
      return createStringError("@" + entryFunction +
                               " is only declared, it has no body");
    return func;
  }
  std::string defined;
  llvm::raw_string_ostream os(defined);
  llvm::interleaveComma(
      module.getOps<func::FuncOp>(), os,
      [&](func::FuncOp func) { os << "@" << func.getName(); });
  return createStringError("no function @" + entryFunction + " in '" +
                           inputFilename + "'" +
                           (defined.empty() ? "; it defines no func.func"
                                            : "; it defines " + defined));
}

/// A tensor.cast to a static size that the value lacks at run time is
/// undefined behaviour (the function then reads and writes past buffers):
/// the function checks those sizes when it runs, as the convt ops' checks
/// do, with upstream's run-time verification of tensor.cast.
static void checkStaticCasts(ModuleOp module) {
  OpBuilder builder(module.getContext());
  module.walk([&](tensor::CastOp cast) {
    auto verifiable =
        dyn_cast<RuntimeVerifiableOpInterface>(cast.getOperation());
    if (!verifiable)
      return;
    builder.setInsertionPoint(cast);
    verifiable.generateRuntimeVerification(
        builder, cast.getLoc(), [](Operation *op, StringRef message) {
          return convt::formatRunTimeCheckMessage(
              op->getLoc(), op->getName().getStringRef() + ": " + message);
        });
  });
}

/// The instruction-set features of --cpu and those they imply: true for
/// those the host has too, false for the system instructions it lacks (a
/// virtual machine hides some), which compiled arithmetic never needs. A
/// vector instruction set the host lacks or does not report is an error;
/// other features it does not report (x87) are taken to be there.
static Expected<llvm::StringMap<bool>> getCPUFeatures() {
  if (!llvm::Triple(llvm::sys::getProcessTriple()).isX86())
    return createStringError("--cpu needs an x86 host");
  if (llvm::X86::parseArchX86(cpu, /*Only64Bit=*/true) == llvm::X86::CK_None)
    return createStringError("--cpu: unknown x86-64 CPU '" + cpu + "'");
  SmallVector<StringRef> names;
  llvm::X86::getFeaturesForCPU(cpu, names);
  llvm::StringMap<bool> features;
  for (StringRef name : names) {
    features[name] = true;
    llvm::X86::updateImpliedFeatures(name, /*Enabled=*/true, features);
  }
  llvm::StringMap<bool> host = llvm::sys::getHostCPUFeatures();
  SmallVector<std::string> missingVectorSets;
  for (auto &feature : features) {
    StringRef name = feature.getKey();
    bool vectorSet = name.starts_with("sse") || name.starts_with("avx") ||
                     name.starts_with("amx") || name == "fma" || name == "f16c";
    auto it = host.find(name);
    if (!feature.getValue() || (it == host.end() ? !vectorSet : it->second))
      continue;
    feature.second = false;
    if (vectorSet)
      missingVectorSets.push_back(name.str());
  }
  if (!missingVectorSets.empty()) {
    llvm::sort(missingVectorSets);
    return createStringError("--cpu: the host lacks " +
                             llvm::join(missingVectorSets, ", ") + " of CPU '" +
                             cpu + "'");
  }
  return features;
}

/// Lowers `module` to the LLVM dialect with `func` callable from C, for the
/// host or for the CPU of `cpuFeatures` (--cpu).
static Error
lowerToLLVM(ModuleOp module, func::FuncOp func,
            const std::optional<llvm::StringMap<bool>> &cpuFeatures) {
  MLIRContext *context = module.getContext();
  func->setAttr(LLVM::LLVMDialect::getEmitCWrapperAttrName(),
                UnitAttr::get(context));

  checkStaticCasts(module);
  PassManager pm(context);
  if (failed(applyPassManagerCLOptions(pm)))
    return createStringError("invalid pass manager options");
  // Only `func`, private or not, and what it calls are compiled: the other
  // functions of the module cannot fail this run.
  for (auto other : module.getOps<func::FuncOp>())
    other.setVisibility(other == func ? SymbolTable::Visibility::Public
                                      : SymbolTable::Visibility::Private);
  pm.addPass(createSymbolDCEPass());
  if (target == Target::GPU) {
    convt::GPUPipelineOptions options;
    options.strategy = strategy;
    options.chip = gpuChip;
    options.convKernels = convKernels;
    if (gpuMinBlocks.getNumOccurrences())
      options.minBlocks = gpuMinBlocks;
    if (Error err = convt::buildGPUPipeline(pm, options))
      return err;
  } else if (target == Target::GPULoopsOnCPU) {
    convt::GPULoopsOnCPUPipelineOptions options;
    options.strategy = strategy;
    options.convKernels = convKernels;
    if (gpuMinBlocks.getNumOccurrences())
      options.minBlocks = gpuMinBlocks;
    if (Error err = convt::buildGPULoopsOnCPUPipeline(pm, options))
      return err;
  } else {
    convt::CPUPipelineOptions options;
    options.strategy = strategy;
    options.threads = threads;
    options.convKernels = convKernels;
    options.vectorBits = vectorBits;
    if (cpuFeatures) {
      if (vectorBits == 0)
        options.vectorBits = convt::getVectorBits(*cpuFeatures);
      options.fmasPerCycle =
          convt::getFMAsPerCycle(cpu, options.vectorBits.getValue());
      options.bf16Dot = cpuFeatures->lookup("avx512bf16") ? "on" : "off";
    }
    options.batchLoopBytes = batchLoopBytes;
    options.rowBandBytes = rowBandBytes;
    options.genericAlloc = genericAlloc;
    if (Error err = convt::buildCPUPipeline(pm, options))
      return err;
  }
  if (failed(pm.run(module)))
    return createStringError("lowering '" + inputFilename +
                             "' to the LLVM dialect failed");
  return Error::success();
}

/// The compiled function reports a failed run-time check (the sizes of the
/// inputs break a rule that the verifier checks where sizes are static) with
/// puts and abort: its message goes to stderr, and convt-run exits with
/// status 1 instead of a crash report.
static int reportFailedCheck(const char *message) {
  llvm::errs() << "convt-run: error: " << message << "\n";
  return 0;
}
[[noreturn]] static void exitAfterFailedCheck() {
  llvm::errs().flush();
  std::_Exit(1);
}

/// The allocation functions of --generic-alloc: malloc and free, counted
/// atomically (OpenMP threads allocate too).
static std::atomic<int64_t> allocatedBuffers{0}, liveBuffers{0};
static void *countedAlloc(uint64_t bytes) {
  ++allocatedBuffers;
  ++liveBuffers;
  // Not null for 0 bytes, which the matching free then counts.
  return malloc(std::max<uint64_t>(bytes, 1));
}
static void countedFree(void *buffer) {
  if (buffer)
    --liveBuffers;
  free(buffer);
}

static Expected<std::unique_ptr<ExecutionEngine>>
createEngine(ModuleOp module,
             const std::optional<llvm::StringMap<bool>> &cpuFeatures) {
  for (StringRef lib : sharedLibs)
    if (!llvm::sys::fs::exists(lib))
      return createStringError("shared library '" + lib + "' does not exist");

  Expected<llvm::orc::JITTargetMachineBuilder> targetMachineBuilder =
      llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!targetMachineBuilder)
    return targetMachineBuilder.takeError();
  // The CPU's features instead of the host's, less the system instructions
  // the host lacks.
  if (cpuFeatures) {
    llvm::SubtargetFeatures features;
    for (const auto &feature : *cpuFeatures)
      features.AddFeature(feature.getKey(), feature.getValue());
    targetMachineBuilder->setCPU(cpu).setFeatures(features.getString());
  }
  Expected<std::unique_ptr<llvm::TargetMachine>> targetMachine =
      targetMachineBuilder->createTargetMachine();
  if (!targetMachine)
    return targetMachine.takeError();

  // The transformer runs inside ExecutionEngine::create, while the target
  // machine it uses is still alive.
  auto transformer = makeOptimizingTransformer(
      /*optLevel=*/3, /*sizeLevel=*/0, targetMachine->get());
  SmallVector<StringRef> libPaths(sharedLibs.begin(), sharedLibs.end());
  // Code compiled for several threads calls the OpenMP runtime.
  if (threads > 1)
    libPaths.push_back(CONVT_OPENMP_LIBRARY);
#ifdef CONVT_CUDA_RUNTIME_LIBRARY
  // The GPU code calls the mgpu* functions of convt's CUDA runtime, which
  // needs the NVIDIA driver: loading it here explains a missing driver
  // better than the JIT's missing symbols would.
  if (target == Target::GPU) {
    std::string loadError;
    if (!llvm::sys::DynamicLibrary::getPermanentLibrary(
             CONVT_CUDA_RUNTIME_LIBRARY, &loadError)
             .isValid())
      return createStringError(
          "cannot load the CUDA runtime '" CONVT_CUDA_RUNTIME_LIBRARY "': " +
          loadError + " (--target gpu needs the NVIDIA driver's libcuda.so.1)");
    libPaths.push_back(CONVT_CUDA_RUNTIME_LIBRARY);
  }
#endif
  ExecutionEngineOptions engineOptions;
  engineOptions.transformer = transformer;
  engineOptions.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Aggressive;
  engineOptions.sharedLibPaths = libPaths;
  Expected<std::unique_ptr<ExecutionEngine>> engine =
      ExecutionEngine::create(module, engineOptions, std::move(*targetMachine));
  if (!engine)
    return createStringError("JIT compilation failed: " +
                             llvm::toString(engine.takeError()));
  // Copies of unranked memrefs lower to calls to memrefCopy of the C runner
  // utils: convt-run links them so that such modules need no --shared-libs.
  // A failed run-time check (cf.assert) calls puts and abort.
  (*engine)->registerSymbols([](llvm::orc::MangleAndInterner interner) {
    llvm::orc::SymbolMap symbols;
    auto add = [&](StringRef name, auto *function) {
      symbols[interner(name)] = llvm::orc::ExecutorSymbolDef::fromPtr(
          function, llvm::JITSymbolFlags::Exported);
    };
    add("memrefCopy", &memrefCopy);
    add("puts", &reportFailedCheck);
    add("abort", &exitAfterFailedCheck);
    if (genericAlloc) {
      add("_mlir_memref_to_llvm_alloc", &countedAlloc);
      add("_mlir_memref_to_llvm_free", &countedFree);
    }
    return symbols;
  });
  (*engine)->initialize();
  return engine;
}

static Error run() {
  if (repeat.getNumOccurrences() && repeat == 0)
    return createStringError("--repeat needs N >= 1");
  if (threads < 1 || threads > convt::kMaxThreads)
    return createStringError(
        llvm::formatv("--num-threads needs 1 <= N <= {0}", convt::kMaxThreads));
  if (target != Target::CPU && threads.getNumOccurrences())
    return createStringError("--num-threads applies to --target cpu only");
  if (target != Target::CPU && vectorBits.getNumOccurrences())
    return createStringError("--vector-bits applies to --target cpu only");
  if (target != Target::CPU && cpu.getNumOccurrences())
    return createStringError("--cpu applies to --target cpu only");
  if (target != Target::CPU && batchLoopBytes.getNumOccurrences())
    return createStringError("--batch-loop-bytes applies to --target cpu only");
  if (target != Target::CPU && rowBandBytes.getNumOccurrences())
    return createStringError("--row-band-bytes applies to --target cpu only");
  if (target != Target::CPU && genericAlloc)
    return createStringError("--generic-alloc applies to --target cpu only");
  if (target != Target::GPU && gpuChip.getNumOccurrences())
    return createStringError("--gpu-chip applies to --target gpu only");
  if (target == Target::CPU && gpuMinBlocks.getNumOccurrences())
    return createStringError("--gpu-min-blocks applies to --target gpu and "
                             "gpu-loops-on-cpu only");
#ifndef CONVT_CUDA_RUNTIME_LIBRARY
  // Compiling for the GPU (--dump-llvm) needs no CUDA; running does.
  if (target == Target::GPU && !dumpLLVM)
    return createStringError(
        "convt-run was built without CUDA: --target gpu can only "
        "--dump-llvm (rebuild convt where CMake finds the CUDA toolkit)");
#endif

  DialectRegistry registry;
  registry.insert<convt::ConvTDialect>();
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerBuiltinDialectTranslation(registry);
  registerOpenMPDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
  // The GPU pipeline translates its kernels (NVVM) to PTX, and its host
  // code holds them in gpu.binary ops, which become module constructors.
  registerGPUDialectTranslation(registry);
  registerNVVMDialectTranslation(registry);
  gpu::registerOffloadingLLVMTranslationInterfaceExternalModels(registry);
  tensor::registerRuntimeVerifiableOpInterfaceExternalModels(registry);
  MLIRContext context(registry);
  // Diagnostics name their location; the whole function would bury them.
  context.printOpOnDiagnostic(false);

  std::string errorMessage;
  std::unique_ptr<llvm::MemoryBuffer> source =
      openInputFile(inputFilename, &errorMessage);
  if (!source)
    return createStringError(errorMessage);
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(source), llvm::SMLoc());
  SourceMgrDiagnosticHandler diagnosticHandler(sourceMgr, &context);
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  if (!module)
    return createStringError("cannot parse '" + inputFilename + "'");

  Expected<func::FuncOp> func = lookupFunction(*module);
  if (!func)
    return func.takeError();
  if (Error err = checkSignature(*func))
    return err;

  // Check the inputs before the lowering, which takes much longer.
  std::vector<HostArray> arguments;
  if (!dumpLLVM) {
    if (outputFile.empty())
      return createStringError("no --output file given");
    if (inputFiles.size() != func->getNumArguments())
      return createStringError(llvm::formatv(
          "@{0} takes {1} arguments, one --input file each, but got {2}",
          entryFunction, func->getNumArguments(), inputFiles.size()));
    for (auto [index, type, path] :
         llvm::enumerate(func->getArgumentTypes(), inputFiles)) {
      Expected<HostArray> argument =
          loadArgument(index, cast<RankedTensorType>(type), path);
      if (!argument)
        return argument.takeError();
      arguments.push_back(std::move(*argument));
    }
  }

  // Read before the lowering replaces the func.func.
  auto resultType = cast<RankedTensorType>(func->getResultTypes()[0]);
  std::optional<llvm::StringMap<bool>> cpuFeatures;
  if (!cpu.empty()) {
    Expected<llvm::StringMap<bool>> features = getCPUFeatures();
    if (!features)
      return features.takeError();
    cpuFeatures = std::move(*features);
  }
  if (Error err = lowerToLLVM(*module, *func, cpuFeatures))
    return err;
  if (dumpLLVM) {
    module->print(llvm::outs());
    return Error::success();
  }

  Expected<std::unique_ptr<ExecutionEngine>> engine =
      createEngine(*module, cpuFeatures);
  if (!engine)
    return engine.takeError();
  Expected<void (*)(void **)> function =
      (*engine)->lookupPacked("_mlir_ciface_" + entryFunction);
  if (!function)
    return createStringError("JIT compilation failed: " +
                             llvm::toString(function.takeError()));

  SmallVector<MemRefDescriptor> argumentDescriptors;
  for (HostArray &argument : arguments)
    argumentDescriptors.emplace_back(argument.data.data(), argument.shape);
  // Calls the C interface `void _mlir_ciface_FUNC(result *, arg0 *, ...)`,
  // which returns the result memref through its first argument.
  auto call = [&] {
    MemRefDescriptor result(resultType.getRank());
    SmallVector<void *> descriptors = {result.get()};
    for (MemRefDescriptor &descriptor : argumentDescriptors)
      descriptors.push_back(descriptor.get());
    // The packed interface takes the address of each argument.
    SmallVector<void *> packedArguments;
    for (void *&descriptor : descriptors)
      packedArguments.push_back(&descriptor);
    (*function)(packedArguments.data());
    return result;
  };

  // The pipeline returns results in buffers of their own, which the
  // JIT-compiled code allocated with malloc, or countedAlloc.
  auto freeResult = [](MemRefDescriptor &result) {
    if (genericAlloc)
      countedFree(result.getAllocated());
    else
      free(result.getAllocated());
  };
  MemRefDescriptor result = call();
  std::vector<char> output = gatherResult(result, resultType.getElementType());
  freeResult(result);
  if (genericAlloc)
    llvm::outs() << llvm::formatv("allocated_buffers={0}\nlive_buffers={1}\n",
                                  allocatedBuffers.load(), liveBuffers.load());
  if (Error err =
          writeNpy(outputFile, getCodec(resultType.getElementType())->dtype,
                   result.getSizes(), output))
    return err;

  // The timed calls reuse the input buffers: a function that updates its
  // arguments in place sees the updated values, which is why only the result
  // of the first call is written.
  auto timedCall = [&] {
    auto start = std::chrono::steady_clock::now();
    MemRefDescriptor timedResult = call();
    auto end = std::chrono::steady_clock::now();
    freeResult(timedResult);
    return std::chrono::duration<double, std::milli>(end - start).count();
  };
  if (repeat > 0) {
    std::vector<double> milliseconds;
    for (unsigned i = 0; i < repeat; ++i)
      milliseconds.push_back(timedCall());
    llvm::sort(milliseconds);
    size_t middle = milliseconds.size() / 2;
    double median = milliseconds.size() % 2
                        ? milliseconds[middle]
                        : (milliseconds[middle - 1] + milliseconds[middle]) / 2;
    llvm::outs() << llvm::formatv("median_ms={0:f4}\nmin_ms={1:f4}\n", median,
                                  milliseconds.front());
  }
  if (!serve)
    return Error::success();
  llvm::outs().flush();
  // POSIX getline: lines of any length.
  char *buffer = nullptr;
  size_t capacity = 0;
  llvm::scope_exit freeBuffer([&] { free(buffer); });
  while (getline(&buffer, &capacity, stdin) != -1) {
    StringRef line = StringRef(buffer).trim();
    unsigned count;
    if (line.getAsInteger(10, count))
      return createStringError(
          "--serve: expected a count of calls on each line, got '" + line +
          "'");
    llvm::outs() << "times_ms=";
    for (unsigned i = 0; i < count; ++i)
      llvm::outs() << (i ? "," : "") << llvm::formatv("{0:f4}", timedCall());
    llvm::outs() << "\n";
    llvm::outs().flush();
  }
  return Error::success();
}

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
#ifdef __GLIBC__
  // The compiled function allocates its buffers on every call. Keep freed
  // memory for the next call, as a serving runtime's allocator would,
  // instead of returning it to the kernel and faulting it in again: on a
  // virtual machine that took 4x the time of a bf16 convolution. glibc maps
  // blocks of 32 MB and more afresh whatever the threshold, so they come
  // from the heap too (8 images of 256x256x32 outputs: 14x faster).
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_MMAP_MAX, 0);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  registerPassManagerCLOptions();
  // libLLVM registers hundreds of options: keep --help to those of convt-run
  // (the others, e.g. --mlir-print-ir-after-all, still work).
  cl::HideUnrelatedOptions(runCategory);
  cl::ParseCommandLineOptions(
      argc, argv,
      "convt JIT runner: calls one function of a module on tensors with "
      "arguments read from .npy files and writes its result as .npy\n");

  if (Error err = run()) {
    llvm::logAllUnhandledErrors(std::move(err), llvm::errs(),
                                "convt-run: error: ");
    return 1;
  }
  return 0;
}
