// Elementwise float32 kernels tfjs-backend-wasm runs as scalar loops: leaky ReLU, Step (the
// leaky ReLU's slope) and Exp (softmax cross-entropy, twice a DeepLab step), one pass each, without branches (a branch on the sign of random data
// mispredicts half the time: 5-7 ns an element against 0.2 vectorised).
#include <cmath>

#include "common.h"

namespace gn {
namespace {

// alpha in double, as tfjs's reference kernels multiply
GN_VECTOR void leakyRelu(const float *__restrict x, float *__restrict y, int64_t n, double alpha) {
#pragma omp parallel for simd schedule(static) if (parallel: n >= (1 << 18))
  for (int64_t i = 0; i < n; i++) {
    const float v = x[i];
    y[i] = pick(v > 0.f, v, static_cast<float>(alpha * v));
  }
}

// NaN stays NaN
GN_VECTOR void step(const float *__restrict x, float *__restrict y, int64_t n, float alpha) {
#pragma omp parallel for simd schedule(static) if (parallel: n >= (1 << 18))
  for (int64_t i = 0; i < n; i++) {
    const float v = x[i];
    const float s = v != v ? v : alpha;
    y[i] = v > 0.f ? 1.f : s;
  }
}

// dy * step(x, alpha) in one pass: dy where x > 0, else dy * alpha (NaN where x is NaN), the
// same float32 products as Step then Multiply
GN_VECTOR void leakyGrad(const float *__restrict dy, const float *__restrict x, float *__restrict y, int64_t n, float alpha) {
#pragma omp parallel for simd schedule(static) if (parallel: n >= (1 << 18))
  for (int64_t i = 0; i < n; i++) {
    const float v = x[i];
    const float s = v != v ? v : alpha;
    y[i] = dy[i] * pick(v > 0.f, 1.f, s);
  }
}

// in double, rounded once to float32, as tfjs's reference kernel (Math.exp) does
void exp(const float *__restrict x, float *__restrict y, int64_t n) {
#pragma omp parallel for schedule(static) if (n >= (1 << 17))
  for (int64_t i = 0; i < n; i++) y[i] = static_cast<float>(std::exp(static_cast<double>(x[i])));
}

}  // namespace

// Parameters, shared with src/_elementwise-kernels.ts: kind (0 leaky ReLU, 1 step, 2 exp, 3 leaky
// ReLU gradient), count, alpha, then the offsets of the inputs and of the output: x and y, or for
// kind 3 dy, x and y. Leaky ReLU: x > 0 ? x : alpha x. Step: x > 0 ? 1 : alpha (NaN stays NaN).
// Leaky ReLU gradient: dy times the step of x.
void elementwise(const Args &a) {
  const int kind = static_cast<int>(a.i(0));
  const int64_t n = a.i(1);
  const double alpha = a.f(2);
  const int inputs = kind == 3 ? 2 : 1;
  const float *x = a.buf(3, n);
  const float *x2 = inputs == 2 ? a.buf(4, n) : nullptr;
  float *y = a.buf(3 + inputs, n);
  if (x == y || x2 == y) throw Fail{"ganseg native elementwise: the output must not be an input"};
  if (kind == 0) {
    leakyRelu(x, y, n, alpha);
  } else if (kind == 1) {
    step(x, y, n, static_cast<float>(alpha));
  } else if (kind == 2) {
    exp(x, y, n);
  } else if (kind == 3) {
    leakyGrad(x, x2, y, n, static_cast<float>(alpha));
  } else {
    throw Fail{"ganseg native elementwise: unknown kind " + std::to_string(kind)};
  }
}

}  // namespace gn
