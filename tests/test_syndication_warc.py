"""A crawl with syndicated copies: each article is stored exactly once, a rerun adds nothing.

The archive (written here with warcio) holds three articles on their home site;
four syndicated copies of the first on other sites, each with one sentence
reworded (Jaccard 0.86 to 0.88 with the original) and each site's own furniture
inside ``<main>`` (a newsletter box, a trending list, a credit line); two exact
copies of the second; pages that are no article (an image, a 404, a section
front of links); and a record cut off mid-way at the end. Every text here was
written for this test.
"""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from watchfloor.service import IngestOptions, ingest
from watchfloor.store import Store

FAST = IngestOptions(analyse=False)

HARBOUR = [
    "Dock workers at the port of Calder walked off the job on Monday morning after talks "
    "over a new shift system broke down late on Sunday night.",
    "The union said the operator wanted to cut the number of crews on night shifts from "
    "four to three, a change it said would put lives at risk on the quays.",
    "The operator, Calder Port Holdings, said the new rota had been agreed with two of the "
    "three unions on the site and would save about nine million a year.",
    "Ships waiting to unload were turned away to Bellport and Hessel on Monday afternoon, "
    "and shipping agents said delays could last until the end of the week.",
    "Fruit importers warned that perishable cargo would be lost if the stoppage lasted "
    "more than three days, and asked the transport ministry to step in.",
    "Transport Minister Ada Penrose said she had spoken to both sides and urged them to "
    "return to talks, but ruled out forcing the workers back by decree.",
    "The last strike at the port, in 2029, lasted eleven days and cost the regional economy "
    "an estimated forty million in lost trade, according to the chamber of commerce.",
    "Union leaders said a ballot on further action would be held on Thursday if the "
    "operator did not withdraw the plan by Wednesday evening.",
    "Night crews at Calder handle about a fifth of the port's container traffic, most of "
    "it bound for the rail terminal at Fenwick and the warehouses beyond it.",
    "A spokesperson for the operator said the company remained open to talks and had "
    "offered a one-off payment to every worker who moved to the new rota.",
    "The union rejected the offer on Sunday, calling it an attempt to buy off the younger "
    "crews, who would lose most from the change in shift patterns.",
    "Port police said the picket lines outside the two main gates had been peaceful, with "
    "about two hundred workers taking part in the early morning.",
    "Local businesses that supply the port, from canteens to haulage firms, said they had "
    "sent staff home on Monday because there was no work for them.",
    "The chamber of commerce said it would ask both sides to accept an independent "
    "mediator if no agreement had been reached by the weekend.",
]
ORCHARD = [
    "A late frost across the northern valleys has destroyed about a third of this year's "
    "apple blossom, growers' associations said on Tuesday.",
    "Temperatures fell to six degrees below freezing on two nights last week, just as the "
    "trees in the Arden and Morrow valleys came into full flower.",
    "Growers who could afford frost fans and sprinklers saved most of their crop, but small "
    "family orchards on the upper slopes were hit hardest.",
    "The agriculture department said it would survey the damage before deciding whether "
    "to open its emergency fund, which last paid out after the floods of 2027.",
    "Cider makers said prices were likely to rise in the autumn, and some were already "
    "looking for fruit from growers in the south.",
]
LIBRARY = [
    "The city library on Mercer Square will close for eighteen months from September while "
    "its roof and heating are replaced, the council confirmed on Wednesday.",
    "Books most in demand will move to a temporary branch in the old post office on Quay "
    "Street, which will open six days a week during the works.",
    "Readers' groups had campaigned for the repairs for a decade, after water came through "
    "the reading room ceiling in three successive winters.",
    "The work will cost fourteen million, most of it from a national heritage grant awarded "
    "last year, and the building will reopen with a new children's floor.",
]

SITES = [
    (
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>",
        "<aside><h3>Get the Morning Wire</h3><p>The day's stories in your inbox at 7am.</p>"
        "<p><button>Sign up</button></p></aside>",
    ),
    (
        "<div class='cookie'>We use cookies to improve your experience. By continuing to use "
        "this site you agree to our use of cookies.</div>",
        "<h3>Trending now</h3><p><a href='/x'>Ferry fares rise again</a></p>"
        "<p><a href='/y'>New bridge design unveiled</a></p>",
    ),
    (
        "<header><a href='/'>Valley Times</a></header>",
        "<h3>Sign up for Valley Daily</h3><p>Our free newsletter, every weekday morning.</p>"
        "<p>By signing up you agree to our Privacy Policy.</p>",
    ),
    ("", "<p>(Reporting by Lena Fischer; Editing by Tomas Berg)</p>"),
]
REWORDED = [
    (
        3,
        "Several ships bound for Calder were sent on to Bellport and Hessel on Monday, and "
        "agents warned the delays might run until the end of the week.",
    ),
    (
        4,
        "Importers of fresh fruit said cargo would spoil if the walkout went on for more than "
        "three days, and called on the transport ministry to intervene.",
    ),
    (
        6,
        "The previous strike at Calder, in 2029, went on for eleven days and cost the region "
        "some forty million in lost trade, the chamber of commerce estimates.",
    ),
    (
        7,
        "Union leaders said they would ballot members on further action on Thursday unless "
        "the operator dropped the plan by Wednesday night.",
    ),
]


def html(title: str, paragraphs: list[str], top: str = "", inner: str = "") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    middle = len(paragraphs) // 2
    split = "".join(f"<p>{p}</p>" for p in paragraphs[:middle])
    rest = "".join(f"<p>{p}</p>" for p in paragraphs[middle:])
    main = f"{split}{inner}{rest}" if inner else body
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>{top}"
        f"<main><h1>{title}</h1>{main}</main><footer>© 2031 Example Media</footer>"
        "</body></html>"
    ).encode()


def _response(writer: WARCWriter, url: str, body: bytes, kind: str, status: str = "200 OK") -> None:
    headers = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), http_headers=headers
    )
    writer.write_record(record)
    record.raw_stream.close()


def build_crawl(path: Path) -> Path:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        page = "text/html; charset=utf-8"
        _response(writer, "https://calder.test/strike", html("Calder dock strike", HARBOUR), page)
        _response(writer, "https://calder.test/frost", html("Frost hits orchards", ORCHARD), page)
        _response(writer, "https://calder.test/library", html("Library to close", LIBRARY), page)
        for n, ((top, inner), (index, sentence)) in enumerate(zip(SITES, REWORDED, strict=True)):
            text = list(HARBOUR)
            text[index] = sentence
            copy = html("Port of Calder strike", text, top, inner)
            _response(writer, f"https://partner{n}.test/world/calder-strike", copy, page)
        for n, (top, inner) in enumerate(SITES[:2]):
            copy = html("Frost hits orchards", ORCHARD, top, inner)
            _response(writer, f"https://mirror{n}.test/frost", copy, page)
        _response(writer, "https://calder.test/logo.png", b"\x89PNG not really", "image/png")
        _response(
            writer, "https://calder.test/missing", b"<html>gone</html>", page, "404 Not Found"
        )
        links = "".join(f"<li><a href='/{n}'>Story {n}</a></li>" for n in range(30))
        front = f"<html><body><nav><ul>{links}</ul></nav></body></html>".encode()
        _response(writer, "https://calder.test/news", front, page)
    cut = io.BytesIO()
    writer = WARCWriter(cut, gzip=True)
    _response(writer, "https://calder.test/late", html("Late story", LIBRARY[::-1]), "text/html")
    with path.open("ab") as handle:
        handle.write(cut.getvalue()[: len(cut.getvalue()) // 2])
    return path


def test_syndicated_and_exact_copies_are_stored_once(store: Store, tmp_path: Path) -> None:
    crawl = build_crawl(tmp_path / "crawl.warc.gz")
    first = ingest(store, [str(crawl)], FAST)
    assert first.ingested == 3
    assert first.duplicates == 6  # four syndicated copies, two exact ones
    # the image and the 404 are no pages; the section front has no article; the cut record
    assert first.skipped == {"no_article": 1, "truncated": 1}
    assert {e.reason for e in store.log_entries("duplicate")} == {"near", "exact"}
    strike = store.get_article("strike")
    assert strike is not None and len(strike.copies) == 5
    counts = store.counts()

    again = ingest(store, [str(crawl)], FAST)
    assert again.ingested == 0 and again.duplicates == 0
    assert again.unchanged == 9
    assert store.counts()["articles"] == counts["articles"] == 3
    assert store.counts()["copies"] == counts["copies"]
