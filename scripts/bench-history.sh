#!/usr/bin/env bash
# Times a cold qlint run (no cache) on both history readers next to
# `git log --raw --no-renames` over the same generated repository, then a
# warm run (cache) and a run after one new commit, and prints the ratios.
#
#   scripts/bench-history.sh [FILES] [COMMITS]      (default 10000 10000)
#
# Peak memory is shown when GNU time is installed (apt-get install time).
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-10000}
commits=${2:-10000}
work=${QLINT_BENCH_DIR:-${TMPDIR:-/tmp}/qlint-history-bench}
repo="$work/repo-$files-$commits"
mkdir -p "$work"
# Built as the releases are (.goreleaser.yaml): without cgo, a static binary
# that starts 1 to 1.5 ms sooner than one linked with the C library.
CGO_ENABLED=0 go build -trimpath -o "$work/qlint" ./cmd/qlint
if [ ! -e "$repo/.git/qlint-gen-done" ]; then
  rm -rf "$repo"
  echo "generating $files files / $commits commits…"
  go run ./internal/gengit/cmd/qlint-gen -files "$files" -commits "$commits" -out "$repo"
  touch "$repo/.git/qlint-gen-done"
fi
rules=linter/testdata/bench-rules.toml

gnutime=""
if [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1; then gnutime=/usr/bin/time; fi
# run LABEL CMD...: prints seconds (and peak MB), sets $secs.
run() {
  local label=$1; shift
  local start end mem=""
  start=$(date +%s%N)
  if [ -n "$gnutime" ]; then
    mem=$($gnutime -f %M "$@" 2>&1 >/dev/null | tail -1)
  else
    "$@" >/dev/null 2>&1 || true
  fi
  end=$(date +%s%N)
  secs=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", (e - s) / 1e9 }')
  if [ -n "$mem" ]; then
    printf '%-44s %8s s %8s MB\n' "$label" "$secs" "$(awk -v k="$mem" 'BEGIN { printf "%.0f", k / 1024 }')"
  else
    printf '%-44s %8s s\n' "$label" "$secs"
  fi
}
lint=("$work/qlint" "$repo" -c "$rules" --as-of 2026-11-22 --fail-on never -f json)

echo "repository: $files files / $commits commits ($(git -C "$repo" rev-list --count HEAD) commits)"
run "git log --raw --no-renames (the floor)" git -C "$repo" log --raw --no-renames --format=%H%x00%at
floor=$secs
run "qlint cold, --git cli (no cache)" "${lint[@]}" --no-cache --git cli
cli=$secs
run "qlint cold, --git builtin (no cache)" "${lint[@]}" --no-cache --git builtin
builtin=$secs
rm -rf "$repo/.git/qlint"
# From here on, the default reader (--git auto: git, when installed), as users run it.
run "qlint, filling the cache" "${lint[@]}"
run "qlint warm (cache, nothing changed)" "${lint[@]}"
warm=$secs
git -C "$repo" -c user.name=bench -c user.email=bench@example.org commit -q --allow-empty -m "bench: one more commit"
run "qlint after one new commit (cache)" "${lint[@]}"
one=$secs
git -C "$repo" -c user.name=bench -c user.email=bench@example.org reset -q --hard HEAD~1
awk -v f="$floor" -v c="$cli" -v b="$builtin" -v w="$warm" -v o="$one" 'BEGIN {
  printf "\nratios: cli/git log %.2f   builtin/git log %.2f   warm/cold %.1f%%   one new commit/cold %.1f%%\n", c / f, b / f, 100 * w / c, 100 * o / c
}'
