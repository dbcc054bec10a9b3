"""Dutch wording of the review pages: units, qualifiers and numbers as a reader writes them."""

from __future__ import annotations

from typing import Any

DECIMAL_SEPARATOR = ","

UNIT_WORDS = {"percent": "procent", "count": "aantal"}
UNIT_SYMBOLS = {"percent": " %", "count": ""}
QUALIFIER_WORDS = {"approx": "ongeveer", "more_than": "meer dan", "less_than": "minder dan"}
QUALIFIER_SIGNS = {"approx": "ca. ", "more_than": "> ", "less_than": "< "}
STATUS_WORDS = {
    "ok": "ok",
    "warning": "waarschuwing",
    "failed": "mislukt",
    "skipped": "overgeslagen",
    "pending": "niet verwerkt",
}
RUN_WORDS = {
    "state": "toestand",
    "started": "begonnen",
    "finished": "klaar",
    "extractor_version": "versie",
}
STATE_WORDS = {"running": "loopt nog", "interrupted": "onderbroken", "complete": "voltooid"}
NONE = "—"


def number(value: Any) -> str:
    """``0.5`` -> ``0,5``; ``739.0`` -> ``739``; anything that is not a number as written."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return NONE if value is None else str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return str(value)
    return f"{value:g}".replace(".", DECIMAL_SEPARATOR)


def value(record: dict[str, Any]) -> str:
    """A record's value as printed in the table: qualifier sign, number or range, unit symbol."""
    low, high = record.get("low"), record.get("high")
    if isinstance(low, int | float) and isinstance(high, int | float) and low != high:
        amount = f"{number(low)}–{number(high)}"
    else:
        amount = number(record.get("value"))
    sign = QUALIFIER_SIGNS.get(record.get("qualifier") or "", "")
    return f"{sign}{amount}{UNIT_SYMBOLS.get(record.get('unit') or '', '')}"


def unit_word(unit: Any) -> str:
    return UNIT_WORDS.get(unit, NONE if unit is None else str(unit))


def qualifier_word(qualifier: Any) -> str:
    return QUALIFIER_WORDS.get(qualifier, NONE if qualifier is None else str(qualifier))


def status_word(status: str) -> str:
    return STATUS_WORDS.get(status, status)


def plain(value: Any) -> str:
    """Any document field as one line of text for a tooltip or a cell."""
    if value is None or value == "":
        return NONE
    if isinstance(value, list):
        return ", ".join(plain(v) for v in value) or NONE
    return " ".join(str(value).split()) or NONE


def pages(pages: Any) -> str:
    numbers = [p for p in pages if isinstance(p, int)] if isinstance(pages, list) else []
    if not numbers:
        return NONE
    if len(numbers) > 1 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"{numbers[0]}–{numbers[-1]}"
    return ", ".join(str(p) for p in numbers)


def tooltip(record: dict[str, Any], number_in_table: int, group: str | None) -> str:
    """The lines a highlight shows on hover or keyboard focus (``group`` as the page names it)."""
    lines = [
        f"#{number_in_table} · {value(record)}",
        f"eenheid: {unit_word(record.get('unit'))}",
        f"label: {plain(record.get('label'))}",
        f"wie: {plain(record.get('population'))}",
        f"wanneer: {plain(record.get('period'))}",
        f"kwalificatie: {qualifier_word(record.get('qualifier'))}",
        f"groep: {plain(group)}",
        f"stelling: {plain(record.get('statement'))}",
        f"pagina: {plain(record.get('page'))}",
    ]
    return "\n".join(lines)
