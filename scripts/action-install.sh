#!/usr/bin/env bash
# Downloads qlint's release archive for this runner, checks it against the
# release's checksums.txt, and unpacks the qlint binary.
#
#   scripts/action-install.sh BASE_URL VERSION DEST
#
# BASE_URL is where the release's files are, such as
# https://github.com/qlint/qlint/releases/download/v1.2.3 (or a local server
# in the tests); VERSION is the release's version, with or without its v;
# DEST is the binary to write (qlint.exe is written as DEST.exe on Windows).
# The system and processor come from RUNNER_OS and RUNNER_ARCH as GitHub
# sets them, else from uname. The archive names are .goreleaser.yaml's.
#
# Nothing is written at DEST unless the archive's SHA-256 is the one that
# checksums.txt gives for its name. Exit 0 when installed, 1 otherwise, with
# the reason on stderr.
set -euo pipefail

fail() { echo "qlint action: $*" >&2; exit 1; }

[ $# -eq 3 ] || fail "usage: action-install.sh BASE_URL VERSION DEST"
base=${1%/}
version=${2#v}
dest=$3

os=${RUNNER_OS:-$(uname -s)}
case "$os" in
  Linux | linux) os=linux ;;
  macOS | Darwin | darwin) os=darwin ;;
  Windows | windows | MINGW* | MSYS* | CYGWIN*) os=windows ;;
  *) fail "no release archive for the system $os: use the action at a branch or a commit to build qlint from source" ;;
esac
arch=${RUNNER_ARCH:-$(uname -m)}
case "$arch" in
  X64 | x86_64 | amd64) arch=amd64 ;;
  ARM64 | aarch64 | arm64) arch=arm64 ;;
  *) fail "no release archive for the processor $arch: use the action at a branch or a commit to build qlint from source" ;;
esac
ext=tar.gz exe=qlint
if [ "$os" = windows ]; then ext=zip exe=qlint.exe; fi
archive="qlint_${version}_${os}_${arch}.${ext}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# http is for a base URL on the loopback (the tests); a redirect, as
# GitHub's download links make, may only lead to https.
fetch() {
  curl --fail --silent --show-error --location --retry 3 --proto '=https,http' --proto-redir '=https' \
    --output "$work/$1" "$base/$1" ||
    fail "cannot download $base/$1 (is there a release $version with its archives?)"
}
fetch checksums.txt
fetch "$archive"

# checksums.txt lines are "<sha256>  <file name>"; the name must match whole.
want=$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1; exit }' "$work/checksums.txt")
[ -n "$want" ] || fail "checksums.txt of release $version does not list $archive"
case "$want" in
  *[!0-9a-f]* | "") fail "checksums.txt gives an invalid SHA-256 for $archive: $want" ;;
esac
[ ${#want} -eq 64 ] || fail "checksums.txt gives an invalid SHA-256 for $archive: $want"
if command -v sha256sum >/dev/null 2>&1; then
  got=$(sha256sum "$work/$archive" | awk '{ print $1 }')
else
  got=$(shasum -a 256 "$work/$archive" | awk '{ print $1 }')
fi
[ "$got" = "$want" ] ||
  fail "$archive does not match checksums.txt (SHA-256 $got, expected $want): refused, nothing installed"

mkdir "$work/x"
if [ "$ext" = zip ]; then
  if command -v unzip >/dev/null 2>&1; then
    unzip -q "$work/$archive" "$exe" -d "$work/x" || fail "cannot unpack $archive"
  else
    # PowerShell reads Windows paths: Git Bash's /tmp/... means nothing to it.
    src="$work/$archive" dst="$work/x"
    if command -v cygpath >/dev/null 2>&1; then
      src=$(cygpath -w "$src") dst=$(cygpath -w "$dst")
    fi
    pwsh -NoProfile -NonInteractive -Command \
      "Expand-Archive -LiteralPath '$src' -DestinationPath '$dst'" ||
      fail "cannot unpack $archive"
  fi
else
  tar -xzf "$work/$archive" -C "$work/x" "$exe" || fail "cannot unpack $archive"
fi
[ -f "$work/x/$exe" ] || fail "$archive holds no $exe"

target=$dest
if [ "$os" = windows ]; then target=${dest%.exe}.exe; fi
mkdir -p "$(dirname "$target")"
cp "$work/x/$exe" "$target.tmp$$"
chmod +x "$target.tmp$$"
mv -f "$target.tmp$$" "$target"
echo "qlint $version ($os/$arch) installed at $target, SHA-256 checked against checksums.txt"
