#ifndef CTP_REPORTERS_DESCRIPTOR_STREAM_HPP
#define CTP_REPORTERS_DESCRIPTOR_STREAM_HPP

#include <cstddef>  // size_t
#include <cstdio>   // fflush, fwrite, stdout, stderr
#include <ostream>
#include <streambuf>

#if __has_include(<unistd.h>)
#include <cerrno>    // errno, EINTR
#include <unistd.h>  // write, isatty
#define CTP_DETAIL_HAS_DESCRIPTORS 1
#endif  // __has_include(<unistd.h>)

namespace ctp::detail {

// Writes `size` bytes to descriptor 1 or 2 as they are. ctp's own console output goes this
// way rather than through std::cout/std::cerr, whose buffers a test may swap for its own
// (to check what a program prints) while other tests run. What the program wrote through
// stdio before is flushed first, so that the two keep their order.
inline void write_descriptor(int descriptor, const char* text, std::size_t size) {
    std::FILE* stream = descriptor == 2 ? stderr : stdout;
    std::fflush(stream);
#if defined(CTP_DETAIL_HAS_DESCRIPTORS)
    while (size > 0) {
        const auto written = ::write(descriptor, text, size);
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) return;  // nowhere to report it: the output is lost, as with a closed std::cout
        text += written;
        size -= static_cast<std::size_t>(written);
    }
#else
    std::fwrite(text, 1, size, stream);
    std::fflush(stream);
#endif  // defined(CTP_DETAIL_HAS_DESCRIPTORS)
}

// A stream buffer over descriptor 1 or 2 that holds what it gets until flushed (the console
// reporter flushes after each event) or full. It never allocates, so that a crash report
// can still go through it.
class DescriptorBuffer final : public std::streambuf {
public:
    explicit DescriptorBuffer(int descriptor) noexcept : descriptor_(descriptor) {
        setp(buffer_, buffer_ + sizeof buffer_);
    }
    DescriptorBuffer(const DescriptorBuffer&) = delete;
    DescriptorBuffer& operator=(const DescriptorBuffer&) = delete;
    ~DescriptorBuffer() override { sync(); }

protected:
    int_type overflow(int_type c) override {
        sync();
        if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
        *pptr() = traits_type::to_char_type(c);
        pbump(1);
        return c;
    }

    std::streamsize xsputn(const char* text, std::streamsize size) override {
        if (size >= epptr() - pptr()) {
            sync();
            write_descriptor(descriptor_, text, static_cast<std::size_t>(size));
            return size;
        }
        traits_type::copy(pptr(), text, static_cast<std::size_t>(size));
        pbump(static_cast<int>(size));
        return size;
    }

    int sync() override {
        write_descriptor(descriptor_, pbase(), static_cast<std::size_t>(pptr() - pbase()));
        setp(buffer_, buffer_ + sizeof buffer_);
        return 0;
    }

private:
    int descriptor_;
    char buffer_[4096];
};

// std::cout's and std::cerr's stand-in for ctp::main's own output.
class DescriptorStream final : public std::ostream {
public:
    explicit DescriptorStream(int descriptor) : std::ostream(nullptr), buffer_(descriptor) { rdbuf(&buffer_); }

private:
    DescriptorBuffer buffer_;
};

// Whether descriptor 1 or 2 is a terminal.
inline bool is_terminal(int descriptor) noexcept {
#if defined(CTP_DETAIL_HAS_DESCRIPTORS)
    return isatty(descriptor) == 1;
#else
    (void)descriptor;
    return false;
#endif  // defined(CTP_DETAIL_HAS_DESCRIPTORS)
}

}  // namespace ctp::detail

#endif  // CTP_REPORTERS_DESCRIPTOR_STREAM_HPP
