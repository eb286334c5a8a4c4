#ifndef CTP_DETAIL_NOINLINE_HPP
#define CTP_DETAIL_NOINLINE_HPP

// For a helper of the file with the main that several callers share: the optimiser would
// otherwise copy it into each of them, which costs that file compile time and buys nothing.
#if defined(__GNUC__) || defined(__clang__)
#define CTP_DETAIL_NOINLINE __attribute__((noinline))
#elif defined(_MSC_VER)
#define CTP_DETAIL_NOINLINE __declspec(noinline)
#else
#define CTP_DETAIL_NOINLINE
#endif  // defined(__GNUC__) || defined(__clang__)

#endif  // CTP_DETAIL_NOINLINE_HPP
