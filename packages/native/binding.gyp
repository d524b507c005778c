{
  "targets": [
    {
      "target_name": "ganseg_native",
      "sources": ["csrc/addon.cc", "csrc/common.cc", "csrc/conv.cc", "csrc/matmul.cc", "csrc/batch-norm.cc", "csrc/max-pool-grad.cc", "csrc/sgd-momentum.cc", "csrc/adam.cc", "csrc/style-epilogue.cc", "csrc/slice.cc", "csrc/reduce.cc", "csrc/copy.cc", "csrc/elementwise.cc", "csrc/binary.cc", "csrc/dropout-mask.cc", "csrc/ema.cc"],
      "cflags_cc!": ["-fno-exceptions", "-fno-rtti"],
      "cflags_cc": ["-std=c++17", "-O3", "-ffp-contract=off", "-fexceptions", "-fopenmp"],
      "ldflags": ["-fopenmp"],
      "libraries": ["-ldnnl"],
      "include_dirs": ["<!@(node -p \"process.env.DNNL_INCLUDE || ''\")"],
      "library_dirs": ["<!@(node -p \"process.env.DNNL_LIB || ''\")"],
      "xcode_settings": {
        "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
        "OTHER_CPLUSPLUSFLAGS": ["-std=c++17", "-O3", "-ffp-contract=off", "-Xpreprocessor", "-fopenmp"],
        "OTHER_LDFLAGS": ["-lomp"]
      }
    }
  ]
}
