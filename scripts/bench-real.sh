#!/usr/bin/env bash
# Times qlint on a real repository next to `git log --raw --no-renames`, in
# the same rounds (the machine's load then weighs on both alike): cold runs
# (no cache) with the default reader and with each reader, then warm runs
# (cache, nothing changed) next to `git status --porcelain`, and runs after
# one new commit. Memory is the peak of the whole process tree (qlint and
# the git it starts), sampled by scripts/treepeak; processor time (user and
# system, the children's included) is shown beside the wall time, as it
# suffers less from a busy machine.
#
#   scripts/bench-real.sh REPO [ROUNDS]          (default 3 rounds)
#
# REPO is a work tree with its history; it is left as it was found (the new
# commit is taken back). A snapshot without its largest blobs can be
# prepared with scripts/clone-snapshot.sh. Prints each run, then the median
# of each line and its ratio to the median git log.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(cd "${1:?usage: scripts/bench-real.sh REPO [ROUNDS]}" && pwd)
rounds=${2:-3}
work=${QLINT_BENCH_DIR:-${TMPDIR:-/tmp}/qlint-real-bench}
mkdir -p "$work"
# Built as the releases are (.goreleaser.yaml): without cgo, a static binary
# that starts 1 to 1.5 ms sooner than one linked with the C library.
CGO_ENABLED=0 go build -trimpath -o "$work/qlint" ./cmd/qlint
go build -o "$work/treepeak" ./scripts/treepeak
rules=$PWD/linter/testdata/bench-real-rules.toml
lint=("$work/qlint" "$repo" -c "$rules" --fail-on never -f json)
results="$work/results.txt"
: >"$results"

# run LABEL CMD...: records "LABEL<TAB>SECONDS<TAB>MB<TAB>CPU SECONDS".
run() {
  local label=$1 out secs mb cpu; shift
  out=$("$work/treepeak" "$@" 2>&1 >/dev/null | tail -1)
  read -r secs mb cpu <<<"$out"
  printf '%-40s %8s s %6s MB %8s s of processor time\n' "$label" "$secs" "$mb" "$cpu"
  printf '%s\t%s\t%s\t%s\n' "$label" "$secs" "$mb" "$cpu" >>"$results"
}

echo "repository: $repo"
echo "HEAD: $(git -C "$repo" rev-parse HEAD) ($(git -C "$repo" log -1 --format=%cd --date=short))"
echo "commits: $(git -C "$repo" rev-list --count HEAD), merges: $(git -C "$repo" rev-list --merges --count HEAD), files: $(git -C "$repo" ls-files | wc -l)"
echo "machine: $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg), git $(git --version | cut -d' ' -f3), $(go version | cut -d' ' -f3)"
for i in $(seq "$rounds"); do
  echo "-- round $i (cold)"
  run "git log --raw --no-renames" git -C "$repo" log --raw --no-renames --format=%H%x00%at
  run "qlint cold, default (--git auto)" "${lint[@]}" --no-cache
  run "qlint cold, --git cli" "${lint[@]}" --no-cache --git cli
  run "qlint cold, --git builtin" "${lint[@]}" --no-cache --git builtin
done
rm -rf "$repo/.git/qlint"
"${lint[@]}" >/dev/null # fills the cache
file=$(git -C "$repo" ls-files -t | awk '$1 == "H" && !found { sub(/^H /, ""); print; found = 1 }')
for i in $(seq "$rounds"); do
  echo "-- round $i (warm, one new commit)"
  run "git status --porcelain" git -C "$repo" status --porcelain
  run "qlint warm (cache, nothing changed)" "${lint[@]}"
  # One new commit that changes one file, then taken back. Made with git's
  # plumbing: a snapshot without its largest blobs cannot run git commit.
  orig=$(git -C "$repo" rev-parse HEAD)
  printf '\n' >>"$repo/$file"
  git -C "$repo" update-index -- "$file"
  tmpindex=$(mktemp)
  GIT_INDEX_FILE=$tmpindex git -C "$repo" read-tree "$orig"
  mode=$(git -C "$repo" ls-files -s -- "$file" | cut -d" " -f1)
  GIT_INDEX_FILE=$tmpindex git -C "$repo" update-index --add --cacheinfo "$mode,$(git -C "$repo" hash-object -w -- "$file"),$file"
  tree=$(GIT_INDEX_FILE=$tmpindex git -C "$repo" write-tree --missing-ok)
  rm -f "$tmpindex"
  new=$(git -C "$repo" -c user.name=bench -c user.email=bench@example.org commit-tree "$tree" -p "$orig" -m "bench: one more commit")
  git -C "$repo" update-ref HEAD "$new"
  run "qlint after one new commit (cache)" "${lint[@]}"
  git -C "$repo" update-ref HEAD "$orig"
  git -C "$repo" checkout -q "$orig" -- "$file"
  "${lint[@]}" >/dev/null # the cache back at HEAD
done

echo
echo "medians over $rounds rounds:"
awk -F'\t' '
  { t[$1] = t[$1] " " $2; m[$1] = m[$1] " " $3; c[$1] = c[$1] " " $4; if (!($1 in seen)) { seen[$1] = 1; order[n++] = $1 } }
  function median(s,   a, k, i, j, x) {
    k = split(s, a, " ")
    for (i = 2; i <= k; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
    return (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
  }
  END {
    floor = median(t["git log --raw --no-renames"]); cfloor = median(c["git log --raw --no-renames"])
    st = median(t["git status --porcelain"]); cst = median(c["git status --porcelain"])
    cold = median(t["qlint cold, default (--git auto)"]); ccold = median(c["qlint cold, default (--git auto)"])
    printf "%-40s %8s   %6s  %8s    %s\n", "", "wall", "peak", "processor", "ratios (wall, processor)"
    for (i = 0; i < n; i++) {
      l = order[i]; s = median(t[l]); p = median(c[l]); ratio = ""
      if (l ~ /cold/) ratio = sprintf("%.2f× %.2f× git log", s / floor, p / cfloor)
      if (l ~ /warm/) ratio = sprintf("%.2f× %.2f× git status", s / st, p / cst)
      if (l ~ /new commit/) ratio = sprintf("%.3f× %.3f× cold default", s / cold, p / ccold)
      printf "%-40s %8.3f s %6.0f MB %8.3f s  %s\n", l, s, median(m[l]), p, ratio
    }
  }' "$results"
