"""A brief as Markdown or as one self-contained HTML page.

Every item ends with links to its articles: the article's web address when it
has one (http or https only), else the command that shows the stored article.
Markdown text is escaped so that evidence never turns into markup; HTML text
and attributes are escaped with :func:`html.escape`.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from watchfloor.brief.model import Brief, Item, Link

# Inline markup characters; block markup (#, -, 1.) cannot start an item's text.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def to_markdown(brief: Brief) -> str:
    lines = [f"# {_md(brief.title)}", "", _md(brief.summary), ""]
    for section in brief.sections:
        lines += [f"## {_md(section.title)}", ""]
        if section.note:
            lines += [f"_{_md(section.note)}_", ""]
        if not section.items:
            lines.append(f"_{_md(section.empty)}_")
        for number, item in enumerate(section.items, start=1):
            lines.append(f"{number}. {_md_item(item)}")
        lines.append("")
    return "\n".join(lines)


def _md_item(item: Item) -> str:
    text = f"**{_md(item.label)}** — {_md(item.text)}"
    if item.note:
        text += f" _({_md(item.note)})_"
    return f"{text} · {' · '.join(_md_link(link) for link in item.links)}"


def _md_link(link: Link) -> str:
    if link.href is None:
        return f"{_md(link.text)}: `{link.command.replace('`', '')}`"
    # Characters that would end the destination are percent-encoded; the rest stays readable.
    target = quote(link.href, safe="/:?#[]@!$&'*+,;=%~-._")
    return f"[{_md(link.text)}]({target})"


def _md(text: str) -> str:
    """Text with every character Markdown could read as markup escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


_STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem;
       color: #1d1d1f; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; border-bottom: 1px solid #ddd; }
li { margin: 0 0 .6rem; } .note { color: #666; font-size: .9em; } .empty { color: #666; }
.links a, .links code { margin-right: .6em; font-size: .9em; }
"""


def to_html(brief: Brief) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{_h(brief.title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{_h(brief.title)}</h1>",
        f"<p>{_h(brief.summary)}</p>",
    ]
    for section in brief.sections:
        parts.append(f"<section><h2>{_h(section.title)}</h2>")
        if section.note:
            parts.append(f'<p class="note">{_h(section.note)}</p>')
        if not section.items:
            parts.append(f'<p class="empty">{_h(section.empty)}</p>')
        else:
            parts.append("<ol>" + "".join(_html_item(item) for item in section.items) + "</ol>")
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _html_item(item: Item) -> str:
    note = f' <span class="note">({_h(item.note)})</span>' if item.note else ""
    links = "".join(_html_link(link) for link in item.links)
    return (
        f"<li><strong>{_h(item.label)}</strong> — {_h(item.text)}{note}"
        f' <span class="links">{links}</span></li>'
    )


def _html_link(link: Link) -> str:
    if link.href is None:
        return f"{_h(link.text)}: <code>{_h(link.command)}</code>"
    return f'<a href="{_h(link.href)}">{_h(link.text)}</a>'


def _h(text: str) -> str:
    return html.escape(text, quote=True)
