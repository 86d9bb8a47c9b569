#!/usr/bin/env bash
# Prepares a work tree from a bare snapshot of a repository that may lack its
# largest blobs (a partial clone): clones it without checking out, marks the
# paths whose blobs are missing skip-worktree, then checks out the rest. The
# history (commits and trees) is whole, which is all qlint reads.
#
#   scripts/clone-snapshot.sh SNAPSHOT.git DIR
set -euo pipefail
src=${1:?usage: scripts/clone-snapshot.sh SNAPSHOT.git DIR}
dst=${2:?usage: scripts/clone-snapshot.sh SNAPSHOT.git DIR}
git clone -q --no-checkout "$src" "$dst"
cd "$dst"
git read-tree HEAD
missing=$(mktemp)
git ls-tree -r --full-tree HEAD | awk '$2 == "blob" { print $3 }' |
  git cat-file --batch-check 2>/dev/null | awk '$2 == "missing" { print $1 }' | sort -u >"$missing" || true
if [ -s "$missing" ]; then
  git ls-tree -r -z --full-tree HEAD | tr '\0' '\n' |
    awk -F'\t' 'NR == FNR { m[$1] = 1; next } { split($1, a, " "); if (a[3] in m) print $2 }' "$missing" - |
    tr '\n' '\0' | git update-index -z --skip-worktree --stdin
fi
echo "$(wc -l <"$missing") blobs missing, their paths marked skip-worktree"
rm -f "$missing"
git checkout-index -a -q
git update-index -q --refresh || true
