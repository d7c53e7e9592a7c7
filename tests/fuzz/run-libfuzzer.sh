#!/bin/sh
# Copyright 2026 The Carnet authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# run-libfuzzer.sh TARGET SECONDS SEED-CORPUS ARTIFACTS: a bounded libFuzzer run of TARGET,
# starting from a copy of its seed corpus (the committed one is left as it is). Writes TAP.
# An input that makes it crash, leak, hang or run out of memory is kept in ARTIFACTS: add it
# to the seed corpus once fixed, so that every build replays it.
set -u
target=$1 seconds=$2 seeds=$3 artifacts=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$artifacts"
echo "1..1"
"$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2560 -max_len=65536 \
  -print_final_stats=1 -artifact_prefix="$artifacts/" "$work" "$seeds" >"$work.log" 2>&1
status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work.log")
name="$(basename "$target"): ${seconds} s of libFuzzer from $(ls "$seeds" | wc -l) seeds, ${runs:-?} inputs"
if [ "$status" -eq 0 ]; then
  echo "ok 1 - $name, no crash, leak or hang"
else
  echo "not ok 1 - $name: it failed (exit $status); the input is in $artifacts"
  tail -n 60 "$work.log" | sed 's/^/# /'
fi
rm -f "$work.log"
exit 0
