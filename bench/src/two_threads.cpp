// two_threads N: the CHECK loop of section 3 without any framework: N comparisons of two
// volatile ints on one thread, then N/2 on each of two std::threads. Prints both wall times
// in seconds. What this machine gives two threads is the most a test runner can give them.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

static volatile int operand_a = 7, operand_b = 7;
static long mismatches[2];

static void compare(long count, long& mismatched) {
    for (long i = 0; i < count; ++i) {
        const int a = operand_a;
        const int b = operand_b;
        if (a != b) ++mismatched;
    }
}

int main(int argc, char** argv) {
    if (argc != 2) return 2;
    const long count = std::atol(argv[1]);
    using Clock = std::chrono::steady_clock;
    compare(count, mismatches[0]);  // warm-up: the first loop of a process runs slower
    const Clock::time_point start = Clock::now();
    compare(count, mismatches[0]);
    const Clock::time_point middle = Clock::now();
    std::thread other([&] { compare(count / 2, mismatches[1]); });
    compare(count - count / 2, mismatches[0]);
    other.join();
    const Clock::time_point end = Clock::now();
    std::printf("%.6f %.6f\n", std::chrono::duration<double>(middle - start).count(),
                std::chrono::duration<double>(end - middle).count());
    return mismatches[0] + mismatches[1] == 0 ? 0 : 1;
}
