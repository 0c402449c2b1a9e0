"""A reader for the Phoenix / PETRARCH2 actor dictionaries (MIT; ``../shared/data/phoenix``).

The format (``dictionaries.rst`` there): a record is a primary phrase, optionally with
``[CODE]`` codes on its line, then synonym lines beginning with ``+``, then code lines
beginning with whitespace, each ``[CODE restriction]``. Phrases are upper case with ``_``
for blanks. A restriction is ``<date`` (before), ``>date`` (after), ``date-date`` or
nothing (a default); a date is ``YYYYMMDD`` or ``YYMMDD``, both ends inclusive. ``#``
starts a comment. A code is a country (or IGO/NGO/...) code followed by three-letter
sectors: ``USAGOV`` (United States, government), ``IGOUNOKID`` (UN, children).

Primary phrases with no code, directly followed by another primary line ("U.N._" before
"UN_ [IGOUNO]" ...), share the codes of the record they precede, as PETRARCH reads them.
Malformed dates are reported in :attr:`PhoenixRecord.problems` and their restriction
is dropped, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

_CODE = re.compile(r"\[([^\]]*)\]")
_DATE = re.compile(r"^\d{6}$|^\d{8}$")
MIN_NAME_WORDS = 2  # a name of one word is a surname or an acronym: too loose to match
_PARTICLE_WORDS = "al el bin ibn bint de da del della di du van von der den la le dos das y ul ud"
NAME_PARTICLES = frozenset(_PARTICLE_WORDS.split())
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "to"})  # "Army of the Poor"
CENTURY_PIVOT = 30  # two-digit years below this are 20YY, the rest 19YY (the data ends in 2014)


@dataclass(frozen=True)
class CodeSpan:
    """One ``[CODE restriction]``: the code, and the days it applies (None: open)."""

    code: str
    start: date | None = None
    end: date | None = None
    line: int = 0
    raw: str = ""

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass
class PhoenixRecord:
    """One actor entry: its primary phrase, synonyms and codes, and where it was read."""

    phrase: str
    file: str
    line: int
    synonyms: list[str] = field(default_factory=list)
    codes: list[CodeSpan] = field(default_factory=list)
    comment: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def phrases(self) -> list[str]:
        return [self.phrase, *self.synonyms]


def phrase_text(phrase: str) -> str:
    """'VLADIMIR_V._PUTIN_' -> 'VLADIMIR V. PUTIN' (blanks, no trailing marker)."""
    return " ".join(phrase.replace("_", " ").split())


def display_name(phrase: str) -> str:
    """'ABU BAKR AL-BAGHDADI' -> 'Abu Bakr al-Baghdadi', 'ARMY OF THE POOR' -> 'Army of
    the Poor' (Phoenix writes upper case)."""
    words = []
    for n, word in enumerate(phrase.split()):
        parts = [p.capitalize() for p in word.lower().split("-")]
        if n and parts[0].lower() in NAME_PARTICLES | _SMALL_WORDS:
            parts[0] = parts[0].lower()
        words.append("-".join(parts))
    return " ".join(words)


def parse_date(text: str) -> date:
    """``YYMMDD`` or ``YYYYMMDD`` -> a date (ValueError when neither)."""
    if not _DATE.match(text):
        raise ValueError(f"not a YYMMDD or YYYYMMDD date: {text!r}")
    if len(text) == 6:
        yy = int(text[:2])
        year = (2000 if yy < CENTURY_PIVOT else 1900) + yy
        return date(year, int(text[2:4]), int(text[4:6]))
    return date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def parse_code(body: str, line: int = 0) -> CodeSpan | None:
    """'USAGOV 010120-090120' -> CodeSpan; None for the null code '---' or an empty one.
    Raises ValueError for a restriction it cannot read."""
    parts = body.split()
    if not parts or parts[0].strip("-~") == "":
        return None
    code, rest = parts[0], "".join(parts[1:])
    raw = f"[{body.strip()}]"
    if not rest:
        return CodeSpan(code, line=line, raw=raw)
    if rest.startswith("<"):
        return CodeSpan(code, end=parse_date(rest[1:]), line=line, raw=raw)
    if rest.startswith(">"):
        return CodeSpan(code, start=parse_date(rest[1:]), line=line, raw=raw)
    if "-" in rest:
        first, _, last = rest.partition("-")
        return CodeSpan(code, parse_date(first), parse_date(last), line=line, raw=raw)
    raise ValueError(f"unreadable restriction {raw}")


def _split_comment(line: str) -> tuple[str, str]:
    head, _, comment = line.partition("#")
    return head, comment.strip()


def _codes(text: str, line: int, problems: list[str]) -> list[CodeSpan]:
    found: list[CodeSpan] = []
    for body in _CODE.findall(text):
        try:
            span = parse_code(body, line)
        except ValueError as exc:
            problems.append(f"line {line}: {exc}")
            continue
        if span is not None:
            found.append(span)
    return found


def parse_lines(lines: Iterable[str], file: str) -> Iterator[PhoenixRecord]:
    """Records of an actor dictionary, in file order (see the module docstring)."""
    current: PhoenixRecord | None = None
    waiting: list[PhoenixRecord] = []  # code-less primaries that share the next codes
    for number, raw in enumerate(lines, 1):
        head, comment = _split_comment(raw.rstrip("\n"))
        if not raw.strip():  # a blank line ends a record, and the sharing
            yield from _close(waiting, current)
            current, waiting = None, []
        elif not head.strip() or head[:1] in {"!", "<"}:
            continue  # a comment line, or agent-file markup
        elif head.startswith("+"):
            if current is not None:
                current.synonyms += [phrase_text(s) for s in head[1:].split("+") if phrase_text(s)]
        elif head[:1] in {" ", "\t"}:
            if current is not None:
                current.codes += _codes(head, number, current.problems)
        else:
            if current is not None and current.codes:
                yield from _close(waiting, current)
                waiting = []
            elif current is not None:
                waiting.append(current)
            phrase = phrase_text(_CODE.sub("", head))
            current = PhoenixRecord(phrase, file, number, comment=comment)
            current.codes += _codes(head, number, current.problems)
    yield from _close(waiting, current)


def _close(waiting: list[PhoenixRecord], record: PhoenixRecord | None) -> list[PhoenixRecord]:
    """The waiting code-less records (given ``record``'s codes when it has some), then it."""
    if record is None:
        return list(waiting)
    for earlier in waiting:
        earlier.codes = list(record.codes)
    return [*waiting, record]


def read_dictionary(path: Path) -> list[PhoenixRecord]:
    """The records of one Phoenix actor file (read as UTF-8, bad bytes replaced)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    return list(parse_lines(text.splitlines(), path.name))


# -- codes ----------------------------------------------------------------------------
SECTORS = {
    "GOV": "government",
    "ELI": "elite",
    "MIL": "military",
    "LEG": "legislature",
    "OPP": "opposition",
    "REB": "rebels",
    "JUD": "judiciary",
    "SPY": "intelligence",
    "COP": "police",
    "BUS": "business",
    "MED": "media",
    "EDU": "education",
    "UAF": "armed group",
    "IGO": "international",
    "NGO": "non-governmental",
}


def code_country(code: str, valid: frozenset[str]) -> str | None:
    """The ISO alpha-3 country at the start of a code ('USAGOV' -> 'USA'), if any."""
    head = code[:3]
    return head if head in valid else None


def code_sector(code: str) -> str | None:
    """The first known sector of a code after its country part ('USAGOVLEG' -> 'GOV')."""
    for i in range(3, len(code) - 2, 3):
        if code[i : i + 3] in SECTORS:
            return code[i : i + 3]
    return None
