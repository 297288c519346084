#!/bin/sh
# Runs every fuzz target for N minutes each (default 15), one after the other, each as one
# libFuzzer process on one thread (what -jobs=1 asks, without its separate log files):
#   fuzz/run.sh [MINUTES] [TARGET...]
# Each target starts from its committed seeds (fuzz/seeds/TARGET) copied into its working
# corpus (fuzz/corpus/TARGET, not committed), and prints libFuzzer's run count at the end.
# Needs `cargo install cargo-fuzz` and a nightly toolchain (`rustup toolchain install nightly`).
# A crash is saved under fuzz/artifacts/TARGET/; commit it as a regression case (docs/security.md).
# FUZZ_TARGET_DIR, when set, is the build directory (default fuzz/target).
set -eu
cd "$(dirname "$0")"
minutes=${1:-15}
[ $# -gt 0 ] && shift
targets=${*:-pipeline theme cut raster}
for t in $targets; do
    mkdir -p "corpus/$t"
    cp -n seeds/"$t"/* "corpus/$t/" 2>/dev/null || true
    case $t in
        raster) max_len=8192 ;;
        cut) max_len=512 ;;
        *) max_len=65536 ;;
    esac
    echo "== $t: $minutes min"
    # shellcheck disable=SC2086
    cargo +nightly fuzz run ${FUZZ_TARGET_DIR:+--target-dir "$FUZZ_TARGET_DIR"} "$t" "corpus/$t" -- \
        -max_total_time=$((minutes * 60)) -max_len=$max_len \
        -rss_limit_mb=2048 -timeout=60 -print_final_stats=1 2>&1 \
        | tee "corpus/$t.log" | grep -E '^(stat::number_of_executed_units|Done|==|SUMMARY)' || true
done
