// The incremental HTTP/1.x parser (live_server/net/http_parser.hpp) over arbitrary bytes.
// The first byte picks the mode, as its low three bits (so '0' to '7' in the corpus):
//   1: parse responses instead of requests   2: small limits   4: responses to HEAD
// The rest is the byte stream, pipelined messages included. Properties: no crash; the
// messages and the final state do not depend on how the stream is cut into reads; every
// parsed message is well formed; a request parses the same again from a canonical spelling.
#include <ctp/live_server/net/http_parser.hpp>

#include <cstddef>  // size_t
#include <cstdint>  // uint8_t
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"

namespace {

using ctp::net::HttpParser;
using ctp::net::ParserLimits;

struct Mode {
    HttpParser::Kind kind;
    ParserLimits limits;
    bool head_request;
};

bool is_framing(std::string_view name) {
    return ctp::net::iequals(name, "Content-Length") || ctp::net::iequals(name, "Transfer-Encoding");
}

void check_headers(const ctp::Headers& headers, const ParserLimits& limits) {
    FUZZ_CHECK(headers.size() <= limits.max_header_count);
    for (const auto& [name, value] : headers) {
        FUZZ_CHECK(ctp::net::is_token(name));
        FUZZ_CHECK(ctp::net::trim(value) == value);
        for (const char c : value) {
            const auto u = static_cast<unsigned char>(c);
            FUZZ_CHECK((u >= 0x20 || c == '\t') && u != 0x7F);
        }
    }
}

std::string describe(const ctp::Headers& headers) {
    std::string text;
    for (const auto& [name, value] : headers) text += name + ": " + value + "\n";
    return text;
}

// The same request as the parser would want it: CRLF lines, one space after each colon,
// and the body framed by Content-Length.
std::string canonical(const ctp::Request& request) {
    std::string text = request.method + " " + request.target + " " + request.version + "\r\n";
    for (const auto& [name, value] : request.headers)
        if (!is_framing(name)) text += name + ": " + value + "\r\n";
    if (!request.body.empty()) text += "Content-Length: " + std::to_string(request.body.size()) + "\r\n";
    return text + "\r\n" + request.body;
}

std::string check_request(ctp::Request request, const ParserLimits& limits) {
    FUZZ_CHECK(ctp::net::is_token(request.method));
    FUZZ_CHECK(request.target == "*" || request.target.starts_with('/'));
    for (const char c : request.target) FUZZ_CHECK(c > 0x20 && c < 0x7F);
    FUZZ_CHECK(request.path + (request.target.find('?') != std::string::npos ? "?" + request.query : "") ==
               request.target);
    FUZZ_CHECK(request.version == "HTTP/1.0" || request.version == "HTTP/1.1");
    FUZZ_CHECK(request.body.size() <= limits.max_body_bytes);
    check_headers(request.headers, limits);

    // Canonical lines can be longer than the originals (CR LF, a space): allow for that.
    ParserLimits roomy = limits;
    roomy.max_header_bytes = 4 * limits.max_header_bytes + 64;
    roomy.max_header_count = limits.max_header_count + 1;
    HttpParser again(HttpParser::Kind::request, roomy);
    FUZZ_CHECK(again.feed(canonical(request)) == HttpParser::Status::complete);
    FUZZ_CHECK(again.take_leftover().empty());
    const ctp::Request reparsed = again.take_request();
    FUZZ_CHECK(reparsed.method == request.method && reparsed.target == request.target &&
               reparsed.version == request.version && reparsed.body == request.body);
    std::vector<ctp::Headers::Field> before, after;
    for (const auto& field : request.headers)
        if (!is_framing(field.first)) before.push_back(field);
    for (const auto& field : reparsed.headers)
        if (!is_framing(field.first)) after.push_back(field);
    FUZZ_CHECK(before == after);

    return "request " + request.request_line() + "\n" + describe(request.headers) + "body " + request.body;
}

std::string check_response(ctp::Response response, const ParserLimits& limits) {
    FUZZ_CHECK(response.status >= 0 && response.status <= 999);
    FUZZ_CHECK(response.body.size() <= limits.max_body_bytes);
    check_headers(response.headers, limits);
    return "response " + std::to_string(response.status) + " " + response.reason + "\n" + describe(response.headers) +
           "body " + response.body;
}

// What the parser made of `chunks`, one read after another, then the peer closing.
std::vector<std::string> parse(const Mode& mode, const std::vector<std::string_view>& chunks) {
    HttpParser parser(mode.kind, mode.limits);
    parser.set_head_request(mode.head_request);
    std::vector<std::string> events;
    HttpParser::Status status = HttpParser::Status::need_more;
    auto take_complete = [&] {
        while (status == HttpParser::Status::complete) {
            events.push_back(mode.kind == HttpParser::Kind::request
                                 ? check_request(parser.take_request(), mode.limits)
                                 : check_response(parser.take_response(), mode.limits));
            status = parser.next_message();
        }
    };
    for (const std::string_view chunk : chunks) {
        status = parser.feed(chunk);
        take_complete();
    }
    if (status == HttpParser::Status::need_more && parser.has_partial_message()) {
        status = parser.finish();
        take_complete();
    }
    if (status == HttpParser::Status::error) {
        const int code = parser.error_status();
        FUZZ_CHECK(code == 400 || code == 413 || code == 431 || code == 501 || code == 505);
        FUZZ_CHECK(!parser.error_message().empty());
        events.push_back("error " + std::to_string(code));
    } else {
        events.push_back(parser.has_partial_message() ? "partial" : "idle");
    }
    return events;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const unsigned bits = data[0] & 7u;
    Mode mode{bits & 1 ? HttpParser::Kind::response : HttpParser::Kind::request, {}, (bits & 4) != 0};
    if (bits & 2) mode.limits = ParserLimits{200, 4, 64};
    const std::string_view stream(reinterpret_cast<const char*>(data) + 1, size - 1);

    const std::vector<std::string> whole = parse(mode, {stream});
    fuzz::Random random(fuzz::hash(stream));
    FUZZ_CHECK(parse(mode, fuzz::split(stream, random, 8)) == whole);
    FUZZ_CHECK(parse(mode, fuzz::split(stream, random, stream.size())) == whole);
    return 0;
}
