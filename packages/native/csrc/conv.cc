// Convolutions (plain and grouped/depthwise), forward with bias and activation, and both
// gradients. Activations are NHWC; the filter is tfjs's HWIO ([KH, KW, IC, OC]) or, for
// depthwise, [KH, KW, C, M]. The primitive picks its own weights layout (format_tag::any: the
// fast brgconv/jit kernels); the small filter is reordered inside each call.
//
// 3x3 stride-1 undilated convolutions with enough channels and pixels run as Winograd F(4x4, 3x3)
// (oneDNN's jit_wino_4x3: 1.3-2.5x the direct kernels on this project's shapes, max relative
// error ~2e-6; see the README): its activations are in a blocked layout, reordered in and out of
// per-thread scratch in each call. GANSEG_NATIVE_WINOGRAD=0 turns it off.
#include <cstdlib>
#include <type_traits>
#include "common.h"

namespace gn {
namespace {

// Parameter layout (Float64Array), shared with src/_conv-params.ts.
enum P {
  kKind, kN, kIH, kIW, kIC, kOH, kOW, kOC, kKH, kKW, kSH, kSW, kDH, kDW, kPT, kPL, kPB, kPR, kG, kAct, kHasBias, kAlpha,
  kKeyEnd,  // everything before this is the primitive's cache key
  kOffX = kKeyEnd, kOffW, kOffB, kOffY, kCount
};
enum Kind { kForward = 0, kBackwardData = 1, kBackwardWeights = 2 };

// One part of a row-split filter gradient (see splitRows): a one-thread primitive over a band of
// output rows and the input rows it reads, its own partial filter and stream.
struct RowPart {
  dnnl::primitive prim;
  memory::desc x, y;            // views of bands of the full NHWC x and dy
  int64_t xOff = 0, yOff = 0;   // their float offsets
  memory wPart, scratchpad;     // the partial filter (primitive's layout), the primitive's scratch
  dnnl::reorder toUser;         // part 0: into the user's filter; the others: added to it
  dnnl::stream strm;
  // Winograd bands: x and dy reordered into the primitive's blocked layouts (memories owned here)
  bool wino = false;
  memory xp, yp;
  dnnl::reorder xIn, yIn;
};

struct Entry {
  std::vector<RowPart> parts;  // a row-split filter gradient (empty: one primitive)
  dnnl::primitive prim;
  memory::desc x, y, userW, primW, bias;
  bool reorderW = false;
  dnnl::reorder wReorder;  // user -> primitive (forward, backward data) or primitive -> user (weights)
  memory wScratch;         // the filter in the primitive's layout
  // Winograd: the activations in the primitive's layouts, and the reorders this kind needs (x and
  // y into the primitive's layout, or out of it)
  bool wino = false;
  memory::desc xp, yp;
  dnnl::reorder xIn, xOut, yIn, yOut;
};

struct Shape {
  int64_t n, ih, iw, ic, oh, ow, oc, kh, kw, sh, sw, dh, dw, pt, pl, pb, pr, g;
};

memory::desc userWeights(const Shape &s) {
  if (s.g == 1) return strided({s.oc, s.ic, s.kh, s.kw}, {1, s.oc, s.kw * s.ic * s.oc, s.ic * s.oc});
  if (s.g != s.ic || s.oc % s.g != 0) throw Fail{"ganseg native conv: only depthwise grouping (groups = input channels) is supported"};
  const int64_t m = s.oc / s.g;  // channel multiplier; output channel = c * m + j
  return strided({s.g, m, 1, s.kh, s.kw}, {m, 1, s.g * m * s.kh * s.kw, s.kw * s.g * m, s.g * m});
}

memory::desc anyWeights(const Shape &s) {
  if (s.g == 1) return memory::desc({s.oc, s.ic, s.kh, s.kw}, dt::f32, tag::any);
  return memory::desc({s.g, s.oc / s.g, 1, s.kh, s.kw}, dt::f32, tag::any);
}

#if DNNL_VERSION_MAJOR >= 3
dnnl::convolution_forward::primitive_desc fwdPd(const Shape &s, dnnl::prop_kind pk, dnnl::algorithm alg, const memory::desc &x, const memory::desc &w,
                                                const memory::desc *b, const memory::desc &y, const dnnl::primitive_attr &attr) {
  const memory::dims st{s.sh, s.sw}, di{s.dh - 1, s.dw - 1}, pl{s.pt, s.pl}, pr{s.pb, s.pr};
  auto &e = ctx().eng;
  if (b) return {e, pk, alg, x, w, *b, y, st, di, pl, pr, attr};
  return {e, pk, alg, x, w, y, st, di, pl, pr, attr};
}
#else
dnnl::convolution_forward::primitive_desc fwdPd(const Shape &s, dnnl::prop_kind pk, dnnl::algorithm alg, const memory::desc &x, const memory::desc &w,
                                                const memory::desc *b, const memory::desc &y, const dnnl::primitive_attr &attr) {
  const memory::dims st{s.sh, s.sw}, di{s.dh - 1, s.dw - 1}, pl{s.pt, s.pl}, pr{s.pb, s.pr};
  if (b) return {dnnl::convolution_forward::desc(pk, alg, x, w, *b, y, st, di, pl, pr), attr, ctx().eng};
  return {dnnl::convolution_forward::desc(pk, alg, x, w, y, st, di, pl, pr), attr, ctx().eng};
}
#endif

// Whether a conv goes to Winograd: 3x3, stride 1, undilated, ungrouped, at least 48 input and 32
// output channels and 16x16 output pixels an image (below these the direct kernels win or tie
// here, at 1 and 2 threads); ReLU or no activation (what jit_wino_4x3 fuses). Measured: the
// native README's Winograd table.
bool winogradFits(const Shape &s, int act) {
  static const bool off = [] {
    const char *e = std::getenv("GANSEG_NATIVE_WINOGRAD");
    return e != nullptr && std::string(e) == "0";
  }();
  if (off || s.g != 1 || s.kh != 3 || s.kw != 3 || s.sh != 1 || s.sw != 1 || s.dh != 1 || s.dw != 1) return false;
  if (act != kLinear && act != kRelu) return false;
  return s.ic >= 48 && s.oc >= 32 && s.oh * s.ow >= 256;
}

// Per-thread scratch for the activations in Winograd's layout (two slots, grown as needed, 64-byte aligned).
float *scratch(int slot, size_t bytes) {
  struct Buf {
    float *p = nullptr;
    size_t bytes = 0;
    ~Buf() { std::free(p); }
  };
  thread_local Buf b[2];
  Buf &s = b[slot];
  if (s.bytes < bytes) {
    std::free(s.p);
    const size_t want = (bytes + 63) / 64 * 64;
    s.p = static_cast<float *>(std::aligned_alloc(64, want));
    if (s.p == nullptr) throw Fail{"ganseg native conv: out of memory for " + std::to_string(want) + " bytes of scratch"};
    s.bytes = want;
  }
  return s.p;
}

// The primitive's filter layout: when it differs from tfjs's, scratch memory in that layout and
// the reorder into it (`toPrimitive`: forward, backward data) or out of it (the filter gradient).
void useWeights(Entry &e, const memory::desc &primW, bool toPrimitive) {
  auto &eng = ctx().eng;
  e.primW = primW;
  e.reorderW = e.primW != e.userW;
  if (!e.reorderW) return;
  e.wScratch = memory(e.primW, eng);
  e.wReorder = toPrimitive ? dnnl::reorder(dnnl::reorder::primitive_desc(eng, e.userW, eng, e.primW))
                           : dnnl::reorder(dnnl::reorder::primitive_desc(eng, e.primW, eng, e.userW));
}

// The backward-data and backward-weights primitives: the same arguments (diff_src or src, weights
// or diff_weights, diff_dst), hinted by the forward; data reads the user's weights, weights writes them.
template <class Bwd, class Hint>
Entry &setBackward(Entry &e, dnnl::algorithm alg, const memory::desc &x, const memory::desc &w, const memory::desc &y, const memory::dims &st,
                   const memory::dims &di, const memory::dims &pl, const memory::dims &pr, const Hint &hint) {
  auto &eng = ctx().eng;
#if DNNL_VERSION_MAJOR >= 3
  typename Bwd::primitive_desc pd(eng, alg, x, w, y, st, di, pl, pr, hint);
#else
  typename Bwd::primitive_desc pd(typename Bwd::desc(alg, x, w, y, st, di, pl, pr), eng, hint);
#endif
  e.prim = Bwd(pd);
  if (alg == dnnl::algorithm::convolution_winograd) {
    e.wino = true;
    if constexpr (std::is_same<Bwd, dnnl::convolution_backward_data>::value) {
      e.xp = pd.diff_src_desc();
      e.yp = pd.diff_dst_desc();
      e.yIn = dnnl::reorder(dnnl::reorder::primitive_desc(eng, e.y, eng, e.yp));
      e.xOut = dnnl::reorder(dnnl::reorder::primitive_desc(eng, e.xp, eng, e.x));
    } else {
      e.xp = pd.src_desc();
      e.yp = pd.diff_dst_desc();
      e.xIn = dnnl::reorder(dnnl::reorder::primitive_desc(eng, e.x, eng, e.xp));
      e.yIn = dnnl::reorder(dnnl::reorder::primitive_desc(eng, e.y, eng, e.yp));
    }
  }
  if constexpr (std::is_same<Bwd, dnnl::convolution_backward_data>::value) useWeights(e, pd.weights_desc(), true);
  else useWeights(e, pd.diff_weights_desc(), false);
  return e;
}

// Whether a filter gradient splits by output rows over the OpenMP threads: batch 1, ungrouped, at
// least 32 MFLOP and 4 rows a thread. oneDNN splits a batch-1 filter gradient over two threads
// poorly (64ch 64x64: 1.40 ms on one thread, 0.89 on two); one-thread primitives on row bands
// run side by side, and their partial filters are summed (native README).
bool splitRows(const Shape &s) {
  const int t = maxThreads();
  const double flops = 2.0 * s.oh * s.ow * s.kh * s.kw * s.ic * s.oc;
  return t > 1 && s.n == 1 && s.g == 1 && flops >= 32e6 && s.oh >= 4 * t;
}

void buildRowParts(Entry &e, const Shape &s) {
  const int T = maxThreads();
  SmallWork one(0, 1);  // the parts' primitives are made for (and run on) one thread each
  auto &eng = ctx().eng;
  const auto alg = dnnl::algorithm::convolution_direct;
  const memory::dims st{s.sh, s.sw}, di{s.dh - 1, s.dw - 1};
  const int64_t effH = (s.kh - 1) * s.dh + 1;
  for (int t = 0; t < T; t++) {
    const int64_t r0 = t * s.oh / T, r1 = (t + 1) * s.oh / T;
    const int64_t top = r0 * s.sh - s.pt, bottom = (r1 - 1) * s.sh - s.pt + effH - 1;  // input rows read (inclusive)
    const int64_t in0 = std::max<int64_t>(0, top), in1 = std::min<int64_t>(s.ih - 1, bottom);
    RowPart part;
    part.x = memory::desc({1, s.ic, in1 - in0 + 1, s.iw}, dt::f32, tag::nhwc);
    part.y = memory::desc({1, s.oc, r1 - r0, s.ow}, dt::f32, tag::nhwc);
    part.xOff = in0 * s.iw * s.ic;
    part.yOff = r0 * s.ow * s.oc;
    const memory::dims pl{in0 - top, s.pl}, pr{bottom - in1, s.pr};
    dnnl::primitive_attr attr;
    attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
    const memory::desc w = anyWeights(s);
    Shape band = s;
    band.ih = in1 - in0 + 1;
    band.oh = r1 - r0;
    // a band Winograd fits runs as Winograd (its activations reordered into blocked scratch), else direct
    auto make = [&](dnnl::algorithm alg, const memory::desc &x, const memory::desc &y) {
#if DNNL_VERSION_MAJOR >= 3
      dnnl::convolution_forward::primitive_desc hint(eng, dnnl::prop_kind::forward_training, alg, x, w, y, st, di, pl, pr);
      return dnnl::convolution_backward_weights::primitive_desc(eng, alg, x, w, y, st, di, pl, pr, hint, attr);
#else
      dnnl::convolution_forward::primitive_desc hint({dnnl::prop_kind::forward_training, alg, x, w, y, st, di, pl, pr}, eng);
      return dnnl::convolution_backward_weights::primitive_desc({alg, x, w, y, st, di, pl, pr}, attr, eng, hint);
#endif
    };
    dnnl::convolution_backward_weights::primitive_desc pd;
    if (winogradFits(band, kLinear)) {
      try {
        pd = make(dnnl::algorithm::convolution_winograd, memory::desc({1, s.ic, band.ih, s.iw}, dt::f32, tag::any), memory::desc({1, s.oc, band.oh, s.ow}, dt::f32, tag::any));
        part.wino = true;
        part.xp = memory(pd.src_desc(), eng);
        part.yp = memory(pd.diff_dst_desc(), eng);
        part.xIn = dnnl::reorder(dnnl::reorder::primitive_desc(eng, part.x, eng, pd.src_desc()));
        part.yIn = dnnl::reorder(dnnl::reorder::primitive_desc(eng, part.y, eng, pd.diff_dst_desc()));
      } catch (const dnnl::error &) {
        part.wino = false;
      }
    }
    if (!part.wino) pd = make(alg, part.x, part.y);
    part.prim = dnnl::convolution_backward_weights(pd);
    part.wPart = memory(pd.diff_weights_desc(), eng);
    part.scratchpad = memory(pd.scratchpad_desc(), eng);
    dnnl::primitive_attr ra;
    if (t > 0) {
      dnnl::post_ops po;
      po.append_sum(1.f);
      ra.set_post_ops(po);
    }
    part.toUser = dnnl::reorder(dnnl::reorder::primitive_desc(eng, pd.diff_weights_desc(), eng, e.userW, ra));
    part.strm = dnnl::stream(eng);
    e.parts.push_back(std::move(part));
  }
}

Entry build(const double *p) {
  Shape s;
  auto I = [&](int k) { return static_cast<int64_t>(p[k]); };
  s = {I(kN), I(kIH), I(kIW), I(kIC), I(kOH), I(kOW), I(kOC), I(kKH), I(kKW), I(kSH), I(kSW), I(kDH), I(kDW), I(kPT), I(kPL), I(kPB), I(kPR), I(kG)};
  const int kind = static_cast<int>(p[kKind]);
  Entry e;
  e.x = memory::desc({s.n, s.ic, s.ih, s.iw}, dt::f32, tag::nhwc);
  e.y = memory::desc({s.n, s.oc, s.oh, s.ow}, dt::f32, tag::nhwc);
  e.userW = userWeights(s);
  const memory::desc w = anyWeights(s);
  const memory::dims st{s.sh, s.sw}, di{s.dh - 1, s.dw - 1}, pl{s.pt, s.pl}, pr{s.pb, s.pr};
  const int act = kind == kForward ? static_cast<int>(p[kAct]) : kLinear;
  if (kind != kForward && kind != kBackwardData && kind != kBackwardWeights) throw Fail{"ganseg native conv: unknown kind " + std::to_string(kind)};
  if (kind == kBackwardWeights && splitRows(s)) {
    try {
      buildRowParts(e, s);
      return e;
    } catch (const dnnl::error &) {
      e.parts.clear();  // not implemented here: one primitive below
    }
  }
  if (winogradFits(s, act)) {
    // activations and weights in the layouts Winograd picks (forward_training: the weights stay
    // plainly blocked, a cheap reorder; forward_inference would pre-transform them, 0.5-5 ms a call)
    const auto wino = dnnl::algorithm::convolution_winograd;
    const memory::desc xa({s.n, s.ic, s.ih, s.iw}, dt::f32, tag::any), ya({s.n, s.oc, s.oh, s.ow}, dt::f32, tag::any);
    try {
      if (kind == kForward) {
        const dnnl::primitive_attr attr = actAttr(act, static_cast<float>(p[kAlpha]));
        e.bias = memory::desc({s.oc}, dt::f32, tag::a);
        auto pd = fwdPd(s, dnnl::prop_kind::forward_training, wino, xa, w, p[kHasBias] != 0 ? &e.bias : nullptr, ya, attr);
        e.prim = dnnl::convolution_forward(pd);
        useWeights(e, pd.weights_desc(), true);
        e.wino = true;
        e.xp = pd.src_desc();
        e.yp = pd.dst_desc();
        auto &eng = ctx().eng;
        e.xIn = dnnl::reorder(dnnl::reorder::primitive_desc(eng, e.x, eng, e.xp));
        e.yOut = dnnl::reorder(dnnl::reorder::primitive_desc(eng, e.yp, eng, e.y));
        return e;
      }
      auto hint = fwdPd(s, dnnl::prop_kind::forward_training, wino, xa, w, nullptr, ya, dnnl::primitive_attr());
      if (kind == kBackwardData) return setBackward<dnnl::convolution_backward_data>(e, wino, xa, w, ya, st, di, pl, pr, hint);
      return setBackward<dnnl::convolution_backward_weights>(e, wino, xa, w, ya, st, di, pl, pr, hint);
    } catch (const dnnl::error &) {
      e.wino = false;  // not implemented for this shape or build: the direct kernels below
    }
  }
  if (kind == kForward) {
    const dnnl::primitive_attr attr = actAttr(act, static_cast<float>(p[kAlpha]));
    const bool hasBias = p[kHasBias] != 0;
    e.bias = memory::desc({s.oc}, dt::f32, tag::a);
    auto pd = fwdPd(s, dnnl::prop_kind::forward_inference, dnnl::algorithm::convolution_direct, e.x, w, hasBias ? &e.bias : nullptr, e.y, attr);
    e.prim = dnnl::convolution_forward(pd);
    useWeights(e, pd.weights_desc(), true);
    return e;
  }
  const auto direct = dnnl::algorithm::convolution_direct;
  auto hint = fwdPd(s, dnnl::prop_kind::forward_training, direct, e.x, w, nullptr, e.y, dnnl::primitive_attr());
  if (kind == kBackwardData) return setBackward<dnnl::convolution_backward_data>(e, direct, e.x, w, e.y, st, di, pl, pr, hint);
  return setBackward<dnnl::convolution_backward_weights>(e, direct, e.x, w, e.y, st, di, pl, pr, hint);
}

// Whether a call is a forward 3x3 depthwise conv (one output channel an input channel) that
// depthwise3x3 runs: stride 1, undilated, one pixel of zero padding on every side, no activation
// (StyleGAN's blur), 8, 16, 32 or 64 channels, rows a whole number of vector steps long.
bool depthwise3x3Fits(const double *p) {
  auto I = [&](int k) { return static_cast<int64_t>(p[k]); };
  const int64_t c = I(kIC);
  return I(kKind) == kForward && I(kG) == c && I(kOC) == c && (c == 8 || c == 16 || c == 32 || c == 64) && I(kKH) == 3 && I(kKW) == 3 &&
         I(kSH) == 1 && I(kSW) == 1 && I(kDH) == 1 && I(kDW) == 1 && I(kPT) == 1 && I(kPL) == 1 && I(kPB) == 1 && I(kPR) == 1 && I(kAct) == kLinear &&
         I(kOH) == I(kIH) && I(kOW) == I(kIW) && (I(kIW) * c) % std::max<int64_t>(c, 16) == 0;
}

// P outputs of depthwise3x3 (P a multiple of C, at least 16): each the bias plus its nine taps,
// a0-a2 the input rows above, at and below at the same place (read from C before to C after),
// `lw` the taps' weights and the bias tiled to P ([tap][j] = w[tap][j % C]).
template <int C, int P>
__attribute__((always_inline)) inline void depthwise3x3Step(const float *__restrict a0, const float *__restrict a1, const float *__restrict a2,
                                                              const float (*__restrict lw)[P], float *__restrict o) {
  for (int j = 0; j < P; j++) {
    float s = lw[9][j];
    s += a0[j - C] * lw[0][j];
    s += a0[j] * lw[1][j];
    s += a0[j + C] * lw[2][j];
    s += a1[j - C] * lw[3][j];
    s += a1[j] * lw[4][j];
    s += a1[j + C] * lw[5][j];
    s += a2[j - C] * lw[6][j];
    s += a2[j] * lw[7][j];
    s += a2[j + C] * lw[8][j];
    o[j] = s;
  }
}

// One output row of depthwise3x3 (its W x C floats contiguous in NHWC), in steps of P: the first
// and last step read copies of their stretch of the input rows with the zero padding written in,
// the others read the rows in place, so every step is the same branch-free vector loop (a zero
// tap adds +0: the sums are those of the taps inside the image, in the same order).
template <int C, int P>
__attribute__((always_inline)) inline void depthwise3x3Row(const float *a0, const float *a1, const float *a2, const float (*wt)[64], float *o, int64_t row) {
  float lw[10][P];
  for (int t = 0; t < 10; t++)
    for (int j = 0; j < P; j++) lw[t][j] = wt[t][j];
  float e[3][P + 2 * C];
  const float *rows[3] = {a0, a1, a2};
  auto edge = [&](int64_t k0) __attribute__((always_inline)) {
    const int64_t lo = std::max<int64_t>(k0 - C, 0), hi = std::min<int64_t>(k0 + P + C, row);  // the stretch inside the row
    for (int i = 0; i < 3; i++) {
      std::memset(e[i], 0, sizeof(e[i]));
      std::memcpy(e[i] + (lo - (k0 - C)), rows[i] + lo, (hi - lo) * sizeof(float));
    }
    depthwise3x3Step<C, P>(e[0] + C, e[1] + C, e[2] + C, lw, o + k0);
  };
  edge(0);
  int64_t k0 = P;
  for (; k0 + P < row; k0 += P) depthwise3x3Step<C, P>(a0 + k0, a1 + k0, a2 + k0, lw, o + k0);
  if (k0 < row) edge(k0);
}

// Output rows [r0, r1) (of all N x H) of depthwise3x3. No OpenMP region in here: GCC outlines a
// region's body into a function of its own, which multi-versioning does not optimise as well
// (1.5x slower measured), so the caller splits the rows.
GN_VECTOR void depthwise3x3Rows(const double *p, const float *x, const float (*wt)[64], float *y, int64_t r0, int64_t r1) {
  const int64_t H = static_cast<int64_t>(p[kIH]), C = static_cast<int64_t>(p[kIC]), row = static_cast<int64_t>(p[kIW]) * C;
  const std::vector<float> zeros(row, 0.f);
  const float *zero = zeros.data();
  for (int64_t r = r0; r < r1; r++) {
    const int64_t oy = r % H;
    const float *base = x + (r - oy) * row;
    const float *a0 = oy > 0 ? base + (oy - 1) * row : zero, *a1 = base + oy * row, *a2 = oy + 1 < H ? base + (oy + 1) * row : zero;
    float *o = y + r * row;
    switch (C) {
      case 8: depthwise3x3Row<8, 16>(a0, a1, a2, wt, o, row); break;
      case 16: depthwise3x3Row<16, 16>(a0, a1, a2, wt, o, row); break;
      case 32: depthwise3x3Row<32, 32>(a0, a1, a2, wt, o, row); break;
      default: depthwise3x3Row<64, 64>(a0, a1, a2, wt, o, row); break;
    }
  }
}

// StyleGAN's blur (see depthwise3x3Fits) as a direct loop: oneDNN's depthwise kernels block
// channels by 16 and ran at 6-14 GFLOP/s on StyleGAN's 8-32 channels (0.22 ms on [8, 64, 64, 8],
// 0.11 on [8, 32, 32, 16]); this loop takes 0.085 and 0.035 there (native README). Rows split
// over the OpenMP threads from 2^18 elements.
void depthwise3x3(const double *p, const float *x, const float *w, const float *b, float *y) {
  const int64_t rows = static_cast<int64_t>(p[kN] * p[kIH]), C = static_cast<int64_t>(p[kIC]), P = std::max<int64_t>(C, 16);
  float wt[10][64];
  for (int64_t t = 0; t < 10; t++)
    for (int64_t j = 0; j < P; j++) wt[t][j] = t < 9 ? w[t * C + j % C] : b != nullptr ? b[j % C] : 0.f;
#if defined(_OPENMP)
  if (rows * static_cast<int64_t>(p[kIW]) * C >= (1 << 18) && maxThreads() > 1) {
#pragma omp parallel
    {
      const int64_t t = omp_get_thread_num(), nt = omp_get_num_threads();
      depthwise3x3Rows(p, x, wt, y, rows * t / nt, rows * (t + 1) / nt);
    }
    return;
  }
#endif
  depthwise3x3Rows(p, x, wt, y, 0, rows);
}

}  // namespace

void conv(const Args &a) {
  if (a.np < kCount) throw Fail{"ganseg native conv: expected " + std::to_string(kCount) + " parameters"};
  const double flops = 2 * a.f(kN) * a.f(kOH) * a.f(kOW) * a.f(kKH) * a.f(kKW) * a.f(kIC) * a.f(kOC) / a.f(kG);
  if (depthwise3x3Fits(a.p)) {
    const int64_t n = a.i(kN) * a.i(kIH) * a.i(kIW) * a.i(kIC);
    depthwise3x3(a.p, a.buf(kOffX, n), a.buf(kOffW, 9 * a.i(kIC)), a.p[kHasBias] != 0 ? a.buf(kOffB, a.i(kIC)) : nullptr, a.buf(kOffY, n));
    directDepthwiseCalls() += 1;
    return;
  }
  SmallWork small(flops, kSmallFlops);
  auto [e, eng, strm] = prepare<Entry>("conv", "conv", a, kCount, kKeyEnd, 512, [&] { return build(a.p); });
  const int kind = static_cast<int>(a.p[kKind]);
  float *x = a.buf(kOffX, e.x.get_size() / 4);
  float *y = a.buf(kOffY, e.y.get_size() / 4);
  float *w = a.buf(kOffW, e.userW.get_size() / 4);
  memory xm(e.x, eng, x), ym(e.y, eng, y), wm(e.userW, eng, w);
  if (!e.parts.empty()) {
    std::string failed;
    const int parts = static_cast<int>(e.parts.size());
    // a loop, not one band a thread id: OpenMP may give fewer threads than asked, and every band must run
#if defined(_OPENMP)
#pragma omp parallel for num_threads(parts) schedule(static, 1)
#endif
    for (int t = 0; t < parts; t++) {
      RowPart &part = e.parts[t];
      try {
        memory xv(part.x, eng, x + part.xOff), yv(part.y, eng, y + part.yOff);
        if (part.wino) {
          part.xIn.execute(part.strm, xv, part.xp);
          part.yIn.execute(part.strm, yv, part.yp);
        }
        part.prim.execute(part.strm, {{DNNL_ARG_SRC, part.wino ? part.xp : xv}, {DNNL_ARG_DIFF_DST, part.wino ? part.yp : yv},
                                      {DNNL_ARG_DIFF_WEIGHTS, part.wPart}, {DNNL_ARG_SCRATCHPAD, part.scratchpad}});
        part.strm.wait();
      } catch (const std::exception &ex) {
#if defined(_OPENMP)
#pragma omp critical
#endif
        failed = ex.what();
      }
    }
    if (!failed.empty()) throw Fail{"ganseg native conv: a row band of the filter gradient failed: " + failed};
    for (auto &part : e.parts) part.toUser.execute(strm, part.wPart, wm);  // in order: the sum is the same every call
    strm.wait();
    rowSplitCalls() += 1;
    return;
  }
  if (e.wino) {
    memory xp(e.xp, eng, scratch(0, e.xp.get_size())), yp(e.yp, eng, scratch(1, e.yp.get_size()));
    memory wp = e.reorderW ? e.wScratch : wm;
    if (kind == kForward) {
      e.xIn.execute(strm, xm, xp);
      if (e.reorderW) e.wReorder.execute(strm, wm, e.wScratch);
      std::unordered_map<int, memory> args{{DNNL_ARG_SRC, xp}, {DNNL_ARG_WEIGHTS, wp}, {DNNL_ARG_DST, yp}};
      if (a.p[kHasBias] != 0) args.emplace(DNNL_ARG_BIAS, memory(e.bias, eng, a.buf(kOffB, e.bias.get_size() / 4)));
      e.prim.execute(strm, args);
      e.yOut.execute(strm, yp, ym);
    } else if (kind == kBackwardData) {
      e.yIn.execute(strm, ym, yp);
      if (e.reorderW) e.wReorder.execute(strm, wm, e.wScratch);
      e.prim.execute(strm, {{DNNL_ARG_DIFF_DST, yp}, {DNNL_ARG_WEIGHTS, wp}, {DNNL_ARG_DIFF_SRC, xp}});
      e.xOut.execute(strm, xp, xm);
    } else {
      e.xIn.execute(strm, xm, xp);
      e.yIn.execute(strm, ym, yp);
      e.prim.execute(strm, {{DNNL_ARG_SRC, xp}, {DNNL_ARG_DIFF_DST, yp}, {DNNL_ARG_DIFF_WEIGHTS, wp}});
      if (e.reorderW) e.wReorder.execute(strm, e.wScratch, wm);
    }
    strm.wait();
    winogradCalls() += 1;
    return;
  }
  if (kind == kForward) {
    if (e.reorderW) e.wReorder.execute(strm, wm, e.wScratch);
    std::unordered_map<int, memory> args{{DNNL_ARG_SRC, xm}, {DNNL_ARG_WEIGHTS, e.reorderW ? e.wScratch : wm}, {DNNL_ARG_DST, ym}};
    if (a.p[kHasBias] != 0) args.emplace(DNNL_ARG_BIAS, memory(e.bias, eng, a.buf(kOffB, e.bias.get_size() / 4)));
    e.prim.execute(strm, args);
  } else if (kind == kBackwardData) {
    if (e.reorderW) e.wReorder.execute(strm, wm, e.wScratch);
    e.prim.execute(strm, {{DNNL_ARG_DIFF_DST, ym}, {DNNL_ARG_WEIGHTS, e.reorderW ? e.wScratch : wm}, {DNNL_ARG_DIFF_SRC, xm}});
  } else {
    e.prim.execute(strm, {{DNNL_ARG_SRC, xm}, {DNNL_ARG_DIFF_DST, ym}, {DNNL_ARG_DIFF_WEIGHTS, e.reorderW ? e.wScratch : wm}});
    if (e.reorderW) e.wReorder.execute(strm, e.wScratch, wm);
  }
  strm.wait();
}

}  // namespace gn
