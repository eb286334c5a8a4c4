#ifndef CTP_DETAIL_ADDED_TESTS_HPP
#define CTP_DETAIL_ADDED_TESTS_HPP

// The out-of-line half of registration.hpp (compiled once, from implementation.hpp): the
// names of tests added at run time, parameterized cases and typed tests.

#include <cstddef>  // size_t
#include <cstring>  // memcpy, strlen
#include <memory>   // unique_ptr
#include <mutex>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

#include "../registration.hpp"
#include "../run/test_context.hpp"
#include "../text/exception_text.hpp"
#include "../text/text_building.hpp"

namespace ctp::detail {

namespace {

// The texts of tests added at run time last for the process, as a static test's do. They
// are cut from blocks: 100,000 parameterized cases would otherwise be 200,000 allocations.
const char* lasting_text(std::string_view text) {
    static std::mutex mutex;
    static std::vector<std::unique_ptr<char[]>> blocks;
    static char* next = nullptr;
    static std::size_t left = 0;
    constexpr std::size_t block_size = 64 * 1024;
    std::lock_guard lock(mutex);
    if (text.size() + 1 > left) {
        const std::size_t size = text.size() + 1 > block_size / 4 ? text.size() + 1 : block_size;
        blocks.push_back(std::make_unique<char[]>(size));
        char* block = blocks.back().get();
        if (size != block_size) {  // a long text gets a block of its own; the current one goes on
            std::memcpy(block, text.data(), text.size());
            return block;
        }
        next = block;
        left = size;
    }
    char* copy = next;
    std::memcpy(copy, text.data(), text.size());
    copy[text.size()] = '\0';
    next += text.size() + 1;
    left -= text.size() + 1;
    return copy;
}

// "suite\0name", as a static test's names.
void set_names(TestInfo& info, std::string_view suite, std::string_view name) {
    std::string names;
    names.reserve(suite.size() + 1 + name.size());
    names.append(suite).append(1, '\0').append(name);
    info.names = lasting_text(names);
    info.name_offset = static_cast<unsigned>(suite.size() + 1);
}

// Collects what a printer writes, reused from one parameter to the next.
class ParameterText final : public Sink {
public:
    void write(const char* text, std::size_t size) override { text_.append(text, size); }
    std::ostream& stream() override { return stream_; }
    std::string& text() noexcept { return text_; }

private:
    class Appender final : public std::streambuf {
    public:
        explicit Appender(std::string& text) : text_(text) {}

    protected:
        int_type overflow(int_type c) override {
            if (!traits_type::eq_int_type(c, traits_type::eof())) text_ += traits_type::to_char_type(c);
            return traits_type::not_eof(c);
        }
        std::streamsize xsputn(const char* text, std::streamsize size) override {
            text_.append(text, static_cast<std::size_t>(size));
            return size;
        }

    private:
        std::string& text_;
    };

    std::string text_;
    Appender appender_{text_};
    std::ostream stream_{&appender_};
};

void run_parameters_error(const TestInfo& info, TestCase*) {
    if (Context* context = context_of_this_thread())
        context->add_failure({info.file, info.line, static_cast<const char*>(info.data)}, true);
}

void run_no_parameters(const TestInfo&, TestCase*) { throw SkipRequested{"no parameters"}; }

// The one test standing for a parameterized test without cases: free, under its own name.
TestInfo& stand_in(const TestInfo& shape, void (*run)(const TestInfo&, TestCase*)) {
    auto* info = new TestInfo(shape);
    info->fixture = nullptr;
    info->make = nullptr;
    info->run = run;
    return *info;
}

}  // namespace

void add_test(TestInfo& info, const char* suite, const char* name, const char* parameter, bool copy_file) {
    set_names(info, suite, name);
    if (parameter != nullptr) info.parameter = lasting_text(parameter);
    if (copy_file) info.file = lasting_text(info.file);
    register_test(info);
}

void add_case(TestInfo& info, const TestInfo& shape, unsigned long index, Printer print, const void* value) {
    static ParameterText printed;
    printed.text().clear();
    print(printed, value);
    info.parameter = lasting_text(printed.text());
    set_names(info, shape.suite(), concat({shape.name(), "/", digits(index)}));
    register_test(info);
}

void add_parameters_error(const TestInfo& shape) {
    TestInfo& info = stand_in(shape, &run_parameters_error);
    info.data = lasting_text(
        concat({"parameters of ", shape.suite(), ".", shape.name(), " threw ", describe_current_exception()}));
    register_test(info);
}

void add_no_parameters(const TestInfo& shape) { register_test(stand_in(shape, &run_no_parameters)); }

void add_typed(TestInfo& info, const TestInfo& shape, const char* types, unsigned index) {
    // The index-th of the types as written, split at the commas outside brackets.
    const std::string_view all = types;
    std::size_t start = 0, depth = 0;
    unsigned at = 0;
    std::string_view type;
    for (std::size_t i = 0; i <= all.size(); ++i) {
        const char c = i < all.size() ? all[i] : ',';
        if (c == '<' || c == '(' || c == '[' || c == '{') ++depth;
        else if ((c == '>' || c == ')' || c == ']' || c == '}') && depth > 0) --depth;
        else if (c == ',' && depth == 0) {
            if (at++ == index) {
                type = all.substr(start, i - start);
                break;
            }
            start = i + 1;
        }
    }
    while (!type.empty() && type.front() == ' ') type.remove_prefix(1);
    while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
    const ShortText number = digits(index);
    set_names(info, shape.suite(), concat({shape.name(), "<", type.empty() ? std::string_view(number) : type, ">"}));
    register_test(info);
}

}  // namespace ctp::detail

#endif  // CTP_DETAIL_ADDED_TESTS_HPP
