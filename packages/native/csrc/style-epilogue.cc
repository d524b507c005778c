// StyleGAN (v1)'s layer epilogue after a convolution, in one pass each way: per-pixel noise,
// leaky ReLU, instance normalisation and the style's scale and shift (AdaIN),
//   v = lrelu(y + noise * noiseWeight);  out = (v - mean_hw v) / sqrt(var_hw v + eps) * scale + shift,
// over NHWC data with per-sample statistics, and its gradient with respect to every input.
#include <cmath>
#include <vector>

#include "common.h"

namespace gn {
namespace {

// Parameter layouts, shared with src/_style-epilogue-kernels.ts.
enum F { fN, fHW, fC, fNoiseBatched, fAlpha, fEps, fOffY, fOffNoise, fOffNw, fOffScale, fOffShift, fOffOut, fOffV, fOffMean, fOffRstd, fCount };
enum B { bN, bHW, bC, bNoiseBatched, bAlpha, bOffDout, bOffV, bOffMean, bOffRstd, bOffScale, bOffNoise, bOffNw, bOffDy, bOffDNoise, bOffDNw, bOffDScale, bOffDShift, bCount };

}  // namespace

GN_VECTOR void styleEpilogueForward(const Args &a) {
  if (a.np < fCount) throw Fail{"ganseg native style epilogue: expected " + std::to_string(fCount) + " parameters"};
  const int64_t N = a.i(fN), HW = a.i(fHW), C = a.i(fC);
  const bool nb = a.i(fNoiseBatched) != 0;
  const float alpha = static_cast<float>(a.f(fAlpha));
  const double eps = a.f(fEps);
  const float *y = a.buf(fOffY, N * HW * C), *noise = a.buf(fOffNoise, (nb ? N : 1) * HW), *nw = a.buf(fOffNw, C);
  const float *scale = a.buf(fOffScale, N * C), *shift = a.buf(fOffShift, N * C);
  float *out = a.buf(fOffOut, N * HW * C), *v = a.buf(fOffV, N * HW * C), *mean = a.buf(fOffMean, N * C), *rstd = a.buf(fOffRstd, N * C);
#pragma omp parallel for schedule(static) if (N * HW * C >= (1 << 18))
  for (int64_t n = 0; n < N; n++) {
    const float *yn = y + n * HW * C, *zn = noise + (nb ? n * HW : 0);
    float *vn = v + n * HW * C, *on = out + n * HW * C;
    std::vector<double> s(C, 0.0), q(C, 0.0);
    for (int64_t p = 0; p < HW; p++) {
      const float z = zn[p];
      const float *yp = yn + p * C;
      float *vp = vn + p * C;
      for (int64_t c = 0; c < C; c++) {
        const float u = yp[c] + z * nw[c];
        const float w = pick(u < 0.f, u * alpha, u);
        vp[c] = w;
        s[c] += w;
      }
    }
    for (int64_t c = 0; c < C; c++) s[c] /= static_cast<double>(HW);
    for (int64_t p = 0; p < HW; p++) {
      const float *vp = vn + p * C;
      for (int64_t c = 0; c < C; c++) {
        const double d = vp[c] - s[c];
        q[c] += d * d;
      }
    }
    // out = (v - mean) k + shift: centred first, so a channel of equal values (zero variance, as
    // at the constant input) gives exactly `shift` instead of two 1e4-sized terms that cancel
    std::vector<float> mu(C), k(C);
    const float *sh = shift + n * C;
    for (int64_t c = 0; c < C; c++) {
      const double r = 1.0 / std::sqrt(q[c] / static_cast<double>(HW) + eps);
      mu[c] = static_cast<float>(s[c]);
      mean[n * C + c] = mu[c];
      rstd[n * C + c] = static_cast<float>(r);
      k[c] = static_cast<float>(r * scale[n * C + c]);
    }
    for (int64_t p = 0; p < HW; p++) {
      const float *vp = vn + p * C;
      float *op = on + p * C;
      for (int64_t c = 0; c < C; c++) op[c] = (vp[c] - mu[c]) * k[c] + sh[c];
    }
  }
}

GN_VECTOR void styleEpilogueBackward(const Args &a) {
  if (a.np < bCount) throw Fail{"ganseg native style epilogue grad: expected " + std::to_string(bCount) + " parameters"};
  const int64_t N = a.i(bN), HW = a.i(bHW), C = a.i(bC);
  const bool nb = a.i(bNoiseBatched) != 0;
  const float alpha = static_cast<float>(a.f(bAlpha));
  const float *dout = a.buf(bOffDout, N * HW * C), *v = a.buf(bOffV, N * HW * C), *mean = a.buf(bOffMean, N * C), *rstd = a.buf(bOffRstd, N * C);
  const float *scale = a.buf(bOffScale, N * C), *noise = a.buf(bOffNoise, (nb ? N : 1) * HW), *nw = a.buf(bOffNw, C);
  float *dy = a.buf(bOffDy, N * HW * C), *dnoise = a.buf(bOffDNoise, (nb ? N : 1) * HW), *dnw = a.buf(bOffDNw, C);
  float *dscale = a.buf(bOffDScale, N * C), *dshift = a.buf(bOffDShift, N * C);
  std::vector<double> dnwPart(N * C, 0.0);      // per sample, summed below (no two threads write one slot)
  std::vector<float> dnoisePart(N * HW, 0.f);   // per sample; summed over N when the noise is shared
#pragma omp parallel for schedule(static) if (N * HW * C >= (1 << 18))
  for (int64_t n = 0; n < N; n++) {
    const float *gn_ = dout + n * HW * C, *vn = v + n * HW * C, *zn = noise + (nb ? n * HW : 0);
    float *dyn = dy + n * HW * C;
    const float *mu = mean + n * C, *r = rstd + n * C, *sc = scale + n * C;
    std::vector<double> sg(C, 0.0), sgx(C, 0.0);
    for (int64_t p = 0; p < HW; p++) {
      const float *gp = gn_ + p * C, *vp = vn + p * C;
      for (int64_t c = 0; c < C; c++) {
        const float xh = (vp[c] - mu[c]) * r[c];
        sg[c] += gp[c];
        sgx[c] += static_cast<double>(gp[c]) * xh;
      }
    }
    std::vector<float> k(C), m1(C), m2(C);
    for (int64_t c = 0; c < C; c++) {
      dshift[n * C + c] = static_cast<float>(sg[c]);
      dscale[n * C + c] = static_cast<float>(sgx[c]);
      // dv = r s (g - mean(g) - xh mean(g xh))
      k[c] = r[c] * sc[c];
      m1[c] = static_cast<float>(sg[c] / static_cast<double>(HW));
      m2[c] = static_cast<float>(sgx[c] / static_cast<double>(HW));
    }
    double *dnwn = dnwPart.data() + n * C;
    float *dzn = dnoisePart.data() + n * HW;
    for (int64_t p = 0; p < HW; p++) {
      const float *gp = gn_ + p * C, *vp = vn + p * C;
      float *dp = dyn + p * C;
      const float z = zn[p];
      float dz = 0.f;
      for (int64_t c = 0; c < C; c++) {
        const float xh = (vp[c] - mu[c]) * r[c];
        const float dv = k[c] * (gp[c] - m1[c] - xh * m2[c]);
        const float du = pick(vp[c] > 0.f, dv, dv * alpha);
        dp[c] = du;
        dz += du * nw[c];
        dnwn[c] += static_cast<double>(du) * z;
      }
      dzn[p] = dz;
    }
  }
  for (int64_t c = 0; c < C; c++) {
    double t = 0.0;
    for (int64_t n = 0; n < N; n++) t += dnwPart[n * C + c];
    dnw[c] = static_cast<float>(t);
  }
  if (nb) {
    std::memcpy(dnoise, dnoisePart.data(), sizeof(float) * N * HW);
  } else {
    for (int64_t p = 0; p < HW; p++) {
      float t = 0.f;
      for (int64_t n = 0; n < N; n++) t += dnoisePart[n * HW + p];
      dnoise[p] = t;
    }
  }
}

}  // namespace gn
