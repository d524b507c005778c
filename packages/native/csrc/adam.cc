// One Adam step for one weight tensor, in one pass (adam), or for a list of them in place
// (adamInPlace: one call an optimizer step), with tfjs-core's AdamOptimizer arithmetic
// (float32, the same order of operations):
//   m' = m b1 + g (1 - b1);  v' = v b2 + g^2 (1 - b2);
//   w' = ((m' / c1) / (sqrt(v' / c2) + eps)) (-lr) + w,  with c = 1 - beta^t.
#include <cmath>

#include "common.h"

namespace gn {

// Parameter layout, shared with src/_adam-kernel.ts.
enum P { kN, kB1, kOneMinusB1, kB2, kOneMinusB2, kC1, kC2, kEps, kNegLr, kOffW, kOffM, kOffV, kOffG, kOffWOut, kOffMOut, kOffVOut, kCount };

namespace {

struct Coeffs {
  float b1, omb1, b2, omb2, c1, c2, eps, negLr;
};

// The coefficients at parameters k .. k + 7 (b1, 1 - b1, b2, 1 - b2, c1, c2, eps, -lr).
Coeffs coeffs(const Args &a, size_t k) {
  const auto f = [&](size_t j) { return static_cast<float>(a.f(k + j)); };
  return {f(0), f(1), f(2), f(3), f(4), f(5), f(6), f(7)};
}

// The outputs may be the inputs (each element is read before it is written).
void step(const Coeffs &c, const float *w, const float *m, const float *v, const float *g, float *wo, float *mo, float *vo, int64_t n) {
  const float b1 = c.b1, omb1 = c.omb1, b2 = c.b2, omb2 = c.omb2, c1 = c.c1, c2 = c.c2, eps = c.eps, negLr = c.negLr;
#pragma omp parallel for simd schedule(static) if (parallel: n > 65536)
  for (int64_t i = 0; i < n; i++) {
    const float gi = g[i];
    const float mi = m[i] * b1 + gi * omb1;
    const float g2 = gi * gi;
    const float vi = v[i] * b2 + g2 * omb2;
    mo[i] = mi;
    vo[i] = vi;
    const float s = (mi / c1) / (std::sqrt(vi / c2) + eps);
    wo[i] = s * negLr + w[i];
  }
}

}  // namespace

void adam(const Args &a) {
  if (a.np < kCount) throw Fail{"ganseg native adam: expected " + std::to_string(kCount) + " parameters"};
  const int64_t n = a.i(kN);
  step(coeffs(a, kB1), a.buf(kOffW, n), a.buf(kOffM, n), a.buf(kOffV, n), a.buf(kOffG, n), a.buf(kOffWOut, n), a.buf(kOffMOut, n), a.buf(kOffVOut, n), n);
}

// Parameters, shared with src/fused-adam-optimizer.ts: the tensor count T, the 8 coefficients
// (as adam's), then for each tensor its size and the offsets of w, m, v and g; w, m and v are
// updated in place.
void adamInPlace(const Args &a) {
  const int64_t t = a.i(0);
  if (t < 0 || a.np != static_cast<size_t>(9 + 5 * t)) throw Fail{"ganseg native adamInPlace: expected 9 + 5 x count parameters"};
  const Coeffs c = coeffs(a, 1);
  for (int64_t j = 0; j < t; j++) {
    const size_t k = 9 + 5 * j;
    const int64_t n = a.i(k);
    float *w = a.buf(k + 1, n), *m = a.buf(k + 2, n), *v = a.buf(k + 3, n);
    step(c, w, m, v, a.buf(k + 4, n), w, m, v, n);
  }
}

}  // namespace gn
