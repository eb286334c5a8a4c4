#ifndef CTP_DETAIL_INDEX_SORT_HPP
#define CTP_DETAIL_INDEX_SORT_HPP

#include <cstddef>  // size_t
#include <vector>

#include "optimizer_hints.hpp"

namespace ctp::detail {

// Whether item `a` goes before item `b`, given what they index into.
using IndexLess = bool (*)(const void* context, std::size_t a, std::size_t b);

// A stable sort of indices. The comparator is a plain function, so that this one small sort
// serves every caller in the file with the main, where std::sort would be compiled again for
// each comparator type.
CTP_DETAIL_NOINLINE inline void sort_indices(std::vector<std::size_t>& items, IndexLess less, const void* context) {
    const std::size_t n = items.size();
    std::vector<std::size_t> merged(n);
    // Bottom-up merge sort: runs of `width` merged pairwise until one run is left.
    for (std::size_t width = 1; width < n; width *= 2) {
        for (std::size_t low = 0; low < n; low += 2 * width) {
            const std::size_t middle = low + width < n ? low + width : n;
            const std::size_t high = low + 2 * width < n ? low + 2 * width : n;
            std::size_t left = low, right = middle, out = low;
            while (left < middle && right < high)
                merged[out++] = less(context, items[right], items[left]) ? items[right++] : items[left++];
            while (left < middle) merged[out++] = items[left++];
            while (right < high) merged[out++] = items[right++];
        }
        items.swap(merged);
    }
}

// 0, 1, ..., count - 1, stably sorted.
inline std::vector<std::size_t> sorted_indices(std::size_t count, IndexLess less, const void* context) {
    std::vector<std::size_t> items(count);
    for (std::size_t i = 0; i < count; ++i) items[i] = i;
    sort_indices(items, less, context);
    return items;
}

}  // namespace ctp::detail

#endif  // CTP_DETAIL_INDEX_SORT_HPP
