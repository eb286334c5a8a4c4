# ctp_discover_tests(<target>
#     [TEST_PREFIX <prefix>]          # put before every CTest name
#     [EXTRA_ARGS <arg>...]           # passed to every run of <target>
#     [WORKING_DIRECTORY <dir>]
#     [PROPERTIES <name> <value>...]  # set on every discovered test
#     [DISCOVERY_MODE POST_BUILD|PRE_TEST])
#
# Makes the ctp tests of <target> CTest tests, from `<target> --list --format json`: after each
# build (POST_BUILD, the default) or when ctest starts (PRE_TEST, for cross-compiling).
#
# A free test becomes one CTest test named after it (Suite.name), run with --exact -k. All tests
# of a fixture class become one CTest test named after the class, run with -k 'Class.*', so
# its set_up_class/tear_down_class run once, in one process, however ctest -j schedules them.
# Tests in the serial phase (live-server fixtures) also get RUN_SERIAL. A test's tags become
# its LABELS (a fixture class's CTest test has all its tests' tags), with any LABELS given in
# PROPERTIES: ctest -L db runs the tests tagged db.

set(_CTP_DISCOVER_TESTS_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/CtpDiscoverTestsScript.cmake"
    CACHE INTERNAL "ctp_discover_tests' script")

function(ctp_discover_tests target)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "TEST_PREFIX;WORKING_DIRECTORY;DISCOVERY_MODE"
                          "EXTRA_ARGS;PROPERTIES")
    if(NOT arg_WORKING_DIRECTORY)
        set(arg_WORKING_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}")
    endif()
    if(NOT arg_DISCOVERY_MODE)
        set(arg_DISCOVERY_MODE POST_BUILD)
    endif()
    set(base "${CMAKE_CURRENT_BINARY_DIR}/${target}")
    set(tests_file "${base}_ctp_tests.cmake")
    set(include_file "${base}_ctp_include.cmake")
    # Lists travel to the script joined with a character that no argument contains.
    string(ASCII 31 separator)
    string(REPLACE ";" "${separator}" extra_args "${arg_EXTRA_ARGS}")
    # LABELS in PROPERTIES go to the script, which adds each test's tags to them: a later
    # set_tests_properties would replace the tags instead.
    set(user_properties "")
    set(labels "")
    set(name "")
    foreach(item IN LISTS arg_PROPERTIES)
        if(name STREQUAL "")
            set(name "${item}")
        else()
            if(name STREQUAL "LABELS")
                list(APPEND labels "${item}")
            else()
                list(APPEND user_properties "${name}" "${item}")
            endif()
            set(name "")
        endif()
    endforeach()
    string(REPLACE ";" "${separator}" labels "${labels}")
    set(discover
        "${CMAKE_COMMAND}"
        "-DTEST_EXECUTABLE=$<TARGET_FILE:${target}>"
        "-DTEST_PREFIX=${arg_TEST_PREFIX}"
        "-DTEST_EXTRA_ARGS=${extra_args}"
        "-DTEST_LABELS=${labels}"
        "-DTEST_WORKING_DIRECTORY=${arg_WORKING_DIRECTORY}"
        "-DTEST_LIST_VARIABLE=${target}_CTP_TESTS"
        "-DCTEST_FILE=${tests_file}"
        -P "${_CTP_DISCOVER_TESTS_SCRIPT}")

    set(properties "")
    if(user_properties)
        set(properties "if(${target}_CTP_TESTS)\n  set_tests_properties(\${${target}_CTP_TESTS} PROPERTIES")
        foreach(item IN LISTS user_properties)
            string(APPEND properties " [==[${item}]==]")
        endforeach()
        string(APPEND properties ")\nendif()\n")
    endif()

    if(arg_DISCOVERY_MODE STREQUAL "POST_BUILD")
        add_custom_command(TARGET ${target} POST_BUILD BYPRODUCTS "${tests_file}"
            COMMAND ${discover} VERBATIM)
        file(WRITE "${include_file}"
            "if(EXISTS \"${tests_file}\")\n"
            "  include(\"${tests_file}\")\n"
            "  ${properties}"
            "else()\n"
            "  add_test(${target}_NOT_BUILT ${target}_NOT_BUILT)\n"
            "endif()\n")
    elseif(arg_DISCOVERY_MODE STREQUAL "PRE_TEST")
        string(REPLACE ";" "\" \"" discover_command "\"${discover}\"")
        string(CONCAT content
            "if(NOT EXISTS \"${tests_file}\" OR \"$<TARGET_FILE:${target}>\" IS_NEWER_THAN \"${tests_file}\")\n"
            "  execute_process(COMMAND ${discover_command} RESULT_VARIABLE result)\n"
            "  if(NOT result EQUAL 0)\n"
            "    message(FATAL_ERROR \"ctp_discover_tests: listing ${target}'s tests failed\")\n"
            "  endif()\n"
            "endif()\n"
            "include(\"${tests_file}\")\n"
            "${properties}")
        file(GENERATE OUTPUT "${include_file}" CONTENT "${content}")
    else()
        message(FATAL_ERROR "ctp_discover_tests: DISCOVERY_MODE must be POST_BUILD or PRE_TEST")
    endif()
    set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${include_file}")
endfunction()
