# -*- Python -*-
import os

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
config.substitutions.append(
    ("%mlir_runner_libs",
     ",".join(os.path.join(config.llvm_lib_dir, lib) for lib in
              ["libmlir_c_runner_utils.so", "libmlir_runner_utils.so"])))

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

tool_dirs = [config.convt_tools_dir, config.llvm_tools_dir]
tools = ["convt-opt", "convt-run", "mlir-runner", "mlir-translate", "mlir-opt"]
llvm_config.add_tool_substitutions(tools, tool_dirs)
config.substitutions.append(
    ("%convt_run", os.path.join(config.convt_tools_dir, "convt-run")))
