#!/bin/sh
# Rebuilds crates/insight/data/m2v/, data/glove/ and the tokenizer golden file from scratch:
# fetch the wheels, make a virtual environment, distil, cut GloVe, write the golden cases, compare with git.
# Takes 3 to 5 minutes and about 1 GB of RAM on 2 cores. Run from anywhere in the repository.
set -eu
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$repo/target/insight-build"
mkdir -p "$work"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet -r "$repo/scripts/insight/requirements.txt"
PATH="$work/venv/bin:$PATH" sh "$repo/scripts/insight/fetch.sh" "$work/wheels"
cd "$repo/scripts/insight"
"$work/venv/bin/python" distill_m2v.py --wheels "$work/wheels"
"$work/venv/bin/python" wordpiece_golden.py --wheels "$work/wheels"
"$work/venv/bin/python" glove_words.py --wheels "$work/wheels"
# The committed SHA256SUMS is the reference: an unchanged checkout means a faithful rebuild.
git -C "$repo" status --short crates/insight/data crates/insight/tests
echo "done: no files listed above means the rebuild reproduced the committed artefact"
