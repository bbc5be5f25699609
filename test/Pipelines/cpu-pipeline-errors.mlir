// Bad options of --convt-cpu-pipeline give a diagnostic and fail.

// RUN: not convt-opt %s --convt-cpu-pipeline="strategy=bogus" 2>&1 | FileCheck %s --check-prefix=STRATEGY
// STRATEGY: for the --strategy option: Cannot find option named 'bogus'!

// The thread count is checked before anything runs, with the convolution
// kernels or without (where it only reaches the OpenMP loops).
// RUN: not convt-opt %s --convt-cpu-pipeline="threads=-3" 2>&1 | FileCheck %s --check-prefix=THREADS
// RUN: not convt-opt %s --convt-cpu-pipeline="threads=-3 conv-kernels=false" 2>&1 | FileCheck %s --check-prefix=THREADS
// THREADS: error: convt-cpu-pipeline: threads must be between 1 and 65536; got -3
// RUN: not convt-opt %s --convt-cpu-pipeline="threads=99999999999" 2>&1 | FileCheck %s --check-prefix=MANY
// MANY: error: convt-cpu-pipeline: threads must be between 1 and 65536; got 99999999999

// The kernels' target options are checked before anything runs too, also
// without the kernels.
// RUN: not convt-opt %s --convt-cpu-pipeline="vector-bits=96" 2>&1 | FileCheck %s --check-prefix=BITS
// RUN: not convt-opt %s --convt-cpu-pipeline="vector-bits=-7" 2>&1 | FileCheck %s --check-prefix=NEGATIVE-BITS
// RUN: not convt-opt %s --convt-cpu-pipeline="vector-bits=4096" 2>&1 | FileCheck %s --check-prefix=WIDE-BITS
// NEGATIVE-BITS: error: convt-cpu-pipeline: vector-bits must be 0 (the host's) or a multiple of 64 from 128 to 2048; got -7
// WIDE-BITS: error: convt-cpu-pipeline: vector-bits must be 0 (the host's) or a multiple of 64 from 128 to 2048; got 4096
// BITS: error: convt-cpu-pipeline: vector-bits must be 0 (the host's) or a multiple of 64 from 128 to 2048; got 96

// RUN: not convt-opt %s --convt-cpu-pipeline="fmas-per-cycle=-1" 2>&1 | FileCheck %s --check-prefix=FMAS
// FMAS: error: convt-cpu-pipeline: fmas-per-cycle must be at least 0 (0: the host's); got -1

// RUN: not convt-opt %s --convt-cpu-pipeline="batch-loop-bytes=-1" 2>&1 | FileCheck %s --check-prefix=BATCH-LOOP
// BATCH-LOOP: error: convt-cpu-pipeline: batch-loop-bytes must be at least 0 (0: never); got -1

// RUN: not convt-opt %s --convt-cpu-pipeline="row-band-bytes=-1" 2>&1 | FileCheck %s --check-prefix=ROW-BAND
// ROW-BAND: error: convt-cpu-pipeline: row-band-bytes must be at least 0 (0: never); got -1

// RUN: not convt-opt %s --convt-cpu-pipeline="l1-cache-bytes=-1" 2>&1 | FileCheck %s --check-prefix=L1
// L1: error: convt-cpu-pipeline: l1-cache-bytes must be at least 0 (0: the host's); got -1

// RUN: not convt-opt %s --convt-cpu-pipeline="bf16-dot=maybe" 2>&1 | FileCheck %s --check-prefix=BF16
// RUN: not convt-opt %s --convt-cpu-pipeline="bf16-dot=maybe conv-kernels=false" 2>&1 | FileCheck %s --check-prefix=BF16
// BF16: error: convt-cpu-pipeline: bf16-dot must be host, on or off; got 'maybe'

// Nested in a pass manager on functions, the pipeline's module passes would
// abort the process.
// RUN: not convt-opt %s --pass-pipeline="builtin.module(func.func(convt-cpu-pipeline))" 2>&1 | FileCheck %s --check-prefix=ANCHOR
// ANCHOR: error: convt-cpu-pipeline: must run on builtin.module; it cannot be added to a pass manager on 'func.func'

// RUN: not convt-opt %s --convt-cpu-pipeline="generic-alloc=bogus" 2>&1 | FileCheck %s --check-prefix=GENERIC-ALLOC
// GENERIC-ALLOC: for the --generic-alloc option: 'bogus' is invalid value for boolean argument
// RUN: not convt-opt %s --convt-cpu-pipeline="colour=blue" 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: colour

func.func @f() {
  return
}
