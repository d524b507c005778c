// A dense box of a float32 tensor (tfjs Slice; SplitV is several): one oneDNN reorder from a
// submemory of the source to dense output. tfjs-backend-wasm copies strided boxes (a slice along
// any axis but the first) element by element in JavaScript.
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
  int64_t inCount = 1, outCount = 1;
  for (int d = 0; d < rank; d++) {
    inCount *= a.i(1 + d);
    outCount *= a.i(1 + 2 * rank + d);
  }
  auto &eng = ctx().eng;
  // the submemory's offset is inside its descriptor: the handle is the whole input's start
  memory src(e.src, eng, a.buf(keyEnd, inCount));
  memory dst(e.dst, eng, a.buf(keyEnd + 1, outCount));
  e.prim.execute(ctx().strm, src, dst);
  ctx().strm.wait();
}

}  // namespace gn
