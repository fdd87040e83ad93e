#!/bin/bash -eu
# ClusterFuzzLite build script: the export's own build.sh (at @EXPORT_PATH@ in this
# repository) builds the library and the ffifuzz target @NAME@_fuzzer with the $CC, $CXX,
# $CFLAGS, $CXXFLAGS, $RUSTFLAGS and $LIB_FUZZING_ENGINE of the build asked for, into $OUT.
"$SRC/@PROJECT@/@EXPORT_PATH@/build.sh"
