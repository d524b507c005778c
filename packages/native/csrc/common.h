// Shared plumbing of the ganseg native addon: oneDNN engine/stream per thread, argument reading
// from N-API, the version-dependent bits of the oneDNN C++ API (2.x and 3.x), and errors.
#pragma once
#include <node_api.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#if __has_include(<oneapi/dnnl/dnnl.hpp>)
#include <oneapi/dnnl/dnnl.hpp>
#else
#include <dnnl.hpp>
#endif

#if defined(_OPENMP)
#include <omp.h>
#endif

// Hot loops of this addon's own kernels (elementwise, the style epilogue) are compiled for
// AVX-512, AVX2 and the baseline ISA, one picked when the addon loads (function multi-versioning
// of GCC and Clang, on x86-64 Linux); elsewhere the baseline alone. binding.gyp turns off
// floating-point contraction, so every version rounds as the baseline does.
#if defined(__x86_64__) && defined(__linux__) && defined(__GNUC__) && !defined(GN_NO_CLONES)
#define GN_VECTOR __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define GN_VECTOR
#endif

namespace gn {

using dnnl::memory;
using tag = dnnl::memory::format_tag;
using dt = dnnl::memory::data_type;

// `a ? x : y` as a bit blend: GCC keeps a branch for the ternary of two computed floats in some
// loops (leaky ReLU with its double-precision slope), which mispredicts on the sign of random
// data; the blend vectorises. Exact for every x and y (NaN, infinities, signed zeros).
inline float pick(bool a, float x, float y) {
  uint32_t xb, yb;
  std::memcpy(&xb, &x, 4);
  std::memcpy(&yb, &y, 4);
  const uint32_t m = a ? 0xffffffffu : 0u;
  const uint32_t r = (xb & m) | (yb & ~m);
  float out;
  std::memcpy(&out, &r, 4);
  return out;
}

// An error to report to JavaScript with a message (thrown from the kernels, caught at the N-API edge).
struct Fail {
  std::string msg;
};

// The engine and stream of the calling thread (each worker thread gets its own).
struct Ctx {
  dnnl::engine eng{dnnl::engine::kind::cpu, 0};
  dnnl::stream strm{eng};
};
Ctx &ctx();

// Arguments of every kernel call: the wasm heap and a Float64Array of numbers (shape, flags, byte offsets).
struct Args {
  uint8_t *heap = nullptr;
  size_t heapBytes = 0;
  const double *p = nullptr;
  size_t np = 0;
  int64_t i(size_t k) const {
    if (k >= np) throw Fail{"ganseg native: parameter " + std::to_string(k) + " is missing"};
    return static_cast<int64_t>(p[k]);
  }
  double f(size_t k) const {
    if (k >= np) throw Fail{"ganseg native: parameter " + std::to_string(k) + " is missing"};
    return p[k];
  }
  // A float32 buffer of `count` floats at byte offset p[k], checked to lie inside the heap.
  float *buf(size_t k, int64_t count) const {
    int64_t off = i(k);
    if (off < 0 || count < 0 || static_cast<uint64_t>(off) + static_cast<uint64_t>(count) * 4 > heapBytes || (off & 3) != 0)
      throw Fail{"ganseg native: buffer " + std::to_string(k) + " (offset " + std::to_string(off) + ", " +
                 std::to_string(count) + " floats) lies outside the wasm heap of " + std::to_string(heapBytes) + " bytes"};
    return reinterpret_cast<float *>(heap + off);
  }
};
Args readArgs(napi_env env, napi_callback_info info);

// The cache key of a primitive: the shape part of the parameters.
std::string keyOf(const char *op, const double *p, size_t n);

// OpenMP threads for kernels called from this thread (1 without OpenMP).
int maxThreads();

// Runs the rest of a kernel call on one OpenMP thread when its work (flops, or elements touched)
// is under `minWork`: with passive waiting a parallel region costs tens of microseconds of thread
// wake-up, more than a small op gains from a second thread. Restores the count on exit.
struct SmallWork {
  int saved = 0;
  SmallWork(double work, double minWork);
  ~SmallWork();
  SmallWork(const SmallWork &) = delete;
  SmallWork &operator=(const SmallWork &) = delete;
};
// The flops under which a conv or matmul runs on one thread (see SmallWork). Measured with passive
// waiting, 3x3 convs at batch 8, one vs two threads: 9.4 MFLOP 35 vs 65 us, 37.7 MFLOP 141-400 vs 127-249 us.
constexpr double kSmallFlops = 16e6;

// Conv calls from this thread that ran as Winograd (reported by info(), so tests can see which ran).
double &winogradCalls();
// Filter-gradient calls from this thread that ran split by rows over the threads (conv.cc).
double &rowSplitCalls();
// Depthwise conv calls from this thread that ran as conv.cc's direct 3x3 loop (StyleGAN's blur).
double &directDepthwiseCalls();

// This thread's primitives of one kind, by shape and thread count (oneDNN splits the work for
// the threads there are when a primitive is made): `make()` builds one on a miss. Each worker
// thread has its own map, so no primitive is shared or freed while another thread runs it;
// bounded (cleared when it reaches `maxEntries`).
template <class Entry, class Make>
Entry &cached(const char *op, const Args &a, size_t keyEnd, size_t maxEntries, Make make) {
  thread_local std::unordered_map<std::string, Entry> c;
  std::string key = keyOf(op, a.p, keyEnd) + "@" + std::to_string(maxThreads());
  auto it = c.find(key);
  if (it == c.end()) {
    if (c.size() >= maxEntries) c.clear();
    it = c.emplace(std::move(key), make()).first;
  }
  return it->second;
}

// One call of a kernel over a cached primitive: the parameter count checked (`what` names the
// kernel in the message), this call's entry (see `cached`), and this thread's engine and stream.
template <class Entry>
struct Call {
  Entry &e;
  dnnl::engine &eng;
  dnnl::stream &strm;
};
template <class Entry, class Make>
Call<Entry> prepare(const char *what, const char *op, const Args &a, size_t count, size_t keyEnd, size_t maxEntries, Make make) {
  if (a.np < count) throw Fail{std::string("ganseg native ") + what + ": expected " + std::to_string(count) + " parameters"};
  return {cached<Entry>(op, a, keyEnd, maxEntries, make), ctx().eng, ctx().strm};
}

// Activation codes shared with TypeScript (src/_activation.ts).
enum Act { kLinear = 0, kRelu = 1, kRelu6 = 2, kElu = 3, kLeaky = 4, kSigmoid = 5 };
void appendAct(dnnl::post_ops &po, int act, float alpha);
// The attributes of a primitive with one fused activation (an Act code and its slope).
dnnl::primitive_attr actAttr(int act, float alpha);

// A memory::desc with explicit strides.
inline memory::desc strided(const memory::dims &d, const memory::dims &s) { return memory::desc(d, dt::f32, s); }

// Kernels (one file each).
void conv(const Args &a);
void matmul(const Args &a);
void batchNormForward(const Args &a);
void batchNormBackward(const Args &a);
void maxPoolGrad(const Args &a);
void sgdMomentum(const Args &a);
void adam(const Args &a);
void adamInPlace(const Args &a);
void emaInPlace(const Args &a);
void styleEpilogueForward(const Args &a);
void styleEpilogueBackward(const Args &a);
void slice(const Args &a);
void reduce(const Args &a);
void concat(const Args &a);
void reverse(const Args &a);
void transpose(const Args &a);
void elementwise(const Args &a);
void binary(const Args &a);
void pad(const Args &a);
void dropoutMask(const Args &a);

}  // namespace gn
