"""HTML extraction: decoding, body blocks, metadata, fallbacks and skips.

The fixtures under ``tests/fixtures/html/`` are invented pages written for
these tests.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from trafilatura.utils import load_html

import watchfloor.extract.encoding as encoding_module
import watchfloor.extract.html as html_module
from watchfloor.extract.encoding import codec_name, decode_html, sniff_meta_charset
from watchfloor.extract.html import extract_html, find_language, find_published
from watchfloor.extract.html_fallback import best_candidate, has_prose, paragraph_cluster
from watchfloor.models import BlockKind, SkipError, SkipReason

FIXTURES = Path(__file__).parent / "fixtures" / "html"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def body_text(blocks: tuple[tuple[BlockKind, str], ...]) -> str:
    return "\n".join(text for _kind, text in blocks)


# --- a full news page ---------------------------------------------------------


@pytest.fixture(scope="module")
def news() -> Any:
    return extract_html(fixture("news_article.html"), url="https://courier.example/x?utm=1")


def test_news_body_keeps_paragraphs_and_subheadings(news: Any) -> None:
    kinds = [kind for kind, _text in news.blocks]
    assert kinds.count(BlockKind.SUBHEADING) == 2
    assert kinds.count(BlockKind.PARAGRAPH) == 5
    assert (BlockKind.SUBHEADING, "What happens next") in news.blocks
    assert news.blocks[0][1].startswith("The Kestrel Bay harbour authority has postponed")


def test_news_body_drops_page_furniture(news: Any) -> None:
    text = body_text(news.blocks)
    for furniture in (
        "cookies",
        "Accept all",
        "Share on social",
        "Related stories",
        "ferry terminal",
        "All rights reserved",
        "Weather",
    ):
        assert furniture not in text
    assert "Harbour authority delays" not in text  # the headline is the title, not body


def test_news_metadata(news: Any) -> None:
    assert news.title == "Harbour authority delays Kestrel Bay dredging plan"
    assert news.author == "Maren Oyelaran"
    assert news.published == "2024-03-14T09:30:00+01:00"
    assert news.source == "The Northshore Courier"
    assert news.language == "en"
    assert news.url == "https://courier.example/news/2024/03/kestrel-bay-dredging"


def test_str_input_gives_the_same_result(news: Any) -> None:
    again = extract_html(fixture("news_article.html").decode("utf-8"))
    assert again.blocks == news.blocks


# --- encodings ----------------------------------------------------------------


def test_windows_1252_page_with_wrong_utf8_declaration() -> None:
    data = fixture("cp1252_wrong_meta.html")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    extracted = extract_html(data, encoding="utf-8")  # the header is wrong as well
    text = body_text(extracted.blocks)
    assert "Après dix-huit mois" in text
    assert "« Nous avons gardé le comptoir d’origine et les céramiques »" in text
    assert "“C’est toujours notre café”" in text
    assert "\ufffd" not in text
    assert extracted.language == "fr"


def test_latin1_page_without_declaration() -> None:
    extracted = extract_html(fixture("latin1_undeclared.html"))
    text = body_text(extracted.blocks)
    assert "Bürgermeisterin Jördis Großmann" in text
    assert "ermäßigte Monatskarten" in text
    assert extracted.title == "Neue Fähre für den Seehafen"


def test_decode_order_bom_then_declared_then_meta() -> None:
    assert decode_html("café".encode("utf-16"), declared="iso-8859-1") == "café"
    assert decode_html(b"\xef\xbb\xbf<p>caf\xc3\xa9</p>") == "<p>café</p>"
    assert decode_html("<p>Straße</p>".encode("cp1252"), declared="windows-1252") == "<p>Straße</p>"
    page = '<meta charset="koi8-r"><p>Привет, мир, это проверка кодировки</p>'
    assert decode_html(page.encode("koi8-r")) == page


def test_utf8_bytes_win_over_a_single_byte_declaration() -> None:
    assert decode_html("<p>naïve café</p>".encode(), declared="iso-8859-1") == "<p>naïve café</p>"


def test_charset_helpers() -> None:
    declaration = b'<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'
    assert sniff_meta_charset(declaration) == "Shift_JIS"
    assert sniff_meta_charset(b"<html><p>none</p>") is None
    assert codec_name("ISO-8859-1") == "cp1252"
    assert codec_name("utf8") == "utf-8"
    assert codec_name("no-such-charset") is None


# --- fallbacks and skips --------------------------------------------------------


def test_short_page_goes_through_the_fallbacks() -> None:
    extracted = extract_html(fixture("short_brief.html"))
    text = body_text(extracted.blocks)
    assert len(text) < html_module.FALLBACK_BELOW_CHARS
    assert "Millbrook road bridge is closed" in text
    assert "reopen on Friday morning" in text
    assert extracted.published == "2024-05-02T16:45:00+00:00"


def test_fallback_used_when_trafilatura_finds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_module, "bare_extraction", lambda *args, **kwargs: None)
    extracted = extract_html(fixture("short_brief.html"))
    assert [text for _kind, text in extracted.blocks] == [
        "The Millbrook road bridge is closed in both directions"
        " after a lorry hit its parapet on Thursday.",
        "Engineers expect it to reopen on Friday morning.",
    ]


def test_paragraph_cluster_skips_furniture() -> None:
    tree = load_html(fixture("news_article.html").decode("utf-8"))
    assert tree is not None
    blocks = paragraph_cluster(tree)
    assert blocks[0][1].startswith("The Kestrel Bay harbour authority")
    assert (BlockKind.SUBHEADING, "Fishing cooperatives welcome the pause") in blocks
    assert not any("cookies" in text for _kind, text in blocks)


def test_best_candidate_needs_prose() -> None:
    links = [(BlockKind.PARAGRAPH, "Home News Sport Business Weather Culture Travel")]
    prose = [(BlockKind.PARAGRAPH, "The bridge reopened on Friday after repairs.")]
    assert not has_prose(links)
    assert best_candidate([links, prose]) == prose
    assert best_candidate([links]) == []


def test_page_without_article() -> None:
    with pytest.raises(SkipError) as caught:
        extract_html(fixture("no_article.html"))
    assert caught.value.reason is SkipReason.NO_ARTICLE


def test_binary_garbage() -> None:
    with pytest.raises(SkipError) as caught:
        extract_html(fixture("binary_garbage.bin"))
    assert caught.value.reason is SkipReason.BINARY
    with pytest.raises(SkipError) as caught:
        decode_html(b"\x89PNG\r\n\x1a\n" + b"\x10" * 64)
    assert caught.value.reason is SkipReason.BINARY


@pytest.mark.parametrize("data", [b"", b"   \n\t ", ""])
def test_empty_page(data: bytes | str) -> None:
    if data == b"":
        assert fixture("empty.html") == data
    with pytest.raises(SkipError) as caught:
        extract_html(data)
    assert caught.value.reason is SkipReason.EMPTY


def test_undecodable_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    # windows-1252 leaves five bytes undefined: with no detected charset, nothing fits these
    class NoMatch:
        def best(self) -> None:
            return None

    monkeypatch.setattr(encoding_module, "from_bytes", lambda _data: NoMatch())
    data = b"<p>" + bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 400 + b"</p>"
    with pytest.raises(SkipError) as caught:
        decode_html(data, declared="utf-8")
    assert caught.value.reason is SkipReason.DECODE_ERROR


# --- metadata helpers -------------------------------------------------------------


def _tree(markup: str) -> Any:
    tree = load_html(f"<html>{markup}<body><p>text</p><p>more</p></body></html>")
    assert tree is not None
    return tree


def test_zoned_json_ld_date_beats_a_bare_meta_date() -> None:
    tree = _tree(
        '<head><meta name="date" content="2023-07-01">'
        '<script type="application/ld+json">{"@graph": [{"@type": "WebSite"},'
        '{"@type": "NewsArticle", "datePublished": "2023-07-01T06:00:00Z"}]}</script></head>'
    )
    assert find_published(tree) == "2023-07-01T06:00:00+00:00"


def test_time_element_date_and_bare_date() -> None:
    stamp = "2022-02-03T10:00:00-05:00"
    zoned = _tree(f'<body><article><time datetime="{stamp}">3 Feb</time></article></body>')
    assert find_published(zoned) == "2022-02-03T10:00:00-05:00"
    bare = _tree('<head><meta property="article:published_time" content="2021-11-05"></head>')
    assert find_published(bare) == "2021-11-05"


def test_language_codes() -> None:
    assert find_language(_tree("")) is None
    tree = load_html('<html lang="pt-BR"><body><p>olá</p><p>mundo</p></body></html>')
    assert tree is not None and find_language(tree) == "pt"
    meta = _tree('<head><meta property="og:locale" content="de_DE"></head>')
    assert find_language(meta) == "de"


def test_bare_fragment_is_read_as_a_page() -> None:
    sentence = "The council voted on Tuesday to keep the library open for another year."
    extracted = extract_html(f"<div><p>{sentence}</p></div>")
    assert extracted.blocks == ((BlockKind.PARAGRAPH, sentence),)


def test_a_stray_bad_byte_does_not_overturn_the_declaration() -> None:
    page = "<p>Zürich, Genève and Besançon</p>" * 200
    data = page.encode("utf-8") + b"\xff" + "<p>café</p>".encode()
    text = decode_html(data, declared="utf-8")
    assert text.startswith("<p>Zürich, Genève and Besançon</p>")
    assert text.endswith("\ufffd<p>café</p>")
