// Sum and mean of a float32 tensor over one contiguous run of axes (tfjs Sum / Mean): the tensor
// is viewed as [outer, mid, inner] and reduced over mid, accumulating in double. tfjs-backend-wasm
// transposes the reduced axes to the end first (a full copy), which dominates a conv bias's
// gradient (a sum over N, H, W of NHWC) and StyleGAN's minibatch standard deviation.
#include "common.h"

namespace gn {

// Parameters, shared with src/_reduce-kernels.ts: outer, mid, inner, mean (0 | 1), then the byte
// offsets of x and y.
void reduce(const Args &a) {
  const int64_t outer = a.i(0), mid = a.i(1), inner = a.i(2);
  const bool mean = a.i(3) != 0;
  if (outer < 1 || mid < 1 || inner < 1) throw Fail{"ganseg native reduce: empty shape"};
  const float *x = a.buf(4, outer * mid * inner);
  float *y = a.buf(5, outer * inner);
  const double scale = mean ? 1.0 / static_cast<double>(mid) : 1.0;
  if (inner == 1 && mid < 8) {
    // short rows (a softmax's classes): one sum each, the same order as below, without its eight partials
#pragma omp parallel for schedule(static) if (outer * mid >= (1 << 16))
    for (int64_t o = 0; o < outer; o++) {
      double t = 0;
      for (int64_t m = 0; m < mid; m++) t += x[o * mid + m];
      y[o] = static_cast<float>(t * scale);
    }
    return;
  }
  if (inner == 1) {
    // a row sum a sample: eight partial sums, so the loop vectorises
#pragma omp parallel for schedule(static) if (outer * mid >= (1 << 16))
    for (int64_t o = 0; o < outer; o++) {
      const float *r = x + o * mid;
      double s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
      int64_t m = 0;
      for (; m + 8 <= mid; m += 8)
        for (int k = 0; k < 8; k++) s[k] += r[m + k];
      double t = 0;
      for (; m < mid; m++) t += r[m];
      for (int k = 0; k < 8; k++) t += s[k];
      y[o] = static_cast<float>(t * scale);
    }
    return;
  }
  // columns: each thread owns a block of inner (and outer) and sweeps mid
  constexpr int64_t kBlock = 256;
  const int64_t blocks = (inner + kBlock - 1) / kBlock;
#pragma omp parallel for collapse(2) schedule(static) if (outer * mid * inner >= (1 << 16))
  for (int64_t o = 0; o < outer; o++) {
    for (int64_t b = 0; b < blocks; b++) {
      const int64_t j0 = b * kBlock, n = std::min(kBlock, inner - j0);
      double acc[kBlock];
      for (int64_t j = 0; j < n; j++) acc[j] = 0;
      const float *base = x + o * mid * inner + j0;
      for (int64_t m = 0; m < mid; m++) {
        const float *r = base + m * inner;
        for (int64_t j = 0; j < n; j++) acc[j] += r[j];
      }
      float *out = y + o * inner + j0;
      for (int64_t j = 0; j < n; j++) out[j] = static_cast<float>(acc[j] * scale);
    }
  }
}

}  // namespace gn
