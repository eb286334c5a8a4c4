#ifndef CTP_TEXT_DIFFERENCE_HPP
#define CTP_TEXT_DIFFERENCE_HPP

// Where two texts of a failed comparison differ, written after the values as extra lines.
// Only ever run for a failure.

#include <cstddef>  // size_t
#include <string>
#include <string_view>
#include <vector>

#include "../value_printer.hpp"
#include "value_text.hpp"

namespace ctp::detail {

namespace {

// A text on one line is shown around its first difference only when it is too long to
// compare by eye in the failure's first line.
constexpr std::size_t short_text = 40;
constexpr std::size_t context_bytes = 20;
constexpr std::size_t most_diff_lines = 20;

bool continues_utf8(const char* text, std::size_t size, std::size_t i) {
    return i < size && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
}

// Terminal columns of UTF-8 text: one per character.
std::size_t columns(std::string_view text) {
    std::size_t count = 0;
    for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return count;
}

void write_excerpt(Sink& sink, std::string_view text, std::size_t start, std::size_t caret_at) {
    std::size_t end = caret_at + context_bytes < text.size() ? caret_at + context_bytes : text.size();
    while (continues_utf8(text.data(), text.size(), end)) ++end;
    write_text(sink, "\n    ");
    if (start > 0) write_text(sink, "...");
    write_string(sink, quoted_text(text.data() + start, end - start));
    if (end < text.size()) write_text(sink, "...");
}

// `first difference at index N:`, then both texts around it and a caret under it.
void write_index_difference(Sink& sink, std::string_view lhs, std::string_view rhs) {
    std::size_t index = 0;
    while (index < lhs.size() && index < rhs.size() && lhs[index] == rhs[index]) ++index;
    if (lhs.size() != rhs.size()) {
        write_text(sink, "\n  sizes differ: ");
        write_unsigned(sink, lhs.size());
        write_text(sink, " vs ");
        write_unsigned(sink, rhs.size());
    }
    write_text(sink, "\n  first difference at index ");
    write_unsigned(sink, index);
    write_text(sink, ":");
    // The caret goes under the character that holds the first differing byte; the bytes
    // before the index are the same in both texts.
    std::size_t caret_at = index;
    while (caret_at > 0 &&
           (continues_utf8(lhs.data(), lhs.size(), caret_at) || continues_utf8(rhs.data(), rhs.size(), caret_at)))
        --caret_at;
    std::size_t start = caret_at > context_bytes ? caret_at - context_bytes : 0;
    while (start < caret_at && continues_utf8(lhs.data(), lhs.size(), start)) ++start;
    write_excerpt(sink, lhs, start, caret_at);
    write_excerpt(sink, rhs, start, caret_at);
    const std::string head = quoted_text(lhs.data() + start, caret_at - start);
    // Up to the caret: the opening quote and the head, without the closing quote.
    const std::size_t indent = 4 + (start > 0 ? 3 : 0) + columns(head) - 1;
    write_text(sink, "\n");
    write_string(sink, std::string(indent, ' '));
    write_text(sink, "^");
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    for (std::size_t start = 0;;) {
        const std::size_t end = text.find('\n', start);
        lines.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) return lines;
        start = end + 1;
    }
}

class LineDiffWriter {
public:
    explicit LineDiffWriter(Sink& sink) : sink_(sink) {}

    void line(char side, std::size_t number, std::string_view text) {
        if (++written_ > most_diff_lines) return;
        write_text(sink_, "\n  line ");
        write_unsigned(sink_, number);
        const char marker[] = {':', ' ', side, ' '};
        sink_.write(marker, sizeof marker);
        write_string(sink_, quoted_text(text.data(), text.size()));
    }

    ~LineDiffWriter() {
        if (written_ <= most_diff_lines) return;
        write_text(sink_, "\n  ... and ");
        write_unsigned(sink_, written_ - most_diff_lines);
        write_text(sink_, " more differing lines");
    }

private:
    Sink& sink_;
    std::size_t written_ = 0;
};

// The lines only one text has, by their longest common subsequence: `- ` for the left
// text's lines, `+ ` for the right's, each with its own line number. Within a changed block
// the lines alternate, so that a replaced line stands above its replacement.
void write_line_difference(Sink& sink, std::string_view lhs, std::string_view rhs) {
    const std::vector<std::string_view> left = split_lines(lhs), right = split_lines(rhs);
    std::size_t head = 0;
    while (head < left.size() && head < right.size() && left[head] == right[head]) ++head;
    std::size_t tail = 0;
    while (tail < left.size() - head && tail < right.size() - head &&
           left[left.size() - 1 - tail] == right[right.size() - 1 - tail])
        ++tail;
    const std::size_t rows = left.size() - head - tail, cols = right.size() - head - tail;
    // common[i][j]: the longest common subsequence of the rest from left line i and right line j.
    // Past a million cells the middle is shown as replaced.
    const bool aligned = rows * cols <= 1000000;
    std::vector<unsigned> common(aligned ? (rows + 1) * (cols + 1) : 0);
    const auto at = [&](std::size_t i, std::size_t j) -> unsigned& { return common[i * (cols + 1) + j]; };
    for (std::size_t i = aligned ? rows : 0; i-- > 0;)
        for (std::size_t j = cols; j-- > 0;)
            at(i, j) = left[head + i] == right[head + j] ? at(i + 1, j + 1) + 1
                                                         : (at(i + 1, j) > at(i, j + 1) ? at(i + 1, j) : at(i, j + 1));
    write_text(sink, "\n  lines that differ (- lhs, + rhs):");
    LineDiffWriter writer(sink);
    std::size_t i = 0, j = 0;
    while (i < rows || j < cols) {
        if (aligned && i < rows && j < cols && left[head + i] == right[head + j]) {
            ++i, ++j;
            continue;
        }
        // One changed block: the lines up to the next common one.
        const std::size_t first_i = i, first_j = j;
        while (i < rows || j < cols) {
            if (aligned && i < rows && j < cols && left[head + i] == right[head + j]) break;
            if (i < rows && (j == cols || !aligned || at(i + 1, j) >= at(i, j + 1))) ++i;
            else ++j;
        }
        for (std::size_t k = 0; first_i + k < i || first_j + k < j; ++k) {
            if (first_i + k < i) writer.line('-', head + first_i + k + 1, left[head + first_i + k]);
            if (first_j + k < j) writer.line('+', head + first_j + k + 1, right[head + first_j + k]);
        }
    }
}

}  // namespace

void write_text_difference(Sink& sink, const char* lhs, std::size_t lhs_size, const char* rhs, std::size_t rhs_size) {
    const std::string_view left(lhs, lhs_size), right(rhs, rhs_size);
    if (left == right) return;
    if (left.find('\n') != std::string_view::npos || right.find('\n') != std::string_view::npos)
        write_line_difference(sink, left, right);
    else if (left.size() > short_text || right.size() > short_text) write_index_difference(sink, left, right);
}

bool write_range_difference(Sink& sink, std::size_t index, std::size_t lhs_size, std::size_t rhs_size, bool ordered) {
    if (lhs_size != rhs_size) {
        write_text(sink, "\n  sizes differ: ");
        write_unsigned(sink, lhs_size);
        write_text(sink, " vs ");
        write_unsigned(sink, rhs_size);
    }
    if (!ordered || (index == lhs_size && index == rhs_size)) return false;
    write_text(sink, "\n  first difference at index ");
    write_unsigned(sink, index);
    write_text(sink, ": ");
    return true;
}

}  // namespace ctp::detail

#endif  // CTP_TEXT_DIFFERENCE_HPP
