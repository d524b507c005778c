// The gradient of an NHWC max pool (tfjs MaxPoolGrad: dy, the pool's input and output): oneDNN's
// max-pool backward needs the forward's workspace (which tap won), so the forward runs again here
// into scratch memory of this thread's primitive.
#include "common.h"

namespace gn {
namespace {

// Parameter layout, shared with src/_max-pool-grad-kernel.ts.
enum P { kN, kIH, kIW, kC, kOH, kOW, kKH, kKW, kSH, kSW, kPT, kPL, kPB, kPR, kKeyEnd, kOffX = kKeyEnd, kOffDy, kOffDx, kCount };

struct Entry {
  dnnl::primitive fwd, bwd;
  memory::desc x, y;
  memory ws, yScratch;
};

Entry build(const double *p) {
  auto I = [&](int k) { return static_cast<int64_t>(p[k]); };
  Entry e;
  e.x = memory::desc({I(kN), I(kC), I(kIH), I(kIW)}, dt::f32, tag::nhwc);
  e.y = memory::desc({I(kN), I(kC), I(kOH), I(kOW)}, dt::f32, tag::nhwc);
  const memory::dims st{I(kSH), I(kSW)}, k{I(kKH), I(kKW)}, pl{I(kPT), I(kPL)}, pr{I(kPB), I(kPR)};
  auto &eng = ctx().eng;
  const auto alg = dnnl::algorithm::pooling_max;
#if DNNL_VERSION_MAJOR >= 3
  const memory::dims dil{0, 0};
  dnnl::pooling_forward::primitive_desc fpd(eng, dnnl::prop_kind::forward_training, alg, e.x, e.y, st, k, dil, pl, pr);
  dnnl::pooling_backward::primitive_desc bpd(eng, alg, e.x, e.y, st, k, dil, pl, pr, fpd);
#else
  dnnl::pooling_forward::primitive_desc fpd(dnnl::pooling_forward::desc(dnnl::prop_kind::forward_training, alg, e.x, e.y, st, k, pl, pr), eng);
  dnnl::pooling_backward::primitive_desc bpd(dnnl::pooling_backward::desc(alg, e.x, e.y, st, k, pl, pr), eng, fpd);
#endif
  e.fwd = dnnl::pooling_forward(fpd);
  e.bwd = dnnl::pooling_backward(bpd);
  e.ws = memory(fpd.workspace_desc(), eng);
  e.yScratch = memory(e.y, eng);
  return e;
}

}  // namespace

void maxPoolGrad(const Args &a) {
  auto [e, eng, strm] = prepare<Entry>("max pool", "maxpoolgrad", a, kCount, kKeyEnd, 128, [&] { return build(a.p); });
  memory x(e.x, eng, a.buf(kOffX, e.x.get_size() / 4));
  e.fwd.execute(strm, {{DNNL_ARG_SRC, x}, {DNNL_ARG_DST, e.yScratch}, {DNNL_ARG_WORKSPACE, e.ws}});
  e.bwd.execute(strm, {{DNNL_ARG_DIFF_DST, memory(e.y, eng, a.buf(kOffDy, e.y.get_size() / 4))},
                       {DNNL_ARG_WORKSPACE, e.ws},
                       {DNNL_ARG_DIFF_SRC, memory(e.x, eng, a.buf(kOffDx, e.x.get_size() / 4))}});
  strm.wait();
}

}  // namespace gn
