// SHA-1, base64, UTF-8, URL and WebSocket frame codec tests (build: see main.cpp).
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <string>  // string

using namespace ctp;

TEST_CASE("sha1 matches the FIPS 180 / RFC 3174 vectors") {
    CHECK(net::to_hex(net::sha1("abc")) == "a9993e364706816aba3e25717850c26c9cd0d89d");
    CHECK(net::to_hex(net::sha1("")) == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    CHECK(net::to_hex(net::sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
          "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    net::Sha1 million;
    const std::string chunk(1000, 'a');
    for (int i = 0; i < 1000; ++i) million.update(chunk);
    CHECK(net::to_hex(million.finish()) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
    std::string repeated;
    for (int i = 0; i < 10; ++i) repeated += "0123456701234567012345670123456701234567012345670123456701234567";
    CHECK(net::to_hex(net::sha1(repeated)) == "dea356a2cddd90c7a7ecedc5ebb563934f460452");
}

TEST_CASE("Sec-WebSocket-Accept for the RFC 6455 sample key") {
    CHECK(net::websocket_accept_key("dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
}

TEST_CASE("base64 RFC 4648 vectors") {
    const char* vectors[][2] = {{"", ""},
                                {"f", "Zg=="},
                                {"fo", "Zm8="},
                                {"foo", "Zm9v"},
                                {"foob", "Zm9vYg=="},
                                {"fooba", "Zm9vYmE="},
                                {"foobar", "Zm9vYmFy"}};
    for (const auto& vector : vectors) {
        const char* plain = vector[0];
        const char* encoded = vector[1];
        CAPTURE(plain);
        CHECK(net::base64_encode(plain) == encoded);
        CHECK(net::base64_decode(encoded) == std::string(plain));
    }
    CHECK(net::base64_encode(std::string("\xff\xfe\x00", 3)) == "//4A");
    CHECK_FALSE(net::base64_decode("Zg="));       // wrong length
    CHECK_FALSE(net::base64_decode("Zh=="));      // non-zero pad bits
    CHECK_FALSE(net::base64_decode("Zm9v!A=="));  // bad character
    CHECK_FALSE(net::base64_decode("Z==="));
}

TEST_CASE("utf8 validator edge cases") {
    CHECK(net::is_valid_utf8(""));
    CHECK(net::is_valid_utf8("plain ascii"));
    CHECK(net::is_valid_utf8("\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5"));  // κόσμε
    CHECK(net::is_valid_utf8("\xf4\x8f\xbf\xbf"));                              // U+10FFFF
    CHECK(net::is_valid_utf8("\xef\xbf\xbf"));                                  // U+FFFF
    CHECK(net::is_valid_utf8(std::string("\0", 1)));
    CHECK_FALSE(net::is_valid_utf8("\xf4\x90\x80\x80"));  // above U+10FFFF
    CHECK_FALSE(net::is_valid_utf8("\xed\xa0\x80"));      // surrogate U+D800
    CHECK_FALSE(net::is_valid_utf8("\xc0\xaf"));          // overlong '/'
    CHECK_FALSE(net::is_valid_utf8("\xe0\x80\xaf"));      // overlong 3-byte
    CHECK_FALSE(net::is_valid_utf8("\xf0\x80\x80\xaf"));  // overlong 4-byte
    CHECK_FALSE(net::is_valid_utf8("\x80"));              // lone continuation
    CHECK_FALSE(net::is_valid_utf8("\xce"));              // truncated
    CHECK_FALSE(net::is_valid_utf8("\xfe"));
    CHECK_FALSE(net::is_valid_utf8("\xf8\x88\x80\x80\x80"));

    net::Utf8Validator split;  // a code point cut across fragments
    CHECK(split.feed("\xce"));
    CHECK_FALSE(split.complete());
    CHECK(split.feed("\xba"));
    CHECK(split.complete());
    net::Utf8Validator early;  // fails as soon as the bad byte arrives
    CHECK_FALSE(early.feed("\xce\x41"));
}

TEST_CASE("url parsing and percent decoding") {
    const auto url = net::parse_url("http://127.0.0.1:8080/a/b?x=1#frag");
    CHECK(url.host == "127.0.0.1");
    CHECK(url.port == 8080);
    CHECK(url.target == "/a/b?x=1");
    CHECK(net::parse_url("ws://localhost").port == 80);
    CHECK(net::parse_url("ws://localhost").target == "/");
    CHECK(net::parse_url("http://[::1]:9/").host == "::1");
    CHECK_THROWS(net::parse_url("127.0.0.1:80/"));
    CHECK_THROWS(net::parse_url("http://h:99999/"));
    CHECK_THROWS(net::parse_url("ftp://h/"));
    CHECK(net::percent_decode("%2e%2E/a%20b") == "../a b");
    CHECK(net::percent_decode("a+b", true) == "a b");
    CHECK_FALSE(net::percent_decode("%2"));
    CHECK_FALSE(net::percent_decode("%zz"));
}

namespace {

std::string decode_one(const std::string& wire, bool server_side, std::size_t max = 1 << 20,
                       std::uint16_t* error = nullptr) {
    net::FrameDecoder decoder(server_side, max);
    decoder.feed(wire);
    auto frame = decoder.next();
    if (error != nullptr) *error = decoder.error();
    return frame ? frame->payload : "<none>";
}

}  // namespace

TEST_CASE("frame codec round trips at 7, 16 and 64-bit lengths, masked and not") {
    for (const std::size_t size : {0UL, 1UL, 125UL, 126UL, 65535UL, 65536UL, 300000UL}) {
        CAPTURE(size);
        std::string payload(size, '\0');
        for (std::size_t i = 0; i < size; ++i) payload[i] = static_cast<char>(i * 7);
        const std::string plain = net::encode_frame(Opcode::binary, payload);
        const std::string masked = net::encode_frame(Opcode::binary, payload, true, net::MaskKey{1, 2, 3, 250});
        CHECK(plain.size() == size + (size < 126 ? 2 : size <= 65535 ? 4 : 10));
        CHECK(decode_one(plain, false) == payload);
        CHECK(decode_one(masked, true) == payload);

        net::FrameDecoder byte_by_byte(true, 1 << 20);  // incremental: one byte at a time
        std::optional<net::Frame> frame;
        std::size_t fed = 0;
        for (; fed < masked.size() && !frame; ++fed) {
            byte_by_byte.feed(std::string_view(masked).substr(fed, 1));
            frame = byte_by_byte.next();
        }
        CHECK(fed == masked.size());  // complete exactly at the last byte
        REQUIRE(frame);
        CHECK(frame->opcode == Opcode::binary);
        CHECK(frame->fin);
        CHECK(frame->payload == payload);
    }
    // RFC 6455 section 5.7 examples.
    CHECK(net::encode_frame(Opcode::text, "Hello") == std::string("\x81\x05Hello"));
    CHECK(net::encode_frame(Opcode::text, "Hello", true, net::MaskKey{0x37, 0xfa, 0x21, 0x3d}) ==
          std::string("\x81\x85\x37\xfa\x21\x3d\x7f\x9f\x4d\x51\x58"));
    CHECK(net::encode_frame(Opcode::text, "Hel", false) == std::string("\x01\x03Hel"));
}

TEST_CASE("malformed frames map to the close code the connection must end with") {
    struct Case {
        const char* name;
        std::string wire;
        bool server_side;
        std::uint16_t code;
    };
    const std::string mask = "\x01\x02\x03\x04";
    const Case cases[] = {
        {"unmasked client frame", std::string("\x81\x00", 2), true, 1002},
        {"masked server frame", "\x81\x80" + mask, false, 1002},
        {"RSV1 set", "\xc1\x80" + mask, true, 1002},
        {"RSV3 set", "\x91\x80" + mask, true, 1002},
        {"reserved data opcode 3", "\x83\x80" + mask, true, 1002},
        {"reserved control opcode B", "\x8b\x80" + mask, true, 1002},
        {"fragmented ping", "\x09\x80" + mask, true, 1002},
        {"ping longer than 125", "\x89\xfe\x00\x7e" + mask, true, 1002},
        {"64-bit length with top bit", std::string("\x82\xff\x80\x00\x00\x00\x00\x00\x00\x00", 10) + mask, true, 1002},
        {"frame over max size", std::string("\x82\xff\x00\x00\x00\x01\x00\x00\x00\x00", 10) + mask, true, 1009},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        std::uint16_t error = 0;
        CHECK(decode_one(c.wire, c.server_side, 1 << 20, &error) == "<none>");
        CHECK(error == c.code);
    }
}

TEST_CASE("close payloads") {
    CHECK(net::parse_close_payload("").code == close_code::no_status);
    CHECK(net::parse_close_payload("\x03").error == 1002);
    CHECK(net::parse_close_payload("\x03\xe8ok").code == 1000);
    CHECK(net::parse_close_payload("\x03\xe8ok").reason == "ok");
    CHECK(net::parse_close_payload("\x03\xed").error == 1002);  // 1005 may not be sent
    CHECK(net::parse_close_payload(std::string("\x00\x00", 2)).error == 1002);
    CHECK(net::parse_close_payload("\x0b\xb8").error == 0);         // 3000
    CHECK(net::parse_close_payload("\x03\xe8\xff").error == 1007);  // invalid UTF-8 reason
    CHECK(net::encode_close_payload(1000, std::string(200, 'x')).size() == 125);
}
