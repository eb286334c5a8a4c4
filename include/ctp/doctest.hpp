#ifndef CTP_DOCTEST_HPP
#define CTP_DOCTEST_HPP

// doctest's API on ctp's runner: a file written for doctest 2.4.9 includes this (or
// <doctest/doctest.h>, "doctest.h", <doctest.hpp> through include/ctp/compat/doctest) and
// runs unchanged. What every test file sees stays as light as ctp.hpp's authoring part.
#include "doctest/test_cases.hpp"
#include "doctest/assertions.hpp"
#include "doctest/context.hpp"

#endif  // CTP_DOCTEST_HPP

// As with doctest, the implementation goes where the user asks for it, even when this
// header was included earlier in the same file without the macro.
#if (defined(DOCTEST_CONFIG_IMPLEMENT) || defined(DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN)) && \
    !defined(CTP_DOCTEST_IMPLEMENTED)
#define CTP_DOCTEST_IMPLEMENTED
#include "doctest/implementation.hpp"
#endif  // DOCTEST_CONFIG_IMPLEMENT || DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN

#if defined(DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN) && !defined(CTP_DOCTEST_MAIN_DEFINED)
#define CTP_DOCTEST_MAIN_DEFINED
int main(int argc, char** argv) { return doctest::Context(argc, argv).run(); }
#endif  // DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
