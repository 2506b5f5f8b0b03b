"""Every test starts from a fresh model (ranvier.reset()), so tests pass in any
order and under pytest-xdist: run `python -m pytest -p randomly` to shuffle them."""
import pytest

import ranvier


@pytest.fixture(autouse=True)
def _fresh_model():
    """No section, object, recording or HOC name from an earlier test; t = 0,
    dt = 0.025, stdrun not loaded, object numbering from [0]."""
    ranvier.reset()
    yield
