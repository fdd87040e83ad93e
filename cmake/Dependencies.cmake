# Third-party libraries, all from Debian packages (scripts/setup.sh installs them).
# Each is exposed as an imported target so the harness folders name what they use.

find_package(PkgConfig REQUIRED)

# libclang (C API) for headers and C layouts.
find_path(LIBCLANG_INCLUDE_DIR clang-c/Index.h
          HINTS /usr/lib/llvm-14/include /usr/include/clang-c/..)
find_library(LIBCLANG_LIBRARY NAMES clang clang-14 libclang-14.so.1
             HINTS /usr/lib/llvm-14/lib /usr/lib/x86_64-linux-gnu)
if(NOT LIBCLANG_INCLUDE_DIR OR NOT LIBCLANG_LIBRARY)
  message(FATAL_ERROR "libclang not found. Install it: apt-get install libclang-14-dev (or run scripts/setup.sh)")
endif()
add_library(ffifuzz::libclang INTERFACE IMPORTED)
target_include_directories(ffifuzz::libclang SYSTEM INTERFACE ${LIBCLANG_INCLUDE_DIR})
target_link_libraries(ffifuzz::libclang INTERFACE ${LIBCLANG_LIBRARY})

# elfutils: libelf for symbols, libdw for DWARF.
pkg_check_modules(LIBDW REQUIRED IMPORTED_TARGET libdw)
pkg_check_modules(LIBELF REQUIRED IMPORTED_TARGET libelf)
# libffi for calls. Linked statically when its archive is there (libffi-dev ships it), so
# that an exported fuzz target (ffifuzz-runner, docs/export.md) needs only glibc.
pkg_check_modules(LIBFFI REQUIRED IMPORTED_TARGET libffi)
find_library(LIBFFI_STATIC_LIBRARY NAMES libffi_pic.a libffi.a HINTS ${LIBFFI_LIBRARY_DIRS})
add_library(ffifuzz::libffi INTERFACE IMPORTED)
if(LIBFFI_STATIC_LIBRARY)
  target_include_directories(ffifuzz::libffi SYSTEM INTERFACE ${LIBFFI_INCLUDE_DIRS})
  target_link_libraries(ffifuzz::libffi INTERFACE ${LIBFFI_STATIC_LIBRARY})
else()
  target_link_libraries(ffifuzz::libffi INTERFACE PkgConfig::LIBFFI)
endif()

# LLVM's demangler only, as a static archive: not all of LLVM.
find_library(LLVM_DEMANGLE_LIBRARY NAMES libLLVMDemangle.a HINTS /usr/lib/llvm-14/lib)
find_path(LLVM_DEMANGLE_INCLUDE_DIR llvm/Demangle/Demangle.h HINTS /usr/lib/llvm-14/include)
if(NOT LLVM_DEMANGLE_LIBRARY OR NOT LLVM_DEMANGLE_INCLUDE_DIR)
  message(FATAL_ERROR "libLLVMDemangle.a not found. Install it: apt-get install llvm-14-dev")
endif()
add_library(ffifuzz::demangle INTERFACE IMPORTED)
target_include_directories(ffifuzz::demangle SYSTEM INTERFACE ${LLVM_DEMANGLE_INCLUDE_DIR})
target_link_libraries(ffifuzz::demangle INTERFACE ${LLVM_DEMANGLE_LIBRARY})

find_package(tomlplusplus REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(CLI11 REQUIRED)

if(FFIFUZZ_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(FFIFUZZ_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()
