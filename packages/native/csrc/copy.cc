// Data movement of float32 tensors: concat, transpose, reverse and constant padding.
// tfjs-backend-wasm copies a concat along an inner axis row by row in JavaScript, and its
// transpose, reverse and pad are scalar loops; here concat, reverse and pad are block copies and
// transpose is a oneDNN reorder.
#include "common.h"

namespace gn {

// concat. Parameters, shared with src/_copy-kernels.ts: outer, k, then k inner sizes (floats an
// input contributes to each of the outer rows), then the k input offsets and the output offset.
void concat(const Args &a) {
  const int64_t outer = a.i(0), k = a.i(1);
  if (outer < 1 || k < 1) throw Fail{"ganseg native concat: empty shape"};
  std::vector<int64_t> inner(k);
  std::vector<const float *> src(k);
  int64_t row = 0;
  for (int64_t j = 0; j < k; j++) {
    inner[j] = a.i(2 + j);
    row += inner[j];
  }
  for (int64_t j = 0; j < k; j++) src[j] = a.buf(2 + k + j, outer * inner[j]);
  float *y = a.buf(2 + 2 * k, outer * row);
#pragma omp parallel for schedule(static) if (outer * row >= (1 << 18))
  for (int64_t o = 0; o < outer; o++) {
    float *d = y + o * row;
    for (int64_t j = 0; j < k; j++) {
      std::memcpy(d, src[j] + o * inner[j], static_cast<size_t>(inner[j]) * 4);
      d += inner[j];
    }
  }
}

// reverse. Parameters: rank r (<= 6), r dims, r flags (1: reversed), then the offsets of x and y.
// Copies blocks of the trailing axes after the last reversed one.
void reverse(const Args &a) {
  const int r = static_cast<int>(a.i(0));
  if (r < 1 || r > 6) throw Fail{"ganseg native reverse: rank " + std::to_string(r) + " is not supported"};
  int64_t dims[6], flip[6], total = 1;
  int last = -1;
  for (int d = 0; d < r; d++) {
    dims[d] = a.i(1 + d);
    flip[d] = a.i(1 + r + d);
    total *= dims[d];
    if (flip[d] != 0) last = d;
  }
  const float *x = a.buf(1 + 2 * r, total);
  float *y = a.buf(2 + 2 * r, total);
  if (last < 0) {
    std::memcpy(y, x, static_cast<size_t>(total) * 4);
    return;
  }
  int64_t block = 1;
  for (int d = last + 1; d < r; d++) block *= dims[d];
  const int64_t blocks = total / block;
#pragma omp parallel for schedule(static) if (total >= (1 << 18))
  for (int64_t b = 0; b < blocks; b++) {
    // b's multi-index over axes 0..last, and the source's with the reversed axes mirrored
    int64_t rem = b, src = 0, stride = 1;
    for (int d = last; d >= 0; d--) {
      const int64_t i = rem % dims[d];
      rem /= dims[d];
      src += (flip[d] != 0 ? dims[d] - 1 - i : i) * stride;
      stride *= dims[d];
    }
    if (block == 1) y[b] = x[src];
    else std::memcpy(y + b * block, x + src * block, static_cast<size_t>(block) * 4);
  }
}

namespace {
struct TransposeEntry {
  dnnl::reorder prim;
  memory::desc src, dst;
};
}  // namespace

// transpose. Parameters: rank r (<= 6), r input dims, r perm entries (output axis k is input axis
// perm[k]), then the offsets of x and y. The input read through strides in the output's axis
// order, reordered to dense.
void transpose(const Args &a) {
  const int r = static_cast<int>(a.i(0));
  if (r < 1 || r > 6) throw Fail{"ganseg native transpose: rank " + std::to_string(r) + " is not supported"};
  const size_t keyEnd = 1 + 2 * r;
  int64_t total = 1;
  for (int d = 0; d < r; d++) total *= a.i(1 + d);
  TransposeEntry &e = cached<TransposeEntry>("transpose", a, keyEnd, 512, [&] {
    memory::dims in(r), inStrides(r), outDims(r), srcStrides(r), dense(r);
    for (int d = 0; d < r; d++) in[d] = a.i(1 + d);
    int64_t s = 1;
    for (int d = r - 1; d >= 0; d--) {
      inStrides[d] = s;
      s *= in[d];
    }
    for (int k = 0; k < r; k++) {
      const int64_t p = a.i(1 + r + k);
      if (p < 0 || p >= r) throw Fail{"ganseg native transpose: bad permutation"};
      outDims[k] = in[p];
      srcStrides[k] = inStrides[p];
    }
    s = 1;
    for (int k = r - 1; k >= 0; k--) {
      dense[k] = s;
      s *= outDims[k];
    }
    TransposeEntry t;
    t.src = strided(outDims, srcStrides);
    t.dst = strided(outDims, dense);
    t.prim = dnnl::reorder(dnnl::reorder::primitive_desc(ctx().eng, t.src, ctx().eng, t.dst));
    return t;
  });
  auto &eng = ctx().eng;
  memory src(e.src, eng, a.buf(keyEnd, total)), dst(e.dst, eng, a.buf(keyEnd + 1, total));
  e.prim.execute(ctx().strm, src, dst);
  ctx().strm.wait();
}

// pad (constant). Parameters, shared with src/_copy-kernels.ts: rank r (<= 6), r input dims, r
// pads before, r output dims, the value, then the offsets of x and y. The output is filled with
// the value, then each block of the input from the last padded axis on is one memcpy.
void pad(const Args &a) {
  const int r = static_cast<int>(a.i(0));
  if (r < 1 || r > 6) throw Fail{"ganseg native pad: rank " + std::to_string(r) + " is not supported"};
  int64_t in[6], before[6], out[6], inTotal = 1, outTotal = 1;
  for (int d = 0; d < r; d++) {
    in[d] = a.i(1 + d);
    before[d] = a.i(1 + r + d);
    out[d] = a.i(1 + 2 * r + d);
    if (in[d] < 1 || before[d] < 0 || out[d] < in[d] + before[d]) throw Fail{"ganseg native pad: dims and pads do not fit"};
    inTotal *= in[d];
    outTotal *= out[d];
  }
  const float value = static_cast<float>(a.f(1 + 3 * r));
  const float *x = a.buf(2 + 3 * r, inTotal);
  float *y = a.buf(3 + 3 * r, outTotal);
  int last = 0;  // the last axis the output is larger on (from there on a block is contiguous in both)
  for (int d = 0; d < r; d++)
    if (out[d] != in[d]) last = d;
  int64_t inner = 1;
  for (int d = last + 1; d < r; d++) inner *= in[d];
  const int64_t block = in[last] * inner, blocks = inTotal / block;
  int64_t outStride[6];
  for (int64_t d = r - 1, st = 1; d >= 0; d--) {
    outStride[d] = st;
    st *= out[d];
  }
  std::fill(y, y + outTotal, value);
#pragma omp parallel for schedule(static) if (inTotal >= (1 << 18))
  for (int64_t b = 0; b < blocks; b++) {
    int64_t rem = b, dst = before[last] * outStride[last];
    for (int d = last - 1; d >= 0; d--) {
      const int64_t i = rem % in[d];
      rem /= in[d];
      dst += (i + before[d]) * outStride[d];
    }
    std::memcpy(y + dst, x + b * block, static_cast<size_t>(block) * 4);
  }
}

}  // namespace gn
