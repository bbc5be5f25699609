# -*- Python -*-
import os
import platform
import shutil
import subprocess

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "CONVT"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.excludes = ["lit.cfg.py", "lit.site.cfg.py", "python", "Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.convt_obj_root, "test")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%convt_src", config.convt_src_root))
config.substitutions.append(("%convt_obj", config.convt_obj_root))
# Building a project against an installed convt (test/Embedding) with the
# tools and the MLIR that convt was built with.
config.substitutions.append(("%cmake", config.cmake_command))
config.substitutions.append(("%make_program", config.make_program))
config.substitutions.append(("%cxx", config.cxx_compiler))
config.substitutions.append(("%mlir_dir", config.mlir_dir))
config.substitutions.append(
    ("%mlir_runner_libs",
     ",".join(os.path.join(config.llvm_lib_dir, lib) for lib in
              ["libmlir_c_runner_utils.so", "libmlir_runner_utils.so"])))
# The OpenMP runtime that the CPU pipeline's code calls with threads > 1.
config.substitutions.append(
    ("%omp_lib", os.path.join(config.llvm_lib_dir, "libomp.so")))

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

tool_dirs = [config.convt_tools_dir, config.llvm_tools_dir]
tools = ["convt-opt", "convt-run", "convt-capi-test", "mlir-runner",
         "mlir-translate", "mlir-opt"]
llvm_config.add_tool_substitutions(tools, tool_dirs)
config.substitutions.append(
    ("%convt_run", os.path.join(config.convt_tools_dir, "convt-run")))

# GPU: `cuda-runtime` where convt-run was built with convt's CUDA runtime,
# `cuda-gpu` where moreover `nvidia-smi -L` lists a GPU, which the tests then
# run on (compiled for the chip of the first GPU, %gpu_chip); `ptxas` where
# NVIDIA's PTX assembler is on the PATH (format=bin).
gpu_chip = "sm_90"
if config.convt_cuda_runtime:
    config.available_features.add("cuda-runtime")
    try:
        gpus = subprocess.run(["nvidia-smi", "-L"], capture_output=True,
                              text=True, timeout=60)
        capability = subprocess.run(
            ["nvidia-smi", "--query-gpu=compute_cap", "--format=csv,noheader"],
            capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        gpus = capability = None
    if gpus and gpus.returncode == 0 and gpus.stdout.startswith("GPU "):
        config.available_features.add("cuda-gpu")
        if capability.returncode == 0 and capability.stdout.strip():
            gpu_chip = "sm_" + capability.stdout.split()[0].replace(".", "")
config.substitutions.append(("%gpu_chip", gpu_chip))
# The benchmark's oneDNN peer (bench/onednn_deconv.cpp): Debian's
# libdnnl-dev, which scripts/test.sh installs, and g++.
if os.path.exists("/usr/include/oneapi/dnnl/dnnl.hpp") and shutil.which("g++"):
    config.available_features.add("onednn")
if shutil.which("ptxas"):
    config.available_features.add("ptxas")
# x86 hosts whose code convt-run --cpu can run: `x86-64` always (its
# baseline), `x86-avx2` where /proc/cpuinfo lists AVX2 and FMA (x86-64-v3);
# and `x86-avx512` where it lists AVX512F, for bench/studies' AVX-512 code.
if platform.machine() in ("x86_64", "AMD64"):
    config.available_features.add("x86-64")
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            flags = next((line.split(":", 1)[1].split() for line in cpuinfo
                          if line.startswith("flags")), [])
    except OSError:
        flags = []
    if "avx2" in flags and "fma" in flags:
        config.available_features.add("x86-avx2")
    if "avx512f" in flags:
        config.available_features.add("x86-avx512")
