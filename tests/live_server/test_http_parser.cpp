// HTTP parser tests, pure bytes-in (build: see main.cpp).
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <string>  // string

using namespace ctp;
using net::HttpParser;

namespace {

HttpParser parse_request(const std::string& wire, net::ParserLimits limits = {}) {
    HttpParser parser(HttpParser::Kind::request, limits);
    parser.feed(wire);
    return parser;
}

}  // namespace

TEST_CASE("a request parsed whole and byte by byte gives the same result") {
    const std::string wire =
        "POST /echo?x=1&y=a+b HTTP/1.1\r\nHost: h\r\nX-Multi: a\r\nx-multi: b\r\nContent-Length: 5\r\n\r\nhello";
    HttpParser whole = parse_request(wire);
    REQUIRE(whole.status() == HttpParser::Status::complete);
    HttpParser split(HttpParser::Kind::request);
    for (const char c : wire) split.feed(std::string_view(&c, 1));
    REQUIRE(split.status() == HttpParser::Status::complete);
    for (Request request : {whole.take_request(), split.take_request()}) {
        CHECK(request.method == "POST");
        CHECK(request.path == "/echo");
        CHECK(request.query == "x=1&y=a+b");
        CHECK(request.query_param("y") == "a b");
        CHECK_FALSE(request.query_param("z"));
        CHECK(request.header("HOST") == "h");
        CHECK(request.headers.has_token("x-MULTI", "b"));
        CHECK(request.body == "hello");
    }
}

TEST_CASE("chunked request bodies are decoded, with extensions and trailers") {
    const std::string wire =
        "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        "5;ext=1\r\nhello\r\n1A\r\n abcdefghijklmnopqrstuvwxy\r\n0\r\nX-Trailer: t\r\n\r\nGET /next";
    HttpParser parser = parse_request(wire);
    REQUIRE(parser.status() == HttpParser::Status::complete);
    CHECK(parser.take_request().body == "hello abcdefghijklmnopqrstuvwxy");
    CHECK(parser.next_message() == HttpParser::Status::need_more);  // pipelined bytes kept
    parser.feed(" HTTP/1.1\r\nHost: h\r\n\r\n");
    REQUIRE(parser.status() == HttpParser::Status::complete);
    CHECK(parser.take_request().path == "/next");
}

TEST_CASE("HTTP/1.0 needs no Host, leading blank lines are skipped, Expect is seen") {
    CHECK(parse_request("\r\n\r\nGET / HTTP/1.0\r\n\r\n").status() == HttpParser::Status::complete);
    HttpParser expecting =
        parse_request("PUT /u HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n");
    CHECK(expecting.status() == HttpParser::Status::need_more);
    CHECK(expecting.expects_continue());
}

// Shared with test_server.cpp, which sends the same bytes to a live server.
extern const std::pair<const char*, int> malformed_requests[];
extern const std::size_t malformed_request_count;

const std::pair<const char*, int> malformed_requests[] = {
    {"GET\r\n\r\n", 400},
    {"GET /\r\n\r\n", 400},
    {"GET / HTTP/1.1 extra\r\nHost: h\r\n\r\n", 400},
    {"GET  / HTTP/1.1\r\nHost: h\r\n\r\n", 400},
    {"G@T / HTTP/1.1\r\nHost: h\r\n\r\n", 400},
    {"GET relative HTTP/1.1\r\nHost: h\r\n\r\n", 400},
    {"GET /\x01 HTTP/1.1\r\nHost: h\r\n\r\n", 400},
    {"GET / HTTX/1.1\r\nHost: h\r\n\r\n", 400},
    {"GET / HTTP/1.x\r\nHost: h\r\n\r\n", 400},
    {"GET / HTTP/2.0\r\nHost: h\r\n\r\n", 505},
    {"GET / HTTP/1.1\r\n\r\n", 400},
    {"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400},
    {"GET / HTTP/1.1\r\nHost: h\r\nNo-Colon\r\n\r\n", 400},
    {"GET / HTTP/1.1\r\nHost: h\r\nBad Name: x\r\n\r\n", 400},
    {"GET / HTTP/1.1\r\nHost: h\r\nName : x\r\n\r\n", 400},
    {"GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n folded\r\n\r\n", 400},
    {"GET / HTTP/1.1\r\nHost: h\r\nX: a\x7f\r\n\r\n", 400},
    {"GET / HTTP/1.1\r\nHost: h\r\n: empty\r\n\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1x\r\n\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", 400},
    {"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1, 2\r\n\r\nab", 400},
    {"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n", 501},
    {"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999\r\n\r\n", 413},
    {"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2000000\r\n\r\n", 413},
    {"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFF\r\n", 413},
    {"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1E8481\r\n", 413},
};
const std::size_t malformed_request_count = std::size(malformed_requests);

TEST_CASE("malformed requests map to the expected status") {
    net::ParserLimits limits;
    limits.max_body_bytes = 1000000;
    for (const auto& malformed : malformed_requests) {
        const char* wire = malformed.first;
        CAPTURE(wire);
        HttpParser parser = parse_request(wire, limits);
        CHECK(parser.status() == HttpParser::Status::error);
        CHECK(parser.error_status() == malformed.second);
    }
}

TEST_CASE("oversized header sections give 431 without waiting for their end") {
    net::ParserLimits limits;
    limits.max_header_bytes = 1024;
    CHECK(parse_request("GET /" + std::string(2000, 'a'), limits).error_status() == 431);
    CHECK(parse_request("GET / HTTP/1.1\r\nHost: h\r\nX: " + std::string(2000, 'a'), limits).error_status() == 431);
    std::string many = "GET / HTTP/1.1\r\nHost: h\r\n";
    for (int i = 0; i < 200; ++i) many += "X: y\r\n";
    CHECK(parse_request(many + "\r\n").error_status() == 431);
}

TEST_CASE("responses: Content-Length, chunked, until close, bodyless, interim 100") {
    HttpParser fixed(HttpParser::Kind::response);
    fixed.feed("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    REQUIRE(fixed.status() == HttpParser::Status::complete);
    CHECK(fixed.take_response().body == "ok");

    HttpParser until_close(HttpParser::Kind::response);
    until_close.feed("HTTP/1.0 200\r\n\r\nstream");
    CHECK(until_close.status() == HttpParser::Status::need_more);
    CHECK(until_close.finish() == HttpParser::Status::complete);
    const Response response = until_close.take_response();
    CHECK(response.status == 200);
    CHECK(response.body == "stream");

    HttpParser head(HttpParser::Kind::response);
    head.set_head_request(true);
    CHECK(head.feed("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n") == HttpParser::Status::complete);

    HttpParser chunked(HttpParser::Kind::response);
    chunked.feed("HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nno\r\n0\r\n\r\n");
    REQUIRE(chunked.status() == HttpParser::Status::complete);
    CHECK(chunked.take_response().body == "no");

    HttpParser truncated(HttpParser::Kind::response);
    truncated.feed("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nabc");
    CHECK(truncated.finish() == HttpParser::Status::error);
}

TEST_CASE("parser survives arbitrary bytes") {
    std::uint32_t state = 12345;
    for (int round = 0; round < 300; ++round) {
        HttpParser parser(HttpParser::Kind::request);
        std::string junk = round % 2 == 0 ? "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n" : "";
        for (int i = 0; i < 400; ++i) {
            state = state * 1103515245 + 12345;
            junk += static_cast<char>(state >> 24);
        }
        for (std::size_t i = 0; i < junk.size(); i += 7) parser.feed(std::string_view(junk).substr(i, 7));
        CHECK(parser.status() != HttpParser::Status::complete);
    }
}
