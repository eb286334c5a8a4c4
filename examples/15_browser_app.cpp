// A todo web app tested in a real browser. The live server serves the page and a small JSON
// API; the page's JavaScript adds items with fetch() and keeps its list current through a
// WebSocket, so every open page shows each change without a reload. ctp::BrowserTestCase
// gives each test a fresh headless Chromium page (its own cookies and storage), driven over
// the DevTools protocol: no chromedriver, no Selenium. Without Chromium (Debian's package
// chromium, or $CTP_BROWSER) each test is an error that says so.
#define CTP_MAIN
#include <ctp/ctp.hpp>
#include <ctp/live_server.hpp>  // ctp::Router, ctp::http, the server
#include <ctp/browser.hpp>      // ctp::BrowserTestCase, ctp::Page, ctp::Element

#include <algorithm>
#include <cstdio>  // snprintf
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <vector>

namespace {

// `text` as a JSON string literal.
std::string json_quote(const std::string& text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
            out += escaped;
        } else {
            out += c;
        }
    }
    return out + '"';
}

// The "text" of a form post (text=...) or of a JSON body ({"text": "..."}). Just enough JSON
// for this page: a backslash takes the next character as it is (\" and \\, but not \n).
std::string posted_text(const ctp::Request& request) {
    if (request.header("Content-Type").starts_with("application/x-www-form-urlencoded")) {
        ctp::Request form;
        form.query = request.body;  // a form body is encoded like a query string
        return form.query_param("text").value_or("");
    }
    std::size_t at = request.body.find("\"text\"");
    if (at != std::string::npos) at = request.body.find_first_not_of(" \t\r\n:", at + 6);
    if (at == std::string::npos || request.body[at] != '"') return "";
    std::string text;
    for (++at; at < request.body.size() && request.body[at] != '"'; ++at) {
        if (request.body[at] == '\\' && at + 1 < request.body.size()) ++at;
        text += request.body[at];
    }
    return text;
}

// The application's state: the items, and the pages listening on /ws. Handlers run on the
// server's threads, so one mutex guards both; a change and its broadcast happen under it, so
// every page sees the changes in the same order.
class Todos {
public:
    // The new item as JSON.
    std::string add(const std::string& text) {
        std::lock_guard lock(mutex_);
        items_.push_back({next_id_++, text, false});
        broadcast();
        return json(items_.back());
    }
    bool finish(int id) {
        std::lock_guard lock(mutex_);
        const auto item = std::find_if(items_.begin(), items_.end(), [&](const Item& i) { return i.id == id; });
        if (item == items_.end()) return false;
        item->done = true;
        broadcast();
        return true;
    }
    std::string list() const {
        std::lock_guard lock(mutex_);
        return list_json();
    }
    void clear() {
        std::lock_guard lock(mutex_);
        items_.clear();
        next_id_ = 1;
    }

    // A page joins with the current list, then gets the whole list again after each change.
    void join(ctp::WebSocket& page) {
        std::lock_guard lock(mutex_);
        pages_.push_back(&page);
        page.send(list_json());
    }
    void leave(ctp::WebSocket& page) {
        std::lock_guard lock(mutex_);
        std::erase(pages_, &page);
    }

private:
    struct Item {
        int id;
        std::string text;
        bool done;
    };
    static std::string json(const Item& item) {
        return "{\"id\": " + std::to_string(item.id) + ", \"text\": " + json_quote(item.text) +
               ", \"done\": " + (item.done ? "true" : "false") + "}";
    }
    std::string list_json() const {
        std::string out = "[";
        for (const Item& item : items_) out += (out.size() > 1 ? ", " : "") + json(item);
        return out + "]";
    }
    void broadcast() {
        const std::string message = list_json();
        for (ctp::WebSocket* page : pages_) page->send(message);
    }

    mutable std::mutex mutex_;
    std::vector<Item> items_;
    int next_id_ = 1;
    std::vector<ctp::WebSocket*> pages_;
};

// The page. Items are rendered with textContent, never as HTML. The unsent draft is kept in
// localStorage, so a reload keeps it.
const char* const index_html = R"html(<!doctype html>
<html>
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Todos</title></head>
<body>
<h1>Todos</h1>
<form id="add" method="post" action="/todos">
  <input id="new-todo" name="text" placeholder="What needs doing?" autocomplete="off">
  <button type="submit">Add</button>
</form>
<p id="message"></p>
<ul id="todos" aria-busy="true"></ul>
<script>
const input = document.getElementById('new-todo');
const message = document.getElementById('message');
const list = document.getElementById('todos');

input.value = localStorage.getItem('draft') ?? '';
input.addEventListener('input', () => localStorage.setItem('draft', input.value));

function render(items) {
  list.replaceChildren(...items.map(item => {
    const li = document.createElement('li');
    li.dataset.id = item.id;
    li.className = item.done ? 'done' : 'open';
    const text = document.createElement('span');
    text.textContent = item.text;
    li.append(text);
    if (!item.done) {
      const done = document.createElement('button');
      done.textContent = 'Done';
      done.onclick = () => fetch('/todos/done?id=' + item.id, {method: 'POST'});
      li.append(' ', done);
    }
    return li;
  }));
  list.setAttribute('aria-busy', 'false');
  console.info(`showing ${items.length} todo(s)`);
}

document.getElementById('add').addEventListener('submit', async event => {
  event.preventDefault();
  const response = await fetch('/todos', {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({text: input.value}),
  });
  message.textContent = response.ok ? '' : (await response.json()).error;
  if (response.ok) {
    input.value = '';
    localStorage.removeItem('draft');
  }
});

const socket = new WebSocket(location.origin.replace(/^http/, 'ws') + '/ws');
socket.onmessage = event => render(JSON.parse(event.data));
</script>
</body>
</html>
)html";

}  // namespace

struct TodoApp : ctp::BrowserTestCase {
    static inline Todos todos;

    static void routes(ctp::Router& r) {
        r.get("/", [](const ctp::Request&) { return ctp::Response::html(index_html); });
        r.get("/todos", [](const ctp::Request&) { return ctp::Response::json(todos.list()); });
        r.post("/todos", [](const ctp::Request& request) {
            const std::string text = posted_text(request);
            if (text.find_first_not_of(" \t") == std::string::npos)
                return ctp::Response::json(R"({"error": "a todo needs some text"})", 422);
            return ctp::Response::json(todos.add(text), 201);
        });
        // The router matches whole paths, so the item's id comes as a query parameter.
        r.post("/todos/done", [](const ctp::Request& request) {
            const std::string id = request.query_param("id").value_or("");
            const bool digits = !id.empty() && id.size() < 9 && id.find_first_not_of("0123456789") == std::string::npos;
            if (!digits || !todos.finish(std::stoi(id)))
                return ctp::Response::json(R"({"error": "no such todo"})", 404);
            return ctp::Response::json(todos.list());
        });
        r.websocket("/ws", [](ctp::WebSocket& ws) {
            todos.join(ws);
            while (ws.receive()) {}  // the page only listens; this returns when it goes away
            todos.leave(ws);
        });
    }

    void set_up() override { todos.clear(); }  // the server lives for the class, not the test

    // Loads the app in `tab` and waits for its first list over the WebSocket: from then on
    // it sees every change.
    static void open(ctp::Page& tab) {
        tab.go(live_server_url() + "/");
        tab.wait_for("#todos[aria-busy=false]");
    }

    static void add(ctp::Page& tab, const std::string& text) {
        tab.find("#new-todo").type(text);
        tab.find("button[type=submit]").click();
    }
};

CTP_TEST_F(TodoApp, shows_the_page) {
    open(page());
    CTP_CHECK(page().title() == "Todos");
    CTP_CHECK(page().find("#new-todo").attribute("placeholder") == "What needs doing?");
    CTP_CHECK(page().find_all("#todos li").empty());

    const std::filesystem::path png = std::filesystem::temp_directory_path() / "ctp_todos.png";
    page().screenshot(png.string());
    std::ifstream file(png, std::ios::binary);
    std::string signature(8, '\0');
    file.read(signature.data(), 8);
    CTP_CHECK(signature == "\x89PNG\r\n\x1a\n");
    std::filesystem::remove(png);
}

CTP_TEST_F(TodoApp, adds_an_item_through_the_form) {
    open(page());
    add(page(), "buy milk");
    page().wait_for_text("#todos li", "buy milk");
    CTP_CHECK(page().find("#new-todo").value() == "");
    CTP_CHECK(ctp::http::get(live_server_url() + "/todos").body == R"([{"id": 1, "text": "buy milk", "done": false}])");
}

CTP_TEST_F(TodoApp, rejects_an_empty_item) {
    open(page());
    page().find("button[type=submit]").click();
    page().wait_for_text("#message", "a todo needs some text");
    CTP_CHECK(page().find_all("#todos li").empty());
    CTP_CHECK(ctp::http::get(live_server_url() + "/todos").body == "[]");
}

CTP_TEST_F(TodoApp, marks_an_item_done) {
    todos.add("water the plants");
    open(page());
    page().find("#todos li button").click();
    page().wait_for("#todos li.done");
    CTP_CHECK(page().find_all("#todos li button").empty());
    CTP_CHECK(ctp::http::get(live_server_url() + "/todos").body ==
              R"([{"id": 1, "text": "water the plants", "done": true}])");
}

CTP_TEST_F(TodoApp, other_pages_update_without_a_reload) {
    ctp::Page other = browser().new_page();  // a second tab with its own storage
    open(page());
    open(other);
    add(page(), "from the first tab");
    other.wait_for_text("#todos", "from the first tab");
    add(other, "from the second tab");
    page().wait_for_text("#todos", "from the second tab");

    // A change from outside any browser, a plain form post, shows too.
    ctp::HttpOptions form;
    form.headers.add("Content-Type", "application/x-www-form-urlencoded");
    CTP_CHECK(ctp::http::post(live_server_url() + "/todos", "text=from+a+form+post", form).status == 201);
    page().wait_for_text("#todos", "from a form post");
    other.wait_for_text("#todos", "from a form post");
    CTP_CHECK(page().find_all("#todos li").size() == 3);
}

CTP_TEST_F(TodoApp, logs_each_render_to_the_console) {
    open(page());
    add(page(), "one");
    page().wait_for_text("#todos", "one");
    std::vector<std::string> logged;
    for (const ctp::ConsoleMessage& message : page().console()) logged.push_back(message.level + ": " + message.text);
    CTP_CHECK(logged == std::vector<std::string>{"info: showing 0 todo(s)", "info: showing 1 todo(s)"});
}

// The next two show that each test's page has its own storage: the draft this one leaves in
// localStorage is gone in the next test, although the page's origin is the same.
CTP_TEST_F(TodoApp, keeps_the_draft_across_a_reload) {
    open(page());
    page().find("#new-todo").type("half a thought");
    page().reload();
    CTP_CHECK(page().find("#new-todo").value() == "half a thought");
}

CTP_TEST_F(TodoApp, starts_each_test_with_empty_storage) {
    open(page());
    CTP_CHECK(page().evaluate("localStorage.length") == "0");
    CTP_CHECK(page().find("#new-todo").value() == "");
}

// $ ./15_browser_app --parallel 2 -v
// Found 8 test(s).
// Running 8 WebSocket/Selenium tests serially...
// TodoApp.shows_the_page ... ok (0.710s)
// TodoApp.adds_an_item_through_the_form ... ok (0.550s)
// TodoApp.rejects_an_empty_item ... ok (0.419s)
// TodoApp.marks_an_item_done ... ok (0.456s)
// TodoApp.other_pages_update_without_a_reload ... ok (0.876s)
// TodoApp.logs_each_render_to_the_console ... ok (0.528s)
// TodoApp.keeps_the_draft_across_a_reload ... ok (0.513s)
// TodoApp.starts_each_test_with_empty_storage ... ok (0.496s)
// ----------------------------------------------------------------------
// Ran 8 tests in 5.374s
//
// OK
//
// Without Chromium each test is an error: "no browser at '/usr/bin/chromium': install Debian's
// package chromium, or set CTP_BROWSER to a Chromium or Chrome executable", and the run fails.
