"""Bytes of an HTML page -> text.

The order of trust: a byte-order mark, then the charset the HTTP header
declared, then the page's own ``<meta charset>`` / ``http-equiv`` declaration,
then charset-normalizer's detection. A declaration is only taken when the bytes
decode cleanly under it, so a page that says UTF-8 but is really windows-1252
falls through to detection instead of coming out full of replacement
characters. Binary data (NUL bytes, image or archive signatures, control
characters) is refused before any of that.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from watchfloor.models import SkipError, SkipReason

SNIFF_BYTES = 4096  # where the meta declaration must be, and the binary test looks
DETECT_BYTES = 64 * 1024  # what charset-normalizer sees at most
MAX_STRAY_SHARE = 0.05  # of the non-ASCII characters: more misfits and a declaration is wrong
MAX_NONSENSE_SHARE = 0.02  # beyond this share of U+FFFD or C1 controls a decoding is nonsense
MAX_CONTROL_SHARE = 0.05

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BINARY_SIGNATURES = (
    b"%PDF",
    b"\x89PNG",
    b"GIF87a",
    b"GIF89a",
    b"\xff\xd8\xff",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"BZh",
    b"\x7fELF",
    b"RIFF",
    b"OggS",
    b"ID3",
)
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_NON_ASCII = re.compile("[^\x00-\x7f]")
_NONSENSE = re.compile("[\x80-\x9f\ufffd]")
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
# WHATWG: these labels mean windows-1252 on the web; it only differs in 0x80-0x9F
_WEB_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252"}
_UNICODE_CODECS = frozenset({"utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32"})


def decode_html(data: bytes | str, declared: str | None = None) -> str:
    """The text of an HTML page, decoded by the most trustworthy charset that fits."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    if not data:
        return ""
    if not data.startswith(tuple(bom for bom, _ in _BOMS)):  # a BOM outranks declarations
        _refuse_binary(data)
        for label in (declared, sniff_meta_charset(data)):
            text = _try_declared(data, label)
            if text is not None:
                return text
    return decode_bytes(data)


def decode_bytes(data: bytes) -> str:
    """Undeclared text of any kind: by its byte-order mark, else UTF-8, else detection.

    Raises ``SkipError`` (BINARY or DECODE_ERROR) for bytes that are no text.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace")
    _refuse_binary(data)
    return _detect(data)


def sniff_meta_charset(data: bytes) -> str | None:
    """The charset named by a ``<meta>`` tag near the top of the page, if any."""
    match = _META_CHARSET.search(data[:SNIFF_BYTES])
    return match.group(1).decode("ascii") if match else None


def codec_name(label: str | None) -> str | None:
    """Python's codec for a charset label, with web aliases applied; None if unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return _WEB_ALIASES.get(name, name)


def _refuse_binary(data: bytes) -> None:
    head = data[:SNIFF_BYTES]
    if head.startswith(_BINARY_SIGNATURES):
        raise SkipError(SkipReason.BINARY, "binary file signature")
    if b"\x00" in head:
        raise SkipError(SkipReason.BINARY, "NUL bytes: not a text document")
    controls = sum(head.count(byte) for byte in _CONTROL_BYTES)
    if controls > MAX_CONTROL_SHARE * len(head):
        raise SkipError(SkipReason.BINARY, "control characters: not a text document")


def _try_declared(data: bytes, label: str | None) -> str | None:
    """Decode by a declared charset, or None when the bytes don't fit it."""
    codec = codec_name(label)
    if codec is None:
        return None
    if codec not in _UNICODE_CODECS and not data.isascii():
        # valid UTF-8 beyond ASCII is UTF-8 whatever the page claims
        text = _strict(data, "utf-8")
        if text is not None:
            return text
    if codec.startswith(("utf-16", "utf-32")):
        codec = "utf-8"  # a page read as bytes without a BOM isn't UTF-16 whatever it says
    text = _strict(data, codec)
    if text is None:
        # a stray bad byte (a truncated page, one pasted character) among text that fits is no
        # reason to distrust the declaration; a page where little beyond ASCII fits is wrong
        text = data.decode(codec, errors="replace")
        if text.count("\ufffd") > MAX_STRAY_SHARE * len(_NON_ASCII.findall(text)):
            return None
    return text


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(data: bytes) -> str:
    """Decode undeclared (or wrongly declared) bytes: UTF-8, else the detected charset."""
    text = _strict(data, "utf-8")
    if text is not None:
        return text
    for codec in _detected_codecs(data):
        text = data.decode(codec, errors="replace")
        if len(_NONSENSE.findall(text)) <= MAX_NONSENSE_SHARE * len(text):
            return text
    raise SkipError(SkipReason.DECODE_ERROR, "no character encoding fits the bytes")


def _detected_codecs(data: bytes) -> list[str]:
    sample = (
        data
        if len(data) <= DETECT_BYTES
        else data[: DETECT_BYTES // 2] + data[-DETECT_BYTES // 2 :]
    )
    codecs_found: list[str] = []
    best = from_bytes(sample).best()
    if best is not None:
        codecs_found.append(best.encoding)
    codecs_found.append("cp1252")  # the web's commonest non-Unicode charset, as a last try
    return [codec for codec in codecs_found if codec_name(codec) is not None]
