"""The HTML of the review pages: one page per article and the index of the run."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib.resources import files
from string import Template
from typing import Any
from urllib.parse import quote

from . import fmt
from .charts import bar_chart
from .load import LoadedArticle, Manifest, Row
from .markup import RANK_RECORD, RANK_REPAIR, Span, layout, render_inline

ASSETS = "assets"
INDEX_PAGE = "index.html"
GENERATOR = "ambtenarenpanel-extractor review page"
"""The generator named in every page: a page without it is someone else's and is left alone."""
NEWLINE_SIGN = "↵"
"""How a line break inside a hyphenation repair is shown in its title."""

REUSED_NOTE = ' <span class="reused">(hergebruikt: ongewijzigd sinds de vorige run)</span>'
"""Beside the status of an input that the run did not extract again."""

ANCHOR_UNSAFE = re.compile(r"[^A-Za-z0-9_.:-]+")


@cache
def asset(name: str) -> str:
    """A template, stylesheet or script shipped in ``extractor/report/assets``."""
    return files(__package__).joinpath(ASSETS, name).read_text(encoding="utf-8")


def _hash(source: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode()


def page(template: str, title: str, **parts: str) -> str:
    """Fill a page template: inline CSS and JS, and a policy that only lets exactly those run.

    The Content-Security-Policy blocks every network request and every script or style other
    than the two shipped ones, so even a document that slipped past escaping could not act.
    """
    css, js = asset("report.css"), asset("report.js")
    return Template(asset(template)).substitute(
        title=escape(title), css=css, js=js, policy=escape(policy()), generator=GENERATOR, **parts
    )


@cache
def policy() -> str:
    """Nothing from the network; only the shipped stylesheet and script, pinned by hash."""
    return (
        f"default-src 'none'; style-src '{_hash(asset('report.css'))}'; "
        f"script-src '{_hash(asset('report.js'))}'; img-src 'none'; base-uri 'none'; "
        "form-action 'none'"
    )


def attrs(**values: str | None) -> str:
    """HTML attributes, escaped; ``data_x`` becomes ``data-x``; ``None`` leaves one out."""
    return "".join(
        f' {name.rstrip("_").replace("_", "-")}="{escape(value)}"'
        for name, value in values.items()
        if value is not None
    )


def anchor_ids(ids: Iterable[str]) -> list[str]:
    """A safe, unique fragment id per record id (kept readable when the id already is)."""
    seen: set[str] = set()
    result = []
    for index, raw in enumerate(ids):
        base = ANCHOR_UNSAFE.sub("-", raw).strip("-") or f"r{index + 1}"
        anchor = base if base not in seen else f"{base}-{index + 1}"
        seen.add(anchor)
        result.append(anchor)
    return result


# ---------------------------------------------------------------- article page


@dataclass(slots=True)
class RecordView:
    """A record as the article page shows it."""

    number: int
    data: dict[str, Any]
    anchor: str
    located: bool
    group: str | None = None
    """The breakdown group as shown: the group id without the article id in front."""
    group_number: int | None = None

    @property
    def id(self) -> str:
        return record_id(self.data)

    @property
    def unit(self) -> str:
        unit = self.data.get("unit")
        return unit if unit in fmt.UNIT_WORDS else "other"


def record_id(record: dict[str, Any]) -> str:
    value = record.get("id")
    return "" if value is None else str(value)


def locate(record: dict[str, Any], text: str) -> bool:
    """Whether the record's offsets point at its surface in the clean text."""
    start, end, surface = record.get("start"), record.get("end"), record.get("surface")
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool):
        return False
    if not 0 <= start < end <= len(text):
        return False
    return not isinstance(surface, str) or text[start:end] == surface


def repair_location(repair: dict[str, Any], text: str) -> tuple[int, int] | None:
    """Where a hyphenation repair shows in the clean text, or ``None`` (outside the body).

    Uses ``text_start``/``text_end`` when the document has them; older documents only have
    offsets into the input, so the repaired word is looked up and the occurrence closest to the
    input offset taken (the clean text is the input with furniture taken out, so it is close).
    """
    if "text_start" in repair or "text_end" in repair:
        start, end = repair.get("text_start"), repair.get("text_end")
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
            return start, end
        return None
    after = repair.get("after")
    if not isinstance(after, str) or not after.strip():
        return None
    where = repair.get("start") if isinstance(repair.get("start"), int) else 0
    hits = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(after)}(?!\w)", text)]
    if not hits:
        return None
    best = min(hits, key=lambda hit: abs(hit - where))
    return best, best + len(after)


def repair_title(repair: dict[str, Any]) -> str:
    before = str(repair.get("before") or "").replace("\r\n", "\n").replace("\n", NEWLINE_SIGN)
    title = f"afbreking hersteld: {before} → {fmt.plain(repair.get('after'))}"
    reason = repair.get("reason")
    return f"{title} ({reason})" if reason else title


def _record_span(view: RecordView, seq: int) -> Span:
    tip = fmt.tooltip(view.data, view.number, view.group)
    printed = f"#{view.number} {fmt.value(view.data)}"
    classes = f"stat unit-{view.unit}"

    def render_open(head: bool) -> str:
        if head:
            return "<mark" + attrs(
                class_=classes, id=f"hl-{view.anchor}", tabindex="0",
                data_record=view.id, data_row=f"rec-{view.anchor}", data_tip=tip,
                data_print=printed, aria_describedby=f"rec-{view.anchor}",
            ) + ">"
        return "<mark" + attrs(
            class_=f"{classes} stat-cont", data_record=view.id, data_tip=tip
        ) + ">"

    return Span(view.data["start"], view.data["end"], RANK_RECORD, render_open, "</mark>", seq)


def _repair_span(start: int, end: int, repair: dict[str, Any], seq: int) -> Span:
    tag = "<span" + attrs(class_="repair", title=repair_title(repair)) + ">"
    return Span(start, end, RANK_REPAIR, lambda head: tag, "</span>", seq)


@dataclass(slots=True)
class SectionView:
    index: int
    start: int
    end: int
    heading: str | None

    @property
    def anchor(self) -> str:
        return f"sec-{self.index + 1}"

    @property
    def name(self) -> str:
        return self.heading.strip() if self.heading and self.heading.strip() else "Inleiding"


def _sections(document: dict[str, Any]) -> list[SectionView]:
    views = []
    for index, section in enumerate(document.get("sections") or []):
        if not isinstance(section, dict):
            continue
        start, end = section.get("start"), section.get("end")
        views.append(SectionView(
            index,
            start if isinstance(start, int) else -1,
            end if isinstance(end, int) else -1,
            section.get("heading") if isinstance(section.get("heading"), str) else None,
        ))
    return views


def article_text(text: str, sections: list[SectionView], spans: list[Span]) -> str:
    """The clean text as sections, headings and paragraphs, with every span in place.

    Concatenating the character data of the result (leaving out elements marked
    ``data-nontext``) gives back ``text`` exactly.
    """
    regions, found = layout(text, [(s.start, s.end, s.heading) for s in sections])
    by_index = {s.index: s for s in sections}
    out: list[str] = []
    placed: set[int] = set()
    for region in regions:
        section = by_index.get(region.section) if region.section is not None else None
        if section is not None:
            first = section.index not in placed
            placed.add(section.index)
            out.append("<section" + attrs(
                id=section.anchor if first else None, class_="text-section",
                aria_label=section.name,
            ) + ">")
            if first and not found.get(section.index) and section.heading:
                out.append(f'<h3 class="inserted-heading" data-nontext="">{escape(section.name)}</h3>')
        for item in region.items:
            inner = render_inline(text, item.start, item.end, spans)
            if item.kind == "heading":
                out.append(f"<h3>{inner}</h3>")
            elif item.kind == "para":
                out.append(f"<p>{inner}</p>")
            else:
                out.append(inner)
        if section is not None:
            out.append("</section>")
    for section in sections:  # sections that own no text still get their anchor
        if section.index not in placed:
            out.append(
                f'<section id="{section.anchor}" class="text-section empty">'
                f'<h3 class="inserted-heading" data-nontext="">{escape(section.name)}</h3>'
                f'<p class="note" data-nontext="">(deze sectie heeft geen tekst)</p></section>'
            )
    return "".join(out)


def _definition_list(items: list[tuple[str, str]]) -> str:
    rows = "".join(f"<dt>{escape(k)}</dt><dd>{v}</dd>" for k, v in items)
    return f'<dl class="meta">{rows}</dl>'


def _header(doc: dict[str, Any], loaded: LoadedArticle, repairs_shown: int, repairs_total: int) -> str:
    title = doc.get("title") if isinstance(doc.get("title"), str) else None
    parts = ['<header class="article-header">',
             f'<p class="crumbs"><a href="{INDEX_PAGE}">← Alle invoer</a></p>']
    if isinstance(doc.get("rubric"), str) and doc["rubric"]:
        parts.append(f'<p class="rubric">{escape(doc["rubric"])}</p>')
    parts.append(f"<h1>{escape(title or loaded.id)}</h1>")
    if isinstance(doc.get("subtitle"), str) and doc["subtitle"]:
        parts.append(f'<p class="subtitle">{escape(doc["subtitle"])}</p>')
    if isinstance(doc.get("lede"), str) and doc["lede"]:
        parts.append(f'<p class="lede">{escape(doc["lede"])}</p>')
    source = doc.get("source") if isinstance(doc.get("source"), dict) else {}
    sha = fmt.plain(source.get("sha256"))
    json_link = f'<a href="../articles/{quote(loaded.path.name)}">{escape(loaded.path.name)}</a>'
    parts.append(_definition_list([
        ("Auteurs", escape(fmt.plain(doc.get("byline")))),
        ("Nummer", escape(fmt.plain(doc.get("issue")))),
        ("Pagina's", escape(fmt.pages(doc.get("pages")))),
        ("Steekproef", escape(fmt.number(doc.get("sample_size")))),
        ("Bron", f"<code>{escape(fmt.plain(source.get('path')))}</code> "
                 f"({escape(fmt.plain(source.get('kind')))}, sha256 "
                 f'<code title="{escape(sha)}">{escape(sha[:12])}</code>)'),
        ("Document", json_link),
        ("Afbrekingen", escape(f"{repairs_total} hersteld, {repairs_shown} gemarkeerd in de tekst")),
    ]))
    parts.append("</header>")
    return "".join(parts)


def _warnings(warnings: list[dict[str, Any]], anchors: dict[str, str], notes: list[str]) -> str:
    if not warnings and not notes:
        return ('<section class="warnings none" aria-labelledby="warnings-h">'
                '<h2 id="warnings-h">Waarschuwingen</h2><p>Geen waarschuwingen.</p></section>')
    items = []
    for warning in warnings:
        refs = []
        listed = warning.get("records")
        for ref in listed if isinstance(listed, list) else []:
            ref = str(ref)
            if ref in anchors:
                refs.append(f'<a href="#rec-{anchors[ref]}">{escape(ref)}</a>')
            else:
                refs.append(f"<code>{escape(ref)}</code>")
        ref_html = f' <span class="refs">({", ".join(refs)})</span>' if refs else ""
        items.append(
            f'<li><code class="code">{escape(fmt.plain(warning.get("code")))}</code> '
            f'{escape(fmt.plain(warning.get("message")))}{ref_html}</li>'
        )
    items.extend(f'<li class="report-note">{escape(note)}</li>' for note in notes)
    count = len(warnings) + len(notes)
    return (f'<section class="warnings" aria-labelledby="warnings-h" role="region">'
            f'<h2 id="warnings-h">Waarschuwingen ({count})</h2><ul>{"".join(items)}</ul></section>')


def _outline(sections: list[SectionView], views: list[RecordView]) -> str:
    if not sections:
        return ""
    items = []
    for section in sections:
        inside = sum(1 for v in views if v.located and section.start <= v.data["start"] < section.end)
        items.append(f'<li><a href="#{section.anchor}">{escape(section.name)}</a> '
                     f'<span class="count">({inside})</span></li>')
    return (f'<nav class="outline" aria-labelledby="outline-h"><h2 id="outline-h">Inhoud</h2>'
            f'<ol>{"".join(items)}</ol></nav>')


def assign_groups(views: list[RecordView], article_id: str) -> dict[int, list[RecordView]]:
    """Number the breakdown groups in order of appearance and give each view its group."""
    numbers: dict[str, int] = {}
    groups: dict[int, list[RecordView]] = {}
    prefix = f"{article_id}:"
    for view in views:
        group = view.data.get("group")
        if group is None or group == "":
            continue
        group = str(group)
        number = numbers.setdefault(group, len(numbers) + 1)
        view.group = group[len(prefix):] if group.startswith(prefix) and group != prefix else group
        view.group_number = number
        groups.setdefault(number, []).append(view)
    return groups


def _record_table(views: list[RecordView], charted: bool) -> str:
    if not views:
        return "<p>Geen statistieken gevonden.</p>"
    with_pages = any(v.data.get("page") is not None for v in views)
    head = ("<thead><tr>"
            '<th scope="col" data-sort="number">#</th>'
            '<th scope="col" data-sort="number">Waarde</th>'
            '<th scope="col" data-sort="text">Label</th>'
            '<th scope="col" data-sort="text">Wie</th>'
            '<th scope="col" data-sort="text">Wanneer</th>'
            '<th scope="col" data-sort="text">Groep</th>'
            '<th scope="col" data-sort="text">Stelling</th>'
            + ('<th scope="col" data-sort="number">Pag.</th>' if with_pages else "")
            + "</tr></thead>")
    rows = []
    for view in views:
        r = view.data
        number = (f'<a href="#hl-{view.anchor}" title="naar de tekst">{view.number}</a>'
                  if view.located else f'{view.number} <span class="unlocated">niet in de tekst</span>')
        value = r.get("value") if isinstance(r.get("value"), int | float) else ""
        group = escape(fmt.plain(view.group))
        if view.group_number is not None and charted:
            group = f'<a href="#group-{view.group_number}" title="naar de grafiek">{group}</a>'
        page_cell = f'<td class="num">{escape(fmt.plain(r.get("page")))}</td>' if with_pages else ""
        rows.append(
            f'<tr id="rec-{view.anchor}" class="unit-{view.unit}">'
            f'<td data-value="{view.number}">{number}</td>'
            f'<td data-value="{escape(str(value))}" class="num">'
            f'<span class="swatch unit-{view.unit}" aria-hidden="true"></span>'
            f'{escape(fmt.value(r))}</td>'
            f'<td>{escape(fmt.plain(r.get("label")))}'
            f'<span class="record-id">{escape(view.id)}</span></td>'
            f'<td>{escape(fmt.plain(r.get("population")))}</td>'
            f'<td>{escape(fmt.plain(r.get("period")))}</td>'
            f'<td data-value="{view.group_number or 0:06d}">{group}</td>'
            f'<td>{escape(fmt.plain(r.get("statement")))}</td>'
            f"{page_cell}</tr>"
        )
    return (f'<table class="records sortable"><caption>{len(views)} statistieken</caption>'
            f'{head}<tbody>{"".join(rows)}</tbody></table>')


def _group_caption(members: list[RecordView]) -> str:
    """A group's statement when its members share one, else the section it stands in."""
    statements = {m.data.get("statement") for m in members}
    if len(statements) == 1 and isinstance(first := statements.pop(), str) and first.strip():
        return first.strip()
    section = members[0].data.get("section")
    if isinstance(section, str) and section.strip():
        return f"Uitsplitsing in ‘{section.strip()}’"
    return "Uitsplitsing"


def _charts(groups: dict[int, list[RecordView]]) -> str:
    if not groups:
        return ""
    by_record = {id(v.data): v for members in groups.values() for v in members}

    def href(record: dict[str, Any]) -> str | None:
        view = by_record[id(record)]
        return f"#hl-{view.anchor}" if view.located else f"#rec-{view.anchor}"

    figures = []
    for number, members in groups.items():
        name = members[0].group or ""
        chart = bar_chart(name, [v.data for v in members], href)
        figures.append(
            f'<figure class="group-chart" id="group-{number}">'
            f"<figcaption>{escape(_group_caption(members))} "
            f'<span class="group-id">({escape(name)})</span></figcaption>{chart}</figure>'
        )
    return (f'<section class="charts" aria-labelledby="charts-h"><h2 id="charts-h">Uitsplitsingen</h2>'
            f'{"".join(figures)}</section>')


def _extra_text(doc: dict[str, Any]) -> str:
    quotes = [q for q in doc.get("pull_quotes") or [] if isinstance(q, str)]
    furniture = [f for f in doc.get("furniture") or [] if isinstance(f, str)]
    if not quotes and not furniture:
        return ""
    items = [f'<li><span class="kind">streamer</span> {escape(q)}</li>' for q in quotes]
    items += [f'<li><span class="kind">paginavulling</span> {escape(f)}</li>' for f in furniture]
    return (f'<details class="extra"><summary>Tekst buiten de lopende tekst ({len(items)})</summary>'
            f'<ul>{"".join(items)}</ul></details>')


LEGEND = (
    '<ul class="legend" aria-label="Legenda">'
    '<li><mark class="swatch unit-percent">47 procent</mark> percentage</li>'
    '<li><mark class="swatch unit-count">739</mark> aantal</li>'
    '<li><mark class="swatch unit-percent"><mark class="swatch unit-percent nested">42 procent</mark></mark>'
    ' twee statistieken over dezelfde woorden</li>'
    '<li><span class="repair">deelgenomen</span> herstelde afbreking</li>'
    "</ul>"
    '<p class="hint">Beweeg over een markering of ga er met Tab naartoe voor de details; '
    "Enter springt naar de rij in de tabel, het nummer in de tabel terug naar de tekst.</p>"
)


def article_page(loaded: LoadedArticle) -> str:
    """The review page of one article document."""
    doc = loaded.document
    text = doc.get("text") if isinstance(doc.get("text"), str) else ""
    records = loaded.records
    anchors_list = anchor_ids(record_id(r) for r in records)
    views = [RecordView(i + 1, r, a, locate(r, text))
             for i, (r, a) in enumerate(zip(records, anchors_list, strict=True))]
    groups = assign_groups(views, loaded.id)
    anchors = {}
    for view in views:
        anchors.setdefault(view.id, view.anchor)

    spans = [_record_span(v, v.number) for v in views if v.located]
    repairs = [r for r in doc.get("repairs") or [] if isinstance(r, dict)]
    for seq, repair in enumerate(repairs):
        where = repair_location(repair, text)
        if where is not None:
            spans.append(_repair_span(where[0], where[1], repair, seq))
    repairs_shown = sum(1 for s in spans if s.rank == RANK_REPAIR)

    notes = []
    unlocated = [v for v in views if not v.located]
    if unlocated:
        notes.append(
            f"{len(unlocated)} statistiek(en) wijzen niet naar hun tekst (offsets kloppen niet "
            f"met 'surface'): {', '.join(v.id for v in unlocated[:10])}"
            + (" …" if len(unlocated) > 10 else "")
        )
    sections = _sections(doc)
    body = article_text(text, sections, spans)
    title = doc.get("title") if isinstance(doc.get("title"), str) and doc.get("title") else loaded.id
    return page(
        "article.html",
        title=f"{title} — review",
        header=_header(doc, loaded, repairs_shown, len(repairs)),
        warnings=_warnings(loaded.warnings, anchors, notes),
        outline=_outline(sections, views),
        legend=LEGEND,
        text=body,
        extra=_extra_text(doc),
        charts=_charts(groups),
        table=_record_table(views, charted=bool(groups)),
    )


# ---------------------------------------------------------------- index page


def _index_row(row: Row) -> str:
    status = row.status if row.status in fmt.STATUS_WORDS else "other"
    article = row.article
    if article is not None:
        title = article.document.get("title") if isinstance(article.document.get("title"), str) else None
        link = (f'<a href="{quote(article.page)}">{escape(title or article.id)}</a>'
                f' <a class="json" href="../articles/{quote(article.path.name)}">JSON</a>')
    else:
        link = '<span class="none">—</span>'
    reason = f"{row.reason}:" if row.reason else None
    if reason and row.message and reason in row.message:
        reason = None  # the message is an ExtractorError line, which names the reason already
    why = " ".join(escape(x) for x in (reason, row.message) if x)
    if row.traceback:
        why += (f'<details class="traceback"><summary>traceback</summary>'
                f"<pre>{escape(row.traceback)}</pre></details>")
    records = "" if row.records is None else str(row.records)
    warnings = "" if row.warnings is None else str(row.warnings)
    return (
        f'<tr class="status-{status}">'
        f"<td><code>{escape(row.path)}</code></td>"
        f'<td data-value="{escape(row.status)}"><span class="badge status-{status}">'
        f"{escape(fmt.status_word(row.status))}</span>{REUSED_NOTE if row.reused else ''}</td>"
        f'<td class="num" data-value="{records or -1}">{records or fmt.NONE}</td>'
        f'<td class="num" data-value="{warnings or -1}">{warnings or fmt.NONE}</td>'
        f"<td>{why or fmt.NONE}</td>"
        f"<td>{link}</td></tr>"
    )


def _run_summary(manifest: Manifest | None) -> str:
    if manifest is None:
        return '<p class="run">Geen run.json gevonden: de tabel toont de artikelen in articles/.</p>'
    facts = []
    for key, word in fmt.RUN_WORDS.items():
        if key in manifest.run:
            shown = fmt.STATE_WORDS.get(manifest.run[key], manifest.run[key]) if key == "state" else manifest.run[key]
            facts.append(f"{escape(word)}: {escape(shown)}")
    state = manifest.run.get("state")
    warning = ""
    if state in ("running", "interrupted"):
        warning = (f' <strong class="run-state">De run is {escape(fmt.STATE_WORDS[state])}: '
                   "niet alle invoer is verwerkt.</strong>")
    return f'<p class="run">Run — {"; ".join(facts) or "geen gegevens"}.{warning}</p>'


def index_page(rows: list[Row], manifest: Manifest | None = None) -> str:
    """The index of the run: one row per input, sortable by every column."""
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    total = sum(row.records or 0 for row in rows)
    summary = ", ".join(f"{n} {escape(fmt.status_word(s))}" for s, n in counts.items())
    summary_html = (f'<p class="summary">{len(rows)} invoer: {summary or "geen"}; '
                    f"{total} statistieken in totaal.</p>")
    if rows:
        table = (
            '<table class="inputs sortable"><caption>Invoer van de run</caption><thead><tr>'
            '<th scope="col" data-sort="text">Invoer</th>'
            '<th scope="col" data-sort="text">Status</th>'
            '<th scope="col" data-sort="number">Statistieken</th>'
            '<th scope="col" data-sort="number">Waarschuwingen</th>'
            '<th scope="col" data-sort="text">Reden</th>'
            '<th scope="col" data-sort="text">Artikel</th>'
            f'</tr></thead><tbody>{"".join(_index_row(r) for r in rows)}</tbody></table>'
        )
    else:
        table = "<p>Deze map bevat geen invoer en geen artikelen.</p>"
    return page("index.html", title="Ambtenarenpanel — review",
                summary=_run_summary(manifest) + summary_html, table=table)
