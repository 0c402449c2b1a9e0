"""The Phoenix/PETRARCH2 CAMEO verb dictionary, turned into PLOVER cue data.

``CAMEO.2.0.txt`` (MIT, Open Event Data Alliance) lists about 15,000 verb
patterns in blocks: a block names its verbs, each verb may carry a CAMEO code,
and its patterns ("- * SANCTIONS [163]") code the verb with a given object.
``CAMEO2PLOVER-2021.txt`` maps CAMEO codes to PLOVER types. The result, written
to ``watchfloor/data/facts/cameo_verbs.json`` by ``make models``, gives each
verb lemma its PLOVER types (by default and by object word); the event coder
uses both as trigger candidates and as features.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

# CAMEO 02 ("appeal") has no line of its own in the 2021 table: PLOVER folds
# CAMEO's appeals (02) and demands (10) into REQUEST (PLOVER manual, REQUEST).
EXTRA_CODES = {"02": "REQUEST"}
PREPOSITIONS = frozenset(
    {"to", "of", "for", "in", "on", "with", "against", "at", "by", "from", "into", "over", "as"}
)
# CAMEO 010 ("make a statement": "released a statement") codes no PLOVER event;
# an object that makes a verb a statement is kept as this type, a veto.
NO_EVENT = "NONE"
_CODE = re.compile(r"\[([0-9]{2,4})")
_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")


def plover_codes(table: Path) -> dict[str, str]:
    """CAMEO code -> PLOVER type, from the conversion table."""
    codes = dict(EXTRA_CODES)
    for line in table.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
        if match:
            codes[match.group(1)] = match.group(2)
    return codes


def plover_type(code: str | None, codes: dict[str, str]) -> str | None:
    """The PLOVER type of a CAMEO code: its longest prefix in the table."""
    if not code:
        return None
    for size in range(len(code), 1, -1):
        if code[:size] in codes:
            return codes[code[:size]]
    return None


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    synsets: dict[str, list[str]] = {}
    name = None
    for line in lines:
        if line.startswith("&"):
            name = line.split()[0].rstrip("_")
            synsets[name] = []
        elif name and line.startswith("+"):
            synsets[name].append(_word(line[1:].split()[0]))
        elif not line.strip():
            name = None
    return synsets


def build(dictionary: Path, table: Path) -> dict[str, Any]:
    """``{"verbs": {lemma: [types]}, "objects": {lemma: {object word: [types]}}}``."""
    codes = plover_codes(table)
    lines = dictionary.read_text(encoding="utf-8", errors="replace").splitlines()
    synsets = read_synsets(lines)
    verbs: dict[str, set[str]] = defaultdict(set)
    objects: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    block: list[str] = []
    block_code: str | None = None
    in_verbs = False
    for line in lines:
        if line.startswith("####### VERB PATTERNS"):
            in_verbs = True
        elif line.startswith("######## TRANSFORMATIONS"):
            break
        if not in_verbs or line.startswith("#") or not line.strip():
            continue
        header = _HEADER.match(line)
        if header:
            block, block_code = [], _code_of(line)
            continue
        if line.startswith("- "):
            _add_pattern(line, block, synsets, codes, objects)
        elif line[0].isalpha() or line.startswith("+"):
            lemma = _word(line.lstrip("+").split()[0])
            block.append(lemma)
            kind = plover_type(_code_of(line.split("#")[0]) or block_code, codes)
            verbs.setdefault(lemma, set())
            if kind:
                verbs[lemma].add(kind)
    return {
        "verbs": {v: sorted(t) for v, t in sorted(verbs.items())},
        "objects": {
            v: {o: sorted(t) for o, t in sorted(objs.items()) if not t <= verbs.get(v, set())}
            for v, objs in sorted(objects.items())
        },
    }


def _add_pattern(
    line: str,
    block: list[str],
    synsets: dict[str, list[str]],
    codes: dict[str, str],
    objects: dict[str, dict[str, set[str]]],
) -> None:
    body = line[2:].split("#")[0]
    code = _code_of(body)
    kind = plover_type(code, codes) or (NO_EVENT if code == "010" else None)
    if kind is None or "*" not in body:
        return
    after = re.sub(r"\[.*", "", body.split("*", 1)[1])
    words = [w for w in re.split(r"[\s(){}$]+", after) if w]
    words = [w for w in words if _word(w) not in PREPOSITIONS]
    if not words:
        return
    first = words[0]
    heads = synsets.get(first.rstrip("_"), []) if first.startswith("&") else [_word(first)]
    for verb in block:
        for head in heads:
            if head:
                objects[verb][head].add(kind)


def _code_of(text: str) -> str | None:
    match = _CODE.search(text)
    return match.group(1) if match else None


def _word(raw: str) -> str:
    """A dictionary word as a lower-case, lemma-like key ("ASK_FOR" -> "ask",
    "SANCTIONS" -> "sanction")."""
    word = raw.strip("+_{}()$").split("_")[0].lower()
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


def write(dictionary: Path, table: Path, out: Path) -> None:
    data = build(dictionary, table)
    out.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
