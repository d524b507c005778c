// Float32 Add, Sub and Multiply with broadcasting, and the broadcast copy behind Tile of size-1
// axes. tfjs-backend-wasm's broadcasting loop computes each element's input indices from its
// output index (0.5-0.7 ms for a bias added to 262,144 elements); here the shapes arrive
// collapsed (src/_binary-kernels.ts) to at most 6 output dims with each input's strides (0 on a
// broadcast dim), and the two innermost dims run as one loop nest.
#include "common.h"

namespace gn {
namespace {

enum Op { kAdd = 0, kSub = 1, kMul = 2, kCopy = 3 };

template <int OP>
inline float apply(float x, float y) {
  if (OP == kAdd) return x + y;
  if (OP == kSub) return x - y;
  if (OP == kMul) return x * y;
  return x;  // kCopy: the broadcast of x
}

// A [rows, n] block: row r of x starts at x + r * rx, of y at y + r * ry, of o at o + r * n; along
// a row each input is contiguous (stride 1) or one value repeated (stride 0).
template <int OP>
GN_VECTOR void block(const float *__restrict x, int64_t rx, int64_t sx, const float *__restrict y, int64_t ry, int64_t sy, float *__restrict o, int64_t rows, int64_t n) {
  if (n < 16) {
    // short rows ([pixels, classes] minus [pixels, 1] in a softmax): no per-row dispatch
    for (int64_t r = 0; r < rows; r++)
      for (int64_t i = 0; i < n; i++) o[r * n + i] = apply<OP>(x[r * rx + i * sx], y[r * ry + i * sy]);
    return;
  }
  for (int64_t r = 0; r < rows; r++) {
    const float *a = x + r * rx, *b = y + r * ry;
    float *d = o + r * n;
    if (sx == 1 && sy == 1) {
      for (int64_t i = 0; i < n; i++) d[i] = apply<OP>(a[i], b[i]);
    } else if (sx == 1) {
      const float v = b[0];
      for (int64_t i = 0; i < n; i++) d[i] = apply<OP>(a[i], v);
    } else if (sy == 1) {
      const float v = a[0];
      for (int64_t i = 0; i < n; i++) d[i] = apply<OP>(v, b[i]);
    } else {
      const float v = apply<OP>(a[0], b[0]);
      for (int64_t i = 0; i < n; i++) d[i] = v;
    }
  }
}

// The calling OpenMP thread's share [begin, end) of n items, split statically.
inline void share(int64_t n, int64_t &begin, int64_t &end) {
#if defined(_OPENMP)
  const int64_t t = omp_get_thread_num(), nt = omp_get_num_threads();
#else
  const int64_t t = 0, nt = 1;
#endif
  begin = n * t / nt;
  end = n * (t + 1) / nt;
}

// Dims 0..R-3 are walked by a counter (one division per thread to start it); dims
// are one block call.
template <int OP>
void run(int R, const int64_t *dims, const int64_t *sa, const int64_t *sb, const float *a, const float *b, float *o) {
  if (R == 1) {
    block<OP>(a, 0, sa[0], b, 0, sb[0], o, 1, dims[0]);
    return;
  }
  const int64_t n = dims[R - 1], rows = dims[R - 2], plane = rows * n;
  if (R == 2) {
    // one plane: its rows split between the threads
#pragma omp parallel if (plane >= (1 << 18) && rows > 1)
    {
      int64_t r0, r1;
      share(rows, r0, r1);
      block<OP>(a + r0 * sa[0], sa[0], sa[1], b + r0 * sb[0], sb[0], sb[1], o + r0 * n, r1 - r0, n);
    }
    return;
  }
  int64_t outer = 1;
  for (int k = 0; k < R - 2; k++) outer *= dims[k];
#pragma omp parallel if (outer * plane >= (1 << 18) && outer > 1)
  {
    int64_t begin, end;
    share(outer, begin, end);
    int64_t idx[6] = {0, 0, 0, 0, 0, 0}, offA = 0, offB = 0;
    for (int64_t rem = begin, k = R - 3; k >= 0; k--) {
      idx[k] = rem % dims[k];
      rem /= dims[k];
      offA += idx[k] * sa[k];
      offB += idx[k] * sb[k];
    }
    for (int64_t p = begin; p < end; p++) {
      block<OP>(a + offA, sa[R - 2], sa[R - 1], b + offB, sb[R - 2], sb[R - 1], o + p * plane, rows, n);
      for (int k = R - 3; k >= 0; k--) {
        offA += sa[k];
        offB += sb[k];
        if (++idx[k] < dims[k]) break;
        offA -= dims[k] * sa[k];
        offB -= dims[k] * sb[k];
        idx[k] = 0;
      }
    }
  }
}

}  // namespace

// Parameters, shared with src/_binary-kernels.ts: op (0 add, 1 sub, 2 multiply, 3 copy of the
// first input), rank R (1-6), the output dims, a's strides, b's strides (R each, in elements, 0
// where broadcast), then the offsets of a, b and the output.
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
  else if (op == kCopy) run<kCopy>(R, dims, sa, sb, x, y, o);
  else throw Fail{"ganseg native binary: unknown op " + std::to_string(op)};
}

}  // namespace gn
