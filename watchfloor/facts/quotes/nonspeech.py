"""Speech verbs that report no one's speech in their sentence.

"A banner saying 'stop the war'" and "placards asking X to resign" carry
slogans, not statements; "a programme called 'Open Doors'" and "what it calls
its waters" name things (but 'what she called "a farce"' quotes her); "when
asked whether ..." is a question put to the speaker.
"""

from __future__ import annotations

from watchfloor.facts.quotes.marks import QUOTE_CHARS, Token

# Things that bear written words: what a participle or relative clause on them "says".
SIGN_NOUNS = frozenset(
    {
        "banner", "placard", "sign", "poster", "billboard", "flag", "shirt", "t-shirt",
        "graffiti", "leaflet", "sticker", "slogan", "headline", "caption", "plaque",
    }
)  # fmt: skip
SIGN_REACH = 5  # words between a sign and the participle giving its words
NAMING_VERBS = frozenset({"call", "dub", "name", "term", "label", "brand", "title"})
ASKING = frozenset({"ask", "question", "press"})
CONDITION_MARKS = frozenset({"when", "if", "once", "after", "before", "unless", "until"})


def not_speech(verb: Token, key: str) -> bool:
    """Whether the speech verb, as used here, reports nobody's words."""
    return _on_a_sign(verb) or _what_it_calls(verb) or _names(verb, key) or _asked_of(verb)


def _own_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _on_a_sign(verb: Token) -> bool:
    """'a banner saying ...', 'signs which read ...', 'placards asking X to ...' however
    the parse hung the participle."""
    if verb.dep_ in ("acl", "relcl") and verb.head.lemma_.lower() in SIGN_NOUNS:
        return True
    if verb.tag_ != "VBG" or any(c.dep_ == "aux" for c in verb.children):
        return False
    for token in reversed(verb.doc[max(verb.i - SIGN_REACH, 0) : verb.i]):
        if token.pos_ in ("VERB", "AUX") or token.text in ",;:":
            return False
        if token.lemma_.lower() in SIGN_NOUNS:
            return True
    return False


def _what_it_calls(verb: Token) -> bool:
    """'what it calls its waters', 'what organisers estimated at 9,000 people': the verb
    qualifies a noun phrase; only quoted words make it a quote ('what she called "X"')."""
    if not any(t.lower_ == "what" and verb.i - 3 <= t.i < verb.i for t in verb.subtree):
        return False  # 'what' opens the verb's clause, just before it
    return not any(t.text in QUOTE_CHARS for t in verb.subtree)


def _names(verb: Token, key: str) -> bool:
    """'a programme called "Open Doors"'."""
    if key not in NAMING_VERBS:
        return False
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    return bool(
        before is not None
        and before.pos_ in ("NOUN", "PROPN")
        and not _own_subject(verb)
        and not any(c.dep_ == "dobj" for c in verb.children)
    )


def _asked_of(verb: Token) -> bool:
    """'X, when asked whether ..., told ...', 'Asked whether ..., he said': a bare
    participle of a question put to the speaker, or one after 'when', 'if' ..."""
    if verb.tag_ != "VBN" or any(c.dep_ in ("aux", "nsubj") for c in verb.children):
        return False
    if verb.lemma_.lower() in ASKING and verb.dep_ in ("advcl", "ROOT", "ccomp"):
        return True
    return any(c.lower_ in CONDITION_MARKS and c.i < verb.i for c in verb.children)
