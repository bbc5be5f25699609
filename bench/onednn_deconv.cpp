// oneDNN (2.6, Debian's libdnnl-dev) deconvolution_forward for one Flax
// ConvTranspose configuration: f32, channels-last, transpose_kernel = False,
// no bias, kernel_dilation 1. Used by bench/run_bench.py; not part of the
// main build (CI does not need libdnnl).
//
//   onednn_deconv --n 1 --spatial 32,32 --cin 256 --cout 128 --kernel 4,4
//                 --stride 2,2 --lo 2,2 --hi 2,2 [--threads 1] [--repeat 20]
//                 [--warmup 2] [--input x.npy --weights k.npy]
//                 [--output y.npy] [--activations best|any|plain]
//                 [--max-call-ms MS] [--budget-ms MS] [--dtype f32|bf16]
//                 [--serve]
//
// --dtype bf16 runs src, weights and dst in bf16 (oneDNN accumulates in f32);
// the .npy files stay float32, converted by reorders outside the timed loop.
//
// --lo/--hi are Flax's resolved pads of the dilated input (spec §4.2). The
// program maps them to oneDNN itself:
//   Flax (scatter form, spec §6.1): t = i*s - k + lo, kernel W[k, c, o].
//   oneDNN deconvolution:           t = i*s + k' - padding_l,
//   weights[o][c][k']. With k' = E-1-k (the Flax kernel flipped in every
//   spatial dim) the two agree iff padding_l = E-1-lo, and the output length
//   (H-1)*s - padding_l - padding_r + E equals Flax's (H-1)*s + lo + hi - E + 2
//   iff padding_r = E-1-hi.
// The driver checks the output against convt-run and a NumPy reference, so
// this mapping is tested, not assumed.
//
// src/weights/dst memory descriptors use format_tag::any (oneDNN picks its
// blocked layouts); the reorders from/to the plain NHWC / HWIO arrays happen
// once, outside the timed loop (with plain layouts oneDNN 2.6 may fall back
// to its reference kernel, ~1000x slower). --activations plain keeps src and
// dst in NHWC (weights still `any`), the caller's own layout; `best` (the
// default) times both and reports the faster one, which is not always the
// blocked one (3-D shapes run oneDNN's GEMM-based kernel, faster on NDHWC).
//
// The first call is an untimed warm-up whose time is printed (first_ms); if
// it exceeds --max-call-ms the mode prints skipped=1 instead of timings;
// otherwise the number of timed calls is cut to about --budget-ms worth.
//
// Prints key=value lines: mode, impl, src_fmt, wei_fmt, dst_fmt, first_ms,
// reps, median_ms, min_ms (and other_mode for the mode not chosen). The output
// written with --output is the chosen mode's; with `best`, y.npy also gets
// y.any.npy and y.plain.npy beside it, one per mode, for the checks.
//
// --serve (with --activations any or plain) then keeps the primitive: for
// each line N read from standard input it times N calls and prints
// times_ms=t1,t2,... on one line, until the input ends. run_bench.py takes
// turns between it and `convt-run --serve` this way.

#include <omp.h>
#include <oneapi/dnnl/dnnl.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

using namespace dnnl;
using dims = memory::dims;

namespace {

[[noreturn]] void fail(const std::string &msg) {
  std::cerr << "onednn_deconv: error: " << msg << "\n";
  std::exit(2);
}

dims parseList(const std::string &s) {
  dims out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ','))
    out.push_back(std::stoll(item));
  return out;
}

std::string dimsStr(const dims &d) {
  std::string s;
  for (size_t i = 0; i < d.size(); ++i)
    s += (i ? "x" : "") + std::to_string(d[i]);
  return s;
}

// Minimal .npy (v1/v2/v3) reader/writer for little-endian float32, C order.
std::vector<float> readNpy(const std::string &path, const dims &expect) {
  std::ifstream f(path, std::ios::binary);
  if (!f)
    fail("cannot read '" + path + "'");
  char magic[6];
  f.read(magic, 6);
  if (!f || std::memcmp(magic, "\x93NUMPY", 6) != 0)
    fail("'" + path + "' is not a .npy file");
  unsigned char ver[2];
  f.read(reinterpret_cast<char *>(ver), 2);
  uint32_t hlen = 0;
  if (ver[0] == 1) {
    unsigned char b[2];
    f.read(reinterpret_cast<char *>(b), 2);
    hlen = b[0] | (b[1] << 8);
  } else {
    unsigned char b[4];
    f.read(reinterpret_cast<char *>(b), 4);
    hlen = b[0] | (b[1] << 8) | (b[2] << 16) | (uint32_t(b[3]) << 24);
  }
  std::string header(hlen, ' ');
  f.read(&header[0], hlen);
  if (header.find("'<f4'") == std::string::npos)
    fail("'" + path + "' is not little-endian float32: " + header);
  if (header.find("'fortran_order': False") == std::string::npos)
    fail("'" + path + "' is not in C order");
  size_t lp = header.find('('), rp = header.find(')');
  dims shape;
  {
    std::stringstream ss(header.substr(lp + 1, rp - lp - 1));
    std::string item;
    while (std::getline(ss, item, ','))
      if (item.find_first_of("0123456789") != std::string::npos)
        shape.push_back(std::stoll(item));
  }
  if (shape != expect)
    fail("'" + path + "' has shape " + dimsStr(shape) + ", expected " +
         dimsStr(expect));
  size_t n = 1;
  for (auto d : shape)
    n *= d;
  std::vector<float> data(n);
  f.read(reinterpret_cast<char *>(data.data()), n * sizeof(float));
  if (!f)
    fail("'" + path + "' is truncated");
  return data;
}

void writeNpy(const std::string &path, const dims &shape,
              const std::vector<float> &data) {
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (";
  for (size_t i = 0; i < shape.size(); ++i)
    header += std::to_string(shape[i]) + (shape.size() == 1 ? "," : "") +
              (i + 1 < shape.size() ? ", " : "");
  header += "), }";
  size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  std::ofstream f(path, std::ios::binary);
  if (!f)
    fail("cannot write '" + path + "'");
  f.write("\x93NUMPY\x01\x00", 8);
  uint16_t hlen = header.size();
  unsigned char b[2] = {static_cast<unsigned char>(hlen & 0xff),
                        static_cast<unsigned char>(hlen >> 8)};
  f.write(reinterpret_cast<char *>(b), 2);
  f.write(header.data(), header.size());
  f.write(reinterpret_cast<const char *>(data.data()),
          data.size() * sizeof(float));
}

// A short description of a memory layout, e.g. "acdb" (a plain permutation,
// outermost first) or "aBcd16b" (a blocked one), in oneDNN's own notation.
std::string fmtOf(const memory::desc &md) {
  const dnnl_memory_desc_t &d = md.data;
  if (d.format_kind != dnnl_blocked)
    return "non-blocked";
  const auto &b = d.format_desc.blocking;
  int nd = d.ndims;
  std::vector<int> order(nd);
  for (int i = 0; i < nd; ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int c) { return b.strides[a] > b.strides[c]; });
  std::vector<long> blk(nd, 1);
  for (int i = 0; i < b.inner_nblks; ++i)
    blk[b.inner_idxs[i]] *= b.inner_blks[i];
  std::string s;
  for (int i : order)
    s += static_cast<char>((blk[i] > 1 ? 'A' : 'a') + i);
  for (int i = 0; i < b.inner_nblks; ++i)
    s += std::to_string(b.inner_blks[i]) +
         static_cast<char>('a' + b.inner_idxs[i]);
  return s;
}

} // namespace

// Times a batch of calls for each count read from standard input.
template <typename Call> void serveBatches(Call &call) {
  char line[32];
  while (std::fgets(line, sizeof(line), stdin)) {
    char *end;
    long count = std::strtol(line, &end, 10);
    if (end == line || count < 0)
      fail(std::string("--serve: expected a count of calls, got ") + line);
    std::printf("times_ms=");
    for (long i = 0; i < count; ++i)
      std::printf(i ? ",%.4f" : "%.4f", call());
    std::printf("\n");
    std::fflush(stdout);
  }
}

int main(int argc, char **argv) {
  long n = 1, cin = 0, cout = 0, threads = 1, repeat = 20, warmup = 2;
  double maxCallMs = 0, budgetMs = 0; // 0: no limit
  dims spatial, kernel, stride, lo, hi;
  std::string inPath, wPath, outPath, activations = "best", dtype = "f32";
  bool serve = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc)
        fail("missing value after " + a);
      return argv[++i];
    };
    if (a == "--n")
      n = std::stol(next());
    else if (a == "--spatial")
      spatial = parseList(next());
    else if (a == "--cin")
      cin = std::stol(next());
    else if (a == "--cout")
      cout = std::stol(next());
    else if (a == "--kernel")
      kernel = parseList(next());
    else if (a == "--stride")
      stride = parseList(next());
    else if (a == "--lo")
      lo = parseList(next());
    else if (a == "--hi")
      hi = parseList(next());
    else if (a == "--threads")
      threads = std::stol(next());
    else if (a == "--repeat")
      repeat = std::stol(next());
    else if (a == "--warmup")
      warmup = std::stol(next());
    else if (a == "--max-call-ms")
      maxCallMs = std::stod(next());
    else if (a == "--budget-ms")
      budgetMs = std::stod(next());
    else if (a == "--input")
      inPath = next();
    else if (a == "--weights")
      wPath = next();
    else if (a == "--output")
      outPath = next();
    else if (a == "--activations")
      activations = next();
    else if (a == "--dtype")
      dtype = next();
    else if (a == "--serve")
      serve = true;
    else
      fail("unknown argument " + a);
  }
  const size_t nd = spatial.size();
  if (nd < 1 || nd > 3 || kernel.size() != nd || stride.size() != nd ||
      lo.size() != nd || hi.size() != nd || cin <= 0 || cout <= 0)
    fail("need --spatial, --kernel, --stride, --lo, --hi of equal length "
         "(1-3) and --cin/--cout");
  if (inPath.empty() != wPath.empty())
    fail("--input and --weights go together");
  if (activations != "any" && activations != "plain" && activations != "best")
    fail("--activations is any, plain or best");
  if (dtype != "f32" && dtype != "bf16")
    fail("--dtype is f32 or bf16");
  memory::data_type computeType =
      dtype == "bf16" ? memory::data_type::bf16 : memory::data_type::f32;
  if (repeat < 1)
    fail("--repeat needs N >= 1");
  if (serve && activations == "best")
    fail("--serve needs --activations any or plain");

  omp_set_num_threads(static_cast<int>(threads));

  // Flax pads -> oneDNN pads and output size (see the header comment).
  dims padL(nd), padR(nd), outSpatial(nd);
  for (size_t d = 0; d < nd; ++d) {
    long E = kernel[d]; // kernel_dilation = 1
    padL[d] = E - 1 - lo[d];
    padR[d] = E - 1 - hi[d];
    outSpatial[d] = (spatial[d] - 1) * stride[d] - padL[d] - padR[d] + E;
    if (outSpatial[d] <= 0)
      fail("empty output");
  }

  // Logical dims (oneDNN order): src {N, C, spatial}, weights {O, I, spatial}.
  dims srcDims = {n, cin}, dstDims = {n, cout}, weiDims = {cout, cin};
  dims srcNpy = {n}, dstNpy = {n}, weiNpy;
  for (size_t d = 0; d < nd; ++d) {
    srcDims.push_back(spatial[d]);
    dstDims.push_back(outSpatial[d]);
    weiDims.push_back(kernel[d]);
    srcNpy.push_back(spatial[d]);
    dstNpy.push_back(outSpatial[d]);
    weiNpy.push_back(kernel[d]);
  }
  srcNpy.push_back(cin);
  dstNpy.push_back(cout);
  weiNpy.push_back(cin);
  weiNpy.push_back(cout);
  using tag = memory::format_tag;
  tag actTag = nd == 1 ? tag::nwc : nd == 2 ? tag::nhwc : tag::ndhwc;
  tag weiTag = nd == 1 ? tag::wio : nd == 2 ? tag::hwio : tag::dhwio;

  auto prod = [](const dims &d) {
    size_t p = 1;
    for (auto v : d)
      p *= v;
    return p;
  };
  std::vector<float> x, w;
  if (!inPath.empty()) {
    x = readNpy(inPath, srcNpy);
    w = readNpy(wPath, weiNpy);
  } else {
    std::mt19937 gen(0);
    std::uniform_real_distribution<float> u(-1.f, 1.f);
    x.resize(prod(srcNpy));
    w.resize(prod(weiNpy));
    for (auto &v : x)
      v = u(gen);
    for (auto &v : w)
      v = u(gen);
  }

  // Flip the Flax kernel in every spatial dim (kept HWIO-ordered).
  std::vector<float> wf(w.size());
  {
    size_t io = static_cast<size_t>(cin) * cout;
    size_t taps = prod(kernel);
    for (size_t t = 0; t < taps; ++t) {
      // Decompose t into a spatial multi-index and flip it.
      size_t rem = t, flipped = 0, mul = 1;
      std::vector<size_t> idx(nd);
      for (size_t d = nd; d-- > 0;) {
        idx[d] = rem % kernel[d];
        rem /= kernel[d];
      }
      for (size_t d = nd; d-- > 0;) {
        flipped += (kernel[d] - 1 - idx[d]) * mul;
        mul *= kernel[d];
      }
      std::copy(w.begin() + t * io, w.begin() + (t + 1) * io,
                wf.begin() + flipped * io);
    }
  }

  engine eng(engine::kind::cpu, 0);
  stream s(eng);
  struct Result {
    std::string mode, impl, srcFmt, weiFmt, dstFmt;
    double firstMs = 0, medianMs = 0, minMs = 0;
    long reps = 0;
    bool skipped = false;
    std::vector<float> y;
  };
  auto measure = [&](const std::string &mode) {
    Result r;
    r.mode = mode;
    tag act = mode == "any" ? tag::any : actTag;
    memory::desc srcMd(srcDims, computeType, act);
    memory::desc dstMd(dstDims, computeType, act);
    memory::desc weiMd(weiDims, computeType, tag::any);
    deconvolution_forward::desc desc(prop_kind::forward_inference,
                                     algorithm::deconvolution_direct, srcMd,
                                     weiMd, dstMd, stride, padL, padR);
    deconvolution_forward::primitive_desc pd(desc, eng);

    r.y.assign(prod(dstNpy), 0.f);
    memory srcUser({srcDims, memory::data_type::f32, actTag}, eng, x.data());
    memory weiUser({weiDims, memory::data_type::f32, weiTag}, eng, wf.data());
    memory dstUser({dstDims, memory::data_type::f32, actTag}, eng, r.y.data());

    // The reorders to oneDNN's layouts happen once, outside the timed loop.
    memory srcMem = srcUser, weiMem = weiUser, dstMem = dstUser;
    if (pd.src_desc() != srcUser.get_desc()) {
      srcMem = memory(pd.src_desc(), eng);
      reorder(srcUser, srcMem).execute(s, srcUser, srcMem);
    }
    if (pd.weights_desc() != weiUser.get_desc()) {
      weiMem = memory(pd.weights_desc(), eng);
      reorder(weiUser, weiMem).execute(s, weiUser, weiMem);
    }
    if (pd.dst_desc() != dstUser.get_desc())
      dstMem = memory(pd.dst_desc(), eng);
    s.wait();

    deconvolution_forward prim(pd);
    std::unordered_map<int, memory> args = {{DNNL_ARG_SRC, srcMem},
                                            {DNNL_ARG_WEIGHTS, weiMem},
                                            {DNNL_ARG_DST, dstMem}};
    using clock = std::chrono::steady_clock;
    auto call = [&]() {
      auto t0 = clock::now();
      prim.execute(s, args);
      s.wait();
      return std::chrono::duration<double, std::milli>(clock::now() - t0)
          .count();
    };
    r.firstMs = call();
    r.skipped = maxCallMs > 0 && r.firstMs > maxCallMs;
    // Fewer timed calls when one call is slow (about budgetMs in all).
    r.reps = r.skipped ? 0 : repeat;
    if (budgetMs > 0 && !r.skipped)
      r.reps = std::max(
          1L, std::min(repeat, static_cast<long>(budgetMs / r.firstMs)));
    std::vector<double> ms;
    if (!r.skipped) {
      for (long i = 1; i < warmup; ++i)
        call();
      for (long i = 0; i < r.reps; ++i)
        ms.push_back(call());
      std::sort(ms.begin(), ms.end());
      r.medianMs = ms.size() % 2
                       ? ms[ms.size() / 2]
                       : 0.5 * (ms[ms.size() / 2 - 1] + ms[ms.size() / 2]);
      r.minMs = ms.front();
    } else {
      r.medianMs = r.minMs = r.firstMs;
    }
    if (serve)
      serveBatches(call);

    if (dstMem != dstUser) {
      reorder(dstMem, dstUser).execute(s, dstMem, dstUser);
      s.wait();
    }
    r.impl = pd.impl_info_str();
    r.srcFmt = fmtOf(pd.src_desc());
    r.weiFmt = fmtOf(pd.weights_desc());
    r.dstFmt = fmtOf(pd.dst_desc());
    return r;
  };

  std::vector<std::string> modes =
      activations == "best" ? std::vector<std::string>{"any", "plain"}
                            : std::vector<std::string>{activations};
  std::vector<Result> results;
  for (const auto &m : modes)
    results.push_back(measure(m));
  size_t best = 0;
  for (size_t i = 1; i < results.size(); ++i)
    if (results[i].skipped < results[best].skipped ||
        (results[i].skipped == results[best].skipped &&
         results[i].medianMs < results[best].medianMs))
      best = i;
  const Result &r = results[best];
  if (!outPath.empty()) {
    writeNpy(outPath, dstNpy, r.y);
    // With several modes, each one's output too, so that all are checked:
    // y.npy -> y.any.npy, y.plain.npy.
    if (results.size() > 1) {
      std::string stem = outPath;
      if (stem.size() > 4 && stem.compare(stem.size() - 4, 4, ".npy") == 0)
        stem.resize(stem.size() - 4);
      for (const auto &o : results)
        writeNpy(stem + "." + o.mode + ".npy", dstNpy, o.y);
    }
  }
  for (const auto &o : results)
    if (&o != &r)
      std::printf("other_mode=%s impl %s median_ms %.4f\n", o.mode.c_str(),
                  o.impl.c_str(), o.medianMs);
  std::printf("mode=%s\nimpl=%s\n", r.mode.c_str(), r.impl.c_str());
  std::printf("src_fmt=%s\nwei_fmt=%s\ndst_fmt=%s\n", r.srcFmt.c_str(),
              r.weiFmt.c_str(), r.dstFmt.c_str());
  std::printf("threads=%d\n", omp_get_max_threads());
  std::printf("padding_l=%s\npadding_r=%s\n", dimsStr(padL).c_str(),
              dimsStr(padR).c_str());
  std::printf("first_ms=%.4f\n", r.firstMs);
  if (r.skipped)
    std::printf("skipped=1\n");
  else
    std::printf("reps=%ld\nmedian_ms=%.4f\nmin_ms=%.4f\n", r.reps, r.medianMs,
                r.minMs);
  return 0;
}
