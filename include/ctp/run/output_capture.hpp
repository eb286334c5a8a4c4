#ifndef CTP_RUN_OUTPUT_CAPTURE_HPP
#define CTP_RUN_OUTPUT_CAPTURE_HPP

#include <array>
#include <ios>       // streamsize
#include <iostream>  // cout, cerr, clog
#include <streambuf>
#include <string>

#include "test_context.hpp"

namespace ctp::detail {

// Sends what a thread writes to the test it runs for, so that tests running at the same time
// in the pool each get their own output. Writes from outside any test go through unchanged;
// `echo` also lets the test's writes through.
class RoutingBuffer final : public std::streambuf {
public:
    RoutingBuffer(std::streambuf* original, bool echo) : original_(original), echo_(echo) {}

protected:
    std::streamsize xsputn(const char* text, std::streamsize size) override {
        if (Context* context = context_of_this_thread()) {
            context->append_output(text, static_cast<std::size_t>(size));
            if (!echo_) return size;
        }
        return original_->sputn(text, size);
    }

    int_type overflow(int_type c) override {
        if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
        const char character = traits_type::to_char_type(c);
        return xsputn(&character, 1) == 1 ? c : traits_type::eof();
    }

    int sync() override { return original_->pubsync(); }

private:
    std::streambuf* original_;
    bool echo_;
};

// Routes std::cout, std::cerr and std::clog for its lifetime. Install it before test threads
// start and let it go after they end: swapping a stream's buffer is not thread-safe.
class OutputCapture {
public:
    explicit OutputCapture(bool echo)
        : buffers_{RoutingBuffer(std::cout.rdbuf(), echo), RoutingBuffer(std::cerr.rdbuf(), echo),
                   RoutingBuffer(std::clog.rdbuf(), echo)},
          originals_{std::cout.rdbuf(&buffers_[0]), std::cerr.rdbuf(&buffers_[1]), std::clog.rdbuf(&buffers_[2])} {}
    OutputCapture(const OutputCapture&) = delete;
    OutputCapture& operator=(const OutputCapture&) = delete;
    ~OutputCapture() {
        std::cout.rdbuf(originals_[0]);
        std::cerr.rdbuf(originals_[1]);
        std::clog.rdbuf(originals_[2]);
    }

private:
    std::array<RoutingBuffer, 3> buffers_;
    std::array<std::streambuf*, 3> originals_;
};

}  // namespace ctp::detail

#endif  // CTP_RUN_OUTPUT_CAPTURE_HPP
