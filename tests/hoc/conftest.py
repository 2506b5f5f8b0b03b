import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import fakehost                                    # noqa: E402  (found through sys.path above)
from ranvier.hoc import host, reset                # noqa: E402


@pytest.fixture
def hoc():
    """A fresh HOC interpreter on the fake host (tests/hoc/fakehost.py); the rest of
    the state is fresh already (tests/conftest.py resets it before every test)."""
    old = host.get_host()
    fakehost.install()
    interp = reset()
    yield interp
    host.set_host(old)
