// Elementwise float32 kernels tfjs-backend-wasm runs as scalar loops: leaky ReLU and Step (the
// leaky ReLU's slope), one pass each.
#include "common.h"

namespace gn {

// Parameters, shared with src/_elementwise-kernels.ts: kind (0 leaky ReLU, 1 step), count, alpha,
// then the offsets of x and y. Leaky ReLU: x > 0 ? x : alpha x. Step: x > 0 ? 1 : alpha (NaN stays NaN).
void elementwise(const Args &a) {
  const int kind = static_cast<int>(a.i(0));
  const int64_t n = a.i(1);
  const double alpha = a.f(2);  // in double, as tfjs's reference kernels multiply
  const float *x = a.buf(3, n);
  float *y = a.buf(4, n);
  if (kind == 0) {
#pragma omp parallel for schedule(static) if (n >= (1 << 18))
    for (int64_t i = 0; i < n; i++) y[i] = x[i] > 0.f ? x[i] : static_cast<float>(alpha * x[i]);
  } else if (kind == 1) {
#pragma omp parallel for schedule(static) if (n >= (1 << 18))
    for (int64_t i = 0; i < n; i++) y[i] = x[i] > 0.f ? 1.f : (x[i] != x[i] ? x[i] : static_cast<float>(alpha));
  } else {
    throw Fail{"ganseg native elementwise: unknown kind " + std::to_string(kind)};
  }
}

}  // namespace gn
