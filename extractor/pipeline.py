"""From source text to a validated article: the stages in order."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import NamedTuple
from pathlib import Path

from spacy.language import Language

from . import __version__
from .structure.blocks import build_blocks
from .structure.lines import is_page_furniture
from .stats.breakdowns import assign_groups
from .datafiles import load_json
from .dataset.checks import consistency_findings, too_large_findings, validate_document
from .text.hyphenation import repair_hyphenation, repaired_starts
from .dataset.ids import slugify
from .models import Article, BBox, Block, Record, Repair, RoleHint, SourceKind, SourceText, Unit
from .stats.nlp import annotate, shared_nlp
from .text.normalize import normalize
from .text.offsets import OffsetMap
from .stats.statistics import Dropped, Statistic
from .structure.article import Structure, recover_structure, section_at



def extract_source(source: SourceText, *, article_id: str | None = None, nlp: Language | None = None) -> Article:
    """Run every stage on ``source`` and return the validated article."""
    return extract_explained(source, article_id=article_id, nlp=nlp).article


class Explained(NamedTuple):
    """An article with what ``extractor extract --explain`` shows of how it was read."""

    article: Article
    blocks: list[Block]
    """The blocks the article was rebuilt from, each with its role and why."""
    dropped: list[Dropped]
    """The number phrases that are no statistic, and why."""


def extract_explained(
    source: SourceText, *, article_id: str | None = None, nlp: Language | None = None
) -> Explained:
    """``extract_source``, with the blocks it was rebuilt from and the number phrases it dropped."""
    blocks, repairs, repaired_to_source = _blocks_with_repairs(source)
    structure = recover_structure(blocks)
    statistics, dropped = annotate(nlp or shared_nlp(), structure.text, [s.start for s in structure.sections])
    clean_to_source = structure.offsets.then(repaired_to_source)
    article_id = article_id or article_id_for(source.path)
    records = _records(article_id, statistics, structure, source, clean_to_source)
    article = Article(
        id=article_id,
        source={"path": source.path, "sha256": source.sha256, "kind": source.kind.value, "extractor_version": __version__},
        title=structure.title,
        subtitle=structure.subtitle,
        lede=structure.lede,
        byline=structure.byline,
        rubric=structure.rubric,
        issue=structure.issue,
        pages=structure.pages or _pages_of(source),
        sample_size=_sample_size(records),
        sections=structure.sections,
        pull_quotes=structure.pull_quotes,
        furniture=structure.furniture,
        text=structure.text,
        repairs=_locate_repairs(repairs, structure),
        records=records,
        warnings=[],
    )
    document = article.to_dict()
    article.warnings = consistency_findings(document["records"]) + too_large_findings(dropped)
    document["warnings"] = [finding.to_dict() for finding in article.warnings]
    validate_document(document, source.path)
    return Explained(article, blocks, sorted(dropped, key=lambda d: d.start))


def _blocks_with_repairs(source: SourceText) -> tuple[list[Block], list[Repair], OffsetMap]:
    normalized, to_source = normalize(source.text)
    repaired, repairs, to_normalized = repair_hyphenation(normalized, is_page_furniture)
    repaired_to_source = to_normalized.then(to_source)
    hints = _hints_in(repaired_to_source, len(repaired), source.hints) if source.hints else []
    return build_blocks(repaired, hints), repairs, repaired_to_source


def article_id_for(path: str) -> str:
    """The id of an article read from ``path``: 'Opgavegericht werken.pdf' -> 'opgavegericht-werken'."""
    return slugify(Path(path).stem if path and not path.startswith("<") else "article")


def _records(
    article_id: str,
    statistics: list[Statistic],
    structure: Structure,
    source: SourceText,
    clean_to_source: OffsetMap,
) -> list[Record]:
    text = structure.text
    sections = [(s.start, s.end) for s in structure.sections]
    groups = assign_groups(statistics, structure.paragraphs, text, sections)
    records = []
    sentences: dict[tuple[int, int], str] = {}  # one sentence holds many statistics: join it once
    for index, (stat, group) in enumerate(zip(statistics, groups), start=1):
        bounds = (stat.sentence_start, stat.sentence_end)
        if bounds not in sentences:
            sentences[bounds] = " ".join(text[stat.sentence_start : stat.sentence_end].split())
        page, bbox = _page_and_box(source, clean_to_source, stat.start, stat.end)
        records.append(
            Record(
                id=f"{article_id}:{index}",
                article=article_id,
                section=section_at(structure.sections, stat.start),
                value=stat.value,
                unit=stat.unit,
                label=stat.label,
                qualifier=stat.qualifier,
                surface=text[stat.start : stat.end],
                sentence=sentences[bounds],
                start=stat.start,
                end=stat.end,
                page=page,
                bbox=bbox,
                group=f"{article_id}:g{group}" if group else None,
                statement=stat.statement,
                low=stat.low,
                high=stat.high,
                population=stat.population,
                period=stat.period,
            )
        )
    return records


def _page_and_box(
    source: SourceText, clean_to_source: OffsetMap, start: int, end: int
) -> tuple[int | None, BBox | None]:
    """Page and bounding box of a span, from the PDF characters it was read from."""
    if source.kind != SourceKind.PDF or not source.char_pages:
        return None, None
    pages: list[int] = []
    boxes: list[BBox] = []
    for offset in range(start, end):
        index = clean_to_source.to_input(offset)
        if 0 <= index < len(source.char_pages) and source.char_pages[index] is not None:
            pages.append(source.char_pages[index])
            box = source.char_boxes[index] if source.char_boxes else None
            if box is not None:
                boxes.append(box)
    if not pages:
        return None, None
    page = pages[0]
    on_page = [b for b, p in zip(boxes, pages) if p == page] or boxes
    if not on_page:
        return page, None
    bbox = (
        round(min(b[0] for b in on_page), 2),
        round(min(b[1] for b in on_page), 2),
        round(max(b[2] for b in on_page), 2),
        round(max(b[3] for b in on_page), 2),
    )
    return page, bbox


def _hints_in(repaired_to_source: OffsetMap, length: int, hints: list[RoleHint]) -> list[RoleHint]:
    """Carry the reader's role hints from source offsets over to the repaired text."""
    mapped = []
    for hint in hints:
        span = repaired_to_source.output_range(hint.start, hint.end)
        if span is not None and span[0] < length:
            mapped.append(RoleHint(span[0], min(span[1], length), hint.role))
    return mapped


def _locate_repairs(repairs: list[Repair], structure: Structure) -> list[Repair]:
    """Add where each repaired word landed in the clean text (None outside the body)."""
    located = []
    for repair, out_start in zip(repairs, repaired_starts(repairs)):
        word = repair.after.split()[0]  # a word joined across furniture brings its line along
        text_start = structure.offsets.to_output(out_start) if repair.after != repair.before else None
        text_end = text_start + len(word) if text_start is not None else None
        if text_start is not None and structure.text[text_start:text_end] != word:
            text_start = text_end = None
        located.append(replace(repair, text_start=text_start, text_end=text_end))
    return located


def _sample_size(records: list[Record]) -> int | None:
    """The count of participants: the largest count said to take part, else the largest count.

    The record that states it is labelled as the sample ("deelnemers") rather than by its verb.
    """
    counts = [r for r in records if r.unit == Unit.COUNT]
    if not counts:
        return None
    labels = load_json("labels.json")
    cues = re.compile("|".join(labels["sample_size_cues"]), re.IGNORECASE)
    # A count compared over time ('groeide van 4,2 miljoen in 2020 naar ...') is no sample.
    cued = [r for r in counts if cues.search(r.sentence) and r.period is None]
    sample = max(cued or counts, key=lambda r: r.value)
    if cued:
        sample.label = labels["sample_size_label"]
    return int(sample.value)


def _pages_of(source: SourceText) -> list[int]:
    return source.char_pages.distinct() if source.char_pages else []
