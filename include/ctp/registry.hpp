#ifndef CTP_REGISTRY_HPP
#define CTP_REGISTRY_HPP

#include <concepts>  // invocable
#include <cstddef>   // size_t
#include <cstring>   // memcpy
#include <memory>    // unique_ptr, make_unique
#include <mutex>
#include <string>
#include <string_view>
#include <type_traits>  // is_base_of_v, is_void_v
#include <utility>      // exchange, move
#include <vector>

#include "registration.hpp"
#include "test_info.hpp"

namespace ctp {

namespace detail {

// A copy of `text` that lasts as long as the process, like a static test's names, so that a
// Result's records, which view a test's names, may outlive the registry that added it.
inline const char* permanent_copy(std::string_view text) {
    static std::mutex mutex;
    static std::vector<std::unique_ptr<char[]>> copies;
    auto copy = std::make_unique<char[]>(text.size() + 1);
    std::memcpy(copy.get(), text.data(), text.size());
    std::lock_guard lock(mutex);
    copies.push_back(std::move(copy));
    return copies.back().get();
}

}  // namespace detail

// An ordered set of tests to run. The global one holds every CTP_TEST and CTP_TEST_F of the
// program; a private one is filled at run time (how ctp tests itself).
class Registry {
public:
    Registry() = default;
    Registry(Registry&& other) noexcept
        : tests_(std::exchange(other.tests_, {})),
          owned_(std::exchange(other.owned_, {})) {}
    Registry& operator=(Registry&& other) noexcept {
        tests_ = std::exchange(other.tests_, {});
        owned_ = std::exchange(other.owned_, {});
        return *this;
    }

    // `info` must outlive the registry, as a test's static registration does.
    void add(const detail::TestInfo& info) {
        const detail::TestInfo* const test = &info;  // an lvalue: one push_back(const T&) for all callers
        tests_.push_back(test);
    }

    // A test whose body is `body()`: a lambda, a function, a std::function...
    template <class Body>
    requires std::invocable<Body&>
    void add(std::string_view suite, std::string_view name, Body body,
             SourceLocation where = SourceLocation::current()) {
        own(std::make_unique<OwnedTest<void, Body>>(std::move(body)), suite, name, where);
    }

    // A test that gets a fresh default-constructed `Fixture` with its hooks, like CTP_TEST_F;
    // its body is `body(fixture)`.
    template <class Fixture, class Body>
    requires std::invocable<Body&, Fixture&>
    void add(std::string_view suite, std::string_view name, Body body,
             SourceLocation where = SourceLocation::current()) {
        static_assert(std::is_base_of_v<TestCase, Fixture>, "Fixture must derive from ctp::TestCase");
        detail::TestInfo& info = own(std::make_unique<OwnedTest<Fixture, Body>>(std::move(body)), suite, name, where);
        info.fixture = &detail::fixture_info<Fixture>;
        info.make = &detail::make_fixture<Fixture>;
    }

    const std::vector<const detail::TestInfo*>& tests() const noexcept { return tests_; }
    std::size_t size() const noexcept { return tests_.size(); }

    static Registry& global() {
        static Registry registry = [] {
            Registry all;
            for (const detail::TestInfo* info = detail::global_tests().head; info != nullptr; info = info->next)
                all.add(*info);
            return all;
        }();
        return registry;
    }

private:
    struct Owned {
        virtual ~Owned() = default;
        virtual void run(TestCase* fixture_object) = 0;
        detail::TestInfo info{};
    };

    // Fixture is void for a free test.
    template <class Fixture, class Body>
    struct OwnedTest final : Owned {
        explicit OwnedTest(Body&& body) : body(std::move(body)) {}
        void run(TestCase* fixture_object) override {
            if constexpr (std::is_void_v<Fixture>) body();
            else body(*static_cast<Fixture*>(fixture_object));
        }
        Body body;
    };

    detail::TestInfo& own(std::unique_ptr<Owned> test, std::string_view suite, std::string_view name,
                          const SourceLocation& where) {
        Owned* owned = test.get();
        owned_.push_back(std::move(test));
        std::string names(suite);
        names.append(1, '\0').append(name);
        owned->info.names = detail::permanent_copy(names);
        owned->info.name_offset = static_cast<unsigned>(suite.size() + 1);
        owned->info.file = detail::permanent_copy(where.file);
        owned->info.line = static_cast<int>(where.line);
        owned->info.run = &run_owned;
        owned->info.data = owned;
        add(owned->info);
        return owned->info;
    }

    static void run_owned(const detail::TestInfo& info, TestCase* fixture_object) {
        static_cast<Owned*>(const_cast<void*>(info.data))->run(fixture_object);
    }

    std::vector<const detail::TestInfo*> tests_;
    std::vector<std::unique_ptr<Owned>> owned_;
};

}  // namespace ctp

#endif  // CTP_REGISTRY_HPP
