# Helpers shared by every library, service and test directory.

set(OPSREPORT_WARNINGS -Wall -Wextra -Wno-unused-parameter)

# opsreport_library(NAME name SOURCES ... DEPS ...)
# A library lives in libs/<layer>/<name>/ with public headers under include/ and
# sources under src/; the target is opsreport_<name>.
function(opsreport_library)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;DEPS" ${ARGN})
  set(target opsreport_${ARG_NAME})
  add_library(${target} ${ARG_SOURCES})
  target_include_directories(${target} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include)
  target_compile_options(${target} PRIVATE ${OPSREPORT_WARNINGS})
  target_link_libraries(${target} PUBLIC ${ARG_DEPS})
endfunction()

# opsreport_testonly_library(NAME name SOURCES ... DEPS ...)
# A fake or other stand-in for tests, in libs/testonly/<name>/, otherwise as
# opsreport_library. Defined only with OPSREPORT_BUILD_TESTS, and only tests
# (opsreport_test) and other test-only libraries may link it: once the whole
# tree is configured, any other target that does stops the configuration.
function(opsreport_testonly_library)
  if(NOT OPSREPORT_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;DEPS" ${ARGN})
  opsreport_library(${ARGN})
  set_target_properties(opsreport_${ARG_NAME} PROPERTIES OPSREPORT_TESTONLY TRUE)
  get_property(armed GLOBAL PROPERTY OPSREPORT_TESTONLY_CHECK_ARMED)
  if(NOT armed)
    set_property(GLOBAL PROPERTY OPSREPORT_TESTONLY_CHECK_ARMED TRUE)
    cmake_language(DEFER DIRECTORY ${PROJECT_SOURCE_DIR} CALL _opsreport_check_testonly_links)
  endif()
endfunction()

# Every target of the tree that links a test-only library directly must be a
# test or a test-only library itself (what links those is checked in turn).
function(_opsreport_check_testonly_links)
  set(dirs ${PROJECT_SOURCE_DIR})
  set(offenders)
  while(dirs)
    list(POP_FRONT dirs dir)
    get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
    list(APPEND dirs ${subdirs})
    get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
    foreach(target ${targets})
      get_target_property(is_test ${target} OPSREPORT_TEST)
      get_target_property(is_testonly ${target} OPSREPORT_TESTONLY)
      get_target_property(type ${target} TYPE)
      if(is_test OR is_testonly OR type STREQUAL "UTILITY")
        continue()
      endif()
      set(deps)
      if(NOT type STREQUAL "INTERFACE_LIBRARY")
        get_target_property(deps ${target} LINK_LIBRARIES)
      endif()
      get_target_property(interface_deps ${target} INTERFACE_LINK_LIBRARIES)
      foreach(dep IN LISTS deps interface_deps)
        if(TARGET "${dep}")
          get_target_property(dep_testonly ${dep} OPSREPORT_TESTONLY)
          if(dep_testonly)
            list(APPEND offenders "${target} links ${dep}")
          endif()
        endif()
      endforeach()
    endforeach()
  endwhile()
  if(offenders)
    list(REMOVE_DUPLICATES offenders)
    list(JOIN offenders "; " offenders)
    message(FATAL_ERROR "Test-only libraries are linked only by tests (opsreport_test) and "
                        "other test-only libraries: ${offenders}")
  endif()
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
  set_target_properties(${ARG_NAME} PROPERTIES OPSREPORT_TEST TRUE)
  target_compile_options(${ARG_NAME} PRIVATE ${OPSREPORT_WARNINGS})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_DEPS} GTest::gmock GTest::gtest_main)
  gtest_discover_tests(${ARG_NAME}
    PROPERTIES LABELS ${ARG_LABEL} TIMEOUT ${ARG_TIMEOUT}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    DISCOVERY_TIMEOUT 30)
endfunction()

# opsreport_service(NAME name SOURCES ... DEPS ...)
# A service lives in services/<name>/: its use cases, handlers and config in
# <name>_lib (SOURCES, from src/, whose headers the tests include), the
# opsreport-<name> binary from src/main.cc on the service kit; its tests are
# declared with opsreport_test beside it and link <name>_lib.
function(opsreport_service)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;DEPS" ${ARGN})
  set(lib ${ARG_NAME}_lib)
  add_library(${lib} ${ARG_SOURCES})
  target_include_directories(${lib} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_compile_options(${lib} PRIVATE ${OPSREPORT_WARNINGS})
  target_link_libraries(${lib} PUBLIC opsreport_service ${ARG_DEPS})
  add_executable(opsreport-${ARG_NAME} src/main.cc)
  target_compile_options(opsreport-${ARG_NAME} PRIVATE ${OPSREPORT_WARNINGS})
  target_link_libraries(opsreport-${ARG_NAME} PRIVATE ${lib})
endfunction()
