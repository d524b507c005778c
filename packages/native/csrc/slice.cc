// A dense box of a float32 tensor (tfjs Slice; SplitV is several): one memcpy when the box is one
// contiguous run, else one oneDNN reorder from a submemory of the source to dense output.
// tfjs-backend-wasm copies the whole input out of the heap first (even for a contiguous box), then
// strided boxes element by element in JavaScript.
#include "common.h"

namespace gn {
namespace {

// Parameter layout, shared with src/_slice-kernels.ts: rank, then rank input dims, rank begins,
// rank sizes, then the two byte offsets.
constexpr int kMaxRank = 6;

struct Entry {
  dnnl::reorder prim;
  memory::desc src, dst;
};

tag denseTag(int rank) {
  switch (rank) {
    case 1: return tag::a;
    case 2: return tag::ab;
    case 3: return tag::abc;
    case 4: return tag::abcd;
    case 5: return tag::abcde;
    case 6: return tag::abcdef;
    default: throw Fail{"ganseg native slice: rank " + std::to_string(rank) + " is not supported"};
  }
}

}  // namespace

void slice(const Args &a) {
  const int rank = static_cast<int>(a.i(0));
  if (rank < 1 || rank > kMaxRank) throw Fail{"ganseg native slice: rank " + std::to_string(rank) + " is not supported"};
  const size_t keyEnd = 1 + 3 * rank;
  if (a.np < keyEnd + 2) throw Fail{"ganseg native slice: expected " + std::to_string(keyEnd + 2) + " parameters"};
  int64_t inCount = 1, outCount = 1;
  for (int d = 0; d < rank; d++) {
    inCount *= a.i(1 + d);
    outCount *= a.i(1 + 2 * rank + d);
  }
  // one run: the axes before the first one longer than 1 are 1 and every axis after it is whole
  int first = 0;
  while (first < rank && a.i(1 + 2 * rank + first) == 1) first++;
  bool run = true;
  for (int d = first + 1; d < rank; d++) run = run && a.i(1 + 2 * rank + d) == a.i(1 + d);
  if (run) {
    int64_t off = 0, stride = 1;
    for (int d = rank - 1; d >= 0; d--) {
      off += a.i(1 + rank + d) * stride;
      stride *= a.i(1 + d);
    }
    const float *x = a.buf(keyEnd, inCount);
    if (off + outCount > inCount) throw Fail{"ganseg native slice: the box lies outside the input"};
    std::memcpy(a.buf(keyEnd + 1, outCount), x + off, static_cast<size_t>(outCount) * 4);
    return;
  }
  Entry &e = cached<Entry>("slice", a, keyEnd, 512, [&] {
    memory::dims in(rank), begin(rank), size(rank);
    for (int d = 0; d < rank; d++) {
      in[d] = a.i(1 + d);
      begin[d] = a.i(1 + rank + d);
      size[d] = a.i(1 + 2 * rank + d);
    }
    Entry e;
    const memory::desc whole(in, dt::f32, denseTag(rank));
    e.src = whole.submemory_desc(size, begin);
    e.dst = memory::desc(size, dt::f32, denseTag(rank));
    e.prim = dnnl::reorder(dnnl::reorder::primitive_desc(ctx().eng, e.src, ctx().eng, e.dst));
    return e;
  });
  auto &eng = ctx().eng;
  // the submemory's offset is inside its descriptor: the handle is the whole input's start
  memory src(e.src, eng, a.buf(keyEnd, inCount));
  memory dst(e.dst, eng, a.buf(keyEnd + 1, outCount));
  e.prim.execute(ctx().strm, src, dst);
  ctx().strm.wait();
}

}  // namespace gn
