# Helpers shared by every library, service and test directory.

set(OPSREPORT_WARNINGS -Wall -Wextra -Wno-unused-parameter)

# opsreport_library(NAME name SOURCES ... DEPS ...)
# A library lives in libs/<name>/ with public headers under include/ and
# sources under src/; the target is opsreport_<name>.
function(opsreport_library)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;DEPS" ${ARGN})
  set(target opsreport_${ARG_NAME})
  add_library(${target} ${ARG_SOURCES})
  target_include_directories(${target} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include)
  target_compile_options(${target} PRIVATE ${OPSREPORT_WARNINGS})
  target_link_libraries(${target} PUBLIC ${ARG_DEPS})
endfunction()

# opsreport_test(NAME name SOURCES ... DEPS ... [LABEL unit|integration])
# Unit tests are labelled "unit"; tests that start real servers "integration".
function(opsreport_test)
  if(NOT OPSREPORT_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "NAME;LABEL;TIMEOUT" "SOURCES;DEPS" ${ARGN})
  if(NOT ARG_LABEL)
    set(ARG_LABEL unit)
  endif()
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 120)
  endif()
  add_executable(${ARG_NAME} ${ARG_SOURCES})
  target_compile_options(${ARG_NAME} PRIVATE ${OPSREPORT_WARNINGS})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_DEPS} GTest::gmock GTest::gtest_main)
  gtest_discover_tests(${ARG_NAME}
    PROPERTIES LABELS ${ARG_LABEL} TIMEOUT ${ARG_TIMEOUT}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    DISCOVERY_TIMEOUT 30)
endfunction()
