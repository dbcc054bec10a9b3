"""Shared fixtures: the project's pipeline, built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session")
def nlp():
    from extractor.stats.nlp import shared_nlp

    return shared_nlp()


@pytest.fixture(scope="session")
def seed_article():
    from extractor.api import extract_file

    return extract_file(SAMPLES / "opgavegericht-werken.txt")
