// One Adam step for one weight tensor, in one pass, with tfjs-core's AdamOptimizer arithmetic
// (float32, the same order of operations):
//   m' = m b1 + g (1 - b1);  v' = v b2 + g^2 (1 - b2);
//   w' = ((m' / c1) / (sqrt(v' / c2) + eps)) (-lr) + w,  with c = 1 - beta^t.
#include <cmath>

#include "common.h"

namespace gn {

// Parameter layout, shared with src/_adam-kernel.ts.
enum P { kN, kB1, kOneMinusB1, kB2, kOneMinusB2, kC1, kC2, kEps, kNegLr, kOffW, kOffM, kOffV, kOffG, kOffWOut, kOffMOut, kOffVOut, kCount };

void adam(const Args &a) {
  if (a.np < kCount) throw Fail{"ganseg native adam: expected " + std::to_string(kCount) + " parameters"};
  const int64_t n = a.i(kN);
  const auto f = [&](int k) { return static_cast<float>(a.f(k)); };
  const float b1 = f(kB1), omb1 = f(kOneMinusB1), b2 = f(kB2), omb2 = f(kOneMinusB2), c1 = f(kC1), c2 = f(kC2), eps = f(kEps), negLr = f(kNegLr);
  const float *w = a.buf(kOffW, n), *m = a.buf(kOffM, n), *v = a.buf(kOffV, n), *g = a.buf(kOffG, n);
  float *wo = a.buf(kOffWOut, n), *mo = a.buf(kOffMOut, n), *vo = a.buf(kOffVOut, n);
#pragma omp parallel for simd schedule(static) if (parallel: n > 65536)
  for (int64_t i = 0; i < n; i++) {
    const float gi = g[i];
    const float mi = m[i] * b1 + gi * omb1;
    const float g2 = gi * gi;
    const float vi = v[i] * b2 + g2 * omb2;
    mo[i] = mi;
    vo[i] = vi;
    const float step = (mi / c1) / (std::sqrt(vi / c2) + eps);
    wo[i] = step * negLr + w[i];
  }
}

}  // namespace gn
