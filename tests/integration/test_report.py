"""The HTML review pages, checked on hand-made output folders: offsets, links, escaping, index."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter, defaultdict
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner

from extractor.cli.report import report_command
from extractor.errors import InputNotFound
from extractor.dataset.outputs import dump_json, write_article
from extractor.report import write_report

HOSTILE = "<script>window.__pwned = 1</script>"

TEXT = (
    "Aan de raadpleging hebben in totaal 739 ambtenaren deelgenomen. Daarvan is 47 procent man, "
    "45 procent vrouw en 0,5 procent geeft aan geen van beide te zijn.\n\n"
    "Kennis <en> vaardigheden\n"
    "We zien dat zowel het antwoord ‘Ja’ als ‘Weet niet’ door 42 procent van de deelnemers "
    f"wordt gekozen. {HOSTILE} Nog eens 16 procent geeft aan dat deze mogelijkheid er niet is.\n\n"
    "Bijna de helft (49 procent) vindt het effectief & nuttig."
)


def at(surface: str, after: str = "") -> tuple[int, int]:
    start = TEXT.index(surface, TEXT.index(after) if after else 0)
    return start, start + len(surface)


def record(rid: str, surface: str, value: float, label: str, *, unit: str = "percent",
           after: str = "", group: str | None = None, **extra: Any) -> dict[str, Any]:
    start, end = at(surface, after)
    data = {
        "id": rid, "article": "hand-made", "section": None, "value": value, "unit": unit,
        "label": label, "qualifier": None, "surface": surface, "sentence": surface,
        "start": start, "end": end, "page": 27, "bbox": None, "group": group, "statement": None,
    }
    data.update(extra)
    return data


STATEMENT = "Biedt uw <organisatie> mogelijkheden?"


def hand_made(article_id: str = "hand-made") -> dict[str, Any]:
    """A document with hostile markup, a group, two records on one surface, repairs, warnings."""
    kennis = TEXT.index("Kennis")
    last = TEXT.index("Bijna")
    deel = at("deelgenomen")
    return {
        "id": article_id,
        "source": {"path": f"samples/{article_id}<b>.txt", "sha256": "ab" * 32, "kind": "text"},
        "title": f"Opgavegericht {HOSTILE} werken",
        "subtitle": "Voordelen <i>maar</i> ook nadelen",
        "lede": "Een lede met <a href='x'>link</a>",
        "byline": ["Marc <b>Notebomer</b>"],
        "rubric": "VAKMANSCHAP",
        "issue": "nr. 40 | 2023",
        "pages": [27, 28],
        "sample_size": 739,
        "sections": [
            {"heading": None, "start": 0, "end": kennis},
            {"heading": "Kennis <en> vaardigheden", "start": kennis, "end": last},
            {"heading": "Niet in de tekst", "start": last, "end": len(TEXT)},
        ],
        "pull_quotes": [f"‘Maar liefst {HOSTILE}’"],
        "furniture": ["nr. 40 | 2023", "27"],
        "text": TEXT,
        "repairs": [
            {"start": 80, "end": 92, "before": "deelgeno-\nmen", "after": "deelgenomen",
             "joined": True, "reason": "dictionary", "text_start": deel[0], "text_end": deel[1]},
            {"start": 400, "end": 410, "before": "mogelijk-\nheid", "after": "mogelijkheid",
             "joined": True, "reason": f"dictionary {HOSTILE}"},
            {"start": 900, "end": 909, "before": "Ambte-\nnaren", "after": "Ambtenaren",
             "joined": True, "reason": "furniture", "text_start": None, "text_end": None},
        ],
        "records": [
            record("r1", "739", 739, "deelnemers", unit="count"),
            record("r2", "47 procent", 47, "man", group="geslacht"),
            record("r3", "45 procent", 45, "vrouw", group="geslacht"),
            record("r4", "0,5 procent", 0.5, "geen van beide", group="geslacht"),
            record("r5", "42 procent", 42, "‘Ja’", group=f"{article_id}:g2", statement=STATEMENT),
            record("r6", "42 procent", 42, "‘Weet niet’", group=f"{article_id}:g2",
                   statement=STATEMENT),
            record("r7", "16 procent", 16, f"nee {HOSTILE}<img src=x onerror=alert(1)>",
                   group=f"{article_id}:g2", qualifier="approx", statement=STATEMENT),
            record("r8 \"odd\" id", "49 procent", 49, "effectief", qualifier="more_than"),
        ],
        "warnings": [
            {"code": "sum_mismatch", "message": f"som van <b>geslacht</b> is 92,5 {HOSTILE}",
             "records": ["r2", "r3", "r4", "not-a-record"]},
            {"code": "duplicate_value", "message": "twee statistieken op dezelfde woorden",
             "records": ["r5", "r6"]},
        ],
    }


def crossing() -> dict[str, Any]:
    """Records that cross each other, a block boundary and a repair: the layout must split them."""
    doc = hand_made("crossing")
    doc["records"] = [
        record("c1", "0,5 procent", 0.5, "a"),
        record("c2", "procent geeft", 1, "b"),  # crosses c1
        record("c3", "zijn.\n\nKennis", 2, "c"),  # crosses a paragraph and a heading
        record("c4", "739 ambtenaren deelgenomen. Daarvan", 3, "d"),  # contains the repair
        record("c5", "ambtenaren deel", 4, "e"),  # crosses into the repair
        record("c6", "e", 5, "f", after="Kennis"),  # one letter inside the heading
        record("c7", "effectief & nuttig.", 6, "g"),  # runs to the end of the text
    ]
    doc["warnings"] = []
    return doc


def write_folder(out: Path, documents: list[dict[str, Any]], manifest: Any = None) -> Path:
    for document in documents:
        write_article(document, out)
    if manifest is not None:
        (out / "run.json").write_text(dump_json(manifest), encoding="utf-8")
    return write_report(out)


# ---------------------------------------------------------------- reading the HTML back


class Page(HTMLParser):
    """Collects ids, hrefs, scripts and the text of ``#article-text`` with the marks over it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.tags: Counter[str] = Counter()
        self.attribute_names: set[str] = set()
        self.scripts: list[str] = []
        self.text_parts: list[str] = []
        self.covered: dict[str, list[int]] = defaultdict(list)
        self.heads: Counter[str] = Counter()
        self.repairs: list[tuple[int, int, str]] = []
        self.data: list[str] = []
        self._stack: list[tuple[str, dict[str, str]]] = []
        self._in_text = 0
        self._in_script = False
        self._pos = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags[tag] += 1
        self.attribute_names.update(a)
        if "id" in a:
            self.ids.append(a["id"])
        if "href" in a:
            self.hrefs.append(a["href"])
        if tag == "script":
            self._in_script = True
        if self._in_text:
            self._stack.append((tag, a))
            if tag == "mark" and "stat" in a.get("class", "").split() and "id" in a:
                self.heads[a["data-record"]] += 1
        elif a.get("id") == "article-text":
            self._in_text = 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False
        if self._in_text:
            if not self._stack:
                self._in_text = 0
                return
            open_tag, _ = self._stack.pop()
            assert open_tag == tag, f"</{tag}> closes <{open_tag}>"

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)
        self.data.append(data)
        if not self._in_text or any("data-nontext" in a for _, a in self._stack):
            return
        for tag, a in self._stack:
            if tag == "mark" and "stat" in a.get("class", "").split():
                self.covered[a["data-record"]].extend(range(self._pos, self._pos + len(data)))
            if "repair" in a.get("class", "").split():
                self.repairs.append((self._pos, self._pos + len(data), a.get("title", "")))
        self.text_parts.append(data)
        self._pos += len(data)

    @property
    def text(self) -> str:
        return "".join(self.text_parts)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


# ---------------------------------------------------------------- tests


@pytest.mark.parametrize("make", [hand_made, crossing], ids=["hand-made", "crossing"])
def test_report_every_record_highlighted_once_at_its_offsets(tmp_path: Path, make) -> None:
    document = make()
    write_folder(tmp_path, [document])
    page = parse(tmp_path / "report" / f"{document['id']}.html")
    assert page.text == document["text"]
    for rec in document["records"]:
        assert page.heads[rec["id"]] == 1, rec["id"]
        covered = page.covered[rec["id"]]
        assert sorted(covered) == list(range(rec["start"], rec["end"])), rec["id"]
        assert len(covered) == len(set(covered)), f"{rec['id']} covers a character twice"
    assert set(page.heads) == {r["id"] for r in document["records"]}


def test_report_two_records_on_one_surface_are_nested(tmp_path: Path) -> None:
    write_folder(tmp_path, [hand_made()])
    html = (tmp_path / "report" / "hand-made.html").read_text(encoding="utf-8")
    outer = re.search(r'<mark [^>]*data-record="r5"[^>]*><mark [^>]*data-record="r6"[^>]*>42 procent</mark></mark>', html)
    assert outer, "r5 and r6 share '42 procent' and must be nested, each once"


def test_report_repairs_are_marked_with_before_and_after(tmp_path: Path) -> None:
    document = hand_made()
    write_folder(tmp_path, [document])
    page = parse(tmp_path / "report" / "hand-made.html")
    marked = {(s, e): title for s, e, title in page.repairs}
    start, end = document["repairs"][0]["text_start"], document["repairs"][0]["text_end"]
    assert marked[(start, end)] == "afbreking hersteld: deelgeno-↵men → deelgenomen (dictionary)"
    # Without text offsets the repaired word is looked up; with null offsets it is not shown.
    assert any(TEXT[s:e] == "mogelijkheid" for s, e, _ in page.repairs)
    assert len(marked) == 2


def test_report_links_resolve(tmp_path: Path) -> None:
    manifest = {"inputs": [
        {"path": "samples/hand-made.txt", "id": "hand-made", "status": "warning", "records": 8},
        {"path": "samples/crossing.txt", "id": "crossing", "status": "ok", "records": 7},
    ]}
    index = write_folder(tmp_path, [hand_made(), crossing()], manifest)
    pages = sorted(index.parent.glob("*.html"))
    assert [p.name for p in pages] == ["crossing.html", "hand-made.html", "index.html"]
    for path in pages:
        page = parse(path)
        duplicates = [i for i, n in Counter(page.ids).items() if n > 1]
        assert not duplicates, f"{path.name}: duplicate ids {duplicates}"
        assert page.hrefs, path.name
        for href in page.hrefs:
            parts = urlsplit(href)
            assert not parts.scheme and not parts.netloc, f"{path.name}: external link {href}"
            if parts.path:
                assert (path.parent / unquote(parts.path)).is_file(), f"{path.name}: {href}"
            if parts.fragment:
                target = parse(path.parent / unquote(parts.path)) if parts.path else page
                assert parts.fragment in target.ids, f"{path.name}: {href}"


def test_report_table_rows_and_highlights_link_both_ways(tmp_path: Path) -> None:
    write_folder(tmp_path, [hand_made()])
    html = (tmp_path / "report" / "hand-made.html").read_text(encoding="utf-8")
    for anchor in ["r1", "r5", "r6", "r8-odd-id"]:
        assert f'id="hl-{anchor}"' in html and f'data-row="rec-{anchor}"' in html
        assert f'<tr id="rec-{anchor}"' in html and f'href="#hl-{anchor}"' in html
    assert html.count('href="#group-2"') == 3  # the group cells of r5, r6 and r7
    assert "groep: g2\n" in html  # the group id without the article id in front


def test_report_escapes_hostile_input(tmp_path: Path) -> None:
    write_folder(tmp_path, [hand_made()], {"inputs": [
        {"path": f"evil{HOSTILE}.pdf", "id": None, "status": "failed", "reason": "corrupt",
         "message": f"bad <img src=x onerror=alert(1)> {HOSTILE}", "records": 0},
        {"path": "samples/hand-made.txt", "id": "hand-made", "status": "warning"},
    ]})
    for path in (tmp_path / "report").glob("*.html"):
        page = parse(path)
        assert page.tags["script"] == 1, path.name  # only the shipped script
        assert page.tags["img"] == 0 and page.tags["b"] == 0 and page.tags["i"] == 0, path.name
        assert not [n for n in page.attribute_names if n.startswith("on")], path.name
        assert "__pwned" not in "".join(page.scripts)
        assert any(HOSTILE in d for d in page.data), f"{path.name}: hostile text not shown as text"


def test_report_content_security_policy_allows_only_the_shipped_script(tmp_path: Path) -> None:
    index = write_folder(tmp_path, [hand_made()])
    html = (index.parent / "hand-made.html").read_text(encoding="utf-8")
    script = re.search(r"<script>(.*?)</script>", html, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1)
    assert "default-src &#x27;none&#x27;" in policy
    assert f"sha256-{digest}" in policy
    assert "unsafe-inline" not in policy
    assert not re.search(r"\b(src|href)=\"(https?:)?//", html)


def test_report_page_is_dutch_and_has_print_styles(tmp_path: Path) -> None:
    index = write_folder(tmp_path, [hand_made()])
    for path in index.parent.glob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert '<html lang="nl">' in html
        assert "@media print" in html and ":focus" in html


def test_report_charts_one_per_group(tmp_path: Path) -> None:
    write_folder(tmp_path, [hand_made()])
    html = (tmp_path / "report" / "hand-made.html").read_text(encoding="utf-8")
    charts = re.findall(r'<figure class="group-chart".*?</figure>', html, re.S)
    assert len(charts) == 2
    assert '<figcaption>Uitsplitsing <span class="group-id">(geslacht)</span>' in charts[0]
    assert 'Biedt uw &lt;organisatie&gt; mogelijkheden? <span class="group-id">(g2)</span>' in charts[1]
    assert charts[0].count("<rect") == 3 and charts[1].count("<rect") == 3
    assert ">0,5 %</text>" in charts[0]


STATUSES = [
    {"path": "samples/hand-made.txt", "id": "hand-made", "status": "ok", "records": 8, "warnings": 0},
    {"path": "samples/crossing.txt", "id": "crossing", "status": "warning", "records": 7,
     "warnings": [{"code": "x"}]},
    {"path": "samples/kapot.pdf", "id": "kapot", "status": "failed", "reason": "encrypted",
     "message": "samples/kapot.pdf: encrypted: the PDF needs a password"},
    {"path": "samples/dubbel.txt", "id": "dubbel", "status": "skipped", "reason": "duplicate",
     "message": "same content as samples/hand-made.txt"},
]


def index_rows(path: Path) -> list[str]:
    html = path.read_text(encoding="utf-8")
    return re.findall(r"<tr class=\"status-[^\"]+\">.*?</tr>", html, re.S)


def test_report_index_has_a_row_per_input_and_status(tmp_path: Path) -> None:
    index = write_folder(tmp_path, [hand_made(), crossing()], {"inputs": STATUSES})
    rows = index_rows(index)
    assert [re.search(r'status-(\w+)', r).group(1) for r in rows] == ["ok", "warning", "failed", "skipped"]
    ok, warning, failed, skipped = rows
    assert 'href="hand-made.html"' in ok and 'href="../articles/hand-made.json"' in ok
    assert ">1<" in warning  # a list of warnings is counted
    assert failed.count("encrypted:") == 1 and "needs a password" in failed and "href" not in failed
    assert "duplicate:" in skipped and "mislukt" in failed and "overgeslagen" in skipped


def test_report_index_without_manifest_lists_the_articles(tmp_path: Path) -> None:
    index = write_folder(tmp_path, [hand_made(), crossing()])
    rows = index_rows(index)
    assert len(rows) == 2
    assert "status-ok" in rows[0] and 'href="crossing.html"' in rows[0]
    assert "status-warning" in rows[1] and ">8<" in rows[1] and ">2<" in rows[1]


@pytest.mark.parametrize("manifest", [[], {"inputs": "nonsense"}, {"inputs": [1, None]}, "???"])
def test_report_reads_a_broken_manifest_defensively(tmp_path: Path, manifest: Any) -> None:
    write_article(hand_made(), tmp_path)
    (tmp_path / "run.json").write_text(json.dumps(manifest) if manifest != "???" else "{", "utf-8")
    rows = index_rows(write_report(tmp_path))
    assert len(rows) == 1 and 'href="hand-made.html"' in rows[0]


def test_report_article_missing_from_manifest_is_still_listed(tmp_path: Path) -> None:
    index = write_folder(tmp_path, [hand_made(), crossing()], {"inputs": STATUSES[:1]})
    rows = index_rows(index)
    assert len(rows) == 2 and "not a current document" in rows[1]


def test_report_survives_broken_documents(tmp_path: Path) -> None:
    document = hand_made()
    document["records"][0]["start"] += 1  # offsets no longer point at the surface
    document["records"].append({"id": "junk", "value": "x", "start": None})
    document["sections"].append({"heading": 3, "start": "a"})
    document["pages"] = None
    write_article(document, tmp_path)
    (tmp_path / "articles" / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "articles" / "list.json").write_text("[]", encoding="utf-8")
    index = write_report(tmp_path)
    page = parse(index.parent / "hand-made.html")
    assert page.text == TEXT
    assert "r1" not in page.heads and "junk" not in page.heads and page.heads["r2"] == 1
    html = (index.parent / "hand-made.html").read_text(encoding="utf-8")
    assert "2 statistiek(en) wijzen niet naar hun tekst" in html
    rows = index_rows(index)
    assert sum("invalid output" in r for r in rows) == 2
    assert sorted(p.name for p in index.parent.glob("*.html")) == ["hand-made.html", "index.html"]


def test_report_removes_pages_of_articles_that_are_gone(tmp_path: Path) -> None:
    write_folder(tmp_path, [hand_made(), crossing()])
    (tmp_path / "articles" / "crossing.json").unlink()
    index = write_report(tmp_path)
    assert sorted(p.name for p in index.parent.glob("*.html")) == ["hand-made.html", "index.html"]


def test_report_unsafe_article_id_gets_a_safe_page_name(tmp_path: Path) -> None:
    document = hand_made("weird id")
    index = write_folder(tmp_path, [document])
    [name] = [p.name for p in index.parent.glob("*.html") if p.name != "index.html"]
    assert re.fullmatch(r"weird-id-[0-9a-f]{8}\.html", name)
    assert f'href="{name}"' in index.read_text(encoding="utf-8")


def test_report_rejects_a_folder_that_is_not_an_output_folder(tmp_path: Path) -> None:
    with pytest.raises(InputNotFound, match="not an output folder"):
        write_report(tmp_path)


def test_report_cli_writes_the_pages(tmp_path: Path) -> None:
    write_article(hand_made(), tmp_path)
    result = CliRunner().invoke(report_command, [str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "index.html" in result.output
    assert (tmp_path / "report" / "hand-made.html").is_file()


def test_report_cli_error_is_one_clean_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(report_command, [str(tmp_path / "nope")])
    assert result.exit_code == 2  # as for a missing path in every command
    assert result.output.startswith("Error: ") and "no such output folder" in result.output
    assert "Traceback" not in result.output


def test_report_index_follows_the_batch_manifest(tmp_path: Path) -> None:
    """The real ``run.json`` of ``extractor run``: ``document`` decides which page a row links."""
    from extractor.batch.manifest import InputResult, Manifest, RunState, Status, document_path
    from extractor.errors import Reason

    entries = [
        InputResult("samples/hand-made.txt", "hand-made", "text", 10, "0" * 64, Status.WARNING,
                    document=document_path("hand-made"), records=8, warnings=2),
        InputResult("samples/crossing.txt", "crossing", "text", 10, "1" * 64, Status.FAILED,
                    Reason.INTERNAL, f"boom {HOSTILE}", traceback=f"Traceback\n  {HOSTILE}"),
        InputResult("samples/later.txt", "later", "text", 10, "2" * 64),
    ]
    manifest = Manifest(entries, state=RunState.INTERRUPTED)
    write_article(hand_made(), tmp_path)
    write_article(crossing(), tmp_path)  # an old document of an input that now fails
    manifest.save(tmp_path)
    index = write_report(tmp_path)
    rows = index_rows(index)
    assert [re.search(r"status-(\w+)", r).group(1) for r in rows] == ["warning", "failed", "pending", "ok"]
    warning, failed, pending, stale = rows
    assert 'href="hand-made.html"' in warning
    assert "href" not in failed and "internal error:" in failed
    assert "<details" in failed and "&lt;script&gt;" in failed
    assert "niet verwerkt" in pending
    assert 'href="crossing.html"' in stale and "not a current document" in stale
    html = index.read_text(encoding="utf-8")
    assert "De run is onderbroken" in html


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(
    ("ink", "ground", "minimum"),
    [
        ("--ink", "--paper", 4.5), ("--muted", "--paper", 4.5), ("--link", "--paper", 4.5),
        ("--ink", "--percent", 4.5), ("--ink", "--count", 4.5), ("--ink", "--other", 4.5),
        ("--tip-ink", "--tip-bg", 4.5), ("--focus", "--percent", 3.0), ("--focus", "--paper", 3.0),
        ("--percent-edge", "--percent", 3.0), ("--count-edge", "--count", 3.0),
    ],
)
def test_report_colours_meet_wcag_aa(ink: str, ground: str, minimum: float) -> None:
    from extractor.report.pages import asset

    colours = dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{6});", asset("report.css")))
    assert contrast(colours[ink], colours[ground]) >= minimum


def test_report_table_shows_population_and_period(tmp_path: Path) -> None:
    document = hand_made()
    document["records"][0].update(population="gemeenteambtenaren", period="vorig jaar")
    write_folder(tmp_path, [document])
    html = (tmp_path / "report" / f"{document['id']}.html").read_text(encoding="utf-8")
    assert '<th scope="col" data-sort="text">Wie</th>' in html and '<th scope="col" data-sort="text">Wanneer</th>' in html
    row = re.search(rf'<tr id="rec-[^"]*"[^>]*>.*?{document["records"][0]["id"]}.*?</tr>', html, re.S).group()
    assert "<td>gemeenteambtenaren</td><td>vorig jaar</td>" in row
    assert "wie: gemeenteambtenaren" in html and "wanneer: vorig jaar" in html
