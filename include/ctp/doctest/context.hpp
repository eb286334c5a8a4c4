#ifndef CTP_DOCTEST_CONTEXT_HPP
#define CTP_DOCTEST_CONTEXT_HPP

// doctest::Context, for a user's own main (DOCTEST_CONFIG_IMPLEMENT):
//   doctest::Context context;
//   context.applyCommandLine(argc, argv);
//   context.setOption("order-by", "name");
//   int res = context.run();
//   if (context.shouldExit()) return res;
// Out of line in doctest/implementation.hpp.

namespace doctest {

namespace detail {
struct ContextState;
}  // namespace detail

class Context {
public:
    explicit Context(int argc = 0, const char* const* argv = nullptr);
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;
    ~Context();

    void applyCommandLine(int argc, const char* const* argv);
    // As "--name=value" on the command line; later options override earlier ones.
    void addFilter(const char* filter, const char* value);
    void clearFilters();
    void setOption(const char* option, bool value);
    void setOption(const char* option, int value);
    void setOption(const char* option, const char* value);
    // True after a query (--help, --version, --list-test-cases, --count...), an error on the
    // command line, or with --exit: the program should return run()'s value.
    bool shouldExit();
    int run();

private:
    detail::ContextState* state_;
};

}  // namespace doctest

#endif  // CTP_DOCTEST_CONTEXT_HPP
