#ifndef CTP_THREAD_HPP
#define CTP_THREAD_HPP

#include <stop_token>
#include <thread>       // jthread
#include <tuple>        // apply, forward_as_tuple
#include <type_traits>  // decay_t, is_invocable_v
#include <utility>      // forward, move

#include "context.hpp"

namespace ctp {

// A std::jthread whose assertions count for the test that started it. It joins when it goes
// out of scope, so it cannot outlive the test's body by accident.
class jthread : public std::jthread {
public:
    jthread() noexcept = default;

    template <class Function, class... Args>
    explicit jthread(Function&& function, Args&&... args)
        : std::jthread(in_context<std::decay_t<Function>, std::decay_t<Args>...>(TestContext::current(),
                                                                                 std::forward<Function>(function)),
                       std::forward<Args>(args)...) {}

private:
    template <class Function, class... Args, class Forwarded>
    static auto in_context(TestContext context, Forwarded&& function) {
        if constexpr (std::is_invocable_v<Function, std::stop_token, Args...>) {
            return [context, function = Function(std::forward<Forwarded>(function))](std::stop_token token,
                                                                                     Args... args) mutable {
                ContextScope scope(context);
                // std::apply calls as std::invoke does, without all of <functional>.
                std::apply(function, std::forward_as_tuple(std::move(token), std::move(args)...));
            };
        } else {
            return [context, function = Function(std::forward<Forwarded>(function))](Args... args) mutable {
                ContextScope scope(context);
                std::apply(function, std::forward_as_tuple(std::move(args)...));
            };
        }
    }
};

}  // namespace ctp

#endif  // CTP_THREAD_HPP
