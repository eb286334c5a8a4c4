#ifndef CTP_RUN_ISOLATION_DESCRIPTOR_CAPTURE_HPP
#define CTP_RUN_ISOLATION_DESCRIPTOR_CAPTURE_HPP

#include <cstddef>   // size_t
#include <cstdio>    // fdopen, tmpfile, fread, fflush
#include <cstdlib>   // mkstemp
#include <iostream>  // cout, cerr, clog
#include <string>

#include <unistd.h>  // dup, dup2, close, unlink

#include "../../detail/temp_directory.hpp"
#include "wire.hpp"

namespace ctp::detail {

// In an isolated worker process: descriptors 1 and 2 go to a file while a test runs, so
// that output from printf and child processes is caught along with std::cout's.
class DescriptorCapture {
public:
    DescriptorCapture() = default;
    DescriptorCapture(const DescriptorCapture&) = delete;
    DescriptorCapture& operator=(const DescriptorCapture&) = delete;
    ~DescriptorCapture() { finish(false); }

    void start() {
        flush_streams();
        file_ = make_file();
        if (file_ == nullptr) return;
        saved_out_ = ::dup(1);
        saved_err_ = ::dup(2);
        ::dup2(fileno(file_), 1);
        ::dup2(fileno(file_), 2);
    }

    // Puts the descriptors back and returns what was written; with `echo`, writes it to the
    // real descriptor 1 too.
    std::string finish(bool echo) {
        if (file_ == nullptr) return {};
        flush_streams();
        ::dup2(saved_out_, 1);
        ::dup2(saved_err_, 2);
        ::close(saved_out_);
        ::close(saved_err_);
        std::string text;
        std::rewind(file_);
        char chunk[4096];
        for (std::size_t got; (got = std::fread(chunk, 1, sizeof chunk, file_)) > 0;) text.append(chunk, got);
        std::fclose(file_);
        file_ = nullptr;
        if (echo) write_all(1, text);
        return text;
    }

private:
    // In the temporary directory (TEST_TMPDIR under Bazel), unlinked at once so that it goes
    // when closed; tmpfile's own directory when that one cannot hold it.
    static std::FILE* make_file() {
        std::string path = temp_directory() + "/ctp-output-XXXXXX";
        const int descriptor = ::mkstemp(path.data());
        if (descriptor < 0) return std::tmpfile();
        ::unlink(path.c_str());
        std::FILE* file = ::fdopen(descriptor, "w+");
        if (file == nullptr) ::close(descriptor);
        return file;
    }

    static void flush_streams() {
        std::cout.flush();
        std::cerr.flush();
        std::clog.flush();
        std::fflush(nullptr);
    }

    std::FILE* file_ = nullptr;
    int saved_out_ = -1;
    int saved_err_ = -1;
};

}  // namespace ctp::detail

#endif  // CTP_RUN_ISOLATION_DESCRIPTOR_CAPTURE_HPP
