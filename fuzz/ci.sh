#!/usr/bin/env bash
# Fuzzing for CI. Builds each fuzz target twice with clang++, ASan and UBSan: as a replay
# binary that runs its seed corpus and kept reproducers (fuzz/regressions/<target>/), and
# with libFuzzer, which then fuzzes for FUZZ_SECONDS (default 60) over a copy of the corpus,
# so nothing new is written into the repository. Fails on any crash or broken property;
# the crashing input is left in <build-dir>/artifacts/<target>/ to be kept as a reproducer.
#
# Usage: bash fuzz/ci.sh [build-dir]      (default: build-fuzz)
# Needs: clang++ 14 and libFuzzer, on Debian 12 `apt-get install clang libclang-rt-14-dev`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(mkdir -p "${1:-build-fuzz}" && cd "${1:-build-fuzz}" && pwd)
seconds=${FUZZ_SECONDS:-60}
targets=(command_line http_request websocket_frame)
flags=(-std=c++20 -g -O1 -fno-omit-frame-pointer -Wall -Wextra -Wpedantic -Werror -I"$root/include"
       -fsanitize=address,undefined -fno-sanitize-recover=undefined)
export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

echo "building ${targets[*]} in $build"
pids=()
for target in "${targets[@]}"; do
    clang++ "${flags[@]}" "$root/fuzz/fuzz_$target.cpp" "$root/fuzz/replay_main.cpp" \
        -o "$build/replay_$target" & pids+=($!)
    clang++ "${flags[@]}" -fsanitize=fuzzer "$root/fuzz/fuzz_$target.cpp" -o "$build/fuzz_$target" & pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done

failed=()  # every target is still run after one fails, to report all at once
for target in "${targets[@]}"; do
    printf '%s replay: ' "$target"
    "$build/replay_$target" "$root/fuzz/corpus/$target" "$root/fuzz/regressions/$target" 2>"$build/replay_$target.log" ||
        { tail -n 40 "$build/replay_$target.log"; failed+=("$target replay"); }
done

for target in "${targets[@]}"; do
    corpus=$build/corpus/$target artifacts=$build/artifacts/$target
    rm -rf "$corpus" "$artifacts"
    mkdir -p "$corpus" "$artifacts"
    cp "$root/fuzz/corpus/$target"/* "$corpus/"
    echo "$target: fuzzing for ${seconds}s"
    if ! "$build/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
            -artifact_prefix="$artifacts/" "$corpus" >"$build/fuzz_$target.log" 2>&1; then
        tail -n 60 "$build/fuzz_$target.log"
        echo "$target: crash; reproducer: $(ls "$artifacts"/* 2>/dev/null)"
        failed+=("$target fuzzing")
        continue
    fi
    grep -E '^Done [0-9]+ runs' "$build/fuzz_$target.log"
done
if [ ${#failed[@]} -gt 0 ]; then
    printf 'fuzzing failed: %s\n' "${failed[@]}"
    exit 1
fi
echo "fuzzing: no crash"
