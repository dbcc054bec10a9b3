"""`extractor diff`: records matched by identity, structure and text changes, exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.cli.diff import diff_command
from extractor.diff.compare import diff_documents, diff_paths, match_records

INTRO = (
    "Aan de raadpleging hebben 739 ambtenaren deelgenomen. Daarvan is 47 procent man, "
    "45 procent vrouw en 0,5 procent geeft aan geen van beide te zijn."
)
PRAKTIJK = (
    "Maar liefst 51 procent van de deelnemers lijkt niet goed op de hoogte. Zo'n 27 procent "
    "weet niet wat opgavegericht werken is. Nog eens 24 procent zegt er weleens van te hebben gehoord."
)
AANPAK = "Door 322 ambtenaren is een beschrijving gegeven. Ruim 60 procent noemt samenwerking."

PARTS = [(None, INTRO), ("Praktijk", PRAKTIJK), ("Integrale aanpak", AANPAK)]
STATS = [
    {"surface": "739 ambtenaren", "label": "deelnemers", "value": 739, "unit": "count"},
    {"surface": "47 procent", "label": "man", "value": 47, "group": "geslacht"},
    {"surface": "45 procent", "label": "vrouw", "value": 45, "group": "geslacht"},
    {"surface": "0,5 procent", "label": "geen van beide", "value": 0.5, "group": "geslacht"},
    {"surface": "51 procent", "label": "niet goed op de hoogte", "value": 51},
    {"surface": "27 procent", "label": "weet niet wat het is", "value": 27, "qualifier": "approx",
     "group": "bekendheid"},
    {"surface": "24 procent", "label": "weleens van gehoord", "value": 24, "group": "bekendheid"},
    {"surface": "322 ambtenaren", "label": "gaven een beschrijving", "value": 322, "unit": "count"},
    {"surface": "60 procent", "label": "noemt samenwerking", "value": 60, "qualifier": "more_than"},
]


def make_document(parts=PARTS, stats=STATS, article_id="opgavegericht-werken", **fields):
    """A hand-made article document: sections from ``parts``, records located in the text.

    Ids and group ids are numbered in reading order, as a pipeline would number them.
    """
    text, sections = "", []
    for heading, body in parts:
        start = len(text)
        text += (heading + "\n" if heading else "") + body
        sections.append({"heading": heading, "start": start, "end": len(text)})
        text += "\n"
    records, position, groups = [], 0, {}
    for number, stat in enumerate(stats, start=1):
        start = text.index(stat["surface"], position)
        end = position = start + len(stat["surface"])
        sentence = next(m.group().strip() for m in re.finditer(r"[^.\n]+\.?", text) if m.start() <= start < m.end())
        section = next(s["heading"] for s in sections if s["start"] <= start < s["end"])
        group = stat.get("group")
        if group is not None:
            group = groups.setdefault(group, f"{article_id}-g{len(groups) + 1}")
        records.append({
            "id": f"{article_id}-r{number}", "article": article_id, "section": section,
            "value": float(stat["value"]), "unit": stat.get("unit", "percent"), "label": stat["label"],
            "qualifier": stat.get("qualifier"), "surface": stat["surface"], "sentence": sentence,
            "start": start, "end": end, "page": None, "bbox": None, "group": group,
            "statement": stat.get("statement"), "population": stat.get("population"), "period": stat.get("period"),
        })
    document = {
        "id": article_id,
        "source": {"path": f"samples/{article_id}.txt", "sha256": "0" * 64, "kind": "text"},
        "title": "Opgavegericht werken", "subtitle": None, "lede": None, "byline": [],
        "rubric": "Ambtenarenpanel", "issue": None, "pages": [], "sample_size": 739,
        "sections": sections, "pull_quotes": ["Dat is dus niet eens de helft."], "furniture": [],
        "text": text, "repairs": [], "records": records, "warnings": [],
    }
    document.update(fields)
    return document


def write(folder: Path, *documents) -> Path:
    (folder / "articles").mkdir(parents=True, exist_ok=True)
    for document in documents:
        (folder / "articles" / f"{document['id']}.json").write_text(json.dumps(document), encoding="utf-8")
    return folder


def replace_text(parts, old, new):
    return [(heading, body.replace(old, new)) for heading, body in parts]


def test_diff_identical_documents_report_nothing():
    result = diff_documents(make_document(), make_document())
    assert result.identical
    assert result.unchanged == len(STATS)


def test_diff_added_record():
    old = make_document(stats=[s for s in STATS if s["label"] != "man"])
    result = diff_documents(old, make_document())
    assert [r["label"] for r in result.added] == ["man"]
    assert not result.removed and not result.changed


def test_diff_removed_record():
    new = make_document(stats=[s for s in STATS if s["surface"] != "60 procent"])
    result = diff_documents(make_document(), new)
    assert [r["surface"] for r in result.removed] == ["60 procent"]
    assert not result.added and not result.changed


def test_diff_changed_value_is_one_change_not_a_removal_and_an_addition():
    stats = [dict(s, surface="48 procent", value=48) if s["label"] == "man" else s for s in STATS]
    new = make_document(parts=replace_text(PARTS, "47 procent", "48 procent"), stats=stats)
    result = diff_documents(make_document(), new)
    assert not result.added and not result.removed
    [change] = result.changed
    fields = {c.field: (c.old, c.new) for c in change.changes}
    assert fields["value"] == (47.0, 48.0)
    assert fields["surface"] == ("47 procent", "48 procent")
    assert "label" not in fields and "group" not in fields


def test_diff_changed_label():
    stats = [dict(s, label="mannelijk") if s["label"] == "man" else s for s in STATS]
    result = diff_documents(make_document(), make_document(stats=stats))
    [change] = result.changed
    assert [(c.field, c.old, c.new) for c in change.changes] == [("label", "man", "mannelijk")]
    assert not result.text.changed


@pytest.mark.parametrize("field,old,new", [
    ("qualifier", "approx", None),
    ("unit", "percent", "count"),
    ("statement", None, "Ik weet wat opgavegericht werken is"),
    ("population", None, "gemeenteambtenaren"),
    ("period", None, "2021"),
])
def test_diff_changed_field(field, old, new):
    stats = [dict(s, **{field: new}) if s["surface"] == "27 procent" else s for s in STATS]
    result = diff_documents(make_document(), make_document(stats=stats))
    [change] = result.changed
    assert [(c.field, c.old, c.new) for c in change.changes] == [(field, old, new)]


def test_diff_reordered_records_are_not_changes():
    old = make_document()
    new = make_document()
    new["records"].reverse()
    for number, record in enumerate(new["records"], start=1):
        record["id"] = f"opgavegericht-werken-r{number}"
    assert diff_documents(old, new).identical


def test_diff_renamed_heading_is_reported_once():
    parts = [(("In de praktijk" if h == "Praktijk" else h), body) for h, body in PARTS]
    result = diff_documents(make_document(), make_document(parts=parts))
    [rename] = result.renamed_headings
    assert (rename.old, rename.new) == ("Praktijk", "In de praktijk")
    assert len(rename.records) == 3  # 51, 27 and 24 procent follow the heading
    assert not result.added and not result.removed and not result.changed
    assert not result.headings


def test_diff_text_inserted_earlier_shifts_offsets_but_changes_no_record():
    inserted = "Eerst een nieuwe alinea zonder cijfers, over de opzet van het panel."
    parts = [(None, inserted + "\n" + INTRO), *PARTS[1:]]
    old, new = make_document(), make_document(parts=parts)
    assert old["records"][-1]["start"] != new["records"][-1]["start"]
    result = diff_documents(old, new)
    assert not result.added and not result.removed and not result.changed
    assert result.unchanged == len(STATS)
    assert result.text.changed
    assert any(line.startswith("+Eerst een nieuwe alinea") for line in result.text.lines)


def test_diff_new_statistic_earlier_renumbers_ids_and_groups_but_only_it_is_added():
    inserted = "Vooraf: 12 procent werkt in deeltijd."
    parts = [(None, inserted + "\n" + INTRO), *PARTS[1:]]
    stats = [{"surface": "12 procent", "label": "deeltijd", "value": 12, "group": "deeltijd"}, *STATS]
    old, new = make_document(), make_document(parts=parts, stats=stats)
    assert old["records"][1]["group"] != new["records"][2]["group"]  # group ids shifted
    for document, first in ((old, 1), (new, 2)):
        shares = document["records"][first:first + 3]
        document["warnings"] = [{
            "code": "breakdown_under_100", "message": f"breakdown {shares[0]['group']} sums to 92.5",
            "records": [r["id"] for r in shares],
        }]
    result = diff_documents(old, new)
    assert [r["surface"] for r in result.added] == ["12 procent"]
    assert not result.removed and not result.changed
    assert not result.warnings


def test_diff_regrouping_is_a_group_change():
    stats = [dict(s, group=None) if s["label"] == "vrouw" else s for s in STATS]
    result = diff_documents(make_document(), make_document(stats=stats))
    changed = {c.old_id: [x.field for x in c.changes] for c in result.changed}
    # the record left the group; the two that stayed together are not changed
    assert changed == {"opgavegericht-werken-r3": ["group"]}


def test_diff_structure_changes():
    new = make_document(title="Opgavegericht werken in de praktijk", sample_size=740,
                        pull_quotes=["Niet eens de helft."])
    result = diff_documents(make_document(), new)
    assert {c.field for c in result.structure} == {"title", "sample_size"}
    assert result.pull_quotes.added == ["Niet eens de helft."]
    assert result.pull_quotes.removed == ["Dat is dus niet eens de helft."]
    assert not result.records_changed


def test_diff_same_surface_twice_in_a_sentence_pairs_in_order():
    parts = [(None, "Van de mannen is 10 procent tevreden, van de vrouwen ook 10 procent.")]
    stats = [{"surface": "10 procent", "label": "mannen tevreden", "value": 10},
             {"surface": "10 procent", "label": "vrouwen tevreden", "value": 10}]
    old = make_document(parts=parts, stats=stats)
    assert diff_documents(old, make_document(parts=parts, stats=stats)).identical
    pairs = match_records(old["records"], list(reversed(old["records"])))
    assert pairs == [(0, 1), (1, 0)]


def test_diff_text_diff_is_capped():
    old = make_document(parts=[(None, "\n".join(f"Regel {n}." for n in range(100)))], stats=[])
    new = make_document(parts=[(None, "\n".join(f"Zin {n}." for n in range(100)))], stats=[])
    result = diff_documents(old, new, max_text_lines=10)
    assert len(result.text.lines) == 10 and result.text.omitted > 0


def test_diff_folders_report_added_and_removed_articles(tmp_path):
    old = write(tmp_path / "old", make_document(), make_document(article_id="weg"))
    new = write(tmp_path / "new", make_document(), make_document(article_id="nieuw"))
    result = diff_paths(old, new)
    assert (result.added, result.removed, result.unchanged) == (["nieuw"], ["weg"], ["opgavegericht-werken"])
    assert not result.articles


def test_diff_document_against_folder(tmp_path):
    old = write(tmp_path / "old", make_document())
    new = write(tmp_path / "new", make_document(), make_document(article_id="ander"))
    assert diff_paths(old / "articles" / "opgavegericht-werken.json", new).identical


@pytest.mark.parametrize("change,exit_code", [(False, 0), (True, 1)])
def test_diff_cli_exit_code(tmp_path, change, exit_code):
    old = write(tmp_path / "old", make_document())
    new = write(tmp_path / "new", make_document(title="Anders") if change else make_document())
    result = CliRunner().invoke(diff_command, [str(old), str(new)])
    assert result.exit_code == exit_code, result.output
    assert ("title" in result.output) is change


def test_diff_cli_json_format(tmp_path):
    stats = [dict(s, label="mannelijk") if s["label"] == "man" else s for s in STATS]
    old = write(tmp_path / "old", make_document())
    new = write(tmp_path / "new", make_document(stats=stats))
    result = CliRunner().invoke(diff_command, [str(old), str(new), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["summary"]["records_changed"] == 1
    [article] = report["articles"]
    assert article["records"]["changed"][0]["changes"] == [{"field": "label", "old": "man", "new": "mannelijk"}]


@pytest.mark.parametrize("breakage", ["missing", "bad json", "empty folder", "not an object"])
def test_diff_cli_bad_input_is_a_one_line_error(tmp_path, breakage):
    old = write(tmp_path / "old", make_document())
    new = tmp_path / "new"
    if breakage == "bad json":
        (new / "articles").mkdir(parents=True)
        (new / "articles" / "opgavegericht-werken.json").write_text("{not json", encoding="utf-8")
    elif breakage == "empty folder":
        new.mkdir()
    elif breakage == "not an object":
        (new / "articles").mkdir(parents=True)
        (new / "articles" / "opgavegericht-werken.json").write_text("[1, 2]", encoding="utf-8")
    result = CliRunner().invoke(diff_command, [str(old), str(new)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    [line] = result.output.strip().splitlines()
    assert line.startswith("Error: ") and str(new) in line


def test_diff_reads_yaml_goldens(tmp_path):
    yaml = pytest.importorskip("yaml")
    goldens = tmp_path / "goldens"
    goldens.mkdir()
    (goldens / "opgavegericht-werken.yml").write_text(yaml.safe_dump(make_document()), encoding="utf-8")
    new = write(tmp_path / "new", make_document())
    assert diff_paths(goldens, new).identical
