import gc
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture
def hoc():
    """A fresh HOC interpreter on the fake host (tests/hoc/fakehost.py)."""
    import fakehost
    from ranvier.hoc import host, reset
    old = host.get_host()
    fakehost.install()
    from ranvier.library import stdrun
    stdrun._library_objects.clear()     # objects of an earlier load_file("stdrun.hoc")
    gc.collect()
    interp = reset()
    yield interp
    host.set_host(old)
    gc.collect()
