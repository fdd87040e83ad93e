# Real libraries nobody here wrote, for trying ffifuzz on them: Debian source packages built
# by scripts/build-debian-lib.sh in the zoo's three flavours into
# ${FFIFUZZ_REAL_DIR}/<flavour>/<package>/{lib,include} (docs/real-libs.md).
# The script fetches each source once (under ${FFIFUZZ_REAL_DIR}/src) and skips a flavour
# already built with the same recipe; the stamps spare even that on an up-to-date tree.

set(FFIFUZZ_REAL_DIR ${CMAKE_BINARY_DIR}/real)
set(FFIFUZZ_REAL_FLAVOURS plain cov cov-asan)
# package:library:main header, one entry per shared library (lib<library>.so) a package
# builds; the tests read this list from ${FFIFUZZ_REAL_DIR}/libraries.txt.
set(FFIFUZZ_REAL_LIBS
  zlib:z:zlib.h
  libyaml:yaml:yaml.h
  jansson:jansson:jansson.h
  expat:expat:expat.h
  c-ares:cares:ares.h
  md4c:md4c:md4c.h
  md4c:md4c-html:md4c-html.h)

set(_real_script ${PROJECT_SOURCE_DIR}/scripts/build-debian-lib.sh)
set(_real_packages "")
foreach(entry IN LISTS FFIFUZZ_REAL_LIBS)
  string(REGEX MATCH "^[^:]+" _pkg "${entry}")
  list(APPEND _real_packages ${_pkg})
endforeach()
list(REMOVE_DUPLICATES _real_packages)

# One library build at a time (each already uses every core); the rest of the tree keeps
# building beside it. Ninja only: other generators ignore job pools.
set_property(GLOBAL APPEND PROPERTY JOB_POOLS ffifuzz_real_libs=1)

set(_real_stamps "")
foreach(pkg IN LISTS _real_packages)
  foreach(flavour IN LISTS FFIFUZZ_REAL_FLAVOURS)
    # Inside the library's folder: deleting the folder is enough to have it rebuilt.
    set(stamp ${FFIFUZZ_REAL_DIR}/${flavour}/${pkg}/.cmake-stamp)
    add_custom_command(
      OUTPUT ${stamp}
      COMMAND ${CMAKE_COMMAND} -E env CC=${CMAKE_C_COMPILER} CXX=${CMAKE_CXX_COMPILER}
              /bin/bash ${_real_script} ${pkg} ${flavour} ${FFIFUZZ_REAL_DIR}
      COMMAND ${CMAKE_COMMAND} -E touch ${stamp}
      DEPENDS ${_real_script}
      COMMENT "Debian source package ${pkg} (${flavour})"
      JOB_POOL ffifuzz_real_libs
      VERBATIM)
    list(APPEND _real_stamps ${stamp})
  endforeach()
endforeach()
add_custom_target(real_libs ALL DEPENDS ${_real_stamps})

string(REPLACE ";" "\n" _real_list "${FFIFUZZ_REAL_LIBS}")
# Written only when it changes: a re-configure must not truncate it under a running test.
file(CONFIGURE OUTPUT ${FFIFUZZ_REAL_DIR}/libraries.txt CONTENT "${_real_list}\n" @ONLY)
