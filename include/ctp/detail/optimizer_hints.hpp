#ifndef CTP_DETAIL_OPTIMIZER_HINTS_HPP
#define CTP_DETAIL_OPTIMIZER_HINTS_HPP

// CTP_DETAIL_NOINLINE: for a helper of the file with the main that several callers share;
// the optimiser would otherwise copy it into each of them, which costs that file compile time
// and buys nothing.
//
// CTP_DETAIL_COLD: for what runs once per run, only when something went wrong, or mostly
// waits on other processes (report files, the command line, the summary, a crash, --isolate's
// side of the pipes): optimised for size, which is all such code needs, and it spares about
// an eighth of the extra work -O2 does in the file with the main.
#if defined(__GNUC__) || defined(__clang__)
#define CTP_DETAIL_NOINLINE __attribute__((noinline))
#define CTP_DETAIL_COLD __attribute__((cold))
#elif defined(_MSC_VER)
#define CTP_DETAIL_NOINLINE __declspec(noinline)
#define CTP_DETAIL_COLD
#else
#define CTP_DETAIL_NOINLINE
#define CTP_DETAIL_COLD
#endif  // defined(__GNUC__) || defined(__clang__)

#endif  // CTP_DETAIL_OPTIMIZER_HINTS_HPP
