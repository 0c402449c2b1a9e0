"""Plain-text extractor: the article inside scraped page text, furniture removed.

Scraped text keeps a page's furniture: cookie banners, menus, share bars,
"Trending" lists, bylines, timestamps, photo credits, footers and template
placeholders that never rendered. The extractor works line by line:

1. each line gets a role: furniture (a cue from ``watchfloor/data/furniture.toml``,
   a timestamp, a line repeated on the page; not a phone number, nor two dates or
   times joined as a range, which are an event's details), paragraph (a sentence,
   or a long line) or other (short, unpunctuated: a headline, a subheading, a menu
   item, a date range);
2. the body is the run of lines with the best score, paragraphs counting their
   words and every other line a small penalty (a maximum-sum subarray);
3. the headline is the first title-like line just before the body, above no
   promo heading ("Trending now" and its teasers are never the headline);
4. :mod:`watchfloor.extract.text_body` widens the run where the scores undersell
   the article and keeps every short line inside it: title-like lines followed
   by a paragraph become subheadings, a paragraph that opens with a short
   question is split into a subheading and its answer, other short lines stay
   paragraphs.

Kept text is the input's text, trimmed; nothing inside it is rewritten except
that unrendered template placeholders are cut out.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any

from watchfloor.models import BlockKind, Extracted, SkipError, SkipReason
from watchfloor.store.search import UNSPACED_CHARS

FURNITURE_FILE = Path(__file__).resolve().parent.parent / "data" / "furniture.toml"

MIN_SENTENCE_WORDS = 3  # a punctuated line this long is a paragraph
LONG_LINE_WORDS = 30  # an unpunctuated line this long is a paragraph too
MIN_BODY_WORDS = 12  # less than this in the body is no article
REPEAT_KEEP_WORDS = 12  # a repeated sentence this long stays a paragraph
OTHER_PENALTY = 8  # score of a short unpunctuated line inside the body
FURNITURE_PENALTY = 2  # score of a furniture line inside the body
INNER_RUN_PENALTY = 16  # most a run of short lines between two paragraphs costs
TITLE_WORDS = (3, 30)
SUBHEADING_MAX_WORDS = 15
RUN_IN_MAX_WORDS = 12
RUN_IN_MIN_REST_WORDS = 5
TIMESTAMP_MAX_WORDS = 16

_SENTENCE_END = re.compile(r"[.!?…:。！？：][\"'”’»)\]」』）]*$")
_OPENERS = "\"'“‘«(["
_TITLE_BAD_END = re.compile(r"[.,;:\-–—|/]$")
_KEY_TRIM = re.compile(r"^[\s:|\-–—•»›]+|[\s:|\-–—•»›]+$")
_SPACES = re.compile(r"\s+")
_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"
_RUN_IN = re.compile(r"^(?P<q>[A-Z][^?!\n]{2,150}?\?)\s+(?P<rest>[A-Z0-9\"“‘'(].*)$", re.S)
_INNER_SENTENCE = re.compile(r"[.!]\s+[A-Z]")
_PHONE = re.compile(r"\+?\(?\d{2,4}\)?[ .-]\d{3,4}[ .-]\d{3,4}")  # "02-751-1500", no date
_RANGE_SPLIT = re.compile(r"\s+(?:[|/–—-]|to|until|till)\s+", re.I)
_DATE_OR_TIME = re.compile(  # a month, a year or a clock time; a bare number ("1 - 5") is none
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|(?<!\d)(?:19|20)\d\d(?!\d)"
    r"|\d[:.][0-5]\d|\d\s*[ap]\.?m\b",
    re.I,
)
_STAMP_WORDS = re.compile(r"\b(?:published|updated|posted|modified|ago|read)\b", re.I)
_RELATIVE_TIME = frozenset({"ago", "yesterday", "today", "now"})
_UNSPACED = re.compile(f"[{UNSPACED_CHARS}]")
UNSPACED_CHARS_PER_WORD = 2  # Chinese, Japanese, Thai: about two characters a word
BOUNDARY_PENALTY = 30  # a furniture line this strong opens a teaser list or comments


Cue = tuple[int, int, re.Pattern[str]]  # (max_words, penalty, pattern)


class Role(Enum):
    FURNITURE = "furniture"
    REPEAT = "repeat"  # furniture because repeated; may still be the headline
    PARAGRAPH = "paragraph"
    OTHER = "other"


@dataclass(frozen=True)
class Lexicon:
    """The compiled furniture cues."""

    lines: dict[str, int]  # whole-line phrase -> penalty
    patterns: tuple[Cue, ...]
    placeholder: re.Pattern[str]
    timestamp: re.Pattern[str]

    @property
    def longest_line(self) -> int:
        """Words in the longest whole-line phrase: a longer line matches none."""
        return _longest_line(tuple(self.lines))


@dataclass(frozen=True)
class Line:
    text: str
    words: int
    role: Role
    penalty: int = FURNITURE_PENALTY
    key: str = ""  # line_key(text)

    @property
    def is_boundary(self) -> bool:
        """A promo or comments heading: what follows it is teasers or comments."""
        return self.role is Role.FURNITURE and self.penalty >= BOUNDARY_PENALTY


def count_words(text: str) -> int:
    """Words of a line; in scripts written without spaces, characters count by twos."""
    words = len(text.split())
    unspaced = len(_UNSPACED.findall(text)) if not text.isascii() else 0
    return words + unspaced // UNSPACED_CHARS_PER_WORD


@lru_cache(maxsize=4)
def _longest_line(phrases: tuple[str, ...]) -> int:
    return max((len(phrase.split()) for phrase in phrases), default=0)


@lru_cache(maxsize=1)
def load_lexicon(path: Path = FURNITURE_FILE) -> Lexicon:
    """Read and compile ``furniture.toml`` (once)."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    lines: dict[str, int] = {}
    patterns: list[Cue] = []
    for family in data["families"].values():
        penalty = int(family.get("penalty", FURNITURE_PENALTY))
        for phrase in family.get("lines", []):
            key = line_key(phrase)
            lines[key] = max(penalty, lines.get(key, 0))
        patterns.extend(_family_patterns(family, penalty))
    placeholder = re.compile("|".join(data["placeholder"]["patterns"]), re.S)
    return Lexicon(lines, tuple(patterns), placeholder, _timestamp_pattern(data))


def _family_patterns(family: dict[str, Any], penalty: int) -> list[Cue]:
    """One pattern for the family's line-start cues (``^...``), one for the rest.

    Separate, the anchored ones are tried once per line instead of at every position.
    """
    limit = int(family["max_words"])
    anchored = [p[1:] for p in family.get("patterns", []) if p.startswith("^")]
    floating = [p for p in family.get("patterns", []) if not p.startswith("^")]
    out: list[Cue] = []
    if anchored:
        out.append((limit, penalty, re.compile(f"^(?:{_alternation(anchored)})", re.I)))
    if floating:
        out.append((limit, penalty, re.compile(_alternation(floating), re.I)))
    return out


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def _timestamp_pattern(data: dict[str, Any]) -> re.Pattern[str]:
    tokens = sorted(data["timestamp"]["tokens"], key=len, reverse=True)
    words = "|".join(re.escape(token) for token in tokens)
    piece = rf"(?:(?:{words})(?!\w)|\d{{1,4}}(?:st|nd|rd|th)?(?!\w)|[\s,.:;/|()\-–—•·@+'’]+)"
    return re.compile(rf"{piece}+", re.I)


def extract_text(text: str) -> Extracted:
    """The headline and body blocks of scraped page text.

    Raises ``SkipError`` (``EMPTY`` for blank input, ``NO_ARTICLE`` when
    nothing but furniture is left).
    """
    if not text.strip():
        raise SkipError(SkipReason.EMPTY, "blank text")
    lexicon = load_lexicon()
    lines = classify(prepare(text, lexicon), lexicon)
    start, end = body_span(lines)
    if sum(line.words for line in lines[start:end] if line.role is Role.PARAGRAPH) < MIN_BODY_WORDS:
        raise SkipError(SkipReason.NO_ARTICLE, "no article body in the text")
    from watchfloor.extract.text_body import body_blocks, drop_repeats, extend_span, keep_in_body
    from watchfloor.extract.text_title import (
        headline,
        is_top_headline,
        skip_headline,
        skip_standfirst,
    )

    start = skip_headline(lines, start)
    title = headline(lines, start)
    start = skip_standfirst(lines, start, title)
    first = start
    start, end = extend_span(lines, start, end, title)
    if title is None and start < first and is_top_headline(lines, start, end):
        title, start = lines[start].text, start + 1
    body = keep_in_body(drop_repeats(lines[start:end]), lines, start, end)
    return Extracted(blocks=tuple(body_blocks(body)), title=title)


def prepare(text: str, lexicon: Lexicon) -> list[str]:
    """Non-blank trimmed lines, with unrendered template placeholders cut out; a line
    of nothing but invisible characters (zero-width spaces, a byte-order mark) is blank."""
    out: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if line[:1] in _INVISIBLE or line[-1:] in _INVISIBLE:
            line = line.strip(_INVISIBLE).strip()
        if line and lexicon.placeholder.search(line):
            line = lexicon.placeholder.sub(" ", line)
            line = _SPACES.sub(" ", line) if "  " in line else line
            line = line.strip() if any(ch.isalnum() for ch in line) else ""
        if line:
            out.append(line)
    return out


def classify(texts: list[str], lexicon: Lexicon) -> list[Line]:
    """Give each line its role.

    A repeated line is furniture, except a long sentence: all its copies stay
    paragraphs here, and :func:`watchfloor.extract.text_body.drop_repeats` leaves
    out the copies that repeat a passage of the body.
    """
    keys = [line_key(text) for text in texts]
    counts = Counter(keys)
    lines: list[Line] = []
    for text, key in zip(texts, keys, strict=True):
        words = count_words(text)
        role, penalty = _role(text, key, words, lexicon)
        if counts[key] > 1 and role is not Role.FURNITURE:
            long_sentence = role is Role.PARAGRAPH and words >= REPEAT_KEEP_WORDS
            role, penalty = (role, penalty) if long_sentence else (Role.REPEAT, FURNITURE_PENALTY)
        lines.append(Line(text, words, role, penalty, key))
    return lines


def _role(text: str, key: str, words: int, lexicon: Lexicon) -> tuple[Role, int]:
    penalty = furniture_penalty(text, key, words, lexicon)
    if penalty:
        return Role.FURNITURE, penalty
    if is_paragraph(text, words) and not is_date_range(text, words, lexicon):
        return Role.PARAGRAPH, 0
    return Role.OTHER, OTHER_PENALTY


def furniture_penalty(text: str, key: str, words: int, lexicon: Lexicon) -> int:
    """The penalty of a furniture line (by the lexicon, or a bare timestamp); 0 if none."""
    if key in lexicon.lines:
        return lexicon.lines[key]
    hits = [p for limit, p, pattern in lexicon.patterns if words <= limit and pattern.search(text)]
    if hits:
        return max(hits)
    return FURNITURE_PENALTY if is_timestamp(text, words, lexicon) else 0


def is_timestamp(text: str, words: int, lexicon: Lexicon) -> bool:
    """A line of only dates, times and words like "Updated" or "ago"."""
    if words > TIMESTAMP_MAX_WORDS or not lexicon.timestamp.fullmatch(text):
        return False
    if _PHONE.fullmatch(text) or _is_range(text):
        return False
    lowered = text.lower()
    return any(ch.isdigit() for ch in text) or any(w in lowered for w in _RELATIVE_TIME)


def is_date_range(text: str, words: int, lexicon: Lexicon) -> bool:
    """A line of only two dates or times joined as a range (see :func:`_is_range`)."""
    short = words <= TIMESTAMP_MAX_WORDS
    return short and _is_range(text) and bool(lexicon.timestamp.fullmatch(text))


def _is_range(text: str) -> bool:
    """Two dates or two times joined as a range ("29 November 2031 | 20 January 2032",
    "9.30 A.M. / 7.00 P.M."): when an event runs or a place opens, not when a story was
    published."""
    parts = _RANGE_SPLIT.split(text)
    if len(parts) != 2 or _STAMP_WORDS.search(text):
        return False
    return all(_DATE_OR_TIME.search(part) for part in parts)


def is_paragraph(text: str, words: int) -> bool:
    """A sentence-like line, or one long enough to be prose without punctuation."""
    if words >= MIN_SENTENCE_WORDS and ends_sentence(text):
        return True
    return words >= LONG_LINE_WORDS


def ends_sentence(text: str) -> bool:
    """Whether the line ends like a sentence: ".", "!", "?", ":", maybe a closing quote."""
    return bool(_SENTENCE_END.search(text))


def is_title_like(text: str, words: int, bounds: tuple[int, int] = TITLE_WORDS) -> bool:
    """A capitalised, unpunctuated line of headline length."""
    low, high = bounds
    return (
        low <= words <= high
        and len(text) <= 250
        and starts_like_title(text)
        and not _TITLE_BAD_END.search(text)
    )


def starts_like_title(text: str) -> bool:
    """Opens (after any quote or bracket) with a digit, a capital, or a letter of a
    script without case (Chinese, Arabic, Hebrew, Thai, ...)."""
    first = text.lstrip(_OPENERS)[:1]
    return bool(first) and (first.isdigit() or first.isupper() or _caseless(first))


def _caseless(char: str) -> bool:
    return char.isalpha() and char.lower() == char.upper()


def body_span(lines: list[Line]) -> tuple[int, int]:
    """``[start, end)`` of the best-scoring run of lines (maximum-sum subarray)."""
    best, best_span = 0, (0, 0)
    total, start = 0, 0
    for i, score in enumerate(line_scores(lines)):
        if total <= 0:
            total, start = 0, i
        total += score
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def line_scores(lines: list[Line]) -> list[int]:
    """Each line's score: a paragraph its words, any other line minus its penalty.

    A run of short lines with a paragraph on each side (a list, subheadings, an
    embedded post) costs at most ``INNER_RUN_PENALTY`` in all: inside a body
    such runs are article, and a long list must not split the body in two.
    """
    scores = [line.words if line.role is Role.PARAGRAPH else -line.penalty for line in lines]
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and lines[j].role in (Role.OTHER, Role.REPEAT):
            j += 1
        inner = 0 < i < j < len(lines) and lines[i - 1].role is lines[j].role is Role.PARAGRAPH
        if inner and -sum(scores[i:j]) > INNER_RUN_PENALTY:
            scores[i:j] = [0] * (j - i)
            scores[i] = -INNER_RUN_PENALTY
        i = max(j, i + 1)
    return scores


def split_run_in(text: str) -> list[tuple[BlockKind, str]]:
    """``[(SUBHEADING, question), (PARAGRAPH, answer)]`` for a run-in question, else one block."""
    match = _RUN_IN.match(text)
    if match:
        question, rest = match["q"], match["rest"]
        if _is_run_in(question, rest):
            return [(BlockKind.SUBHEADING, question), (BlockKind.PARAGRAPH, rest)]
    return [(BlockKind.PARAGRAPH, text)]


def _is_run_in(question: str, rest: str) -> bool:
    if len(question.split()) > RUN_IN_MAX_WORDS or len(rest.split()) < RUN_IN_MIN_REST_WORDS:
        return False
    if _INNER_SENTENCE.search(question):
        return False
    quotes_open = question.count("“") != question.count("”") or question.count('"') % 2
    return not quotes_open


def line_key(text: str) -> str:
    """A line as compared with the lexicon and with other lines: lower case, spaces
    collapsed, edge punctuation trimmed."""
    return _KEY_TRIM.sub("", _SPACES.sub(" ", text.lower()))
