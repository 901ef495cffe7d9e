#!/bin/sh
# Runs a libFuzzer target for a bounded number of executions from a seed
# corpus (suite "slow"). New inputs go to a scratch directory, never into
# the source tree; a crash or leak makes libFuzzer exit non-zero, and the
# input that caused it is kept in the build directory.
# Inputs are capped at 512 bytes: two maximal frames and junk around them,
# which keeps 1,000,000 runs near a minute.
# Usage: run-fuzz.sh FUZZER CORPUS_DIR RUNS
set -eu
fuzzer=$1
corpus=$2
runs=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
artifacts=${G_TEST_BUILDDIR:-$work}/$(basename "$fuzzer")-
exec_status=0
"$fuzzer" -runs="$runs" -seed=1 -max_len=512 -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$artifacts" "$work" "$corpus" || exec_status=$?
exit $exec_status
