#!/usr/bin/env python3
"""Builds the labelled evaluation sets from their plain-text sources.

Sources: crates/insight/eval/source/advice_*.txt and cocoaching_*.txt (written for this crate, in
our own words). Output: crates/insight/eval/{advice,cocoaching}_{tune,test}.json, in the schemas of
the research notes, so `coachkit insight eval` reads them.

The split is fixed by the order of the sets inside each difficulty: the first, third, fifth ... set
of a difficulty goes to the tuning half, the second, fourth ... to the test half. Methods are chosen
on the tuning half only; the test half is scored once at the end.

Advice format:
    == <id> <difficulty> | voice: ... | trap: ...
    cap: <capability>
    ctx: <context>
    theme: <the thread, in a few words>
    [<expert name> | in|out]
    * <advice carrying the thread>
    ~ <advice related to it>
    - <any other advice>
Item ids are the expert's letter (A, B, ...) and the item's number.

Co-coaching format:
    == <id> | <notes>
    org O1: <name> | <kind>
    person P1 O1: <name> | <role>
    + <challenge id> | <what> | <why> | <success>
    team: <id> <id> [<id>]
    alone: <id> ...
Round 2 adds a fresh test set from crates/insight/eval/source/round2 (advice_round2_test.json,
cocoaching_round2_test.json); round 1's two halves are both tuning data in round 2.
Round 3 adds another fresh test set from crates/insight/eval/source/round3 (advice_round3_test.json,
cocoaching_round3_test.json), written blind; its ids carry a "t3-" prefix so they are unique across
rounds.
Usage: python3 scripts/insight/labelled_sets.py   (from the repository root)
"""

import glob
import json
import os
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
EVAL = os.path.join(ROOT, "crates", "insight", "eval")


def read_lines(pattern, folder="source"):
    for path in sorted(glob.glob(os.path.join(EVAL, folder, pattern))):
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if line.strip() and not line.startswith("#"):
                    yield os.path.basename(path), n, line


def parse_advice(folder="source"):
    sets = []
    for name, n, line in read_lines("advice_*.txt", folder):
        where = f"{name}:{n}"
        if line.startswith("== "):
            head = [p.strip() for p in line[3:].split("|")]
            sid, difficulty = head[0].split()
            notes = dict(p.split(":", 1) for p in head[1:])
            sets.append({
                "id": sid, "capability": None, "context": None, "theme": None,
                "difficulty": difficulty, "voice": notes.get("voice", "").strip(),
                "decoy": notes.get("trap", "").strip(), "experts": [], "gold": [], "related": [],
            })
        elif line.startswith(("cap:", "ctx:", "theme:")):
            key, value = line.split(":", 1)
            sets[-1][{"cap": "capability", "ctx": "context", "theme": "theme"}[key]] = value.strip()
        elif line.startswith("["):
            ename, side = [p.strip() for p in line.strip("[]").split("|")]
            sets[-1]["experts"].append({"name": ename, "inside_org": side == "in", "advice": []})
        elif line[:2] in ("* ", "~ ", "- "):
            s = sets[-1]
            e = s["experts"][-1]
            letter = chr(ord("A") + len(s["experts"]) - 1)
            iid = f"{letter}{len(e['advice']) + 1}"
            e["advice"].append({"id": iid, "text": line[2:].strip()})
            if line[0] == "*":
                s["gold"].append(iid)
            elif line[0] == "~":
                s["related"].append(iid)
        else:
            sys.exit(f"{where}: cannot read {line!r}")
    for s in sets:
        gold_experts = {g[0] for g in s["gold"]}
        if len(gold_experts) != len(s["experts"]):
            sys.exit(f"set {s['id']}: every expert must carry the thread")
    return sets


def parse_cocoaching(folder="source"):
    scenarios = []
    for name, n, line in read_lines("cocoaching_*.txt", folder):
        where = f"{name}:{n}"
        if line.startswith("== "):
            head = [p.strip() for p in line[3:].split("|", 1)]
            scenarios.append({"id": head[0], "notes": head[1] if len(head) > 1 else "", "orgs": [],
                              "participants": [], "gold_teams": [], "unmatched": []})
        elif line.startswith("org "):
            oid, rest = line[4:].split(":", 1)
            oname, kind = [p.strip() for p in rest.split("|")]
            scenarios[-1]["orgs"].append({"id": oid.strip(), "name": oname, "kind": kind})
        elif line.startswith("person "):
            ids, rest = line[7:].split(":", 1)
            pid, org = ids.split()
            pname, role = [p.strip() for p in rest.split("|")]
            scenarios[-1]["participants"].append({"id": pid, "org": org, "name": pname, "role": role,
                                                  "challenges": []})
        elif line.startswith("+ "):
            parts = [p.strip() for p in line[2:].split("|")]
            if len(parts) != 4:
                sys.exit(f"{where}: a challenge needs id | what | why | success")
            cid, what, why, success = parts
            scenarios[-1]["participants"][-1]["challenges"].append(
                {"id": cid, "what": what, "why": why, "success": success})
        elif line.startswith("team:"):
            scenarios[-1]["gold_teams"].append(line[5:].split())
        elif line.startswith("alone:"):
            scenarios[-1]["unmatched"].extend(line[6:].split())
        else:
            sys.exit(f"{where}: cannot read {line!r}")
    for s in scenarios:
        org_of = {c["id"]: p["org"] for p in s["participants"] for c in p["challenges"]}
        person_of = {c["id"]: p["id"] for p in s["participants"] for c in p["challenges"]}
        placed = [c for t in s["gold_teams"] for c in t] + s["unmatched"]
        missing = set(org_of) - set(placed)
        if missing or len(placed) != len(set(placed)) or set(placed) - set(org_of):
            sys.exit(f"scenario {s['id']}: every challenge must be in one team or alone ({sorted(missing)})")
        for t in s["gold_teams"]:
            if len({org_of[c] for c in t}) < 2 or len({person_of[c] for c in t}) < len(t):
                sys.exit(f"scenario {s['id']}: team {t} must span organisations and people")
    return scenarios


def split(items, key):
    tune, test, seen = [], [], {}
    for item in items:
        k = key(item)
        seen[k] = seen.get(k, 0) + 1
        (tune if seen[k] % 2 == 1 else test).append(item)
    return tune, test


def write(name, top, items, about):
    path = os.path.join(EVAL, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"about": about, top: items}, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"{name}: {len(items)}")


def main():
    about = ("Written for coachkit-insight in our own words (source: eval/source, built by "
             "scripts/insight/labelled_sets.py). {half} half: {use}.")
    tune_use = "methods and thresholds are chosen on this half"
    test_use = "scored once, after the method was chosen on the tuning half"
    advice = parse_advice()
    tune, test = split(advice, lambda s: s["difficulty"])
    write("advice_tune.json", "sets", tune, about.format(half="Tuning", use=tune_use))
    write("advice_test.json", "sets", test, about.format(half="Test", use=test_use))
    scen = parse_cocoaching()
    tune, test = split(scen, lambda s: "all")
    write("cocoaching_tune.json", "scenarios", tune, about.format(half="Tuning", use=tune_use))
    write("cocoaching_test.json", "scenarios", test, about.format(half="Test", use=test_use))
    # Round 2: the first round's test half had been scored, so it joined the tuning data and a
    # fresh test set was written (eval/source/round2), scored once at the end of round 2.
    fresh = ("Written for coachkit-insight in our own words (source: eval/source/round2, built by "
             "scripts/insight/labelled_sets.py). Round 2 test set: scored once, after round 2's "
             "method was chosen on all of round 1's sets.")
    write("advice_round2_test.json", "sets", parse_advice("source/round2"), fresh)
    write("cocoaching_round2_test.json", "scenarios", parse_cocoaching("source/round2"), fresh)
    # Round 3: another fresh test set (eval/source/round3), written blind by someone who had not
    # seen the tuning data, scored once at the end of round 3.
    fresh3 = ("Written for coachkit-insight in our own words (source: eval/source/round3, built by "
              "scripts/insight/labelled_sets.py). Round 3 test set, written blind: scored once, "
              "after round 3's method was chosen on the earlier rounds' sets.")
    write("advice_round3_test.json", "sets", parse_advice("source/round3"), fresh3)
    write("cocoaching_round3_test.json", "scenarios", parse_cocoaching("source/round3"), fresh3)


if __name__ == "__main__":
    main()
