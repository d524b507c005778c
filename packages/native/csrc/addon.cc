// The N-API entry of the ganseg native addon: one function a kernel, each taking the wasm heap
// and a Float64Array of parameters, plus info() and setThreads(). Context-aware, so every worker
// thread loads it with its own state (engine, stream, primitive caches are thread_local).
#include "common.h"

namespace {

using Kernel = void (*)(const gn::Args &);

template <Kernel K>
napi_value call(napi_env env, napi_callback_info info) {
  try {
    K(gn::readArgs(env, info));
  } catch (const gn::Fail &f) {
    napi_throw_error(env, "GANSEG_NATIVE", f.msg.c_str());
  } catch (const dnnl::error &e) {
    napi_throw_error(env, "GANSEG_NATIVE", (std::string("oneDNN: ") + e.what()).c_str());
  } catch (const std::exception &e) {
    napi_throw_error(env, "GANSEG_NATIVE", e.what());
  }
  return nullptr;
}

const char *isaName(dnnl_cpu_isa_t isa) {
  switch (isa) {
    case dnnl_cpu_isa_sse41: return "sse41";
    case dnnl_cpu_isa_avx: return "avx";
    case dnnl_cpu_isa_avx2: return "avx2";
    case dnnl_cpu_isa_avx512_core: return "avx512_core";
    case dnnl_cpu_isa_avx512_core_vnni: return "avx512_core_vnni";
    case dnnl_cpu_isa_avx512_core_bf16: return "avx512_core_bf16";
    case dnnl_cpu_isa_avx512_core_amx: return "avx512_core_amx";
    default: return "other";
  }
}

void setString(napi_env env, napi_value obj, const char *key, const std::string &v) {
  napi_value s;
  napi_create_string_utf8(env, v.c_str(), v.size(), &s);
  napi_set_named_property(env, obj, key, s);
}
void setNumber(napi_env env, napi_value obj, const char *key, double v) {
  napi_value n;
  napi_create_double(env, v, &n);
  napi_set_named_property(env, obj, key, n);
}

napi_value info(napi_env env, napi_callback_info) {
  napi_value obj;
  napi_create_object(env, &obj);
  const dnnl_version_t *v = dnnl_version();
  setString(env, obj, "onednn", std::to_string(v->major) + "." + std::to_string(v->minor) + "." + std::to_string(v->patch));
  setString(env, obj, "isa", isaName(dnnl_get_effective_cpu_isa()));
  setString(env, obj, "runtime", (v->cpu_runtime == DNNL_RUNTIME_OMP) ? "OpenMP" : (v->cpu_runtime == DNNL_RUNTIME_SEQ ? "sequential" : "other"));
  setNumber(env, obj, "threads", gn::maxThreads());
  setNumber(env, obj, "headersMajor", DNNL_VERSION_MAJOR);
  setNumber(env, obj, "winogradCalls", gn::winogradCalls());
  setNumber(env, obj, "rowSplitCalls", gn::rowSplitCalls());
  setNumber(env, obj, "directDepthwiseCalls", gn::directDepthwiseCalls());
  return obj;
}

// setThreads(n): the number of OpenMP threads for kernels called from this JS thread.
napi_value setThreads(napi_env env, napi_callback_info cbinfo) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, cbinfo, &argc, argv, nullptr, nullptr);
  int32_t n = 0;
  if (argc < 1 || napi_get_value_int32(env, argv[0], &n) != napi_ok || n < 1) {
    napi_throw_range_error(env, "GANSEG_NATIVE", "setThreads(n): n must be a positive integer");
    return nullptr;
  }
#if defined(_OPENMP)
  omp_set_num_threads(n);
#endif
  napi_value r;
  napi_create_int32(env, gn::maxThreads(), &r);
  return r;
}

}  // namespace

NAPI_MODULE_INIT() {
  const napi_property_descriptor props[] = {
      {"info", nullptr, info, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"setThreads", nullptr, setThreads, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"conv", nullptr, call<gn::conv>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"matmul", nullptr, call<gn::matmul>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"batchNormForward", nullptr, call<gn::batchNormForward>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"batchNormBackward", nullptr, call<gn::batchNormBackward>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"maxPoolGrad", nullptr, call<gn::maxPoolGrad>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"sgdMomentum", nullptr, call<gn::sgdMomentum>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"adam", nullptr, call<gn::adam>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"adamInPlace", nullptr, call<gn::adamInPlace>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"emaInPlace", nullptr, call<gn::emaInPlace>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"styleEpilogueForward", nullptr, call<gn::styleEpilogueForward>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"styleEpilogueBackward", nullptr, call<gn::styleEpilogueBackward>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"slice", nullptr, call<gn::slice>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"reduce", nullptr, call<gn::reduce>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"concat", nullptr, call<gn::concat>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"reverse", nullptr, call<gn::reverse>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"transpose", nullptr, call<gn::transpose>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"elementwise", nullptr, call<gn::elementwise>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"pad", nullptr, call<gn::pad>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"binary", nullptr, call<gn::binary>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"dropoutMask", nullptr, call<gn::dropoutMask>, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
  return exports;
}
