#!/usr/bin/env bash
# Copy Go's text/template and html/template into generator/render/internal
# and apply our one change, scripts/go-templates.patch: the template engine
# calls html/template's escapers, functions of a string and functions
# returning trusted HTML (a theme's translations) directly instead of
# through reflect.Value.Call, prints strings without fmt, and remembers
# where each field and method of a type is. A page's templates run about a third faster, a build a
# tenth (docs/performance.md, "Go's template packages, copied").
#
# Go's own tests of the packages are copied too: they run with the patch.
#
# Run it after each Go upgrade: html/template's escapers receive security
# fixes in Go's point releases, and TestGoTemplatesFollowGo fails while the
# copy differs from the packages of the Go in use.
#
#   scripts/sync-go-templates.sh
#
# To change the patch, edit the copy, then write the patch from it:
#
#   scripts/sync-go-templates.sh --write-patch
#
# ROOT=DIR writes DIR/generator/render/internal instead (the test does);
# PATCH=0 leaves Go's files as they are.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
if [ "${1:-}" = --write-patch ]; then
  pristine=$(mktemp -d)
  trap 'rm -rf "$pristine"' EXIT
  ROOT=$pristine/a PATCH=0 "$0" >/dev/null
  mkdir -p "$pristine/b/generator/render"
  cp -r "$repo/generator/render/internal" "$pristine/b/generator/render/"
  rm -rf "$pristine/b/generator/render/internal/godebug" # ours, not Go's
  # diff exits 1 when the trees differ, which they do.
  (cd "$pristine" && diff -ruN a b || true) |
    sed -E 's/^(\+\+\+|---) ([^\t]*)\t.*/\1 \2/' >"$repo/scripts/go-templates.patch"
  echo "scripts/go-templates.patch written from generator/render/internal"
  exit 0
fi
root=${ROOT:-$repo}
goroot=$(go env GOROOT)
gofmt=$goroot/bin/gofmt
dest=$root/generator/render/internal
module=terredetalents/generator/render/internal

rm -rf "$dest/texttemplate" "$dest/htmltemplate" "$dest/fmtsort"
mkdir -p "$dest/texttemplate" "$dest/htmltemplate" "$dest/fmtsort"
copy() { # copy SRC-DIR DEST-DIR: the package's files and Go's tests of them
  for f in "$goroot/src/$1"/*.go; do
    # link_test.go needs Go's internal/testenv to build a program.
    case $f in */link_test.go) continue ;; esac
    sed -e "s#\"text/template\"#\"$module/texttemplate\"#" \
        -e "s#\"html/template\"#\"$module/htmltemplate\"#" \
        -e "s#\"internal/fmtsort\"#\"$module/fmtsort\"#" \
        -e "s#\"internal/godebug\"#\"$module/godebug\"#" \
        "$f" >"$2/$(basename "$f")"
  done
  if [ -d "$goroot/src/$1/testdata" ]; then cp -r "$goroot/src/$1/testdata" "$2/"; fi
  cp "$goroot/LICENSE" "$2/LICENSE"
}
copy text/template "$dest/texttemplate"
copy html/template "$dest/htmltemplate"
copy internal/fmtsort "$dest/fmtsort"
"$gofmt" -w "$dest/texttemplate" "$dest/htmltemplate" "$dest/fmtsort" # renamed imports sorted again
go env GOVERSION >"$dest/GOVERSION"
if [ "${PATCH:-1}" = 1 ]; then
  (cd "$root" && git apply --whitespace=nowarn "$repo/scripts/go-templates.patch")
fi
"$gofmt" -l "$dest" | (! grep .) # the patch leaves the files formatted
echo "$dest: Go's template packages of $(cat "$dest/GOVERSION"), with scripts/go-templates.patch"
