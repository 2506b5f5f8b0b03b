"""Headless (no display, CI, batch): `from neuron import gui` and every GUI call cost
nothing: no server, no thread, no output, no callback."""
import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import threading
import time

import pytest

from ranvier.library.graphics import frontend

SCRIPT = """
import threading
from neuron import h, gui
h.xpanel('Example 2')
h.xbutton('Click me', lambda: print('hello!'))
h.xpanel()
hbox = h.HBox()
hbox.intercept(1)
h.xpanel('Example 3')
h.xbutton('Say hello')
h.xpanel()
hbox.intercept(0)
hbox.map()
h.load_file('nrngui.hoc')
h.nrncontrolmenu()
g = h.Graph()
ps = h.PlotShape()
print(gui.mode(), gui.url(), threading.active_count())
"""


def _env(**extra):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "RANVIER_GUI", "CI", "MPLBACKEND")}
    env.update(extra)
    return env


def test_headless_script_prints_only_its_own_output(tmp_path):
    path = tmp_path / "s.py"
    path.write_text(SCRIPT)
    r = subprocess.run([sys.executable, "-m", "ranvier", str(path)], capture_output=True,
                       text=True, env=_env(), cwd=str(tmp_path), timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "none None 1\n" and r.stderr == ""


def test_mode_choice(monkeypatch):
    for k in ("RANVIER_GUI", "CI", "MPLBACKEND", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(k, raising=False)
    if sys.platform.startswith("linux"):
        assert frontend.choose_mode() == ("none", False)          # no display
    monkeypatch.setenv("DISPLAY", ":0")
    assert frontend.choose_mode() == ("browser", False)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    assert frontend.choose_mode() == ("none", False)               # batch plotting
    monkeypatch.delenv("MPLBACKEND")
    monkeypatch.setenv("CI", "true")
    assert frontend.choose_mode() == ("none", False)
    monkeypatch.setenv("RANVIER_GUI", "browser")
    assert frontend.choose_mode() == ("browser", True)             # explicit wins
    monkeypatch.setenv("RANVIER_GUI", "none")
    assert frontend.choose_mode() == ("none", True)


def test_explicit_browser_serves_the_state(tmp_path):
    """RANVIER_GUI=browser in a script: the server answers with the widget model."""
    import json
    import re
    code = ("import sys, urllib.request\nfrom neuron import h, gui\n"
            "h.xpanel('P')\nh.xvalue('x', 'celsius')\nh.xpanel()\n"
            "url = gui.url().replace('/?token', '/state?token')\n"
            "print(urllib.request.urlopen(url).read().decode())\n"
            "bad = gui.url().split('?')[0] + 'state?token=wrong'\n"
            "try:\n    urllib.request.urlopen(bad)\nexcept Exception as e:\n    print('refused', e.code)\n")
    path = tmp_path / "s.py"
    path.write_text(code)
    r = subprocess.run([sys.executable, "-m", "ranvier", str(path)], capture_output=True,
                       text=True, env=_env(RANVIER_GUI="browser", RANVIER_GUI_OPEN="0"),
                       cwd=str(tmp_path), timeout=120)
    assert r.returncode == 0, r.stderr
    assert re.match(r"ranvier: GUI at http://127\.0\.0\.1:\d+/\?token=\S+\n$", r.stderr)
    state_line, refused = r.stdout.strip().split("\n")
    state = json.loads(state_line)
    (win,) = state["windows"].values()
    assert win["title"] == "P" and win["items"][0]["value"] == 6.3
    assert refused == "refused 403"


@pytest.mark.slow
def test_long_run_shows_progress_on_a_terminal(tmp_path):
    """On a terminal a long run shows tqdm's bar (here after 0 s instead of 2 s), and
    ends where the one-call batch run ends, bit for bit."""
    pytest.importorskip("tqdm")
    code = ("from ranvier import h\nh.load_file('stdrun.hoc')\ns = h.Section(name='s')\n"
            "s.insert('hh')\nh.tstop = 5000\nh.run()\nprint(repr(h.t), repr(s(0.5).v), repr(s(0.5).hh.m))\n")
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # 100 columns
    chunks = []

    def read():                    # while the child runs: a closed pty drops its data
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                return
            if not data:
                return
            chunks.append(data)
    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    r = subprocess.run([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=slave,
                       env=_env(RANVIER_PROGRESS_AFTER="0"), cwd=str(tmp_path), timeout=120)
    time.sleep(0.5)                # let the reader take the last bytes before the pty closes
    os.close(slave)
    reader.join(10)
    os.close(master)
    err = b"".join(chunks)
    assert r.returncode == 0
    assert b"run:" in err and b"ms" in err           # tqdm's bar: "run: ... /5000 ms"
    batch = subprocess.run([sys.executable, "-c", code], capture_output=True,
                           env=_env(RANVIER_PROGRESS_AFTER="0"), cwd=str(tmp_path), timeout=120)
    assert batch.stderr == b""                       # no terminal: no bar
    assert r.stdout == batch.stdout
