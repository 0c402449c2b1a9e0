"""Every language is ingested: extracted, dated, de-duplicated, stored and searchable.

The texts below were written for this test. The NLP stage reads English only:
articles in other languages are stored with their language and no facts, and the
ingest summary and the brief say how many were stored and not analysed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from watchfloor.brief import build_brief
from watchfloor.extract import extract
from watchfloor.languages import describe, is_analysed, not_analysed
from watchfloor.models import Page, PageKind
from watchfloor.service import IngestOptions, ingest
from watchfloor.store import Store

FAST = IngestOptions(analyse=False)

TEXTS = {
    "de": (
        "Hafenstreit in Kaldern beigelegt",
        "24. Juni 2025",
        "Nach drei Wochen Streik haben die Hafenarbeiter von Kaldern am Dienstag eine Einigung "
        "mit der Hafenverwaltung erzielt. Die Löhne steigen im kommenden Jahr um vier Prozent.\n\n"
        "Die Gewerkschaft sprach von einem wichtigen Schritt, die Verwaltung von einem fairen "
        "Kompromiss. Die ersten Schiffe sollen bereits am Mittwoch wieder entladen werden.",
    ),
    "ru": (
        "Переговоры о порте возобновятся в июле",
        "24 июня 2025",
        "Делегации двух соседних стран встретились во вторник в портовом городе Калдер, чтобы "
        "обсудить совместное использование гавани. Это первая такая встреча за шесть лет.\n\n"
        "Министр торговли заявила, что надеется на соглашение до начала летнего сезона "
        "судоходства. Следующий раунд переговоров пройдёт в июле.",
    ),
    "fr": (
        "Les négociations sur le port reprendront en juillet",
        "24 juin 2025",
        "Les délégations des deux pays voisins se sont réunies mardi dans la ville portuaire de "
        "Calder pour discuter de l'usage commun du port, une première depuis six ans.\n\n"
        "La ministre du Commerce a dit espérer un accord avant le début de la saison estivale. "
        "Le prochain cycle de négociations aura lieu en juillet.",
    ),
    "zh": (
        "港口谈判将于七月恢复",
        "2025年6月24日",
        "两个邻国的代表团周二在港口城市卡尔德会面，讨论共同使用港口的问题，这是六年来的首次此类会议。"
        "双方表示，会谈富有建设性，但海关检查等问题仍未解决。\n\n"
        "贸易部长表示，希望在夏季航运季节开始之前达成协议。下一轮谈判将于七月在贝尔港举行。"
        "分析人士认为，这次会谈可能为地区贸易带来新的机会。",
    ),
    "ko": (
        "항구 협상 7월에 재개",
        "2025년 6월 24일",
        "두 이웃 나라의 대표단이 화요일 항구 도시 칼더에서 만나 항구의 공동 사용 문제를 논의했다. "
        "이런 회의는 6년 만에 처음이다. 양측은 회담이 건설적이었다고 밝혔다.\n\n"
        "통상장관은 여름 해운 시즌이 시작되기 전에 합의에 이르기를 바란다고 말했다. "
        "다음 협상은 7월에 벨포트에서 열릴 예정이다.",
    ),
}


def write_records(folder: Path) -> list[str]:
    paths = []
    for language, (title, published, text) in TEXTS.items():
        path = folder / f"harbour-{language}.json"
        record = {"title": title, "text": text, "published": published, "source": "Example"}
        path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        paths.append(str(path))
    return paths


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_every_language_is_extracted_with_its_language_and_date(language: str) -> None:
    title, published, text = TEXTS[language]
    page = Page(f"harbour-{language}.txt", PageKind.TEXT, f"{title}\n\n{text}")
    article = extract(page)
    assert article.language == language
    assert article.text.split()[0] == text.split()[0]
    record = Page(f"r-{language}", PageKind.RECORD, text, title=title, published=published)
    assert extract(record).published == "2025-06-24"


def test_non_latin_html_page_keeps_its_text() -> None:
    title, _published, text = TEXTS["ru"]
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    html = (
        f"<html lang='ru'><head><meta charset='utf-8'><title>{title}</title></head><body>"
        f"<nav><a href='/'>Главная</a></nav><article><h1>{title}</h1>{paragraphs}</article>"
        "</body></html>"
    ).encode()
    article = extract(Page("ru.html", PageKind.HTML, html))
    assert article.language == "ru" and article.title == title
    assert "Калдер" in article.text and "Главная" not in article.text


def test_all_languages_are_stored_once_and_searchable(
    any_store: Store, store_url: str, tmp_path: Path
) -> None:
    paths = write_records(tmp_path)
    summary = ingest(any_store, paths, FAST)
    assert summary.ingested == len(TEXTS) and not summary.skipped
    assert summary.not_analysed == {"de": 1, "fr": 1, "ko": 1, "ru": 1, "zh": 1}
    assert any_store.language_counts() == {lang: 1 for lang in TEXTS}
    again = ingest(any_store, paths, FAST)
    assert again.ingested == 0 and again.unchanged == len(TEXTS)

    def found(query: str) -> list[str]:
        return [row.doc_id for row in any_store.list_articles(search=query)]

    assert found("гавани") == ["harbour-ru"]
    if store_url.startswith("sqlite"):
        # FTS5 folds case in every script; PostgreSQL does so for letters outside ASCII
        # only in a database with a UTF-8 locale, and the test server's locale is C
        assert found("ГАВАНИ") == ["harbour-ru"]
    assert found("Löhne") == ["harbour-de"]
    assert found("港口") == ["harbour-zh"]  # Chinese: no spaces between words
    assert found("海关检查") == ["harbour-zh"]
    assert found("항구") == ["harbour-ko"]  # Korean: the word, whatever particle follows
    assert found("회담") == ["harbour-ko"]
    assert found("港口 OR гавани") in (["harbour-zh"], [])  # never an error
    assert found("不存在的词") == []


def test_near_copy_in_an_unspaced_script_is_a_duplicate(store: Store, tmp_path: Path) -> None:
    title, published, text = TEXTS["zh"]
    changed = text.replace("会谈富有建设性", "会谈很有成效")  # one clause reworded
    for name, body in (("a", text), ("b", changed)):
        record = {"title": title, "text": body, "published": published}
        (tmp_path / f"{name}.json").write_text(json.dumps(record, ensure_ascii=False), "utf-8")
    summary = ingest(store, [str(tmp_path / "a.json"), str(tmp_path / "b.json")], FAST)
    assert (summary.ingested, summary.duplicates) == (1, 1)


def test_only_english_is_analysed_and_the_rest_is_reported(store: Store, tmp_path: Path) -> None:
    english = tmp_path / "en.json"
    english.write_text(
        json.dumps(
            {
                "title": "Harbour talks open",
                "published": "2025-06-24",
                "text": "Officials from Northland and Eastmark met in Calder on Tuesday to "
                "open talks on the harbour. Trade Minister Ada Penrose said she hoped for "
                "an agreement before the summer.",
            }
        )
    )
    summary = ingest(store, [str(english), *write_records(tmp_path)], IngestOptions())
    assert summary.analysed == len(TEXTS) + 1
    russian = store.get_article("harbour-ru")
    assert russian is not None and store.is_analysed(russian.id)
    assert store.list_facts("quotes", search="Калдер") == []
    brief = build_brief(store, "all")
    assert brief.not_analysed == (("de", 1), ("fr", 1), ("ko", 1), ("ru", 1), ("zh", 1))
    assert "Stored but not analysed" in brief.summary and "ru 1" in brief.summary


def test_language_helpers() -> None:
    assert is_analysed("en") and is_analysed(None) and not is_analysed("fr")
    assert not_analysed({"en": 4, "fr": 1, "ru": 3}) == {"ru": 3, "fr": 1}
    assert describe({"ru": 3, "fr": 1}) == "4 articles in 2 languages (ru 3, fr 1)"
    assert describe({}) == ""


def test_cli_ingest_says_what_was_stored_and_not_analysed(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from watchfloor.cli import app

    db = f"sqlite:///{tmp_path / 'cli.db'}"
    result = CliRunner().invoke(
        app, ["ingest", *write_records(tmp_path), "--db", db, "--no-analyse"]
    )
    assert result.exit_code == 0, result.output
    assert "stored, not analysed" in result.output
    assert "5 articles in 5 languages" in " ".join(result.output.split())


@pytest.mark.parametrize("language", ["de", "ru", "fr", "zh", "ko"])
@pytest.mark.parametrize("lang_attribute", [True, False], ids=["lang", "no-lang"])
def test_date_written_only_in_the_pages_language_is_found(
    language: str, lang_attribute: bool
) -> None:
    title, published, text = TEXTS[language]
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    lang = f" lang='{language}'" if lang_attribute else ""
    html = (
        f"<html{lang}><head><meta charset='utf-8'><title>{title}</title></head><body>"
        f"<article><h1>{title}</h1><p>{published}</p>{paragraphs}</article></body></html>"
    ).encode()
    assert extract(Page(f"{language}.html", PageKind.HTML, html)).published == "2025-06-24"
