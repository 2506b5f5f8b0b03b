"""`from neuron import gui`: NEURON's GUI, shown in a web page or in Jupyter.

Importing it (``from neuron import gui``, ``from ranvier import gui``) starts the GUI:
``RANVIER_GUI=browser|jupyter|none`` chooses; unset, Jupyter in a notebook, nothing
headless (no display, CI, ``MPLBACKEND=Agg``: the calls stay cheap no-ops), the
browser otherwise.  See ranvier.library.graphics.frontend.

    gui.activate()   start it now (done on import); the mode in force
    gui.url()        the page's address (browser mode), or None
    gui.wait()       keep a script's windows usable until the page is closed or Ctrl-C
"""
import time

from ..library.graphics import SESSION
from ..library.graphics import frontend


def activate():
    """Start the GUI if it is not running; 'browser', 'jupyter' or 'none'."""
    return frontend.activate()


def mode():
    return SESSION.mode


def url():
    return frontend.url()


def wait(timeout=None):
    """Block while the page is open (browser mode), so a script's buttons keep working
    after its last line, as under ``python -i``.  Returns at once headless."""
    server = frontend.server()
    if server is None:
        return
    start = time.monotonic()
    seen = False
    try:
        while timeout is None or time.monotonic() - start < timeout:
            n = server.connected()
            seen = seen or n > 0
            if seen and n == 0:
                time.sleep(1.0)            # a reload reconnects within a second
                if server.connected() == 0:
                    return
            time.sleep(0.2)
    except KeyboardInterrupt:
        return
