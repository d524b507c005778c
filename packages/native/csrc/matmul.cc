// Batched matrix products (tfjs BatchMatMul and _FusedMatMul): C[b] = op(A[b]) op(B[b]) + bias,
// then an activation; a batch of 1 broadcasts against the other operand's batch.
#include "common.h"

namespace gn {
namespace {

// Parameter layout, shared with src/_matmul-params.ts.
enum P { kBA, kBB, kM, kK, kN, kTA, kTB, kAct, kHasBias, kAlpha, kKeyEnd, kOffA = kKeyEnd, kOffB, kOffBias, kOffC, kCount };

struct Entry {
  dnnl::primitive prim;
  memory::desc a, b, c, bias;
};

Entry build(const double *p) {
  auto I = [&](int k) { return static_cast<int64_t>(p[k]); };
  const int64_t ba = I(kBA), bb = I(kBB), m = I(kM), k = I(kK), n = I(kN), bc = ba > bb ? ba : bb;
  Entry e;
  e.a = p[kTA] != 0 ? strided({ba, m, k}, {m * k, 1, m}) : strided({ba, m, k}, {m * k, k, 1});
  e.b = p[kTB] != 0 ? strided({bb, k, n}, {k * n, 1, k}) : strided({bb, k, n}, {k * n, n, 1});
  e.c = memory::desc({bc, m, n}, dt::f32, tag::abc);
  e.bias = memory::desc({1, 1, n}, dt::f32, tag::abc);
  const dnnl::primitive_attr attr = actAttr(static_cast<int>(p[kAct]), static_cast<float>(p[kAlpha]));
  const bool hasBias = p[kHasBias] != 0;
#if DNNL_VERSION_MAJOR >= 3
  auto pd = hasBias ? dnnl::matmul::primitive_desc(ctx().eng, e.a, e.b, e.bias, e.c, attr)
                    : dnnl::matmul::primitive_desc(ctx().eng, e.a, e.b, e.c, attr);
#else
  auto pd = hasBias ? dnnl::matmul::primitive_desc(dnnl::matmul::desc(e.a, e.b, e.bias, e.c), attr, ctx().eng)
                    : dnnl::matmul::primitive_desc(dnnl::matmul::desc(e.a, e.b, e.c), attr, ctx().eng);
#endif
  e.prim = dnnl::matmul(pd);
  return e;
}

}  // namespace

void matmul(const Args &a) {
  if (a.np < kCount) throw Fail{"ganseg native matmul: expected " + std::to_string(kCount) + " parameters"};
  SmallWork small(2 * std::max(a.f(kBA), a.f(kBB)) * a.f(kM) * a.f(kN) * a.f(kK), kSmallFlops);
  auto [e, eng, strm] = prepare<Entry>("matmul", "matmul", a, kCount, kKeyEnd, 512, [&] { return build(a.p); });
  const int64_t ba = a.i(kBA), bb = a.i(kBB), m = a.i(kM), k = a.i(kK), n = a.i(kN), bc = ba > bb ? ba : bb;
  std::unordered_map<int, memory> args{
      {DNNL_ARG_SRC, memory(e.a, eng, a.buf(kOffA, ba * m * k))},
      {DNNL_ARG_WEIGHTS, memory(e.b, eng, a.buf(kOffB, bb * k * n))},
      {DNNL_ARG_DST, memory(e.c, eng, a.buf(kOffC, bc * m * n))},
  };
  if (a.p[kHasBias] != 0) args.emplace(DNNL_ARG_BIAS, memory(e.bias, eng, a.buf(kOffBias, n)));
  e.prim.execute(strm, args);
  strm.wait();
}

}  // namespace gn
