"""Make docs/review-page.png: the seed article's review page in headless Chromium, one tooltip open.

Usage (from the repository root, with chromium and chromium-driver installed):

    python scripts/screenshot_report.py
    python scripts/screenshot_report.py samples/hybride-werken.txt -o shot.png
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.api import extract_file  # noqa: E402
from extractor.dataset.outputs import write_article  # noqa: E402
from extractor.report import write_report  # noqa: E402
from extractor.report.load import page_name  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM_ARGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars",
)
WINDOW = (1400, 900)

# Prefer a highlight over two statistics at once (the nested case), else the first one.
FOCUS_SCRIPT = """
var mark = document.querySelector('#article-text mark.stat > mark.stat[id]')
        || document.querySelector('#article-text mark.stat[id]');
if (!mark) { return null; }
mark.focus();
var top = mark.getBoundingClientRect().top + window.scrollY;
window.scrollTo(0, Math.max(0, top - arguments[0] * 0.35));
return mark.getAttribute('data-record');
"""


def screenshot(page: Path, target: Path) -> str | None:
    """Open ``page``, focus one highlight so its tooltip shows, save a PNG to ``target``."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for arg in CHROMIUM_ARGS:
        options.add_argument(arg)
    options.add_argument(f"--window-size={WINDOW[0]},{WINDOW[1]}")
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        options.add_argument(f"--user-data-dir={profile}")
        driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
        try:
            driver.get(page.as_uri())
            focused = driver.execute_script(FOCUS_SCRIPT, WINDOW[1])
            target.parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(target))
        finally:
            driver.quit()
    return focused


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sample", nargs="?", type=Path, default=ROOT / "samples" / "opgavegericht-werken.txt")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "review-page.png")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="review-") as out:
        document = extract_file(args.sample).to_dict()
        write_article(document, out)
        index = write_report(out)
        focused = screenshot(index.parent / page_name(document["id"]), args.output)
    print(f"wrote {args.output} ({len(document['records'])} statistics, tooltip of {focused})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
