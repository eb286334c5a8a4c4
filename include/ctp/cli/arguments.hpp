#ifndef CTP_CLI_ARGUMENTS_HPP
#define CTP_CLI_ARGUMENTS_HPP

#include <charconv>  // from_chars
#include <cstddef>   // size_t
#include <cstdint>   // uint64_t
#include <initializer_list>
#include <limits>     // numeric_limits
#include <stdexcept>  // runtime_error
#include <string_view>

#include "../text/text_building.hpp"
#include "../options.hpp"

namespace ctp {

// A command line that cannot be run; what() names the offending argument.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

enum class Command { run, list, list_tags, help, version };
enum class ListFormat { text, json };

struct CommandLine {
    Command command = Command::run;
    ListFormat list_format = ListFormat::text;
    Options options;
};

namespace detail {

// One out-of-line throw for every bad argument keeps the option handlers small.
[[noreturn]] inline void usage_error(std::initializer_list<std::string_view> parts) { throw UsageError(concat(parts)); }

// "NAME: invalid WHAT 'VALUE' (expected EXPECTED)".
[[noreturn]] inline void invalid_value(std::string_view name, std::string_view what, std::string_view value,
                                       std::string_view expected) {
    usage_error({name, ": invalid ", what, " '", value, "' (expected ", expected, ")"});
}

// Whole numbers are read as 64 bits, then narrowed: one std::from_chars for every width.
inline bool parse_number(std::string_view text, std::uint64_t& value) {
    const char* end = text.data() + text.size();
    auto [stop, error] = std::from_chars(text.data(), end, value);
    return error == std::errc() && stop == end && !text.empty();
}

inline bool parse_number(std::string_view text, unsigned& value) {
    std::uint64_t wide = 0;
    if (!parse_number(text, wide) || wide > std::numeric_limits<unsigned>::max()) return false;
    value = static_cast<unsigned>(wide);
    return true;
}

inline bool parse_number(std::string_view text, double& value) {
    const char* end = text.data() + text.size();
    auto [stop, error] = std::from_chars(text.data(), end, value);
    return error == std::errc() && stop == end && !text.empty();
}

// Whether `argument` can be the value of an option whose value is optional: anything but
// another option, though a negative number is a (bad) value rather than an option.
inline bool looks_like_value(std::string_view argument) {
    if (argument.empty() || argument[0] != '-') return true;
    return argument.size() > 1 && argument[1] >= '0' && argument[1] <= '9';
}

// Walks argv for parse_command_line: each argument, split as "--name=value" if it is so.
// Its members are out of line because every option calls them.
class ArgumentCursor {
public:
    ArgumentCursor(int argc, const char* const* argv) noexcept : argc_(argc), argv_(argv) {}

    bool next() noexcept {
        if (++i_ >= argc_) return false;
        argument = name = argv_[i_];
        value = {};
        has_value_ = false;
        if (const auto equals = argument.find('='); argument.starts_with("--") && equals != std::string_view::npos) {
            name = argument.substr(0, equals);
            value = argument.substr(equals + 1);
            has_value_ = true;
        }
        return true;
    }

    // Takes the next argument as the value if it is not an option; returns whether there is one.
    bool optional_value() noexcept {
        if (!has_value_ && i_ + 1 < argc_ && looks_like_value(argv_[i_ + 1])) {
            value = argv_[++i_];
            has_value_ = true;
        }
        return has_value_;
    }

    std::string_view required_value() {
        if (!has_value_) {
            if (i_ + 1 >= argc_) usage_error({name, ": missing value"});
            value = argv_[++i_];
            has_value_ = true;
        }
        return value;
    }

    // For a flag: true, or a usage error if it was given "=value".
    bool no_value() {
        if (has_value_) usage_error({name, ": takes no value, got '", value, "'"});
        return true;
    }

    // The index of the value among `choices`; `what` and `expected` word the error.
    std::size_t choice(std::initializer_list<std::string_view> choices, std::string_view what,
                       std::string_view expected) {
        const std::string_view given = required_value();
        std::size_t index = 0;
        for (std::string_view choice : choices) {
            if (choice == given) return index;
            ++index;
        }
        invalid_value(name, what, given, expected);
    }

    // The position in argv of the argument last read (its value's, once taken).
    int index() const noexcept { return i_; }

    std::string_view argument, name, value;

private:
    int argc_;
    const char* const* argv_;
    int i_ = 0;
    bool has_value_ = false;
};

}  // namespace detail

}  // namespace ctp

#endif  // CTP_CLI_ARGUMENTS_HPP
