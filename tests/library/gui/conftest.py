"""The GUI's tests.  `renderer` makes the GUI active in this process with a renderer
that records the model's messages (no server, no browser); the browser tests drive the
real page in headless Chromium (browser.py)."""
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ranvier.library.graphics import SESSION   # noqa: E402
from gui_recorder import Recorder   # noqa: E402


@pytest.fixture
def renderer():
    """The GUI active with a recording renderer; headless again afterwards."""
    rec = Recorder()
    SESSION.mode = "test"
    SESSION.hold_all()
    SESSION.renderers.append(rec)      # no threads: tests run events with run_pending()
    yield rec
    SESSION.renderers.remove(rec)
    SESSION.mode = "none"
