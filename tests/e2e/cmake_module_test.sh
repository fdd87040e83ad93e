#!/bin/bash
# End-to-end test of cmake/FFIFuzz.cmake: configures, builds and ctest-runs the sample project
# tests/cmake_module/sample as a user would, in a folder of the build tree.
#   cmake_module_test.sh clean|buggy|regress_stub|missing|errors SOURCE_DIR WORK_DIR FFIFUZZ CC GENERATOR
#   clean    the clean library: sample.check and sample.fuzz pass; sample.regress passes or is
#            skipped (an ffifuzz without `regress`)
#   buggy    -DSAMPLE_BUGGY=ON (a leak when the buffer grows): sample.fuzz fails with the leak;
#            sample.regress fails (a saved input grows the buffer) or is skipped
#   regress_stub  the regress test against stand-in ffifuzz binaries: with `regress` its command
#            line, exit 0 passes, exit 1 fails; without `regress` the test is skipped
#   missing  no ffifuzz to be found: the configure warns, the tests fail and say how to fix it
#   errors   bad ffifuzz_add_target arguments stop the configure with one clear message
set -uo pipefail

mode=$1 src=$2 work=$3 ffifuzz=$4 cc=$5 generator=$6
sample="$src/tests/cmake_module/sample"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

[[ -x "$ffifuzz" ]] || { echo "FAIL: $ffifuzz not built (build the ffifuzz target)" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work"

configure() { # configure BUILD_DIR SOURCE_DIR cmake-args...
  local build=$1 source=$2
  shift 2
  cmake -S "$source" -B "$build" -G "$generator" -DCMAKE_C_COMPILER="$cc" \
        -DFFIFUZZ_SOURCE_DIR="$src" "$@" >"$build.configure.log" 2>&1
}

# status TEST: Passed, Failed, Skipped or missing, read from ctest's summary lines.
status() {
  local line
  line=$(grep -E "Test +#[0-9]+: $1 " "$work/ctest.log")
  case "$line" in
    *Passed*) echo Passed ;;
    *Skipped*|*"Not Run"*) echo Skipped ;;
    *Failed*) echo Failed ;;
    *) echo missing ;;
  esac
}

run_sample() { # run_sample cmake-args...: configure, build, ctest; ctest's log in $work/ctest.log
  local build="$work/sample"
  if ! configure "$build" "$sample" "$@"; then
    cat "$build.configure.log" >&2
    fail "configuring the sample failed"
    return 1
  fi
  if ! cmake --build "$build" >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    fail "building the sample failed"
    return 1
  fi
  ctest --test-dir "$build" -j1 --output-on-failure >"$work/ctest.log" 2>&1
  cat "$work/ctest.log"
  cp "$build/Testing/Temporary/LastTest.log" "$work/LastTest.log" 2>/dev/null || true
}

case "$mode" in
clean)
  run_sample -DFFIFUZZ_EXECUTABLE="$ffifuzz" || exit 1
  [[ $(status sample.check) == Passed ]] || fail "sample.check: $(status sample.check), want Passed"
  [[ $(status sample.fuzz) == Passed ]] || fail "sample.fuzz: $(status sample.fuzz), want Passed"
  grep -q 'ffifuzz: no findings' "$work/LastTest.log" || fail "the fuzz run did not say 'no findings'"
  # Configured with no build type, as the docs' line does: check still reads the DWARF.
  grep -q 'has no debug info' "$work/LastTest.log" &&
    fail "sample.check compared symbols only: the shipped library was built without -g"
  readelf -S "$work/sample/libsample.so" | grep "\.debug_info" >/dev/null || fail "libsample.so has no .debug_info"
  [[ -d "$work/sample/ffifuzz/sample/corpus" ]] || fail "no corpus in BUILD/ffifuzz/sample/corpus"
  case $(status sample.regress) in
    Passed) ;;
    Skipped) grep -q 'ffifuzz-regress: skipped' "$work/LastTest.log" ||
               fail "sample.regress skipped without saying why" ;;
    *) fail "sample.regress: $(status sample.regress), want Passed (or Skipped before ffifuzz has regress)" ;;
  esac
  ctest --test-dir "$work/sample" -N -L ffifuzz | grep -q 'Total Tests: 3' || fail "the three tests do not carry the label ffifuzz"
  ;;

buggy)
  run_sample -DFFIFUZZ_EXECUTABLE="$ffifuzz" -DSAMPLE_BUGGY=ON || exit 1
  [[ $(status sample.check) == Passed ]] || fail "sample.check: $(status sample.check), want Passed (the leak is not a header mismatch)"
  [[ $(status sample.fuzz) == Failed ]] || fail "sample.fuzz: $(status sample.fuzz), want Failed (the planted leak)"
  grep -q 'ffifuzz: FINDING leak in sample_buf' "$work/ctest.log" || fail "the fuzz output does not name the leak"
  compgen -G "$work/sample/ffifuzz/sample/artifacts/leak-*" >/dev/null || fail "no leak-* input in BUILD/ffifuzz/sample/artifacts"
  case $(status sample.regress) in
    Failed) ;;
    Skipped) grep -q 'ffifuzz-regress: skipped' "$work/LastTest.log" ||
               fail "sample.regress skipped without saying why" ;;
    *) fail "sample.regress: $(status sample.regress), want Failed (or Skipped before ffifuzz has regress)" ;;
  esac
  ;;

regress_stub)
  # The regress test's plumbing, against a stand-in ffifuzz that has a `regress` subcommand:
  # it logs its arguments and exits with STUB_RC.
  stub="$work/ffifuzz-stub"
  cat >"$stub" <<STUB
#!/bin/sh
if [ "\$1" = --help ]; then
  printf 'Subcommands:\n  check    stub\n  regress  Replay saved inputs\n'
  exit 0
fi
echo "\$@" >>"$work/stub-args"
exit \${STUB_RC:-0}
STUB
  chmod +x "$stub"
  build="$work/sample"
  configure "$build" "$sample" -DFFIFUZZ_EXECUTABLE="$stub" || { cat "$build.configure.log" >&2; exit 1; }
  cmake --build "$build" >/dev/null 2>&1 || fail "building the sample failed"
  STUB_RC=0 ctest --test-dir "$build" -R 'sample[.]regress' --output-on-failure >"$work/ctest.log" 2>&1
  [[ $(status sample.regress) == Passed ]] || { cat "$work/ctest.log"; fail "regress with exit 0: $(status sample.regress), want Passed"; }
  grep -qxF "regress --lib $build/libsample_fuzz.so --header $sample/sample.h $sample/regress" "$work/stub-args" ||
    fail "ffifuzz regress got '$(cat "$work/stub-args")'"
  STUB_RC=1 ctest --test-dir "$build" -R 'sample[.]regress' --output-on-failure >"$work/ctest.log" 2>&1
  [[ $(status sample.regress) == Failed ]] || fail "regress with exit 1: $(status sample.regress), want Failed"
  grep -q 'a saved input reproduces a finding' "$work/ctest.log" || fail "a failed regress does not say what exit 1 means"
  # An ffifuzz without `regress`: the test is skipped, with a line that says why.
  printf '#!/bin/sh\nprintf "Subcommands:\\n  check    stub\\n  fuzz     stub\\n"\n' >"$stub"
  ctest --test-dir "$build" -R 'sample[.]regress' --output-on-failure >"$work/ctest.log" 2>&1
  [[ $(status sample.regress) == Skipped ]] || fail "regress without the subcommand: $(status sample.regress), want Skipped"
  grep -q 'ffifuzz-regress: skipped: .* has no .regress. subcommand' "$build/Testing/Temporary/LastTest.log" ||
    fail "the skipped regress test does not say why"
  ;;

missing)
  # No FFIFUZZ_EXECUTABLE and no ffifuzz on PATH.
  build="$work/sample"
  if ! PATH=/usr/bin:/bin configure "$build" "$sample"; then
    cat "$build.configure.log" >&2
    fail "configure failed without ffifuzz (it should warn and go on)"
  else
    grep -q 'ffifuzz not found' "$build.configure.log" || fail "the configure did not warn that ffifuzz is missing"
    cmake --build "$build" >/dev/null 2>&1 || fail "building the sample failed"
    ctest --test-dir "$build" --output-on-failure >"$work/ctest.log" 2>&1
    [[ $(status sample.check) == Failed ]] || fail "sample.check: $(status sample.check), want Failed"
    [[ $(status sample.fuzz) == Failed ]] || fail "sample.fuzz: $(status sample.fuzz), want Failed"
    grep -q 'FFIFUZZ_EXECUTABLE=/path/to/ffifuzz' "$work/ctest.log" || fail "the failing tests do not say how to fix it"
  fi
  ;;

errors)
  # expect_configure_error NAME REGEX 'ffifuzz_add_target(...)'
  expect_configure_error() {
    local name=$1 regex=$2 call=$3 dir="$work/$1"
    mkdir -p "$dir/src"
    cp "$sample/sample.c" "$sample/sample.h" "$dir/src/"
    cat >"$dir/src/CMakeLists.txt" <<EOF
cmake_minimum_required(VERSION 3.20)
project(bad C)
include(\${FFIFUZZ_SOURCE_DIR}/cmake/FFIFuzz.cmake)
enable_testing()
add_library(sample SHARED sample.c)
add_library(sample_static STATIC sample.c)
$call
EOF
    if configure "$dir/build" "$dir/src" -DFFIFUZZ_EXECUTABLE="$ffifuzz"; then
      fail "$name: the configure succeeded"
    elif ! grep -qE "$regex" "$dir/build.configure.log"; then
      cat "$dir/build.configure.log" >&2
      fail "$name: the configure error does not match '$regex'"
    else
      echo "ok   $name: $(grep -E "$regex" "$dir/build.configure.log" | head -1 | sed 's/^ *//')"
    fi
  }
  expect_configure_error no_name 'NAME is required' 'ffifuzz_add_target(LIBRARY sample HEADER sample.h)'
  expect_configure_error no_library 'LIBRARY is required' 'ffifuzz_add_target(NAME s HEADER sample.h)'
  expect_configure_error no_header 'HEADER is required' 'ffifuzz_add_target(NAME s LIBRARY sample)'
  expect_configure_error unknown_arg "unknown arguments 'TIMEOUT;5'" 'ffifuzz_add_target(NAME s TIMEOUT 5 LIBRARY sample HEADER sample.h)'
  expect_configure_error bad_runs "FUZZ_RUNS must be a non-negative integer, got 'many'" 'ffifuzz_add_target(NAME s LIBRARY sample HEADER sample.h FUZZ_RUNS many)'
  expect_configure_error static_lib 'LIBRARY sample_static is a STATIC_LIBRARY' 'ffifuzz_add_target(NAME s LIBRARY sample_static HEADER sample.h)'
  expect_configure_error instrument_unknown 'ffifuzz_instrument\(nope\): no such target' 'ffifuzz_instrument(nope)'
  ;;
*)
  echo "usage: $0 clean|buggy|regress_stub|missing|errors SOURCE_DIR WORK_DIR FFIFUZZ CC GENERATOR" >&2
  exit 2
  ;;
esac

if [[ $failures -ne 0 ]]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "PASS"
