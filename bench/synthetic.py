"""A deterministic synthetic corpus for the query benchmark (``bench/query.py``).

Everything comes from one seed: the same ``--events`` and ``--seed`` give the
same rows, byte for byte, on every run and backend.

* Actors: the knowledge base's states, people, organisations and groups
  (``watchfloor/data/actors``), topped up to 2,000 with invented people and
  national bodies; each has its aliases, and people their roles. Popularity
  is Zipf-like (states first), so the busiest actors take part in tens of
  thousands of events of a million.
* Articles: one per ten events, over five years, from 300 outlets (Zipf-like
  too); the text is the evidence sentences of the article's facts plus a few
  filler sentences, in paragraphs, from templates and word lists (so full-text
  search finds common and rare words alike: each article is about one or two
  topics, the commonest topic is in about one article in seven).
* Facts: event mentions of real-world events (PLOVER type, source, target,
  date, modality) reported by one to six articles of nearby days, merged in
  event clusters as the stories stage would; quotes, claims, forecasts and
  watch items; every actor named in a sentence is a mention with offsets.

:class:`Corpus` yields the rows table by table in batches of articles
(:data:`COLUMNS` gives each table's columns), then the event clusters and the
stories; :class:`Plan` is the cheap part (numpy arrays of who did what when),
which the benchmark also uses to choose its queries.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from watchfloor.actors.kb import normalise
from watchfloor.facts.plover import PLOVER_TYPES, quad_class

GENERATOR_VERSION = 2  # bump when the rows change: cached databases are rebuilt
ACTORS = 2000
SOURCES = 300
EVENTS_PER_ARTICLE = 10
FIRST_DAY = dt.date(2021, 1, 1)
DAYS = 5 * 365 + 1
ACTOR_ZIPF = 0.7  # popularity exponent of actors (rank r weighs 1 / r**0.7)
TOPIC_ZIPF = 0.8  # and of topics (the commonest is in about one article in seven)
MENTIONS = (1, 2, 3, 4, 5, 6)  # articles reporting one real-world event
MENTION_P = (0.55, 0.20, 0.12, 0.07, 0.04, 0.02)
MODALITIES = ("asserted", "planned", "predicted", "possible", "negated")
MODALITY_P = (0.80, 0.07, 0.04, 0.04, 0.05)
TYPE_P = (8, 14, 9, 3, 6, 5, 3, 9, 10, 5, 4, 6, 4, 3, 4, 7)  # per PLOVER_TYPES
DATA = Path(__file__).resolve().parents[1] / "watchfloor" / "data" / "actors"
Row = tuple[Any, ...]
Batch = dict[str, list[Row]]

COLUMNS: dict[str, tuple[str, ...]] = {
    "actors": ("id", "key", "name", "type", "country", "wikidata", "known"),
    "actor_aliases": ("actor_id", "alias", "alias_key"),
    "articles": (
        "id", "doc_id", "url", "title", "published", "author", "source", "language", "text",
        "paragraphs", "word_count", "text_hash", "minhash", "origin", "ingested_at",
    ),
    "copies": (
        "id", "article_id", "origin", "url", "source", "title", "published", "kind",
        "similarity", "ingested_at",
    ),
    "ingestion_log": ("id", "origin", "status", "reason", "detail", "article_id", "logged_at"),
    "analysed": ("article_id", "analysed_at"),
    "actor_roles": ("actor_id", "article_id", "role", "organisation", "country"),
    "mentions": ("id", "article_id", "actor_id", "start", "end", "text"),
    "stories": (
        "id", "title", "first_published", "last_published", "article_count", "source_count",
    ),
    "story_articles": ("story_id", "article_id", "similarity"),
    "event_clusters": (
        "id", "type", "mode", "quad", "source_actor_id", "target_actor_id", "first_date",
        "last_date", "evidence", "fact_id", "story_id", "mention_count", "article_count",
        "source_count",
    ),
    "facts": (
        "id", "article_id", "section", "ordinal", "kind", "source_actor_id", "target_actor_id",
        "date", "evidence", "evidence_start", "evidence_end", "data", "cluster_id",
    ),
}  # fmt: skip

# -- word lists ----------------------------------------------------------------
TOPICS = (
    "ceasefire", "grain exports", "nuclear programme", "border crossing", "trade deal",
    "gas pipeline", "sanctions package", "peace talks", "refugee camps", "election results",
    "interest rates", "drone strikes", "naval exercises", "military aid", "prisoner exchange",
    "humanitarian corridor", "climate finance", "oil prices", "debt relief", "fishing rights",
    "water sharing", "vaccine supplies", "cyber attacks", "arms embargo", "port access",
    "mining licences", "wheat shipments", "fertiliser prices", "power grid", "rail link",
    "customs union", "visa rules", "airspace closure", "troop rotation", "missile tests",
    "hostage release", "fuel subsidies", "currency swap", "election monitors", "press freedom",
    "opposition leaders", "constitutional reform", "judicial independence", "coal plants",
    "rare earths", "semiconductor exports", "shipping lanes", "piracy patrols", "food aid",
    "flood relief", "earthquake recovery", "wildfire season", "drought response", "migrant boats",
    "asylum claims", "trade tariffs", "steel quotas", "dairy imports", "car emissions",
    "carbon tax", "forest protection", "nuclear inspectors", "uranium enrichment",
    "ballistic missiles", "air defence", "tank deliveries", "artillery shells", "fighter jets",
    "peacekeeping mission", "militia attacks", "kidnapped workers", "border wall",
    "disputed islands", "maritime boundary", "oil field", "hydropower dam", "debt talks",
    "budget deficit", "pension reform", "general strike", "teachers' pay", "hospital funding",
    "corruption inquiry", "money laundering", "tax evasion", "bank collapse", "stock market",
    "inflation figures", "unemployment benefits", "housing crisis", "student protests",
    "police violence", "curfew", "state of emergency", "martial law", "prison conditions",
    "death penalty", "human rights report", "war crimes tribunal", "genocide case",
    "diplomatic immunity", "embassy closure", "consulate attack", "spy scandal",
    "satellite launch", "space station", "lithium deposits", "copper mine", "cocoa harvest",
    "coffee prices", "shipping insurance", "container traffic", "canal tolls", "toll road",
)  # fmt: skip
FIRST_NAMES = (
    "Amara", "Bilal", "Chen", "Dmitri", "Elena", "Farid", "Grace", "Hassan", "Ines", "Jonas",
    "Kenji", "Leila", "Mateo", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Samir", "Tariq",
    "Ulla", "Viktor", "Wanjiru", "Xavier", "Yusuf", "Zanele", "Aiko", "Bruno", "Carmen", "Darius",
    "Emeka", "Fatima", "Goran", "Hana", "Ivan", "Joanna", "Kwame", "Lucia", "Miguel", "Nour",
    "Olga", "Pedro", "Rania", "Sofia", "Tomasz", "Uche", "Vera", "Wei", "Yara", "Zoltan",
)  # fmt: skip
LAST_NAMES = (
    "Abadi", "Bakker", "Castillo", "Dlamini", "Eriksen", "Fernandes", "Gashi", "Haddad",
    "Ivanova", "Jovanovic", "Kamau", "Lindqvist", "Mbeki", "Nakamura", "Okafor", "Petrov",
    "Quispe", "Rahman", "Silva", "Tanaka", "Usmanov", "Varga", "Wojcik", "Xu", "Yilmaz",
    "Zhang", "Alvarez", "Boateng", "Cohen", "Demir", "Esposito", "Farouk", "Gonzaga", "Horvat",
    "Iqbal", "Jansen", "Kowalski", "Lopez", "Mensah", "Novak", "Osei", "Popescu", "Rossi",
    "Santos", "Tshabalala", "Ueda", "Volkov", "Weber", "Yadav", "Zubiri",
)  # fmt: skip
BODIES = (
    "Ministry of Defence", "Ministry of Foreign Affairs", "Ministry of Health", "Central Bank",
    "Electoral Commission", "Supreme Court", "Armed Forces", "National Police", "Coast Guard",
    "Border Guard", "Chamber of Commerce", "Farmers' Union", "Teachers' Union",
    "Energy Company", "Red Cross Society", "Anti-Corruption Agency",
)  # fmt: skip
HEAD = (  # the most reported actors, in order; the rest by chance (states likelier)
    "state:USA", "state:RUS", "state:UKR", "state:CHN", "state:ISR", "person:donald-trump",
    "state:IRN", "org:un", "person:vladimir-putin", "state:GBR", "state:FRA", "state:DEU",
    "person:volodymyr-zelenskyy", "state:TUR", "org:nato", "state:IND", "person:joe-biden",
    "state:PSE", "group:hamas", "org:eu",
)  # fmt: skip
ROLES = ("spokesperson", "minister", "lawmaker", "general", "chief executive", "envoy")
PAPER_WORDS = (
    "Herald", "Ledger", "Tribune", "Courier", "Observer", "Dispatch", "Gazette", "Post",
    "Chronicle", "Monitor", "Times", "Record",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
UNITS = (("people", "killed"), ("people", "injured"), ("troops", "deployed"),
         ("families", "displaced"), ("tonnes", "shipped"), ("jobs", "lost"))  # fmt: skip

# (past tense, base form, trigger, mode) per PLOVER type; {s} source, {t} target.
EVENT_TEMPLATES: dict[str, tuple[tuple[str, str, str, str | None], ...]] = {
    "AGREE": (("agreed with {t} on the {x}", "agree with {t} on the {x}", "agreed", None),
              ("signed a deal with {t} on the {x}", "sign a deal with {t} on the {x}",
               "signed deal", None)),
    "CONSULT": (("met {t} in {p} to discuss the {x}", "meet {t} in {p} to discuss the {x}",
                 "met", None),
                ("held talks with {t} about the {x}", "hold talks with {t} about the {x}",
                 "held talks", None)),
    "SUPPORT": (("praised {t} for its stance on the {x}", "praise {t} over the {x}",
                 "praised", None),
                ("endorsed the plan by {t} on the {x}", "endorse the plan by {t} on the {x}",
                 "endorsed", None)),
    "CONCEDE": (("lifted the ban on {t} over the {x}", "lift the ban on {t} over the {x}",
                 "lifted ban", None),),
    "COOPERATE": (("expanded cooperation with {t} on the {x}",
                   "expand cooperation with {t} on the {x}", "expanded cooperation", None),),
    "AID": (("sent humanitarian aid to {t} after the {x}", "send aid to {t} after the {x}",
             "sent aid", "humanitarian"),
            ("supplied weapons to {t} despite the {x}", "supply weapons to {t} despite the {x}",
             "supplied weapons", "military")),
    "RETREAT": (("withdrew its forces from {p} as {t} pressed on the {x}",
                 "withdraw its forces from {p} as {t} presses on the {x}", "withdrew",
                 "withdraw"),),
    "REQUEST": (("urged {t} to resolve the {x}", "urge {t} to resolve the {x}", "urged", None),
                ("called on {t} to reopen talks on the {x}",
                 "call on {t} to reopen talks on the {x}", "called on", None)),
    "ACCUSE": (("accused {t} of blocking the {x}", "accuse {t} of blocking the {x}",
                "accused", "allege"),
               ("condemned {t} over the {x}", "condemn {t} over the {x}", "condemned",
                "disapprove")),
    "REJECT": (("rejected the offer by {t} on the {x}", "reject the offer by {t} on the {x}",
                "rejected", None),),
    "THREATEN": (("threatened {t} with reprisals over the {x}",
                  "threaten {t} with reprisals over the {x}", "threatened", None),),
    "PROTEST": (("staged a protest against {t} in {p} over the {x}",
                 "stage a protest against {t} in {p} over the {x}", "protest", "demo"),),
    "SANCTION": (("imposed sanctions on {t} over the {x}", "impose sanctions on {t} over the {x}",
                  "imposed sanctions", "discontinue"),
                 ("expelled diplomats of {t} over the {x}",
                  "expel diplomats of {t} over the {x}", "expelled", "expel")),
    "MOBILIZE": (("deployed troops near {p} as {t} stepped up the {x}",
                  "deploy troops near {p} as {t} steps up the {x}", "deployed", "troops"),),
    "COERCE": (("detained supporters of {t} in {p} after the {x}",
                "detain supporters of {t} in {p} after the {x}", "detained", "arrest"),),
    "ASSAULT": (("attacked positions held by {t} near {p} during the {x}",
                 "attack positions held by {t} near {p} during the {x}", "attacked", None),
                ("shelled {t} outside {p} amid the {x}", "shell {t} outside {p} amid the {x}",
                 "shelled", "heavy-weapons")),
}  # fmt: skip
MODAL_FORMS = {
    "planned": "plans to",
    "predicted": "is expected to",
    "possible": "may",
    "negated": "did not",
}
QUOTES = (
    "We will not accept what {o} is demanding on the {x}",
    "The {x} cannot wait any longer, and {o} knows it",
    "Our position on the {x} has not changed",
    "There is no military solution to the {x}",
    "We expect {o} to keep its word on the {x}",
)
FILLERS = (
    "The {x} has dominated the agenda in {p} for weeks.",
    "Officials in {p} declined to comment on the {x}.",
    "Analysts said the {x} could weigh on markets in the coming months.",
    "Residents of {p} said they were worried about the {x}.",
    "The dispute over the {x} dates back several years.",
)
_SLOT = re.compile(r"(\{\w\})")
_URL_WORD = re.compile(r"[^a-z0-9]+")


# -- actors ----------------------------------------------------------------------
@dataclass
class Actor:
    key: str
    name: str
    type: str
    country: str | None
    wikidata: str | None
    known: bool
    aliases: list[str] = field(default_factory=list)
    roles: list[tuple[str, str, str]] = field(default_factory=list)  # role, organisation, country
    id: int = 0  # registry id: popularity rank + 1


def _kb_actors() -> list[Actor]:
    found = []
    for name in ("states", "people", "organisations", "groups"):
        for line in (DATA / f"{name}.jsonl").read_text("utf-8").splitlines():
            record = json.loads(line)
            found.append(_kb_actor(record))
    return found


def _kb_actor(r: dict[str, Any]) -> Actor:
    names = [r["name"], *r.get("aliases", []), *r.get("surname_aliases", [])]
    if r["type"] == "GPE":
        names += [r.get("iso_name") or r["name"], r.get("official_name") or r["name"]]
    roles = [
        (x["role"] or "", x.get("org") or "", x.get("country") or "")
        for x in r.get("roles", []) or []
    ]
    return Actor(
        key=r["id"],
        name=r["name"],
        type="ORG" if r["type"] == "GROUP" else r["type"],
        country=r.get("country"),
        wikidata=r.get("wikidata"),
        known=True,
        aliases=list(dict.fromkeys(n for n in names if n)),
        roles=roles,
    )


def _invented(rng: random.Random, states: list[Actor], count: int) -> list[Actor]:
    """Unknown people and national bodies, as the registry files them."""
    found: dict[str, Actor] = {}
    while len(found) < count:
        state = rng.choice(states)
        if rng.random() < 0.55:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            name, kind, aliases = f"{first} {last}", "PERSON", [f"{first} {last}", last]
            roles = [(rng.choice(ROLES), "", state.country or "")]
        else:
            name, kind, roles = f"{state.name} {rng.choice(BODIES)}", "ORG", []
            aliases = [name]
        key = f"{'person' if kind == 'PERSON' else 'org'}:{_slug(name)}"
        if key not in found:
            found[key] = Actor(key, name, kind, state.country, None, False, aliases, roles)
    return list(found.values())


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalise(text)).strip("-")


def build_actors(seed: int, count: int = ACTORS) -> list[Actor]:
    """The actors, most popular first (their ids are their ranks + 1)."""
    rng = random.Random(seed)
    known = _kb_actors()
    states = [a for a in known if a.type == "GPE" and a.country]
    actors = known + _invented(rng, states, max(0, count - len(known)))
    head = {key: n for n, key in enumerate(HEAD)}
    boost = {"GPE": 4.0, "PERSON": 2.0, "ORG": 2.0}
    scored = [
        (-head.get(a.key, len(HEAD)), rng.random() * (boost[a.type] if a.known else 1.0), a)
        for a in actors
    ]
    ranked = [a for *_, a in sorted(scored, key=lambda p: (-p[0], -p[1]))][:count]
    for rank, actor in enumerate(ranked):
        actor.id = rank + 1
    return ranked


def zipf(n: int, exponent: float) -> np.ndarray:
    weights = 1.0 / np.arange(1, n + 1) ** exponent
    return np.asarray(weights / weights.sum())


# -- the plan: who did what when, as arrays ----------------------------------------
class Plan:
    """Articles, real-world events and their mentions, as numpy arrays (cheap to make)."""

    def __init__(self, events: int, seed: int) -> None:
        self.events, self.seed = events, seed
        self.rng = np.random.default_rng(seed)
        self.actors = build_actors(seed)
        self.n_articles = max(1, events // EVENTS_PER_ARTICLE)
        self._articles()
        self._world_events()
        self._mentions()

    def _articles(self) -> None:
        rng, n = self.rng, self.n_articles
        self.art_day = np.sort(rng.integers(0, DAYS, n))  # ids follow publication, as ingested
        self.art_second = rng.integers(0, 86_400, n)
        self.art_source = rng.choice(SOURCES, n, p=zipf(SOURCES, 1.0))
        self.art_story = np.cumsum(rng.random(n) < 0.3)  # runs of neighbours share a story
        self.art_story += 1 - self.art_story[0]

    def _world_events(self) -> None:
        rng, pop = self.rng, zipf(len(self.actors), ACTOR_ZIPF)
        count = int(self.events / float(np.dot(MENTIONS, MENTION_P)) * 1.05) + 10
        reports = rng.choice(MENTIONS, count, p=MENTION_P)
        count = int(np.searchsorted(np.cumsum(reports), self.events)) + 1
        reports = reports[:count]
        reports[-1] -= int(reports.sum()) - self.events
        self.w_reports = reports
        self.w_type = rng.choice(len(PLOVER_TYPES), count, p=np.array(TYPE_P) / sum(TYPE_P))
        self.w_source = rng.choice(len(self.actors), count, p=pop)
        target = rng.choice(len(self.actors), count, p=pop)
        target = np.where(target == self.w_source, (target + 1) % len(self.actors), target)
        self.w_target = np.where(rng.random(count) < 0.12, -1, target)
        self.w_source = np.where((rng.random(count) < 0.03) & (self.w_target >= 0), -1,
                                 self.w_source)  # fmt: skip
        self.w_day = rng.integers(0, DAYS, count)
        self.w_modality = rng.choice(len(MODALITIES), count, p=MODALITY_P)
        self.w_topic = rng.choice(len(TOPICS), count, p=zipf(len(TOPICS), TOPIC_ZIPF))
        self.w_place = rng.integers(0, 1 << 30, count)

    def _mentions(self) -> None:
        rng, n = self.rng, self.events
        world = np.repeat(np.arange(len(self.w_reports)), self.w_reports)
        day = self.w_day[world] + rng.integers(0, 3, n)
        pos = np.searchsorted(self.art_day, day) + rng.integers(-40, 41, n)
        article = np.clip(pos, 0, self.n_articles - 1)
        order = np.lexsort((world, article))
        self.m_world, self.m_article = world[order], article[order]
        self.m_dated = rng.random(n)[order] < 0.55
        self.m_variant = rng.integers(0, 1 << 20, n)
        self.m_start = np.searchsorted(self.m_article, np.arange(self.n_articles + 1))

    def day(self, offset: int) -> str:
        return (FIRST_DAY + dt.timedelta(days=int(offset))).isoformat()

    def published(self, article: int) -> str:
        second = int(self.art_second[article])
        stamp = f"{self.day(self.art_day[article])}T{second // 3600:02d}:"
        stamp += f"{second // 60 % 60:02d}:{second % 60:02d}+00:00"
        return stamp if second % 7 else stamp[:10]  # a few pages give the day only

    @cached_property
    def pairs(self) -> set[tuple[int, int]]:
        """Actor indexes (source, target) of every event, both ways round."""
        both = (self.w_source >= 0) & (self.w_target >= 0)
        s, t = self.w_source[both].tolist(), self.w_target[both].tolist()
        return set(zip(s, t, strict=True)) | set(zip(t, s, strict=True))

    def actor_events(self) -> np.ndarray:
        """Event mentions per actor index (as source or target)."""
        n = len(self.actors)
        weight = self.w_reports
        counts = np.bincount(self.w_source[self.w_source >= 0],
                             weight[self.w_source >= 0], minlength=n)  # fmt: skip
        counts += np.bincount(self.w_target[self.w_target >= 0],
                              weight[self.w_target >= 0], minlength=n)  # fmt: skip
        return counts.astype(np.int64)


# -- rendering -------------------------------------------------------------------
@dataclass
class Sentence:
    text: str
    mentions: list[tuple[int, int, int]]  # actor index, start, end (in the sentence)


@lru_cache(maxsize=4096)
def _parts(template: str) -> tuple[tuple[str, str | None], ...]:
    """The template's pieces: (text, None) or (slot, its name)."""
    return tuple(
        (part, part[1:-1] if _SLOT.fullmatch(part) else None)
        for part in _SLOT.split(template)
        if part
    )


def fill(template: str, actors: dict[str, Actor], words: dict[str, str]) -> Sentence:
    """A template with ``{s}``/``{t}``/``{o}`` actor slots and ``{x}``/``{p}`` word slots."""
    text, mentions = "", []
    for part, name in _parts(template):
        if name in actors:
            actor = actors[name]
            mentions.append((actor.id - 1, len(text), len(text) + len(actor.name)))
            text += actor.name
        else:
            text += words.get(name, part) if name else part
    return Sentence(text[:1].upper() + text[1:], mentions)


@dataclass
class Doc:
    """One article being written: its sentences, facts and mentions."""

    index: int
    topics: list[str]  # what the article is about: one or two topics
    sentences: list[Sentence] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)  # with "_section", "_sentence"


class Corpus:
    """The rows of the whole corpus, in batches of articles (see the module docstring)."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.rng = random.Random(plan.seed + 1)
        self.places = places()
        self.sources = _sources(self.rng, self.places)
        self.pop = np.cumsum(zipf(len(plan.actors), ACTOR_ZIPF)).tolist()
        self.topic_weights = np.cumsum(zipf(len(TOPICS), TOPIC_ZIPF)).tolist()
        self.fact_id = self.mention_id = self.copy_id = self.log_id = 0
        worlds = len(plan.w_reports)
        self.first_fact = np.zeros(worlds, dtype=np.int64)
        self.first_evidence: list[str] = [""] * worlds
        self.first_mode: list[str | None] = [None] * worlds
        self.story_titles: dict[int, str] = {}
        self.hashes: set[str] = set()
        # plain lists: numpy's item access is slow one element at a time
        self.w_type, self.w_source = plan.w_type.tolist(), plan.w_source.tolist()
        self.w_target, self.w_day = plan.w_target.tolist(), plan.w_day.tolist()
        self.w_modality, self.w_topic = plan.w_modality.tolist(), plan.w_topic.tolist()
        self.w_place, self.m_world = plan.w_place.tolist(), plan.m_world.tolist()
        self.m_dated, self.m_variant = plan.m_dated.tolist(), plan.m_variant.tolist()
        self.m_start = plan.m_start.tolist()

    # -- the batches ------------------------------------------------------------
    def batches(self, size: int = 1000) -> Iterator[tuple[int, Batch]]:
        """(articles done in this batch, rows) for every table but the clusters and stories."""
        yield 0, self._actor_rows()
        for low in range(0, self.plan.n_articles, size):
            high = min(low + size, self.plan.n_articles)
            batch: Batch = {name: [] for name in COLUMNS}
            for index in range(low, high):
                self._article(index, batch)
            yield high - low, {k: v for k, v in batch.items() if v}

    def tail(self, size: int = 20_000) -> Iterator[Batch]:
        """The event clusters and stories, once every article is written."""
        yield {"stories": self._stories()}
        clusters = self._clusters()
        for low in range(0, len(clusters), size):
            yield {"event_clusters": clusters[low : low + size]}

    def _actor_rows(self) -> Batch:
        actors = self.plan.actors
        aliases = {(a.id, alias, normalise(alias)) for a in actors for alias in a.aliases}
        return {
            "actors": [
                (a.id, a.key, a.name, a.type, a.country, a.wikidata, int(a.known)) for a in actors
            ],
            "actor_aliases": sorted(aliases),
        }

    # -- one article ------------------------------------------------------------
    def _article(self, index: int, batch: Batch) -> None:
        doc = Doc(index, self._doc_topics(index))
        self._events(doc)
        self._quotes(doc)
        self._claims(doc)
        self._outlook(doc)
        for _ in range(self.rng.randint(1, 3)):
            words = {"x": self.rng.choice(doc.topics), "p": self._place()}
            doc.sentences.insert(self.rng.randint(0, len(doc.sentences)),
                                 fill(self.rng.choice(FILLERS), {}, words))  # fmt: skip
        self._write(doc, batch)

    def _actor(self) -> Actor:
        index = self.rng.choices(range(len(self.plan.actors)), cum_weights=self.pop)[0]
        return self.plan.actors[index]

    def _topic(self) -> str:
        return self.rng.choices(TOPICS, cum_weights=self.topic_weights)[0]

    def _doc_topics(self, index: int) -> list[str]:
        """The topic of the article's first event (else any), and maybe a second one."""
        first = self.m_start[index]
        lead = self._topic()
        if first < self.m_start[index + 1]:
            lead = TOPICS[self.w_topic[self.m_world[first]]]
        return [lead] if self.rng.random() < 0.5 else [lead, self._topic()]

    def _place(self) -> str:
        return self.places[self.rng.randrange(len(self.places))]

    def _events(self, doc: Doc) -> None:
        for m in range(self.m_start[doc.index], self.m_start[doc.index + 1]):
            w = self.m_world[m]
            sentence, fact = self._event(w, m, self.rng.choice(doc.topics))
            fact["_cluster"] = w
            doc.facts.append(fact | {"_section": "events", "_sentence": len(doc.sentences)})
            doc.sentences.append(sentence)

    def _event(self, w: int, m: int, topic: str) -> tuple[Sentence, dict[str, Any]]:
        actors, type_ = self.plan.actors, PLOVER_TYPES[self.w_type[w]]
        choices = EVENT_TEMPLATES[type_]
        past, base, trigger, mode = choices[self.m_variant[m] % len(choices)]
        modality = MODALITIES[self.w_modality[w]]
        verb = past if modality == "asserted" else f"{MODAL_FORMS[modality]} {base}"
        source, target = self.w_source[w], self.w_target[w]
        who = {"s": actors[source]} if source >= 0 else {}
        if target >= 0:
            who["t"] = actors[target]
        else:
            verb = verb.replace("{t}", "its rivals")
        opening = "{s} " if source >= 0 else "Forces loyal to the government "
        day = self.plan.day(self.w_day[w]) if self.m_dated[m] else None
        date_text = self._date_text(day, self.m_variant[m]) if day else None
        words = {"x": topic, "p": self._place_of(self.w_place[w])}
        sentence = fill(f"{opening}{verb}{' ' + date_text if date_text else ''}.", who, words)
        fact = {
            "type": type_, "mode": mode, "modality": modality, "date": day,
            "date_text": date_text, "location": words["p"] if "{p}" in verb else None,
            "location_country": None, "trigger": trigger,
            "source": who["s"].key if "s" in who else None,
            "target": who["t"].key if "t" in who else None,
        }  # fmt: skip
        return sentence, fact

    def _date_text(self, day: str, variant: int) -> str:
        date = dt.date.fromisoformat(day)
        if variant % 2:
            return f"on {WEEKDAYS[date.weekday()]}"
        return f"on {date.day} {MONTHS[date.month - 1]}"

    def _place_of(self, number: int) -> str:
        return self.places[number % len(self.places)]

    def _quotes(self, doc: Doc) -> None:
        for _ in range(_poisson(self.rng, 2.0)):
            speaker, other = self._actor(), self._actor()
            line = self.rng.choice(QUOTES)
            words = {"x": self.rng.choice(doc.topics)}
            who = {"s": speaker, "o": other} if other.id != speaker.id else {"s": speaker}
            if "o" not in who:
                line = QUOTES[2]
            direct = self.rng.random() < 0.7
            indirect = f"{{s}} said that {line[0].lower()}{line[1:]}."
            template = f'"{line}," {{s}} said.' if direct else indirect
            sentence = fill(template, who, words)
            quote = sentence.text.split('"')[1] if direct else sentence.text
            fact = {"speaker": speaker.key, "kind": "direct" if direct else "indirect",
                    "text": quote.rstrip(","), "cue": "said"}  # fmt: skip
            doc.facts.append(fact | {"_section": "quotes", "_sentence": len(doc.sentences)})
            doc.sentences.append(sentence)

    def _claims(self, doc: Doc) -> None:
        for _ in range(_poisson(self.rng, 0.8)):
            source = self._actor()
            value = self.rng.choice((3, 12, 40, 150, 1200, 25000))
            unit, verb = self.rng.choice(UNITS)
            place = self._place()
            sentence = fill(f"{{s}} said {value:,} {unit} were {verb} in {place}.",
                            {"s": source}, {})  # fmt: skip
            fact = {"subject": unit, "value": value, "unit": unit, "currency": None,
                    "change": None, "previous": None, "qualifier": None,
                    "source": source.key}  # fmt: skip
            doc.facts.append(fact | {"_section": "claims", "_sentence": len(doc.sentences)})
            doc.sentences.append(sentence)

    def _outlook(self, doc: Doc) -> None:
        day = dt.date.fromisoformat(self.plan.day(self.plan.art_day[doc.index]))
        if self.rng.random() < 0.3:
            source, topic = self._actor(), self.rng.choice(doc.topics)
            end = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
            horizon = (end - dt.timedelta(days=1)).isoformat()
            by = f"by the end of {MONTHS[day.month - 1]}"
            text = f"{{s}} said it was likely that the {topic} would be settled {by}."
            fact = {"statement": f"the {topic} would be settled", "source": source.key,
                    "phrase": "likely", "p_low": 0.55, "p_high": 0.8, "negated": False,
                    "condition": None, "horizon_text": by, "horizon_end": horizon}  # fmt: skip
            doc.facts.append(fact | {"_section": "forecasts", "_sentence": len(doc.sentences)})
            doc.sentences.append(fill(text, {"s": source}, {}))
        if self.rng.random() < 0.1:
            due = (day + dt.timedelta(days=self.rng.randint(3, 60))).isoformat()
            topic = self.rng.choice(doc.topics)
            fact = {"item": f"a vote on the {topic}", "due": due, "due_text": f"on {due}"}
            doc.facts.append(fact | {"_section": "watch_items", "_sentence": len(doc.sentences)})
            doc.sentences.append(fill(f"A vote on the {topic} is due on {due}.", {}, {}))

    # -- the rows of one article ----------------------------------------------------
    def _write(self, doc: Doc, batch: Batch) -> None:
        text, starts, blocks = _layout(doc.sentences, self.rng)
        article_id = doc.index + 1
        self._article_rows(doc, article_id, text, blocks, batch)
        seen: dict[int, list[int]] = {}
        for sentence, start in zip(doc.sentences, starts, strict=True):
            for actor, lo, hi in sentence.mentions:
                self.mention_id += 1
                seen.setdefault(actor, []).append(start + lo)
                batch["mentions"].append(
                    (self.mention_id, article_id, actor + 1, start + lo, start + hi,
                     text[start + lo : start + hi])
                )  # fmt: skip
        self._role_rows(article_id, seen, batch)
        ordinals: dict[str, int] = {}
        for fact in doc.facts:
            sentence = doc.sentences[fact["_sentence"]]
            start = starts[fact["_sentence"]]
            evidence = (sentence.text, start, start + len(sentence.text))
            self._fact_row(article_id, fact, evidence, ordinals, batch)

    def _article_rows(
        self, doc: Doc, article_id: int, text: str, blocks: str, batch: Batch
    ) -> None:
        plan, index = self.plan, doc.index
        doc_id = f"syn-{article_id:07d}"
        outlet, domain = self.sources[int(plan.art_source[index])]
        published = plan.published(index)
        title = self._title(doc)
        slug = _URL_WORD.sub("-", title.lower()).strip("-")[:60]
        url = f"https://{domain}/{published[:7].replace('-', '/')}/{slug}-{article_id}"
        digest = hashlib.sha256(text.encode()).hexdigest()
        if digest in self.hashes:  # never two articles with one text
            text += f"\n\n(Ref. {doc_id})"
            digest = hashlib.sha256(text.encode()).hexdigest()
        self.hashes.add(digest)
        stamp = published[:10] + "T23:00:00+00:00"
        origin = f"synthetic/{doc_id}.json"
        author = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
        batch["articles"].append(
            (article_id, doc_id, url, title, published, author, outlet, "en", text, blocks,
             len(text.split()), digest, self.rng.randbytes(1024), origin, stamp)
        )  # fmt: skip
        self._copy_rows(article_id, (url, outlet, title, published, origin, stamp), batch)
        story = int(plan.art_story[index])
        self.story_titles.setdefault(story, title)
        batch["story_articles"].append((story, article_id, 1.0))
        batch["analysed"].append((article_id, stamp))

    def _copy_rows(self, article_id: int, meta: tuple[str, ...], batch: Batch) -> None:
        url, outlet, title, published, origin, stamp = meta
        copies = [(origin, url, outlet, "original", 1.0)]
        if self.rng.random() < 0.03:
            outlet2, domain2 = self.rng.choice(self.sources)
            kind = self.rng.choice(("exact", "near"))
            copies.append((f"{origin}#{domain2}", f"https://{domain2}/syndicated/{article_id}",
                           outlet2, kind, 1.0 if kind == "exact" else 0.91))  # fmt: skip
        for n, (where, link, by, kind, similarity) in enumerate(copies):
            self.copy_id += 1
            self.log_id += 1
            batch["copies"].append(
                (self.copy_id, article_id, where, link, by, title, published, kind, similarity,
                 stamp)
            )  # fmt: skip
            status = "ingested" if n == 0 else "duplicate"
            batch["ingestion_log"].append((self.log_id, where, status, "", "", article_id, stamp))

    def _title(self, doc: Doc) -> str:
        first = doc.sentences[0].text if doc.sentences else "News in brief"
        words = first.rstrip(".").split()
        return " ".join(words[:12])

    def _role_rows(self, article_id: int, seen: dict[int, list[int]], batch: Batch) -> None:
        for actor_index in sorted(seen):
            actor = self.plan.actors[actor_index]
            if actor.roles and self.rng.random() < 0.6:
                role, organisation, country = actor.roles[0]
                batch["actor_roles"].append((actor.id, article_id, role, organisation, country))

    def _fact_row(
        self,
        article_id: int,
        fact: dict[str, Any],
        evidence: tuple[str, int, int],
        ordinals: dict[str, int],
        batch: Batch,
    ) -> None:
        section = fact.pop("_section")
        fact.pop("_sentence")
        world = fact.pop("_cluster", None)
        ordinal = ordinals.get(section, 0)
        ordinals[section] = ordinal + 1
        self.fact_id += 1
        text, lo, hi = evidence
        data = fact | {"evidence": text, "evidence_start": lo, "evidence_end": hi}
        kind, source, target, date = _columns(section, fact)
        ids = {a.key: a.id for a in (self._by_key(source), self._by_key(target)) if a}
        cluster = None if world is None else world + 1
        if world is not None and not self.first_fact[world]:
            self.first_fact[world], self.first_evidence[world] = self.fact_id, text
            self.first_mode[world] = fact.get("mode")
        batch["facts"].append(
            (self.fact_id, article_id, section, ordinal, kind, ids.get(source or ""),
             ids.get(target or ""), date, text, lo, hi, json.dumps(data, ensure_ascii=False),
             cluster)
        )  # fmt: skip

    @cached_property
    def _keys(self) -> dict[str, Actor]:
        return {a.key: a for a in self.plan.actors}

    def _by_key(self, key: str | None) -> Actor | None:
        return self._keys.get(key) if key else None

    # -- clusters and stories ----------------------------------------------------------
    def _clusters(self) -> list[Row]:
        plan = self.plan
        world, article = plan.m_world, plan.m_article
        day = np.where(plan.m_dated, plan.w_day[world], plan.art_day[article])
        order = np.lexsort((day, world))
        starts = np.searchsorted(world[order], np.arange(len(plan.w_reports) + 1))
        first_day = day[order][starts[:-1]]
        last_day = day[order][starts[1:] - 1]
        story = plan.art_story[article[order][starts[:-1]]]
        articles = _distinct_per(world, article, len(plan.w_reports))
        outlets = _distinct_per(world, plan.art_source[article], len(plan.w_reports))
        columns = zip(first_day.tolist(), last_day.tolist(), story.tolist(), articles.tolist(),
                      outlets.tolist(), strict=True)  # fmt: skip
        return [self._cluster_row(w, *values) for w, values in enumerate(columns)]

    def _cluster_row(
        self, w: int, first: int, last: int, story: int, articles: int, outlets: int
    ) -> Row:
        plan = self.plan
        type_ = PLOVER_TYPES[int(plan.w_type[w])]
        source, target = int(plan.w_source[w]), int(plan.w_target[w])
        fact_id = int(self.first_fact[w])
        return (
            w + 1, type_, self.first_mode[w], quad_class(type_),
            source + 1 if source >= 0 else None, target + 1 if target >= 0 else None,
            plan.day(first), plan.day(last), self.first_evidence[w], fact_id or None, story,
            int(plan.w_reports[w]), int(articles), int(outlets),
        )  # fmt: skip

    def _stories(self) -> list[Row]:
        plan = self.plan
        story = plan.art_story
        starts = np.flatnonzero(np.diff(story, prepend=0))
        ends = np.append(starts[1:], len(story))
        rows = []
        for n, (lo, hi) in enumerate(zip(starts.tolist(), ends.tolist(), strict=True)):
            outlets = len(set(plan.art_source[lo:hi].tolist()))
            rows.append((n + 1, self.story_titles.get(n + 1), plan.published(lo),
                         plan.published(hi - 1), hi - lo, outlets))  # fmt: skip
        return rows


def _columns(section: str, fact: dict[str, Any]) -> tuple[Any, str | None, str | None, Any]:
    """kind, source key, target key and date of a fact, as the store files them."""
    if section == "events":
        return fact["type"], fact["source"], fact["target"], fact["date"]
    if section == "quotes":
        return fact["kind"], fact["speaker"], None, None
    if section == "claims":
        return fact["unit"], fact["source"], None, None
    if section == "forecasts":
        return fact["phrase"], fact["source"], None, fact["horizon_end"]
    return fact["due"], None, None, fact["due"]


def _distinct_per(group: np.ndarray, value: np.ndarray, groups: int) -> np.ndarray:
    """How many distinct ``value`` each group holds."""
    pairs = np.unique(group.astype(np.int64) * (int(value.max()) + 1) + value)
    return np.bincount(pairs // (int(value.max()) + 1), minlength=groups)


def _layout(sentences: list[Sentence], rng: random.Random) -> tuple[str, list[int], str]:
    """The text (paragraphs of two or three sentences), sentence offsets, blocks JSON."""
    text, starts, blocks = "", [], []
    for n, sentence in enumerate(sentences):
        if n and rng.random() < 0.4:
            blocks.append(len(text))
            text += "\n\n"
        elif n:
            text += " "
        starts.append(len(text))
        text += sentence.text
    bounds = [0, *[b + 2 for b in blocks]]
    ends = [*blocks, len(text)]
    json_blocks = [
        {"text": text[lo:hi], "kind": "paragraph", "start": lo, "end": hi}
        for lo, hi in zip(bounds, ends, strict=True)
    ]
    return text, starts, json.dumps(json_blocks, ensure_ascii=False)


def _poisson(rng: random.Random, mean: float) -> int:
    n, p, limit = 0, rng.random(), np.exp(-mean)
    while p > limit:
        n += 1
        p *= rng.random()
    return n


def places() -> list[str]:
    """The capitals of the states: the places events happen in."""
    capitals: list[str] = []
    for line in (DATA / "states.jsonl").read_text("utf-8").splitlines():
        capitals.extend(json.loads(line).get("capitals") or [])
    return sorted(set(capitals)) or ["the capital"]


def _sources(rng: random.Random, places: list[str]) -> list[tuple[str, str]]:
    names: dict[str, tuple[str, str]] = {}
    while len(names) < SOURCES:
        name = f"The {rng.choice(places)} {rng.choice(PAPER_WORDS)}"
        names.setdefault(name, (name, _slug(name).replace("-", "") + ".example"))
    return list(names.values())
