"""Validate article documents against the JSON Schemas and check their consistency."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Iterable

import json

import fastjsonschema

from ..datafiles import load_json
from ..errors import InvalidOutput
from ..models import Finding
from ..stats.numbers import TOO_LARGE
from ..stats.statistics import Dropped

if TYPE_CHECKING:  # pragma: no cover
    from jsonschema import Draft202012Validator

SCHEMA_PACKAGE = "extractor.resources"
SCHEMA_FILES = ("article.schema.json", "record.schema.json")
# A single-choice breakdown may exceed 100 by rounding; beyond this it is suspicious.
BREAKDOWN_MAX_SUM = 105.0
LABEL_MAX_WORDS = 14


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict[str, Any]:
    """A schema of ``schemas/`` by file name."""
    path = resources.files(SCHEMA_PACKAGE) / "schemas" / name
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _validator(name: str) -> "Draft202012Validator":
    # jsonschema only explains documents the compiled check refused; a run that writes valid
    # documents never imports it.
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    registry = Registry()
    for schema_name in SCHEMA_FILES:
        schema = load_schema(schema_name)
        resource = Resource.from_contents(schema)
        registry = registry.with_resources([(schema["$id"], resource), (schema_name, resource)])
    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, registry=registry)


def schema_errors(document: dict[str, Any], schema: str = "article.schema.json") -> list[str]:
    """Every schema violation as 'field: message', the field as a JSON pointer."""
    messages = []
    for error in sorted(_validator(schema).iter_errors(document), key=lambda e: list(e.absolute_path)):
        pointer = "/" + "/".join(str(part) for part in error.absolute_path)
        messages.append(f"{pointer}: {error.message}")
    return messages + offset_errors(document) if schema == "article.schema.json" else messages


def offset_errors(document: dict[str, Any]) -> list[str]:
    """Provenance checks no schema can express: text[start:end] == surface."""
    text = document.get("text")
    if not isinstance(text, str):
        return []
    messages = []
    for index, record in enumerate(document.get("records") or []):
        if not isinstance(record, dict):
            continue
        start, end, surface = record.get("start"), record.get("end"), record.get("surface")
        if isinstance(start, int) and isinstance(end, int) and text[start:end] != surface:
            messages.append(f"/records/{index}/surface: {surface!r} is not text[{start}:{end}]")
    return messages


@lru_cache(maxsize=1)
def _fast_article_check():
    """A compiled validator for the common case; jsonschema explains the failures."""
    record = load_schema("record.schema.json")
    article = json.loads(json.dumps(load_schema("article.schema.json")))
    article["properties"]["records"]["items"] = {k: v for k, v in record.items() if not k.startswith("$")}
    return fastjsonschema.compile(article)


def validate_document(document: dict[str, Any], path: str | None = None) -> None:
    """Raise ``InvalidOutput`` naming the first offending field when a document is not valid."""
    try:
        _fast_article_check()(document)
    except fastjsonschema.JsonSchemaException:
        pass
    else:
        errors = offset_errors(document)
        if not errors:
            return
    errors = schema_errors(document)
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise InvalidOutput(path or document.get("id"), errors[0] + more)


def consistency_findings(records: Iterable[dict[str, Any]]) -> list[Finding]:
    """Warnings, not errors: values out of range, breakdowns far above 100, duplicates, odd labels."""
    records = list(records)
    findings: list[Finding] = []
    for record in records:
        if record["unit"] == "percent" and not 0 <= record["value"] <= 100:
            findings.append(Finding("value_out_of_range", f"{record['surface']!r} is not a percentage between 0 and 100", (record["id"],)))
        if record["unit"] == "count" and record["value"] < 1:
            findings.append(Finding("value_out_of_range", f"{record['surface']!r} is not a positive count", (record["id"],)))
        words = len(record["label"].split())
        if words == 0 or words > LABEL_MAX_WORDS:
            findings.append(Finding("suspicious_label", f"label of {record['surface']!r} has {words} words", (record["id"],)))
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        if record["group"] and record["unit"] == "percent":
            groups[record["group"]].append(record)
    cues = load_json("labels.json")["multiple_answer_cues"]
    for group, members in groups.items():
        sentences = {m["sentence"] for m in members}
        # Shares of one sentence add up to 100, unless respondents could give several answers.
        one_sentence = len(sentences) == 1 and not any(c in s.lower() for s in sentences for c in cues)
        single_choice = one_sentence or all(m["statement"] for m in members)
        unique = {(m["start"], m["value"]): m["value"] for m in members}
        total = sum(unique.values())
        if single_choice and total > BREAKDOWN_MAX_SUM:
            findings.append(Finding("breakdown_over_100", f"breakdown {group} sums to {total:g} percent", tuple(m["id"] for m in members)))
    same: dict[tuple, list[str]] = {}
    for record in records:
        same.setdefault(_identity(record), []).append(record["id"])
    for key, ids in same.items():
        if len(ids) > 1 and key[2]:
            findings.append(Finding("duplicate", f"{key[1]:g} {key[0]} for {key[2]!r} appears {len(ids)} times", tuple(ids)))
    return findings



def _identity(record: dict) -> tuple:
    """What makes two records the same statistic: a share of another group or year is another figure."""
    return (record["unit"], record["value"], record["label"].lower(), record["statement"],
            record.get("population"), record.get("period"))


def too_large_findings(dropped: Iterable[Dropped] | None) -> list[Finding]:
    """A number too large to write as JSON ('2' and 308 zeros) is dropped, and said so."""
    return [
        Finding("number_too_large", f"{_short(d.surface)!r} at offset {d.start} is too large to represent; dropped")
        for d in dropped or ()
        if d.reason == TOO_LARGE
    ]


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
