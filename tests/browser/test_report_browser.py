"""The review pages in real headless Chromium: highlights, keyboard tooltips, links, printing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from extractor.dataset.outputs import dump_json, write_article
from extractor.report import write_report
from extractor.report.load import page_name

pytestmark = pytest.mark.browser

SEED = Path(__file__).resolve().parents[2] / "samples" / "opgavegericht-werken.txt"
HOSTILE = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">"
TAB_LIMIT = 200

HEADS = "#article-text mark.stat:not(.stat-cont)"


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    """The seed article run through the real pipeline, written and reported."""
    from extractor.api import extract_file

    out = tmp_path_factory.mktemp("seed-output")
    article = extract_file(SEED)
    path = write_article(article.to_dict(), out)
    index = write_report(out)
    document = json.loads(path.read_text(encoding="utf-8"))
    return document, index.parent / page_name(document["id"])


def hostile_document() -> dict[str, Any]:
    text = f"Wel 42 procent zegt ja. {HOSTILE} Nog 16 procent zegt nee."
    start = text.index("42 procent")
    late = text.index("16 procent")

    def rec(rid: str, s: int, label: str) -> dict[str, Any]:
        return {"id": rid, "article": "hostile", "section": None, "value": float(text[s:s + 2]),
                "unit": "percent", "label": label, "qualifier": None, "surface": text[s:s + 10],
                "sentence": text, "start": s, "end": s + 10, "page": 1, "bbox": None,
                "group": "antwoord", "statement": None}

    return {
        "id": "hostile", "source": {"path": "hostile.txt", "sha256": "0" * 64, "kind": "text"},
        "title": f"Titel {HOSTILE}", "subtitle": None, "lede": None, "byline": [HOSTILE],
        "rubric": None, "issue": None, "pages": [1], "sample_size": None,
        "sections": [{"heading": None, "start": 0, "end": len(text)}],
        "pull_quotes": [], "furniture": [], "text": text, "repairs": [],
        "records": [rec("a", start, f"ja {HOSTILE}"), rec("b", start, "weet niet"),
                    rec("c", late, "nee")],
        "warnings": [{"code": "x", "message": HOSTILE, "records": ["a"]}],
    }


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile-output")
    write_article(hostile_document(), out)
    (out / "run.json").write_text(dump_json({"inputs": [
        {"path": "hostile.txt", "id": "hostile", "status": "warning", "records": 3},
        {"path": f"kapot{HOSTILE}.pdf", "id": None, "status": "failed",
         "reason": "corrupt", "message": HOSTILE},
        {"path": "leeg.txt", "id": None, "status": "skipped", "reason": "empty", "message": ""},
    ]}), encoding="utf-8")
    return write_report(out)


def after_style(driver, element) -> dict[str, str]:
    return driver.execute_script(
        "var s = getComputedStyle(arguments[0], '::after');"
        "return {content: s.content, display: s.display, visibility: s.visibility,"
        " opacity: s.opacity, position: s.position};",
        element,
    )


def tab_to_first_highlight(driver):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    driver.find_element("tag name", "body").click()
    driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);")
    for _ in range(TAB_LIMIT):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        if driver.execute_script("return document.activeElement.matches('mark.stat');"):
            return driver.switch_to.active_element
    pytest.fail(f"no highlight reached in {TAB_LIMIT} presses of Tab")


def severe_console_messages(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def test_report_browser_seed_every_record_highlighted(chrome, seed_report, tmp_path: Path) -> None:
    document, page = seed_report
    assert document["records"], "the seed article yields statistics"
    chrome.get(page.as_uri())
    heads = chrome.find_elements("css selector", HEADS)
    assert len(heads) == len(document["records"])
    shown = {h.get_attribute("data-record"): h for h in heads}
    for record in document["records"]:
        text = chrome.execute_script("return arguments[0].textContent;", shown[record["id"]])
        assert text == record["surface"]
    rows = chrome.find_elements("css selector", "table.records tbody tr")
    assert len(rows) == len(document["records"])
    assert not severe_console_messages(chrome)
    chrome.save_screenshot(str(tmp_path / "review-page.png"))
    assert (tmp_path / "review-page.png").stat().st_size > 10_000


def test_report_browser_keyboard_focus_shows_the_tooltip(chrome, seed_report, tmp_path: Path) -> None:
    document, page = seed_report
    chrome.get(page.as_uri())
    first = chrome.find_element("css selector", HEADS)
    assert after_style(chrome, first)["content"] == "none"
    mark = tab_to_first_highlight(chrome)
    record = next(r for r in document["records"] if r["id"] == mark.get_attribute("data-record"))
    style = after_style(chrome, mark)
    assert style["display"] != "none" and style["visibility"] == "visible" and style["opacity"] == "1"
    assert f"label: {record['label']}" in style["content"]
    assert style["position"] == "absolute"
    outline = chrome.execute_script("var s = getComputedStyle(arguments[0]); return [s.outlineStyle, s.outlineWidth];", mark)
    assert outline[0] == "solid" and outline[1] != "0px"
    chrome.save_screenshot(str(tmp_path / "tooltip.png"))

    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    ActionChains(chrome).send_keys(Keys.ESCAPE).perform()
    assert after_style(chrome, mark)["content"] == "none", "Escape dismisses the tooltip"
    ActionChains(chrome).send_keys(Keys.ENTER).perform()
    assert chrome.execute_script("return location.hash;") == "#" + mark.get_attribute("data-row")


def test_report_browser_table_links_back_to_the_text(chrome, seed_report) -> None:
    _, page = seed_report
    chrome.get(page.as_uri())
    link = chrome.find_element("css selector", "table.records tbody tr a[href^='#hl-']")
    target = link.get_attribute("href").split("#", 1)[1]
    chrome.execute_script("arguments[0].click();", link)
    assert chrome.execute_script("return document.querySelector(':target').id;") == target


def test_report_browser_hostile_input_stays_text(chrome, hostile_report: Path) -> None:
    for page in sorted(hostile_report.parent.glob("*.html")):
        chrome.get(page.as_uri())
        assert chrome.execute_script("return typeof window.__pwned;") == "undefined", page.name
        assert not chrome.find_elements("css selector", "img")
        assert "<script>" in chrome.find_element("tag name", "body").text
    chrome.get((hostile_report.parent / "hostile.html").as_uri())
    assert "<script>" in chrome.title
    assert len(chrome.find_elements("css selector", HEADS)) == 3  # two of them on one surface
    nested = chrome.find_elements("css selector", "mark.stat > mark.stat")
    assert [m.get_attribute("data-record") for m in nested] == ["b"]


def test_report_browser_index_sorts_by_column(chrome, hostile_report: Path) -> None:
    chrome.get(hostile_report.as_uri())

    def statuses() -> list[str]:
        return [c.text for c in chrome.find_elements("css selector", "table.inputs tbody td:nth-child(2)")]

    assert statuses() == ["waarschuwing", "mislukt", "overgeslagen"]
    button = chrome.find_element("css selector", "table.inputs th:nth-child(2) button")
    button.click()
    assert statuses() == ["mislukt", "overgeslagen", "waarschuwing"]
    button.click()
    assert statuses() == ["waarschuwing", "overgeslagen", "mislukt"]
    header = chrome.find_element("css selector", "table.inputs th:nth-child(2)")
    assert header.get_attribute("aria-sort") == "descending"
    assert not severe_console_messages(chrome)


def test_report_browser_print_shows_values_inline(chrome, seed_report) -> None:
    _, page = seed_report
    chrome.get(page.as_uri())
    chrome.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        mark = chrome.find_element("css selector", HEADS)
        style = after_style(chrome, mark)
        assert style["content"].startswith('" [#') and style["position"] == "static"
        aside = chrome.find_element("css selector", ".records-column")
        text = chrome.find_element("css selector", "#article-text")
        assert aside.location["y"] > text.location["y"] + text.size["height"] - 1, "table after text"
    finally:
        chrome.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_report_browser_hover_over_nested_highlights_shows_one_tooltip(chrome, hostile_report: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    chrome.get((hostile_report.parent / "hostile.html").as_uri())
    inner = chrome.find_element("css selector", "mark.stat > mark.stat")
    outer = chrome.find_element("xpath", "//mark[mark[contains(@class, 'stat')]]")
    ActionChains(chrome).move_to_element(inner).perform()
    assert "label: weet niet" in after_style(chrome, inner)["content"]
    assert after_style(chrome, outer)["content"] == "none"
