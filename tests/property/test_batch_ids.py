"""Article ids of batch runs are always safe file names, whatever the input is called."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from extractor.batch.inputs import ID_MAX_LENGTH, slugify

SAFE_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@given(st.text())
def test_batch_ids_slug_is_a_safe_file_name(name):
    slug = slugify(name)
    assert SAFE_ID.fullmatch(slug)
    assert len(slug) <= ID_MAX_LENGTH + len("-article")


@given(st.text())
def test_batch_ids_slug_is_idempotent(name):
    assert slugify(slugify(name)) == slugify(name)
