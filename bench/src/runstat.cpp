// runstat OUT COMMAND [ARGS...]: runs COMMAND and writes "wall_seconds cpu_seconds max_rss_kib
// exit_code" to OUT. A small launcher so that peak RSS is the command's own, not that of the
// (large) Python process it would otherwise be forked from.
#include <sys/resource.h>  // rusage
#include <sys/wait.h>      // wait4
#include <time.h>          // clock_gettime
#include <unistd.h>        // fork, execvp

#include <cstdio>  // fopen, fprintf

int main(int argc, char** argv) {
    if (argc < 3) return 2;
    timespec start{}, end{};
    clock_gettime(CLOCK_MONOTONIC, &start);
    const pid_t child = fork();
    if (child < 0) return 2;
    if (child == 0) {
        execvp(argv[2], argv + 2);
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    if (wait4(child, &status, 0, &usage) != child) return 2;
    clock_gettime(CLOCK_MONOTONIC, &end);
    const double wall = double(end.tv_sec - start.tv_sec) + double(end.tv_nsec - start.tv_nsec) * 1e-9;
    const double cpu = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                       double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6;
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    FILE* out = std::fopen(argv[1], "w");
    if (out == nullptr) return 2;
    std::fprintf(out, "%.6f %.6f %ld %d\n", wall, cpu, usage.ru_maxrss, code);
    std::fclose(out);
    return 0;
}
