#!/usr/bin/env bash
# Build the same synthetic site with Terre de talents and with Hugo, alternately
# (A B A B …), and print the median wall time, peak memory and CPU time (user
# plus system) of each, with their ratios. CPU time is the steadier figure
# on a machine whose disk is noisy; TMPDIR=/dev/shm keeps the site and both
# outputs in memory, to compare the generators without the disk.
#
#   scripts/bench-vs-hugo.sh [PAGES] [RUNS]     (defaults: 10000 pages, 5 runs each)
#
# MODE=rebuild times a rebuild after a one-page edit instead of a first
# build: each generator builds its output twice beforehand (not timed), then
# before each pair of runs one page's body changes, and each rebuilds over
# its previous output (Hugo renders everything again; Terre de talents
# writes only the files that changed, and recycles the tree of the build
# before).
#
# Set HUGO=0 to time Terre de talents alone: Hugo needs about 10 GB and two
# minutes at 50,000 pages, and would need about 20 GB at 100,000.
#
# Both resize the bundle photos and logos the same way (320, 480 and 800
# pixels wide when narrower than the original; 400 photos at 10,000 pages).
# Hugo keeps its copies in a resources folder: each of Hugo's first builds
# gets a new, empty one, as ours starts without a previous output, and
# rebuilds keep theirs, as ours reuses the copies of its previous output.
#
# Nothing is removed while the runs go on, and that matters on a disk.
# On ext4 without a journal (this machine's), creating a file skips every
# free inode of its group that was removed less than a minute ago, or less
# than six minutes ago while its block of the inode table is not written
# back (recently_deleted in Linux's fs/ext4/ialloc.c, since Linux 5.7).
# After a large folder is removed, file creation near it slows down for
# minutes: a first build's system time went from 1.9 s to 5.9 s. The
# script warns on such a disk; wait six minutes after removing large
# folders there (including this script's own folder, removed when it ends
# unless KEEP=1) before measuring again.
# HUGO_IMAGES=0 makes Hugo's layouts show the originals only, without copies,
# as this script did until November 2026.
#
# Hugo comes from Debian's packages (installed here if missing); its layouts sit
# in scripts/hugo/. Terre de talents builds its full output: pages, feeds, sitemap,
# search index and open data. Hugo builds pages and taxonomies, no search index.
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-10000}
runs=${2:-5}

with_hugo=${HUGO:-1}
if [ "$with_hugo" = 1 ]; then
  command -v hugo >/dev/null || { apt-get update && apt-get install -y hugo; }
fi
command -v /usr/bin/time >/dev/null || { apt-get update && apt-get install -y time; }

work=$(mktemp -d)
# KEEP=1 leaves the folder in place (its path is printed) for series of
# disk measurements: see the header for why removing it then is not neutral.
if [ "${KEEP:-0}" = 1 ]; then
  trap 'echo "kept: $work (remove it when the disk measurements are over)"' EXIT
else
  trap 'rm -rf "$work"' EXIT
fi
go build -o "$work/ttgen" ./generator
go run ./generator/synth/cmd/gensite -pages "$pages" -seed 1 -out "$work/site" >/dev/null
export SOURCE_DATE_EPOCH=1795564800 # both see the same "today"

fstype=$(df --output=fstype "$work" | tail -1)
device=$(basename "$(df --output=source "$work" | tail -1)")
if [ "$fstype" = ext4 ] && ! ls /proc/fs/jbd2 2>/dev/null | grep -q "^$device-"; then
  echo "note: $work is on ext4 without a journal: removing large folders less than six minutes before slows both generators' file creation (see this script's header)" >&2
fi

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
measure() { # prints "seconds kilobytes cpu-seconds"
  # Each build starts from a quiet disk: what the previous one wrote and
  # removed is flushed first, so that neither pays for the other.
  sync
  sleep 2
  /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
  awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$work/time"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

[ "${HUGO_IMAGES:-1}" = 1 ] || export HUGO_PARAMS_RESIZEIMAGES=false
tt_build=("$work/ttgen" build -source "$work/site" -destination)
hugo_build=(hugo --quiet --source "$work/site" --config "$PWD/scripts/hugo/hugo.toml"
  --layoutDir "$PWD/scripts/hugo/layouts" --destination)

: >"$work/tt"; : >"$work/hugo"
mode=${MODE:-first}
if [ "$mode" = rebuild ]; then
  # The page edited before each pair of runs: a story in the middle.
  page=$(find "$work/site/content/reussites" -name '*.md' | sort | sed -n '50p')
  cp "$page" "$work/page.orig"
  for _ in 1 2; do
    "${tt_build[@]}" "$work/out-tt-1" >/dev/null 2>&1
    [ "$with_hugo" = 1 ] && "${hugo_build[@]}" "$work/out-hugo-1" >/dev/null
  done
  for i in $(seq "$runs"); do
    { cat "$work/page.orig"; printf '\nUne phrase ajoutée pour la mesure %d.\n' "$i"; } >"$page"
    measure "${tt_build[@]}" "$work/out-tt-1" >>"$work/tt"
    [ "$with_hugo" = 1 ] || continue
    measure "${hugo_build[@]}" "$work/out-hugo-1" >>"$work/hugo"
  done
else
  # Every build writes to a new folder, and the old ones are removed at
  # the end: on a disk mounted with online discard, removing a few hundred
  # megabytes slows the writes that follow, whichever tool makes them.
  for i in $(seq "$runs"); do
    measure "${tt_build[@]}" "$work/out-tt-$i" >>"$work/tt"
    [ "$with_hugo" = 1 ] || continue
    # Hugo's copies of the images: a new folder, not a removed one.
    HUGO_RESOURCEDIR="$work/resources-$i" measure "${hugo_build[@]}" "$work/out-hugo-$i" >>"$work/hugo"
  done
fi

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
tt_s=$(cut -d' ' -f1 "$work/tt" | median); tt_kb=$(cut -d' ' -f2 "$work/tt" | median); tt_cpu=$(cut -d' ' -f3 "$work/tt" | median)
tt_files=$(find "$work/out-tt-1" -type f | wc -l)
echo "pages: $pages, mode: $mode, Hugo resizes images: ${HUGO_IMAGES:-1}, in $work ($(df --output=fstype "$work" | tail -1)), runs: $runs each (A B A B), median of each; load before: $load_before"
echo "Terre de talents runs (s KB cpu-s): $(tr '\n' ',' <"$work/tt")"
printf "%-16s %8s %10s %8s %8s\n" "" "time (s)" "peak (MB)" "CPU (s)" "files"
printf "%-16s %8s %10d %8s %8d\n" "Terre de talents" "$tt_s" $((tt_kb / 1024)) "$tt_cpu" "$tt_files"
[ "$with_hugo" = 1 ] || exit 0
echo "Hugo runs (s KB cpu-s): $(tr '\n' ',' <"$work/hugo")"
hu_s=$(cut -d' ' -f1 "$work/hugo" | median); hu_kb=$(cut -d' ' -f2 "$work/hugo" | median); hu_cpu=$(cut -d' ' -f3 "$work/hugo" | median)
hu_files=$(find "$work/out-hugo-1" -type f | wc -l)
printf "%-16s %8s %10d %8s %8d\n" "Hugo $(hugo version | cut -d' ' -f2)" "$hu_s" $((hu_kb / 1024)) "$hu_cpu" "$hu_files"
awk -v a="$tt_s" -v b="$hu_s" -v c="$tt_kb" -v d="$hu_kb" -v e="$tt_cpu" -v f="$hu_cpu" \
  'BEGIN { printf "ratio (ours / Hugo): time %.2f, memory %.2f, CPU %.2f\n", a / b, c / d, e / f }'
