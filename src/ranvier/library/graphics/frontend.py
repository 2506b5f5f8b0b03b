"""Which renderer shows the GUI, and starting it.

``RANVIER_GUI=browser|jupyter|none`` chooses.  Unset, ranvier picks: Jupyter inside a
notebook kernel; nothing where there is no display (Linux without DISPLAY or
WAYLAND_DISPLAY, ``MPLBACKEND=Agg``, ``CI`` set: batch runs, the conformance runner);
otherwise the browser.  The browser page opens at once in an interactive session
(``python -i``, the REPL) and after OPEN_DELAY seconds in a script, if the script is
still running by then (one that ends at once opens nothing).
``RANVIER_GUI_OPEN=0`` serves the page without opening a browser;
``RANVIER_GUI_PORT`` fixes the port (default: any free one).
"""
import os
import sys
import threading

from .model import SESSION
from .server import GuiServer
import webbrowser

OPEN_DELAY = 2.0
_state = {"server": None, "jupyter": None, "announced": False}


def _in_kernel():
    ip = sys.modules.get("IPython")
    if ip is None:
        return False
    try:
        shell = ip.get_ipython()
    except Exception:
        return False
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


def headless():
    if os.environ.get("MPLBACKEND", "").lower() == "agg":
        return True
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        return True
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY")
                                                 or os.environ.get("WAYLAND_DISPLAY")):
        return True
    return False


def choose_mode():
    env = os.environ.get("RANVIER_GUI", "").strip().lower()
    if env in ("browser", "jupyter", "none"):
        return env, True
    if env in ("0", "off", "no", "false"):
        return "none", True
    if _in_kernel():
        return "jupyter", False
    if headless():
        return "none", False
    return "browser", False


def interactive():
    return bool(getattr(sys, "ps1", None)) or bool(sys.flags.interactive)


def activate(auto=False):
    """Start the GUI (``from neuron import gui``, ``load_file("nrngui.hoc")``).
    Returns the mode now in force: 'browser', 'jupyter' or 'none'."""
    if SESSION.active:
        return SESSION.mode
    mode, explicit = choose_mode()
    if mode == "none":
        return "none"
    if mode == "jupyter":
        try:
            from . import jupyter   # deliberately lazy: Jupyter renderer: imports anywidget
            _state["jupyter"] = jupyter.attach()
        except ImportError as e:
            sys.stderr.write("ranvier: the Jupyter GUI needs anywidget (pip install "
                             "'ranvier[gui]'): %s\n" % e)
            return "none"
        SESSION.mode = "jupyter"
        SESSION.hold_all()
        return "jupyter"
    server = GuiServer(port=int(os.environ.get("RANVIER_GUI_PORT", "0") or 0))
    server.start()
    _state["server"] = server
    SESSION.mode = "browser"
    SESSION.hold_all()
    SESSION.attach(server)
    sys.stderr.write("ranvier: GUI at %s\n" % server.url)
    sys.stderr.flush()
    if os.environ.get("RANVIER_GUI_OPEN", "1") not in ("0", "no", "false"):
        if interactive() or explicit:
            _open(server.url)
        else:
            timer = threading.Timer(OPEN_DELAY, _open, (server.url,))
            timer.daemon = True
            timer.start()
    return "browser"


def _open(url):
    try:
        webbrowser.open_new_tab(url)
    except Exception:
        pass


def url():
    s = _state["server"]
    return s.url if s is not None else None


def server():
    return _state["server"]
