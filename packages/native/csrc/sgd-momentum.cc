// One SGD-with-momentum step for one weight tensor, PyTorch's rule, in one pass:
//   g' = g + wd w;  m' = momentum m + g';  w' = w - lr m'.
#include "common.h"

namespace gn {

// Parameter layout, shared with src/_sgd-momentum-kernel.ts.
enum P { kN, kLr, kMomentum, kWd, kOffW, kOffM, kOffG, kOffWOut, kOffMOut, kCount };

void sgdMomentum(const Args &a) {
  if (a.np < kCount) throw Fail{"ganseg native sgd: expected " + std::to_string(kCount) + " parameters"};
  const int64_t n = a.i(kN);
  const float lr = static_cast<float>(a.f(kLr)), mu = static_cast<float>(a.f(kMomentum)), wd = static_cast<float>(a.f(kWd));
  const float *w = a.buf(kOffW, n), *m = a.buf(kOffM, n), *g = a.buf(kOffG, n);
  float *wo = a.buf(kOffWOut, n), *mo = a.buf(kOffMOut, n);
#pragma omp parallel for simd schedule(static) if (parallel: n > 65536)
  for (int64_t i = 0; i < n; i++) {
    const float mi = mu * m[i] + (g[i] + wd * w[i]);
    mo[i] = mi;
    wo[i] = w[i] - lr * mi;
  }
}

}  // namespace gn
