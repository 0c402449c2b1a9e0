"""The body of scraped page text, once its best run of lines is known.

:func:`watchfloor.extract.text.body_span` finds the best-scoring run of lines.
This module widens it where the scores undersell the article and turns it into
blocks:

* an article that goes on after a promo heading in its middle ("Most read" and
  three teaser headlines, then the rest of the story) keeps its tail; the
  heading and its teasers are left out;
* short lines right after the last paragraph (a list of dates or products that
  ends the article, "(Reporting by ...; Editing by ...)", a box of details with a
  one-word label such as "Staff" over an unpunctuated list of names, and a phone
  number) are kept when furniture
  or the end of the text closes them, and so are the story's reference lines
  ("More information: ...", "Provided by ...") and the credit of its picture
  ("© Reuters", "(Image credit: ...)") right after it, or after it with only
  furniture and a newsletter box's pitch between;
* short lines right before the first paragraph (a score box, a spec line, the
  items and short exclamations of release notes) are
  kept back to the headline, a byline or date line or furniture, never a name,
  a writer's post or a caption (:func:`watchfloor.extract.text_title.is_top_line`),
  and so is an unpunctuated first line of prose;
* a numbered list right after the last paragraph ("1) ...", "2) ...", each item
  with a link below it) is kept to its last item, however long, and so are
  product cards (:mod:`watchfloor.extract.text_cards`);
* inside the body every short line is kept: an embedded post and its
  attribution line, the items of a list, subheadings one after another, and a
  line repeated on purpose (a meal plan) at every copy, unless a copy of it is
  also outside the body (a site name or menu printed on every part of the page);
  a newsletter box inside the body goes whole, its pitch with its sign-up lines;
  a live blog's entry times ("10 p.m.", "4:14 p.m." over a paragraph, two or more
  of them) stay although a lone time is furniture, and so does the credit of the
  story's picture right over a promo box inside the body;
* a paragraph repeated on purpose (an interviewer's question put to each guest,
  a meal plan) is kept at every copy; what is left out is a later copy of a
  passage of two or more paragraphs (the article printed twice), a copy right
  after itself, and a copy that only ends the body (a standfirst repeated below
  the story).
"""

from __future__ import annotations

import re
from collections import Counter

from watchfloor.extract.text import (
    FURNITURE_PENALTY,
    Line,
    Role,
    ends_sentence,
    is_title_like,
    split_run_in,
)
from watchfloor.extract.text_cards import cards_follow, product_cards
from watchfloor.extract.text_title import is_top_line
from watchfloor.models import BlockKind

MAX_TEASERS = 5  # lines between a promo heading and the article's continuation
TAIL_MIN_WORDS = 30  # the continuation after a promo heading holds at least this much
TAIL_MIN_PARAGRAPHS = 2  # ... in this many paragraphs, or one this long:
TAIL_LONG_PARAGRAPH = 40
MAX_TRAILING = 40  # short lines after the last paragraph taken as the article's own
LABEL_PENALTY = FURNITURE_PENALTY  # a label in a fact box is plain furniture, no heading of a box
MAX_LEADING = 8  # ... and before the first paragraph
SHORT_PARAGRAPH_WORDS = 6  # ... among them exclamations and questions this short
PROSE_MIN_WORDS = 12  # an unpunctuated edge line this long, mostly lower case, is prose
PROSE_LOWER_SHARE = 0.7
COMMENTS_PENALTY = 50  # furniture.toml's comments family: nothing after it is article
SUBHEADING_MAX_WORDS = 15
SIGNUP_PITCH_MAX_WORDS = 40  # most words of a newsletter pitch between two sign-up lines
SUBHEADING_LOOKAHEAD = 3  # a subheading is followed by a paragraph within this many lines

PASSAGE_SHARE = 0.5  # a repeated passage this share of the article is the article printed twice
LIST_MIN_ITEMS = 3  # a numbered list after the body has at least this many items
LIST_START = 2  # ... and starts within this many lines of the last paragraph
LIST_ITEM_LINES = 4  # most lines one item of a numbered list takes

_DATELINE = re.compile(  # a byline or date line: a year, a numeric date, a time, "By ..."
    r"(?<!\d)(?:19|20)\d\d(?!\d)|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{1,2}:\d\d\b"
    r"|^(?:by|posted|published|updated)\b",
    re.I,
)
_END_CREDIT = re.compile(  # the credit of the article's picture: "© Reuters", "(Image credit: X)"
    r"^(?!.*\brights\b)(?:©\s*[^\d\s][^\d]{0,40}"
    r"|\(?(?:main |lead |top )?(?:image|photo|picture)\s+(?:credit|source)s?\s*:\s*[^)]{2,80}\)?)$",
    re.I,
)
_SIGNUP = re.compile(
    r"\b(?:sign ?up|subscribe|subscription|newsletters?|e-?mails?|inbox|unsubscribe|opt out)\b",
    re.I,
)
_REFERENCE = re.compile(  # the story's sources: "More information: ...", "Provided by ..."
    r"^(?:more information|further information|journal (?:reference|information)|references?"
    r"|sources?|provided by)\b\s*:?\s*\S",
    re.I,
)
_CLOCK = re.compile(  # a time of day alone: "10 p.m.", "4:14 p.m.", "09:30 GMT"
    r"^(?:[01]?\d|2[0-3])(?::[0-5]\d(?:\s*[ap]\.?m\.?)?|\s*[ap]\.?m\.?)(?:\s+[A-Z]{2,4})?$", re.I
)
LIVE_MIN_TIMES = 2  # a body with this many time-of-day lines between paragraphs is a live blog
_ENCLOSED = re.compile(r"^\(.{3,}\)$")
_ITEM = re.compile(r"^\(?(\d{1,3})[.)]\s+\S")
_ATTRIBUTION = re.compile(r"^[—–-]{1,2}\s*\S")
_KEEP = (Role.PARAGRAPH, Role.OTHER, Role.REPEAT)
_SHORT = (Role.OTHER, Role.REPEAT)


def extend_span(lines: list[Line], start: int, end: int, title: str | None) -> tuple[int, int]:
    """The body span ``[start, end)`` widened over a tail after a mid-article promo
    heading and over unpunctuated first and last lines of the story."""
    end = _continuation(lines, end)
    listed = max(_numbered_list(lines, end), product_cards(lines, end))
    end = listed if listed > end else _trailing_run(lines, end)
    end += 1 if end < len(lines) and is_end_credit(lines[end]) else 0
    return _leading_run(lines, start, title), end


def _continuation(lines: list[Line], end: int) -> int:
    """``end``, or the end of the article's continuation after a promo heading."""
    if end >= len(lines) or not lines[end].is_boundary or lines[end].penalty >= COMMENTS_PENALTY:
        return end
    j = end + 1
    while j < len(lines) and j - end <= MAX_TEASERS and lines[j].role is not Role.PARAGRAPH:
        if lines[j].is_boundary:
            return end
        j += 1
    k = j
    while k < len(lines) and lines[k].role is Role.PARAGRAPH:
        k += 1
    run = lines[j:k]
    words = sum(line.words for line in run)
    long_enough = len(run) >= TAIL_MIN_PARAGRAPHS or words >= TAIL_LONG_PARAGRAPH
    return k if run and words >= TAIL_MIN_WORDS and long_enough else end


def _numbered_list(lines: list[Line], end: int) -> int:
    """``end`` past a numbered list that starts right after the body: items numbered
    1, 2, 3, ... in order, each with as many lines below it as the one before."""
    expected, last, gap = 1, -1, 1
    j = end
    while j < len(lines) and lines[j].role in _KEEP:
        match = _ITEM.match(lines[j].text)
        if match and int(match[1]) == expected:
            gap = j - last if last >= 0 else gap
            last, expected = j, expected + 1
        elif j - (last if last >= 0 else end - 1) > (LIST_ITEM_LINES if last >= 0 else LIST_START):
            break
        j += 1
    if expected <= LIST_MIN_ITEMS:
        return end
    tail = last + 1
    while tail < min(j, last + gap) and not _ITEM.match(lines[tail].text):
        tail += 1
    return tail


def _trailing_run(lines: list[Line], end: int) -> int:
    """``end`` past the short lines right after the body (a list that ends the article,
    "(Reporting by ...; Editing by ...)", a fact box) when furniture or the end of the
    text closes them within ``MAX_TRAILING`` lines; else past the lines that read as
    the story's last (:func:`_is_trailer`: "(Reporting by ...)", "(Graphic: ...)")."""
    for in_run in (_in_fact_box, _is_short):  # the wider run first, where furniture closes it
        j = end
        while j < len(lines) and j - end < MAX_TRAILING and in_run(lines, j, end):
            j += 1
        if j > end and (j == len(lines) or lines[j].role is Role.FURNITURE):
            return j
    while end < len(lines) and _is_trailer(lines[end]):
        end += 1
    return end


def _is_short(lines: list[Line], j: int, end: int) -> bool:
    return lines[j].role in _SHORT


def _in_fact_box(lines: list[Line], j: int, end: int) -> bool:
    """A line of a box of details after the story (dates, prices, a phone number): a
    short line, an unpunctuated long one (a list of names and roles), or a one-word
    label the lexicon takes for furniture ("Staff", "Contact") over such a long line."""
    line = lines[j]
    if line.role in _SHORT:
        return True
    if j == end:  # the box opens with a short line
        return False
    if line.role is Role.PARAGRAPH:
        return not ends_sentence(line.text)
    below = lines[j + 1] if j + 1 < len(lines) else None
    label = line.role is Role.FURNITURE and line.words == 1 and line.penalty <= LABEL_PENALTY
    return label and below is not None and below.role is Role.PARAGRAPH


def _leading_run(lines: list[Line], start: int, title: str | None) -> int:
    """``start`` back over the short lines between the furniture above the body (a
    byline, a date, a share bar) and its first paragraph, the headline left out; else
    back over one unpunctuated line of prose."""
    i = start
    while i > 0 and start - i < MAX_LEADING and _leading(lines[i - 1]):
        if lines[i - 1].text == title or _is_dateline(lines[i - 1]) or is_top_line(lines[i - 1]):
            break
        i -= 1
    if i < start and i > 0 and _closes_top(lines, i - 1, title):
        return i
    if start > 0 and lines[start - 1].text != title and _is_prose(lines[start - 1]):
        return start - 1
    return start


def _leading(line: Line) -> bool:
    """A line the article may open with before its first paragraph: a short line, or a
    short exclamation or question ("What is new in version 4.2?", "Offline maps are back!")."""
    short_sentence = line.role is Role.PARAGRAPH and line.words <= SHORT_PARAGRAPH_WORDS
    return line.role in _SHORT or short_sentence


def _closes_top(lines: list[Line], k: int, title: str | None) -> bool:
    """Whether ``lines[k]`` ends the page's top above the body: furniture, a byline or
    date line, or the headline when it is no item of a list of headline-like lines
    (a teaser list, where the headline picked is only a guess)."""
    line = lines[k]
    if line.role is Role.FURNITURE or _is_dateline(line):
        return True
    if line.text != title:
        return False
    above = lines[k - 1] if k > 0 else None
    return above is None or not (above.role in _SHORT and is_title_like(above.text, above.words))


def _is_dateline(line: Line) -> bool:
    """A byline or date line under a headline; not an embedded post's attribution
    ("— Name (@handle) June 6, 2031"), which is the post's last line."""
    return bool(_DATELINE.search(line.text)) and not _ATTRIBUTION.match(line.text)


def is_end_credit(line: Line) -> bool:
    """A picture credit, the kind of furniture line kept when it ends the body: the
    credit of the article's own picture, printed under the story."""
    return line.role is Role.FURNITURE and bool(_END_CREDIT.match(line.text))


def _is_trailer(line: Line) -> bool:
    """An unpunctuated line that ends a story: a credit in brackets, an attribution
    after a dash, a source or reference line, or a line of prose."""
    if line.role is not Role.OTHER:
        return False
    if _ENCLOSED.match(line.text) or _ATTRIBUTION.match(line.text) or _REFERENCE.match(line.text):
        return True
    return _is_prose(line)


def _is_prose(line: Line) -> bool:
    """An unpunctuated line that reads as a sentence: long, and mostly lower case."""
    if line.role is not Role.OTHER or line.words < PROSE_MIN_WORDS:
        return False
    words = line.text.split()
    lower = sum(1 for word in words if word[:1].islower())
    return lower / len(words) >= PROSE_LOWER_SHARE


def drop_repeats(body: list[Line]) -> list[Line]:
    """The body with the later copies of a repeated passage left out (see the module).

    A passage is a run of lines each of which copies an earlier line, and in the
    same order as the earlier lines.
    """
    copies: list[set[int]] = []  # for each line, where its earlier copies are
    seen: dict[str, set[int]] = {}
    for i, line in enumerate(body):
        copies.append(set(seen.get(line.key, ())))
        seen.setdefault(line.key, set()).add(i)
    article = sum(ln.words for ln, c in zip(body, copies, strict=True) if _prose(ln) and not c)
    drop: set[int] = set()
    i = 0
    while i < len(body):
        j = i + 1
        while copies[i] and j < len(body) and any(c - 1 in copies[j - 1] for c in copies[j]):
            j += 1
        if copies[i]:
            drop.update(_passage_drops(body, copies, (i, j), article))
        i = j
    return [line for k, line in enumerate(body) if k not in drop]


def _prose(line: Line) -> bool:
    return line.role is Role.PARAGRAPH


def _passage_drops(
    body: list[Line], copies: list[set[int]], span: tuple[int, int], article: int
) -> list[int]:
    """The lines of the repeated passage ``body[i:j]`` to leave out; ``article`` is
    the words of the body's paragraphs that are no copy."""
    i, j = span
    paragraphs = [k for k in range(i, j) if body[k].role is Role.PARAGRAPH]
    words = sum(body[k].words for k in paragraphs)
    if len(paragraphs) >= 2 and words >= PASSAGE_SHARE * article:
        return list(range(i, j))
    new_after = any(
        line.role is Role.PARAGRAPH and not copies[k] for k, line in enumerate(body[j:], j)
    )
    return [k for k in paragraphs if not new_after or k - 1 in copies[k]]


def keep_in_body(body: list[Line], lines: list[Line], start: int, end: int) -> list[Line]:
    """The body lines that are article: no furniture, no teasers after a promo heading
    inside the body, and no repeated line with a copy outside the body."""
    inside = Counter(line.key for line in lines[start:end] if line.role is Role.REPEAT)
    everywhere = Counter(line.key for line in lines if line.role is Role.REPEAT)
    kept: list[Line] = []
    teasers = False
    forced = _entry_times(body) | _credits_over_boxes(body)
    after = lines[end] if end < len(lines) else None
    credit: tuple[int, Line] | None = None  # a picture credit, and the lines kept before it
    for k, line in enumerate(body):
        if k in forced:
            kept.append(line)
            continue
        if is_end_credit(line):
            credit = (len(kept), line)
        if line.is_boundary:
            teasers = not cards_follow(body, k)
        elif line.role is Role.PARAGRAPH:
            teasers = False
        if line.role not in _KEEP or (teasers and line.role is not Role.PARAGRAPH):
            continue
        if _in_signup_box(body, k, after):
            continue
        if line.role is Role.REPEAT and inside[line.key] < everywhere[line.key]:
            continue
        kept.append(line)
    if credit is not None and credit[0] == len(kept):  # nothing kept after it: the story's end
        kept.append(credit[1])
    return kept


def _credits_over_boxes(body: list[Line]) -> set[int]:
    """The picture credits right over a promo heading inside the body (the story's
    part ends there)."""
    return {
        k for k, line in enumerate(body[:-1]) if is_end_credit(line) and body[k + 1].is_boundary
    }


def _entry_times(body: list[Line]) -> set[int]:
    """The time-of-day lines ("10 p.m.", "4:14 p.m.") that head the entries of a live
    blog: each has a paragraph under it, and the body holds at least two of them."""
    found = {
        k
        for k, line in enumerate(body[:-1])
        if k > 0 and _CLOCK.match(line.text) and body[k + 1].role is Role.PARAGRAPH
    }
    return found if len(found) >= LIVE_MIN_TIMES else set()


def _in_signup_box(body: list[Line], k: int, after: Line | None) -> bool:
    """A line between two sign-up lines ("Sign up to The Brief", the pitch, "Email
    address"): the pitch of a newsletter box inside the body, or ending it (``after``
    is the line after the body)."""
    below = body[k + 1] if k + 1 < len(body) else after
    if k == 0 or below is None or body[k].words > SIGNUP_PITCH_MAX_WORDS:
        return False
    return all(
        line.role is Role.FURNITURE and _SIGNUP.search(line.text) for line in (body[k - 1], below)
    )


def body_blocks(lines: list[Line]) -> list[tuple[BlockKind, str]]:
    """Paragraph and subheading blocks of the kept body lines."""
    blocks: list[tuple[BlockKind, str]] = []
    for i, line in enumerate(lines):
        if line.role is Role.PARAGRAPH:
            blocks.extend(split_run_in(line.text))
        elif _is_subheading(lines, i):
            blocks.append((BlockKind.SUBHEADING, line.text))
        else:
            blocks.append((BlockKind.PARAGRAPH, line.text))
    return blocks


def _is_subheading(lines: list[Line], i: int) -> bool:
    """A title-like line after the opening paragraph, with a paragraph below it, maybe
    after more such lines (a subheading and a sub-subheading)."""
    if i == 0 or not _heading_like(lines[i]):
        return False
    for line in lines[i + 1 : i + 1 + SUBHEADING_LOOKAHEAD]:
        if line.role is Role.PARAGRAPH:
            return True
        if not _heading_like(line):
            return False
    return False


def _heading_like(line: Line) -> bool:
    if line.role is Role.PARAGRAPH:
        return False
    short_ok = line.words >= 2 or line.text.endswith(("?", ":"))
    return short_ok and is_title_like(line.text.rstrip(":"), line.words, (1, SUBHEADING_MAX_WORDS))
