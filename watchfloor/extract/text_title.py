"""The headline of scraped page text: a title-like line just above the body.

A line a byline or a date follows is the headline first, and so is one over a
standfirst (one short paragraph with furniture under it) and one over a share bar
("Share on X", "Copy link", maybe a photo caption) with the first paragraph
under it; a headline that reads as a question or an exclamation counts when a
byline, a date or such a share bar is under it. Never
the headline: a byline, a date, a kicker, a writer's post ("Jane Doe, AP Writer"),
a caption with its credit, or (when a worded line is there) a name or a section
("Science & Astronomy"). Otherwise: after a
promo heading ("Trending now", "Most read") the lines that follow it are its
teasers and the headline is the last of them, the one nearest the body; with
no promo heading, the first title-like line among the few lines before the body
(a line repeated on the page only when no other qualifies: the headline is
sometimes printed twice, but so are taglines and menus). A short exclamation
or question on the way up ("Offline maps are back!") is the article's opening,
looked past, and a comments link ("Leave a comment") is no promo heading. When
none of these gives a headline and the body reaches up to the page's top
furniture, the plausible line right under that furniture is the headline
(:func:`is_top_headline`).
"""

from __future__ import annotations

import re

from watchfloor.extract.text import Line, Role, is_title_like

HEADLINE_LOOKBACK = 3  # non-furniture lines before the body searched for a headline
DEK_MAX_WORDS = 45  # a standfirst under the headline is one paragraph this short
DATELINE_MAX_WORDS = 16  # a line with a date this short is a dateline
NAME_MAX_WORDS = 4  # a line of this many capitalised words reads as a name or a section
SHORT_PARAGRAPH_WORDS = 6  # a paragraph this short above the body is passed over
COMMENTS_PENALTY = 50  # furniture.toml's comments family: a link to them is no promo heading
BAR_MAX_LINES = 8  # most lines of a share bar and caption between a headline and the body
BAR_MIN_SHARES = 2  # ... of which at least this many are share buttons
PROMO_LOOKBACK = 8  # ... or up to this many, for one a byline follows or after a promo heading

_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_BYLINE_OR_DATE = re.compile(
    rf"^by\s|\b{_MONTHS} \d{{1,2}}\b|\b\d{{1,2}} {_MONTHS} \d{{4}}|\d{{4}}-\d\d-\d\d"
    r"|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b",
    re.I,
)
_SHARE = re.compile(  # a share button: "Share on X", "Tweet", "Copy link", "Email"
    r"^(?:share\b|tweet\b|e-?mail$|copy (?:link|url)$|print$|pin it$|save$|"
    r"(?:facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|telegram|flipboard)$)",
    re.I,
)
_QUESTION_END = re.compile(r"[?!][\"'”’»)]*$")
_POST_OR_CAPTION = re.compile(
    # a name and the writer's post: "Jane Doe, AP Auto Writer", "Jane Doe - Staff Writer"
    r"^[^,|]{3,40}(?:,| -| –| \|) (?:[\w.]+ ){0,4}"
    r"(?:writer|reporter|correspondent|contributor|columnist|editor)$"
    r"|^[^,|]{3,40}, [\w-]+\.(?:com|org|net|co\.uk)$"  # "Jane Doe, Cleveland.com"
    # "Jane Doe, Business Insider": a name, then an outlet in capitalised words
    r"|^(?-i:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,3}, [A-Z][\w.'’&-]*(?: [A-Z][\w.'’&-]*){0,3})$"
    r"|\b(?:wire|news) (?:services?|reports)$|\b(?:editorial|news|sports) staff$"
    # a byline in another language: "Von Max Muster", "Текст: Лида Буслаева"
    r"|^(?:von|par|door|przez|автор|текст|text|texte)\s*:?\s+(?-i:[A-ZА-ЯЁ])"
    # two names: "Lisa Kaczke and Trevor J. Mitchell"
    r"|^(?-i:[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,2},? (?:and|&) "
    r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,2})$"
    # a photo credit: "Jane Doe/AGENCY"
    r"|^(?-i:[A-Z][\w.'’ -]{2,40}/[A-Z][\w.'’ -]{1,30})$"
    # a caption: its credit glued on ("... Austria.Leonhard Foeger / Reuters") or in brackets
    r"|(?-i:[a-z]{2}\.[A-Z])|\([^()]*(?:/|\bsource\b|\bphoto\b|\bcredit\b)[^()]*\)$",
    re.I,
)
_NOT_HEADLINE = re.compile(  # a byline, a date, a kicker ("Asia · Trade"), a post, a caption
    rf"{_BYLINE_OR_DATE.pattern}|\s[·|•]\s|^click\b|{_POST_OR_CAPTION.pattern}", re.I
)


def headline(lines: list[Line], start: int) -> str | None:
    """The headline among the non-furniture lines before ``start`` (see the module)."""
    found, after_promo = _headline_candidates(lines, start)
    titles = [i for i in reversed(found) if is_title_like(lines[i].text, lines[i].words)]
    titles = [i for i in titles if not _NOT_HEADLINE.search(lines[i].text)]
    over_byline = [i for i in titles if _over_byline(lines, i)]
    if over_byline:
        pick = _worded(lines, over_byline)[-1]
        switch = not after_promo and not _over_bar(lines, pick) and pick - 1 in titles
        if switch and _standfirst_of(lines, pick - 1):
            pick -= 1
        return lines[pick].text
    if after_promo:
        return lines[titles[-1]].text if titles else None
    near = set(found[:HEADLINE_LOOKBACK])
    nearest = [i for i in titles if i in near]
    nearest.sort(key=lambda i: lines[i].role is Role.REPEAT)  # stable: first unique one wins
    worded = [i for i in nearest if not is_name_like(lines[i])]
    return lines[worded[0]].text if worded else None


def is_top_headline(lines: list[Line], start: int, end: int) -> bool:
    """Whether ``lines[start]``, the first line of a body widened up to the page's top
    furniture, is the headline no nearer line gave: a plausible headline right under
    the furniture, with more body under it."""
    if not 0 < start < end - 1 or lines[start - 1].role is not Role.FURNITURE:
        return False
    return lines[start].role is Role.OTHER and _plausible(lines[start])


def _plausible(line: Line) -> bool:
    """A line that may be the headline: title-like, and no byline, caption or name."""
    if not is_title_like(line.text, line.words) or _NOT_HEADLINE.search(line.text):
        return False
    return not is_name_like(line)


def _standfirst_of(lines: list[Line], k: int) -> bool:
    """Whether ``lines[k + 1]``, found over an author's name and a date, is rather the
    standfirst of ``lines[k]``, a headline-like line right above it (with no promo
    heading above, where it would be the last teaser)."""
    below = lines[k + 1]
    direct = _is_byline_or_date(lines[k + 2]) or _is_dek(lines, k + 2)
    return (
        not direct
        and below.role is Role.OTHER
        and lines[k].role is Role.OTHER
        and _plausible(lines[k])
    )


def _worded(lines: list[Line], candidates: list[int]) -> list[int]:
    """The candidates that are no name or section (:func:`is_name_like`), if any."""
    return [i for i in candidates if not is_name_like(lines[i])] or candidates


def is_top_line(line: Line) -> bool:
    """A line of the page's top that is no article line: a name, a section, a
    writer's post or a caption with its credit."""
    return is_name_like(line) or bool(_POST_OR_CAPTION.search(line.text))


def is_name_like(line: Line) -> bool:
    """A short line of only capitalised words: a name ("Adam Clark Estes"), a section
    ("Science & Astronomy"), a kicker ("BLACK DEATH FEARS"); a headline has more words
    or a word in lower case, and a score line has numbers."""
    words = line.text.split()
    if len(words) > NAME_MAX_WORDS or any(ch.isdigit() for ch in line.text):
        return False
    # every word capitalised; a word in a script without case (Chinese) is no name
    return all(w[:1].isupper() or not w[:1].isalpha() for w in words)


def is_sentence_headline(lines: list[Line], i: int) -> bool:
    """A headline that reads as a sentence, a question or an exclamation ("Will the
    bank's third rise be its last?"), known by the byline or date line under it."""
    line = lines[i]
    if line.role is not Role.PARAGRAPH or not _QUESTION_END.search(line.text):
        return False
    return _over_byline(lines, i) and is_title_like(line.text, line.words)


def _over_byline(lines: list[Line], i: int) -> bool:
    """Whether a byline or date line is under ``lines[i]``, maybe under a standfirst
    or an author's name ("Jane Doe" over "14 May 2031")."""
    if i + 1 >= len(lines):
        return False
    below = lines[i + 1]
    if _is_byline_or_date(below) or _is_dek(lines, i + 1) or _over_bar(lines, i):
        return True
    # a name of two words: "Ferry Strike Ends" over a byline is a headline, not a name
    named = below.role in (Role.OTHER, Role.REPEAT) and is_name_like(below)
    named = named and not is_title_like(below.text, below.words)
    return named and i + 2 < len(lines) and _is_byline_or_date(lines[i + 2])


def _over_bar(lines: list[Line], i: int) -> bool:
    """Whether a share bar (furniture, maybe with a photo caption) is all that stands
    between ``lines[i]`` and a paragraph."""
    j, shares = i + 1, 0
    while j < len(lines) and j - i <= BAR_MAX_LINES and _in_bar(lines[j]):
        shares += lines[j].role is Role.FURNITURE and bool(_SHARE.match(lines[j].text))
        j += 1
    return shares >= BAR_MIN_SHARES and j < len(lines) and lines[j].role is Role.PARAGRAPH


def _in_bar(line: Line) -> bool:
    """A line of a share bar (or any furniture inside it), or a photo caption under it."""
    if line.role is Role.FURNITURE:
        return not line.is_boundary
    return line.role is Role.OTHER and bool(_POST_OR_CAPTION.search(line.text))


def skip_standfirst(lines: list[Line], start: int, title: str | None) -> int:
    """``start`` past a standfirst right under the headline that opens the run: one
    short paragraph with a byline or date and more furniture under it (a paragraph
    with one furniture line under it may be the story's first)."""
    opens = 0 < start < len(lines) - 2 and lines[start - 1].text == title
    if not opens or not _is_dek(lines, start) or not _is_byline_or_date(lines[start + 1]):
        return start
    return start + 1 if lines[start + 2].role is Role.FURNITURE else start


def skip_headline(lines: list[Line], start: int) -> int:
    """``start`` past a sentence headline that opens the best run of lines."""
    return start + 1 if start < len(lines) and is_sentence_headline(lines, start) else start


def _is_dek(lines: list[Line], i: int) -> bool:
    """A standfirst: one short paragraph between a title-like line and furniture (a
    byline, a date, a share bar)."""
    line = lines[i]
    if line.role is not Role.PARAGRAPH or line.words > DEK_MAX_WORDS or i == 0:
        return False
    if i + 1 >= len(lines) or lines[i + 1].role is not Role.FURNITURE:
        return False
    above = lines[i - 1]
    question = above.role is Role.PARAGRAPH and bool(_QUESTION_END.search(above.text))
    shaped = above.role in (Role.OTHER, Role.REPEAT) or question
    return shaped and is_title_like(above.text, above.words)


def _is_byline_or_date(line: Line) -> bool:
    """A byline or a date line, as follows a headline."""
    if line.role is Role.FURNITURE:
        return bool(_BYLINE_OR_DATE.search(line.text))
    if line.role is not Role.OTHER:
        return False
    # an embedded post's attribution ("— Name June 6, 2031") is the post's, not a byline
    short = line.words <= DATELINE_MAX_WORDS and not line.text.startswith(("—", "–", "-"))
    return line.text[:3].lower() == "by " or (short and bool(_BYLINE_OR_DATE.search(line.text)))


def _passed_over(lines: list[Line], i: int) -> bool:
    """A short exclamation or question above the body that is no headline (nothing
    under it says so): the article's own opening line, looked past."""
    line = lines[i]
    if line.role is not Role.PARAGRAPH or line.words > SHORT_PARAGRAPH_WORDS:
        return False
    return not is_sentence_headline(lines, i) and not _is_dek(lines, i)


def _headline_candidates(lines: list[Line], start: int) -> tuple[list[int], bool]:
    """The indexes of the non-furniture lines before the body, nearest first, and
    whether a promo heading is above them."""
    found: list[int] = []
    for i in range(start - 1, -1, -1):
        line = lines[i]
        if line.is_boundary and line.penalty < COMMENTS_PENALTY:
            return found, True
        if line.role is Role.FURNITURE:
            continue
        if _passed_over(lines, i):
            continue
        if line.role is Role.PARAGRAPH or len(found) >= PROMO_LOOKBACK:
            titled = any(_plausible(lines[j]) for j in found)
            if titled:  # a title-like line nearer the body: look no further
                break
            if is_sentence_headline(lines, i):
                found.append(i)
            elif _is_dek(lines, i):
                found.append(i - 1)
            break
        found.append(i)
    return found, False
