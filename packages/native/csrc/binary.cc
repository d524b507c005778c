// Float32 Add, Sub and Multiply with broadcasting. tfjs-backend-wasm's broadcasting loop computes
// each element's input indices from its output index (0.5-0.7 ms for a bias added to 262,144
// elements); here the shapes arrive collapsed (src/_binary-kernels.ts) to at most 6 output dims
// with each input's strides (0 on a broadcast dim), and the innermost dim runs as a vector loop.
#include "common.h"

namespace gn {
namespace {

enum Op { kAdd = 0, kSub = 1, kMul = 2 };

template <int OP>
inline float apply(float x, float y) {
  if (OP == kAdd) return x + y;
  if (OP == kSub) return x - y;
  return x * y;
}

// One innermost row of `n`: each input contiguous (stride 1) or one value repeated (stride 0).
template <int OP>
GN_VECTOR void row(const float *__restrict a, int64_t sa, const float *__restrict b, int64_t sb, float *__restrict o, int64_t n) {
  if (sa == 1 && sb == 1) {
    for (int64_t i = 0; i < n; i++) o[i] = apply<OP>(a[i], b[i]);
  } else if (sa == 1) {
    const float y = b[0];
    for (int64_t i = 0; i < n; i++) o[i] = apply<OP>(a[i], y);
  } else if (sb == 1) {
    const float x = a[0];
    for (int64_t i = 0; i < n; i++) o[i] = apply<OP>(x, b[i]);
  } else {
    const float v = apply<OP>(a[0], b[0]);
    for (int64_t i = 0; i < n; i++) o[i] = v;
  }
}

template <int OP>
void run(int R, const int64_t *dims, const int64_t *sa, const int64_t *sb, const float *a, const float *b, float *o) {
  const int64_t inner = dims[R - 1];
  int64_t rows = 1;
  for (int k = 0; k < R - 1; k++) rows *= dims[k];
#pragma omp parallel for schedule(static) if (rows * inner >= (1 << 18) && rows > 1)
  for (int64_t r = 0; r < rows; r++) {
    // the row's input offsets from its multi-index over the outer dims
    int64_t rem = r, offA = 0, offB = 0;
    for (int k = R - 2; k >= 0; k--) {
      const int64_t idx = rem % dims[k];
      rem /= dims[k];
      offA += idx * sa[k];
      offB += idx * sb[k];
    }
    row<OP>(a + offA, sa[R - 1], b + offB, sb[R - 1], o + r * inner, inner);
  }
}

}  // namespace

// Parameters, shared with src/_binary-kernels.ts: op, rank R (1-6), the output dims, a's strides,
// b's strides (R each, in elements, 0 where broadcast), then the offsets of a, b and the output.
void binary(const Args &a) {
  const int op = static_cast<int>(a.i(0));
  const int R = static_cast<int>(a.i(1));
  if (R < 1 || R > 6 || a.np < static_cast<size_t>(2 + 3 * R + 3)) throw Fail{"ganseg native binary: expected rank 1-6 and its dims and strides"};
  int64_t dims[6], sa[6], sb[6];
  int64_t total = 1, spanA = 1, spanB = 1;
  for (int k = 0; k < R; k++) {
    dims[k] = a.i(2 + k);
    sa[k] = a.i(2 + R + k);
    sb[k] = a.i(2 + 2 * R + k);
    if (dims[k] < 1 || sa[k] < 0 || sb[k] < 0) throw Fail{"ganseg native binary: dims must be positive and strides not negative"};
    total *= dims[k];
    spanA += (dims[k] - 1) * sa[k];
    spanB += (dims[k] - 1) * sb[k];
  }
  if ((sa[R - 1] != 0 && sa[R - 1] != 1) || (sb[R - 1] != 0 && sb[R - 1] != 1)) throw Fail{"ganseg native binary: the innermost stride must be 0 or 1"};
  const float *x = a.buf(2 + 3 * R, spanA), *y = a.buf(3 + 3 * R, spanB);
  float *o = a.buf(4 + 3 * R, total);
  if (op == kAdd) run<kAdd>(R, dims, sa, sb, x, y, o);
  else if (op == kSub) run<kSub>(R, dims, sa, sb, x, y, o);
  else if (op == kMul) run<kMul>(R, dims, sa, sb, x, y, o);
  else throw Fail{"ganseg native binary: unknown op " + std::to_string(op)};
}

}  // namespace gn
