// A moving average of a list of tensors, updated in place in one call: avg = x + (avg - x) beta,
// in float32 with tfjs's rounding (the subtraction, the product and the sum each rounded, beta a
// float32 scalar), as `avg.assign(tf.add(x, tf.mul(tf.sub(avg, x), beta)))` computes it.
#include "common.h"

namespace gn {
namespace {

GN_VECTOR void lerp(float *__restrict avg, const float *__restrict x, int64_t n, float beta) {
#pragma omp parallel for simd schedule(static) if (parallel: n > 65536)
  for (int64_t i = 0; i < n; i++) {
    const float d = avg[i] - x[i];
    const float s = d * beta;
    avg[i] = x[i] + s;
  }
}

}  // namespace

// Parameters, shared with src/ema-update.ts: the tensor count T, beta, then for each tensor its
// size and the offsets of the average (updated in place) and of the new value.
void emaInPlace(const Args &a) {
  const int64_t t = a.i(0);
  if (t < 0 || a.np != static_cast<size_t>(2 + 3 * t)) throw Fail{"ganseg native emaInPlace: expected 2 + 3 x count parameters"};
  const float beta = static_cast<float>(a.f(1));
  for (int64_t j = 0; j < t; j++) {
    const size_t k = 2 + 3 * j;
    const int64_t n = a.i(k);
    float *avg = a.buf(k + 1, n);
    const float *x = a.buf(k + 2, n);
    if (avg == x) throw Fail{"ganseg native emaInPlace: the average must not be the value"};
    lerp(avg, x, n, beta);
  }
}

}  // namespace gn
