// Static file serving and traversal attempts (build: see main.cpp).
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <unistd.h>  // getpid

#include <filesystem>  // path, create_directories, create_symlink, remove_all
#include <fstream>     // ofstream
#include <string>      // string

using namespace ctp;
namespace fs = std::filesystem;

namespace {

struct Tree {
    fs::path base = fs::temp_directory_path() / ("ctp_static_" + std::to_string(::getpid()));
    fs::path root = base / "root";

    Tree() {
        fs::remove_all(base);
        fs::create_directories(root / "sub" / "empty");
        fs::create_directories(base / "outside");
        write(root / "index.html", "<h1>home</h1>");
        write(root / "app.js", "js");
        write(root / "mod.mjs", "mjs");
        write(root / "s.css", "css");
        write(root / "d.json", "{}");
        write(root / "i.svg", "<svg/>");
        write(root / "p.png", "\x89PNG");
        write(root / "w.wasm", std::string("\0asm", 4));
        write(root / "t.txt", "text");
        write(root / "blob.bin", "bin");
        write(root / "a b.txt", "space");
        write(root / "sub" / "index.html", "sub index");
        write(base / "secret.txt", "SECRET");
        write(base / "outside" / "index.html", "SECRET INDEX");
        fs::create_symlink(base / "secret.txt", root / "link_out.txt");
        fs::create_symlink(base / "outside", root / "dir_out");
        fs::create_symlink(root / "t.txt", root / "link_in.txt");
    }
    ~Tree() { fs::remove_all(base); }

    static void write(const fs::path& path, const std::string& content) {
        std::ofstream(path, std::ios::binary) << content;
    }
};

}  // namespace

TEST_CASE("static files: content types, index.html, 404") {
    Tree tree;
    const char* expected[][3] = {
        {"/", "<h1>home</h1>", "text/html; charset=utf-8"},
        {"/index.html", "<h1>home</h1>", "text/html; charset=utf-8"},
        {"/app.js", "js", "text/javascript; charset=utf-8"},
        {"/mod.mjs", "mjs", "text/javascript; charset=utf-8"},
        {"/s.css", "css", "text/css; charset=utf-8"},
        {"/d.json", "{}", "application/json"},
        {"/i.svg", "<svg/>", "image/svg+xml"},
        {"/p.png", "\x89PNG", "image/png"},
        {"/t.txt", "text", "text/plain; charset=utf-8"},
        {"/blob.bin", "bin", "application/octet-stream"},
        {"/a%20b.txt", "space", "text/plain; charset=utf-8"},
        {"/sub/", "sub index", "text/html; charset=utf-8"},
        {"/link_in.txt", "text", "text/plain; charset=utf-8"},
        {"/./t.txt", "text", "text/plain; charset=utf-8"},
    };
    for (const auto& row : expected) {
        const char* path = row[0];
        CAPTURE(path);
        const Response response = net::serve_static_file(tree.root, path);
        CHECK(response.status == 200);
        CHECK(response.body == row[1]);
        CHECK(response.header("Content-Type") == row[2]);
    }
    CHECK(net::serve_static_file(tree.root, "/w.wasm").header("Content-Type") == "application/wasm");
    CHECK(net::serve_static_file(tree.root, "/missing.txt").status == 404);
    CHECK(net::serve_static_file(tree.root, "/sub/empty/").status == 404);  // directory without index.html
    const Response redirect = net::serve_static_file(tree.root, "/sub");
    CHECK(redirect.status == 301);
    CHECK(redirect.header("Location") == "sub/");
}

TEST_CASE("static files never leave the root") {
    Tree tree;
    const char* attacks[] = {
        "/../secret.txt",
        "/sub/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/sub%2f..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/link_out.txt",
        "/dir_out/",
        "/dir_out/index.html",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/t.txt%00.html",
        "/%00",
        "/%",
        "/%zz",
        "/..",
    };
    for (const char* attack : attacks) {
        CAPTURE(attack);
        const Response response = net::serve_static_file(tree.root, attack);
        CHECK(response.status != 200);
        CHECK(response.body.find("SECRET") == std::string::npos);
        CHECK(response.body.find("root:") == std::string::npos);
    }
}

TEST_CASE("static files through a live server, mounted at / and at a prefix") {
    Tree tree;
    LiveServer server;
    server.router().get("/api", [](const Request&) { return Response::text("api"); });
    server.set_static_root(tree.root);
    server.router().static_files("/assets", tree.root / "sub");
    server.start();
    CHECK(http::get(server.url() + "/").body == "<h1>home</h1>");
    CHECK(http::get(server.url() + "/api").body == "api");
    CHECK(http::get(server.url() + "/assets/").body == "sub index");
    CHECK(http::get(server.url() + "/s.css").header("Content-Type") == "text/css; charset=utf-8");
    CHECK(http::get(server.url() + "/nothing").status == 404);
    CHECK(http::post(server.url() + "/t.txt", "x").status == 405);
    const Response head = http::request("HEAD", server.url() + "/t.txt");
    CHECK(head.header("Content-Length") == "4");
    CHECK(head.body.empty());
    for (const char* attack :
         {"/../secret.txt", "/%2e%2e/secret.txt", "/link_out.txt", "/assets/..%2f..%2fsecret.txt"}) {
        CAPTURE(attack);
        const std::string raw = test::raw_exchange(server.port(), std::string("GET ") + attack + " HTTP/1.0\r\n\r\n");
        CHECK(test::status_of(raw) >= 400);
        CHECK(raw.find("SECRET") == std::string::npos);
    }
}

TEST_CASE("a prefix mount asked for without its trailing slash redirects to it, query kept") {
    Tree tree;
    LiveServer server;
    server.router().static_files("/assets/", tree.root / "sub");
    server.router().static_files("/plain", tree.root / "sub");
    server.start();
    for (const char* mount : {"/assets", "/plain"}) {
        CAPTURE(mount);
        const Response bare = http::get(server.url() + mount);
        CHECK(bare.status == 301);
        CHECK(bare.header("Location") == std::string(mount) + "/");
        CHECK(bare.body.find("sub index") == std::string::npos);
        const Response with_query = http::get(server.url() + mount + "?page=2&x=%20");
        CHECK(with_query.status == 301);
        CHECK(with_query.header("Location") == std::string(mount) + "/?page=2&x=%20");
        CHECK(http::request("HEAD", server.url() + mount).status == 301);
        CHECK(http::get(server.url() + mount + "/").body == "sub index");
    }
    // A longer path that merely starts with the prefix's name is not the mount.
    CHECK(http::get(server.url() + "/assetsx").status == 404);
}

TEST_CASE("a subdirectory asked for without its trailing slash redirects to it, query kept") {
    Tree tree;
    CHECK(net::serve_static_file(tree.root, "/sub", "a=1").header("Location") == "sub/?a=1");
    LiveServer server;
    server.set_static_root(tree.root);
    server.start();
    const Response redirect = http::get(server.url() + "/sub?a=1");
    CHECK(redirect.status == 301);
    CHECK(redirect.header("Location") == "sub/?a=1");
}
