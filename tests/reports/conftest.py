"""Fixtures for the report tests: the fixed sample run and the folder its screenshots live in."""
from __future__ import annotations

import pytest

from sample_run import SAMPLE_DIR, build_run


@pytest.fixture
def run():
    return build_run()


@pytest.fixture
def sample_dir():
    return SAMPLE_DIR
