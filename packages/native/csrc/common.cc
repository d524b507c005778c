#include "common.h"

namespace gn {

int maxThreads() {
#if defined(_OPENMP)
  return omp_get_max_threads();
#else
  return 1;
#endif
}

SmallWork::SmallWork(double work, double minWork) {
#if defined(_OPENMP)
  if (work < minWork && omp_get_max_threads() > 1) {
    saved = omp_get_max_threads();
    omp_set_num_threads(1);
  }
#else
  (void)work;
  (void)minWork;
#endif
}

SmallWork::~SmallWork() {
#if defined(_OPENMP)
  if (saved > 0) omp_set_num_threads(saved);
#endif
}

double &rowSplitCalls() {
  thread_local double n = 0;
  return n;
}

double &directDepthwiseCalls() {
  thread_local double n = 0;
  return n;
}

double &winogradCalls() {
  thread_local double n = 0;
  return n;
}

Ctx &ctx() {
  thread_local Ctx c;
  return c;
}

Args readArgs(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || argc < 2)
    throw Fail{"ganseg native: expected (heap: ArrayBuffer, params: Float64Array)"};
  Args a;
  void *data = nullptr;
  size_t len = 0;
  if (napi_get_arraybuffer_info(env, argv[0], &data, &len) != napi_ok)
    throw Fail{"ganseg native: argument 1 must be the wasm heap's ArrayBuffer"};
  a.heap = static_cast<uint8_t *>(data);
  a.heapBytes = len;
  napi_typedarray_type type;
  size_t length = 0;
  napi_value ab;
  size_t off = 0;
  void *pdata = nullptr;
  if (napi_get_typedarray_info(env, argv[1], &type, &length, &pdata, &ab, &off) != napi_ok || type != napi_float64_array)
    throw Fail{"ganseg native: argument 2 must be a Float64Array of parameters"};
  a.p = static_cast<const double *>(pdata);
  a.np = length;
  return a;
}

std::string keyOf(const char *op, const double *p, size_t n) {
  std::string k(op);
  k.push_back(':');
  k.append(reinterpret_cast<const char *>(p), n * sizeof(double));
  return k;
}

void appendAct(dnnl::post_ops &po, int act, float alpha) {
  using alg = dnnl::algorithm;
  alg al;
  float a = 0.f, b = 0.f;
  switch (act) {
    case kLinear: return;
    case kRelu: al = alg::eltwise_relu; break;
    case kRelu6: al = alg::eltwise_clip; a = 0.f; b = 6.f; break;
    case kElu: al = alg::eltwise_elu; a = 1.f; break;
    case kLeaky: al = alg::eltwise_relu; a = alpha; break;
    case kSigmoid: al = alg::eltwise_logistic; break;
    default: throw Fail{"ganseg native: unknown activation code " + std::to_string(act)};
  }
#if DNNL_VERSION_MAJOR >= 3
  po.append_eltwise(al, a, b);
#else
  po.append_eltwise(1.f, al, a, b);
#endif
}

dnnl::primitive_attr actAttr(int act, float alpha) {
  dnnl::primitive_attr attr;
  dnnl::post_ops po;
  appendAct(po, act, alpha);
  attr.set_post_ops(po);
  return attr;
}

}  // namespace gn
