#ifndef CTP_PLAN_TAG_EXPRESSION_HPP
#define CTP_PLAN_TAG_EXPRESSION_HPP

#include <cstddef>    // size_t
#include <stdexcept>  // invalid_argument
#include <string>
#include <string_view>
#include <vector>

#include "../text/text_building.hpp"

namespace ctp::detail {

// A malformed --tag expression; what() names the position, 1-based and counted in bytes:
// "expected ')' at position 13".
class TagExpressionError : public std::invalid_argument {
public:
    TagExpressionError(const std::string& message, std::size_t position)
        : std::invalid_argument(message),
          position_(position) {}

    std::size_t position() const noexcept { return position_; }  // 0-based

private:
    std::size_t position_;
};

// Parsed --tag expressions, any of which selects a test, in postfix order: evaluating it is a loop over a few steps with
// a stack of booleans, no recursion however deep the parentheses go.
//   expression := term {"or" term};  term := factor {"and" factor};
//   factor := "not" factor | "(" expression ")" | TAG
// A TAG is a run of characters other than whitespace and parentheses that is not one of the
// (lowercase) keywords; it matches a test's tag of exactly that text. `!`, `&` and `|` are
// refused, so that "!slow" or "db && fast" is an error rather than a tag nobody has.
class TagExpression {
public:
    // No expression: selects every test.
    TagExpression() = default;
    explicit TagExpression(std::string_view text) { add(text); }

    // Another expression, either of which selects a test (a repeated --tag).
    void add(std::string_view text) {
        const bool first = ops_.empty();
        text_ = text;
        at_ = 0;
        if (peek().kind == Token::end) throw TagExpressionError("empty expression", 0);
        parse_or();
        if (const Token token = peek(); token.kind != Token::end)
            fail(token.kind == Token::close ? "unmatched ')'" : "expected 'and' or 'or'", token);
        if (!first) emit(Op::either, -1);
    }

    bool empty() const noexcept { return ops_.empty(); }

    // Whether a test with these tags is selected. Not a template over the tags' type, and
    // with index loops, which measurably cuts the file with the main's compile time.
    bool matches(const std::vector<std::string_view>& tags) const {
        if (ops_.empty()) return true;
        // The stack and the steps in types the file compiles anyway (std::vector<std::size_t>,
        // std::string): a vector or array of a type of its own costs compile time.
        std::vector<std::size_t> stack(depth_);
        std::size_t size = 0, next_tag = 0;
        for (std::size_t i = 0; i < ops_.size(); ++i) {
            switch (static_cast<Op>(ops_[i])) {
                case Op::tag: {
                    bool found = false;
                    for (std::size_t k = 0; k < tags.size(); ++k) found = found || tags[k] == tags_[next_tag];
                    ++next_tag;
                    stack[size++] = found;
                    break;
                }
                case Op::negate: stack[size - 1] = !stack[size - 1]; break;
                case Op::both: --size, stack[size - 1] = stack[size - 1] && stack[size]; break;
                case Op::either: --size, stack[size - 1] = stack[size - 1] || stack[size]; break;
            }
        }
        return stack[0];
    }

private:
    enum class Op : char { tag, negate, both, either };
    struct Token {
        enum Kind { end, open, close, and_, or_, not_, tag, unknown } kind;
        std::size_t position;
        std::string_view text;
    };

    static bool is_space(char c) noexcept {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    }
    static bool is_reserved(char c) noexcept { return c == '!' || c == '&' || c == '|'; }

    // The token at at_, without consuming it.
    Token peek() {
        const std::string_view text = text_;
        while (at_ < text.size() && is_space(text[at_])) ++at_;
        if (at_ == text.size()) return {Token::end, at_, {}};
        if (text[at_] == '(') return {Token::open, at_, text.substr(at_, 1)};
        if (text[at_] == ')') return {Token::close, at_, text.substr(at_, 1)};
        std::size_t end = at_;
        if (is_reserved(text[at_])) {
            while (end < text.size() && is_reserved(text[end])) ++end;
            return {Token::unknown, at_, text.substr(at_, end - at_)};
        }
        while (end < text.size() && !is_space(text[end]) && text[end] != '(' && text[end] != ')' &&
               !is_reserved(text[end]))
            ++end;
        const std::string_view word = text.substr(at_, end - at_);
        const Token::Kind kind = word == "and"   ? Token::and_
                                 : word == "or"  ? Token::or_
                                 : word == "not" ? Token::not_
                                                 : Token::tag;
        return {kind, at_, word};
    }

    // "WHAT at position N, got 'TOKEN'", or without the token at the end of the text.
    [[noreturn]] static void fail(std::string_view what, const Token& token) {
        const ShortText position = digits(token.position + 1);
        // One throw for the three messages: each throw is code of its own at -O0.
        const std::string message =
            token.kind == Token::unknown
                ? concat({"unknown token '", token.text, "' at position ", position, " (use and, or, not)"})
            : token.kind == Token::end || what.starts_with("unmatched")
                ? concat({what, " at position ", position})
                : concat({what, " at position ", position, ", got '", token.text, "'"});
        throw TagExpressionError(message, token.position);
    }

    void take(const Token& token) { at_ = token.position + token.text.size(); }

    void emit(Op op, int stack_change, std::string_view tag = {}) {
        ops_.push_back(static_cast<char>(op));
        if (op == Op::tag) tags_.push_back(std::string(tag));
        size_ = static_cast<std::size_t>(static_cast<long long>(size_) + stack_change);
        if (size_ > depth_) depth_ = size_;
    }

    void parse_or() {
        parse_and();
        for (Token token = peek(); token.kind == Token::or_; token = peek()) {
            take(token);
            parse_and();
            emit(Op::either, -1);
        }
    }

    void parse_and() {
        parse_not();
        for (Token token = peek(); token.kind == Token::and_; token = peek()) {
            take(token);
            parse_not();
            emit(Op::both, -1);
        }
    }

    void parse_not() {
        std::size_t negations = 0;
        Token token = peek();
        for (; token.kind == Token::not_; token = peek()) take(token), ++negations;
        if (token.kind == Token::open) {
            take(token);
            parse_or();
            const Token close = peek();
            if (close.kind != Token::close)
                fail(close.kind == Token::end ? "expected ')'" : "expected 'and', 'or' or ')'", close);
            take(close);
        } else if (token.kind == Token::tag) {
            take(token);
            emit(Op::tag, 1, token.text);
        } else {
            fail("expected a tag name", token);
        }
        // not not x is x.
        if (negations % 2 == 1) emit(Op::negate, 0);
    }

    std::string_view text_;          // the text being parsed
    std::string ops_;                // the steps, each an Op
    std::vector<std::string> tags_;  // the tag steps' tags, in order
    std::size_t at_ = 0;
    std::size_t size_ = 0;   // the stack's size after the steps so far
    std::size_t depth_ = 0;  // the most it holds
};

}  // namespace ctp::detail

#endif  // CTP_PLAN_TAG_EXPRESSION_HPP
