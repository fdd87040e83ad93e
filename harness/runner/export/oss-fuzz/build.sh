#!/bin/bash -eu
# OSS-Fuzz build script: the export's own build.sh builds the library and the ffifuzz target
# @NAME@_fuzzer with OSS-Fuzz's $CC, $CXX, $CFLAGS, $CXXFLAGS, $RUSTFLAGS and
# $LIB_FUZZING_ENGINE, and installs them into $OUT.
"$SRC/@PROJECT@/@EXPORT_PATH@/build.sh"
