// An inverted-dropout mask from @ganseg/runtime's seeded stream (createRng: splitmix32), the same
// numbers as its JavaScript loop: element i draws from the state st0 + (i + 1) * 0x9e3779b9, so
// the loop splits over threads and vectorises. out[i] = value where the draw (as float32) >= rate.
#include "common.h"

namespace gn {

// Parameter layout, shared with src/dropout-mask.ts.
enum P { kOffOut, kN, kState, kRate, kValue, kCount };

void dropoutMask(const Args &a) {
  if (a.np < kCount) throw Fail{"ganseg native dropout mask: expected " + std::to_string(kCount) + " parameters"};
  const int64_t n = a.i(kN);
  float *out = a.buf(kOffOut, n);
  const uint32_t st0 = static_cast<uint32_t>(static_cast<int64_t>(a.f(kState)));
  const double rate = a.f(kRate);
  const float value = static_cast<float>(a.f(kValue));
#pragma omp parallel for simd schedule(static) if (parallel: n > (1 << 20))
  for (int64_t i = 0; i < n; i++) {
    uint32_t z = st0 + static_cast<uint32_t>(i + 1) * 0x9e3779b9u;
    z = (z ^ (z >> 16)) * 0x85ebca6bu;
    z = (z ^ (z >> 13)) * 0xc2b2ae35u;
    z ^= z >> 16;
    const float u = static_cast<float>(static_cast<double>(z) / 4294967296.0);
    out[i] = static_cast<double>(u) >= rate ? value : 0.f;
  }
}

}  // namespace gn
