#ifndef CTP_PROCESS_STATE_HPP
#define CTP_PROCESS_STATE_HPP

#include "test_info.hpp"  // c_text

namespace ctp {

namespace detail {

struct SavedEnv;
struct SavedCwd;

// Out of line (implementation.hpp): change the process's state and return what undoes it;
// a refusal or a failed system call fails the test and ends it, as a failed CTP_REQUIRE.
SavedEnv* set_env(const char* name, const char* value, const char* file, unsigned line);
void restore(SavedEnv* saved) noexcept;
SavedCwd* change_directory(const char* path, const char* file, unsigned line);
void restore(SavedCwd* saved) noexcept;

}  // namespace detail

// Sets the environment variable `name` to `value` (text: a string literal, a std::string),
// or unsets it when `value` is nullptr, until the end of its scope, which restores what was
// there: the old value, or no variable. Every thread of the process shares the environment,
// so in the pool the test must hold ctp::exclusive(ctp::env); without it the test fails.
class ScopedEnv {
public:
    template <class Name, class Value>
    ScopedEnv(const Name& name, const Value& value, const char* file = __builtin_FILE(),
              unsigned line = __builtin_LINE())
        : saved_(detail::set_env(detail::c_text(name), detail::c_text(value), file, line)) {}
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;
    ~ScopedEnv() { detail::restore(saved_); }

private:
    detail::SavedEnv* saved_;
};

// Makes `path` (text, or a std::filesystem::path) the working directory until the end of its
// scope, which goes back to the old one. In the pool the test must hold
// ctp::exclusive(ctp::cwd), for the reason ctp::ScopedEnv needs ctp::exclusive(ctp::env).
class ScopedCwd {
public:
    template <class Path>
    explicit ScopedCwd(const Path& path, const char* file = __builtin_FILE(), unsigned line = __builtin_LINE())
        : saved_(detail::change_directory(detail::c_text(path), file, line)) {}
    ScopedCwd(const ScopedCwd&) = delete;
    ScopedCwd& operator=(const ScopedCwd&) = delete;
    ~ScopedCwd() { detail::restore(saved_); }

private:
    detail::SavedCwd* saved_;
};

}  // namespace ctp

#endif  // CTP_PROCESS_STATE_HPP
