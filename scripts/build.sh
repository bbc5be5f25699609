#!/usr/bin/env bash
# Configures (once) and builds convt into ./build.
set -euo pipefail
cd "$(dirname "$0")/.."
"$PWD/scripts/deps.sh"

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if [[ ! -f build/build.ninja ]]; then
  cmake -G Ninja -S . -B build -DCMAKE_BUILD_TYPE=Release "${launcher[@]}"
fi
ninja -C build "$@"
