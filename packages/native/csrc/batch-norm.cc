// Training-mode batch normalisation over NHWC data seen as [P, C] (P = N*H*W): batch statistics,
// scale and shift, an optional ReLU / leaky ReLU, and the gradient of all of it.
#include "common.h"

namespace gn {
namespace {

// Parameter layouts, shared with src/_batch-norm-params.ts.
enum F { fP, fC, fEps, fAct, fAlpha, fKeyEnd, fOffX = fKeyEnd, fOffGamma, fOffBeta, fOffY, fOffMean, fOffVar, fCount };
enum B { bP, bC, bEps, bAct, bAlpha, bKeyEnd, bOffX = bKeyEnd, bOffGamma, bOffBeta, bOffMean, bOffVar, bOffY, bOffDy, bOffDx, bOffDGamma, bOffDBeta, bCount };

const auto kFlags = dnnl::normalization_flags::use_scale | dnnl::normalization_flags::use_shift;

#if DNNL_VERSION_MAJOR >= 3
dnnl::batch_normalization_forward::primitive_desc fwdPd(const memory::desc &d, float eps) {
  return {ctx().eng, dnnl::prop_kind::forward_training, d, d, eps, kFlags};
}
#else
dnnl::batch_normalization_forward::primitive_desc fwdPd(const memory::desc &d, float eps) {
  return {dnnl::batch_normalization_forward::desc(dnnl::prop_kind::forward_training, d, eps, kFlags), ctx().eng};
}
#endif

// The activation after the normalisation, as oneDNN eltwise primitives on the batch norm's output
// (relu with slope alpha; "use dst for bwd": the backward needs only the output). Code compiled
// here and run on data oneDNN's AVX-512 kernels just wrote was ~10x slower than these.
struct Act2 {
  dnnl::primitive fwd, bwd;
};
Act2 makeAct(const memory::desc &d, int act, float alpha) {
  if (act != kRelu && act != kLeaky) throw Fail{"ganseg native batch norm: only linear, relu and leakyrelu activations"};
  const float s = act == kRelu ? 0.f : alpha;
  const auto alg = dnnl::algorithm::eltwise_relu_use_dst_for_bwd;
  auto &eng = ctx().eng;
#if DNNL_VERSION_MAJOR >= 3
  dnnl::eltwise_forward::primitive_desc fpd(eng, dnnl::prop_kind::forward_training, alg, d, d, s, 0.f);
  dnnl::eltwise_backward::primitive_desc bpd(eng, alg, d, d, d, s, 0.f, fpd);
#else
  dnnl::eltwise_forward::primitive_desc fpd(dnnl::eltwise_forward::desc(dnnl::prop_kind::forward_training, alg, d, s, 0.f), eng);
  dnnl::eltwise_backward::primitive_desc bpd(dnnl::eltwise_backward::desc(alg, d, d, s, 0.f), eng, fpd);
#endif
  return {dnnl::eltwise_forward(fpd), dnnl::eltwise_backward(bpd)};
}

struct Fwd {
  dnnl::primitive prim;
  memory::desc d, c;
  Act2 act;
};
struct Bwd {
  dnnl::primitive prim;
  memory::desc d, c;
  Act2 act;
};

}  // namespace

void batchNormForward(const Args &a) {
  if (a.np < fCount) throw Fail{"ganseg native batch norm: expected " + std::to_string(fCount) + " parameters"};
  const int64_t p = a.i(fP), c = a.i(fC);
  SmallWork small(static_cast<double>(p) * c, 1 << 16);
  Fwd &e = cached<Fwd>("bnf", a, fKeyEnd, 256, [&] {
    Fwd e;
    e.d = memory::desc({1, c, p, 1}, dt::f32, tag::nhwc);  // [P, C] as one NHWC image of P rows: the jit nspc kernels
    e.c = memory::desc({c}, dt::f32, tag::a);
    e.prim = dnnl::batch_normalization_forward(fwdPd(e.d, static_cast<float>(a.f(fEps))));
    const int act = static_cast<int>(a.f(fAct));
    if (act != kLinear) e.act = makeAct(e.d, act, static_cast<float>(a.f(fAlpha)));
    return e;
  });
  auto &eng = ctx().eng;
  float *y = a.buf(fOffY, p * c);
  e.prim.execute(ctx().strm, {{DNNL_ARG_SRC, memory(e.d, eng, a.buf(fOffX, p * c))},
                              {DNNL_ARG_DST, memory(e.d, eng, y)},
                              {DNNL_ARG_SCALE, memory(e.c, eng, a.buf(fOffGamma, c))},
                              {DNNL_ARG_SHIFT, memory(e.c, eng, a.buf(fOffBeta, c))},
                              {DNNL_ARG_MEAN, memory(e.c, eng, a.buf(fOffMean, c))},
                              {DNNL_ARG_VARIANCE, memory(e.c, eng, a.buf(fOffVar, c))}});
  if (static_cast<int>(a.f(fAct)) != kLinear) {
    memory ym(e.d, eng, y);
    e.act.fwd.execute(ctx().strm, {{DNNL_ARG_SRC, ym}, {DNNL_ARG_DST, ym}});
  }
  ctx().strm.wait();
}

void batchNormBackward(const Args &a) {
  if (a.np < bCount) throw Fail{"ganseg native batch norm: expected " + std::to_string(bCount) + " parameters"};
  const int64_t p = a.i(bP), c = a.i(bC);
  const int act = static_cast<int>(a.f(bAct));
  const float alpha = static_cast<float>(a.f(bAlpha));
  if (act != kLinear && act != kRelu && act != kLeaky) throw Fail{"ganseg native batch norm: only linear, relu and leakyrelu activations"};
  SmallWork small(static_cast<double>(p) * c, 1 << 16);
  Bwd &e = cached<Bwd>("bnb", a, bKeyEnd, 256, [&] {
    Bwd e;
    e.d = memory::desc({1, c, p, 1}, dt::f32, tag::nhwc);  // [P, C] as one NHWC image of P rows: the jit nspc kernels
    e.c = memory::desc({c}, dt::f32, tag::a);
    const float eps = static_cast<float>(a.f(bEps));
    auto hint = fwdPd(e.d, eps);
#if DNNL_VERSION_MAJOR >= 3
    dnnl::batch_normalization_backward::primitive_desc pd(ctx().eng, dnnl::prop_kind::backward, e.d, e.d, e.d, eps, kFlags, hint);
#else
    dnnl::batch_normalization_backward::primitive_desc pd(
        dnnl::batch_normalization_backward::desc(dnnl::prop_kind::backward, e.d, e.d, eps, kFlags), ctx().eng, hint);
#endif
    e.prim = dnnl::batch_normalization_backward(pd);
    if (act != kLinear) e.act = makeAct(e.d, act, alpha);
    return e;
  });
  auto &eng = ctx().eng;
  const int64_t total = p * c;
  float *dy = a.buf(bOffDy, total);
  float *dx = a.buf(bOffDx, total);
  if (act != kLinear) {
    // The activation's gradient from the output, into dx; the batch norm's backward then runs in
    // place on it (oneDNN allows diff_dst == diff_src).
    e.act.bwd.execute(ctx().strm, {{DNNL_ARG_DST, memory(e.d, eng, a.buf(bOffY, total))}, {DNNL_ARG_DIFF_DST, memory(e.d, eng, dy)}, {DNNL_ARG_DIFF_SRC, memory(e.d, eng, dx)}});
    dy = dx;
  }
  e.prim.execute(ctx().strm, {{DNNL_ARG_SRC, memory(e.d, eng, a.buf(bOffX, total))},
                              {DNNL_ARG_DIFF_DST, memory(e.d, eng, dy)},
                              {DNNL_ARG_SCALE, memory(e.c, eng, a.buf(bOffGamma, c))},
                              {DNNL_ARG_SHIFT, memory(e.c, eng, a.buf(bOffBeta, c))},  // unused, but oneDNN 2.x checks it is there
                              {DNNL_ARG_MEAN, memory(e.c, eng, a.buf(bOffMean, c))},
                              {DNNL_ARG_VARIANCE, memory(e.c, eng, a.buf(bOffVar, c))},
                              {DNNL_ARG_DIFF_SRC, memory(e.d, eng, dx)},
                              {DNNL_ARG_DIFF_SCALE, memory(e.c, eng, a.buf(bOffDGamma, c))},
                              {DNNL_ARG_DIFF_SHIFT, memory(e.c, eng, a.buf(bOffDBeta, c))}});
  ctx().strm.wait();
}

}  // namespace gn
