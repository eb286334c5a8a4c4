// CTP_TEST_FT over a class template that is no ctp::TestCase.
// expect: CTP_TEST_FT: Holder<TestType> must derive from ctp::TestCase
#if defined(CTP_SNIPPET_FIXED)
#define CTP_BASE : ctp::TestCase
#else
#define CTP_BASE
#endif
#include <ctp/ctp.hpp>

template <class T>
struct Holder CTP_BASE {
    T held{};
};

TEST_FT(Holder, holds, int) { CHECK(this->held == TestType{}); }  // reported here
