#ifndef CTP_DETAIL_OPTIMIZER_HINTS_HPP
#define CTP_DETAIL_OPTIMIZER_HINTS_HPP

// CTP_DETAIL_NOINLINE: for a text helper of the reports that many callers share (escaping,
// numbers, timestamps); the optimiser would otherwise copy it into each of them, which costs
// the file with the main compile time and buys nothing.
#if defined(__GNUC__) || defined(__clang__)
#define CTP_DETAIL_NOINLINE __attribute__((noinline))
#elif defined(_MSC_VER)
#define CTP_DETAIL_NOINLINE __declspec(noinline)
#else
#define CTP_DETAIL_NOINLINE
#endif  // defined(__GNUC__) || defined(__clang__)

#endif  // CTP_DETAIL_OPTIMIZER_HINTS_HPP
