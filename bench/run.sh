#!/usr/bin/env bash
# Whole-run benchmark: `recap analyze` (all reports) on a generated corpus at 1 and 2
# threads, run in turn; prints MB/s, peak RSS and the 2-thread speedup, and, when spaCy is
# importable, the spaCy baseline on the same files and the ratio.
#
#   bench/run.sh [MB] [RUNS]      # defaults: 100 MB, 3 runs at each thread count (median)
#
# Environment: BENCH_DIR (where the corpus and reports go; default target/bench),
# PYTHON (the interpreter with spaCy; default python3), SEED (default 7).
set -euo pipefail
cd "$(dirname "$0")/.."

mb=${1:-100}
runs=${2:-3}
seed=${SEED:-7}
dir=${BENCH_DIR:-target/bench}
python=${PYTHON:-python3}
corpus="$dir/corpus-${mb}mb-seed$seed"

cargo build --release --quiet --bin recap --example gen_corpus
if [[ ! -d $corpus ]]; then
    target/release/examples/gen_corpus --mb "$mb" --seed "$seed" --out "$corpus.tmp" >&2
    mv "$corpus.tmp" "$corpus"
fi
bytes=$(find "$corpus" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
megabytes=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}')
echo "corpus: $corpus ($megabytes MB, $(find "$corpus" -type f | wc -l) files); $(nproc) cores; median of $runs runs"

# One timed run: prints "seconds peak_kib".
measure() {
    local threads=$1 out="$dir/reports-j$1"
    if [[ -x /usr/bin/time ]]; then
        /usr/bin/time -f '%e %M' -o "$dir/time.txt" \
            target/release/recap analyze "$corpus" --out "$out" --threads "$threads" --quiet
        cat "$dir/time.txt"
    else
        local start end
        start=$(date +%s.%N)
        target/release/recap analyze "$corpus" --out "$out" --threads "$threads" --quiet
        end=$(date +%s.%N)
        awk -v s="$start" -v e="$end" 'BEGIN {printf "%.2f 0\n", e - s}'
    fi
}

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# The 1- and 2-thread runs alternate, so that a spell of load on the host slows both
# sides of a pair; the speedup is the median of the pairs' ratios. Which side goes first
# alternates too: a run right after another pays part of the kernel's work on the first
# one's gigabyte of reports, about a second more system time at 2 threads (two binaries
# run in both orders).
: > "$dir/runs.txt"
for run in $(seq "$runs"); do
    if ((run % 2)); then
        one=$(measure 1)
        two=$(measure 2)
    else
        two=$(measure 2)
        one=$(measure 1)
    fi
    echo "$one $two" >> "$dir/runs.txt"
done
declare -A seconds rss
for threads in 1 2; do
    seconds_field=$((threads * 2 - 1))
    seconds[$threads]=$(cut -d' ' -f"$seconds_field" "$dir/runs.txt" | median)
    rss[$threads]=$(cut -d' ' -f$((seconds_field + 1)) "$dir/runs.txt" | sort -n | tail -1)
    awk -v t="$threads" -v s="${seconds[$threads]}" -v mb="$megabytes" -v k="${rss[$threads]}" \
        'BEGIN {printf "recap analyze, %d thread(s): %.2f s, %.1f MB/s, peak RSS %.0f MB\n", t, s, mb / s, k / 1024}'
done
cmp -s <(cd "$dir/reports-j1" && cat -- *) <(cd "$dir/reports-j2" && cat -- *) \
    && echo "reports: identical for 1 and 2 threads" \
    || { echo "reports: DIFFER between 1 and 2 threads" >&2; exit 1; }
speedup=$(awk '{print $1 / $3}' "$dir/runs.txt" | median)
awk -v r="$speedup" -v n="$runs" 'BEGIN {printf "2-thread speedup: %.2fx (median of %d paired runs)\n", r, n}'

if "$python" -c 'import spacy' 2>/dev/null; then
    baseline=$("$python" bench/spacy_baseline.py "$corpus" --only phrasematcher | awk -F'\t' '$1 == "phrasematcher" {print $2}')
    awk -v s="${seconds[2]}" -v mb="$megabytes" -v p="$baseline" \
        'BEGIN {printf "spaCy PhraseMatcher: %.2f MB/s; recap at 2 threads / spaCy PhraseMatcher: %.1fx\n", p, mb / s / p}'
else
    echo "spaCy not importable by $python: skipped the baseline (pip install spacy)"
fi
