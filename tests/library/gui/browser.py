"""Driving the GUI page in headless Chromium (Debian's chromium and chromium-driver,
through selenium; no driver or browser is downloaded) and running GUI scripts in a
child process that stays alive (``python -i``, as the seed's examples are used).

Used by test_browser.py and by docs/gui_screenshots.py."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

CHROMIUM = os.environ.get("RANVIER_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("RANVIER_CHROMEDRIVER", "/usr/bin/chromedriver")
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]


def missing():
    """Why the browser tests cannot run here (None: they can)."""
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        return "chromium is not installed (apt-get install chromium chromium-driver)"
    if not (os.path.exists(CHROMEDRIVER) or shutil.which("chromedriver")):
        return "chromedriver is not installed (apt-get install chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    return None


def start_browser(width=1280, height=800):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    profile = tempfile.mkdtemp(prefix="ranvier-chromium-")
    for flag in FLAGS + ["--user-data-dir=" + profile, "--window-size=%d,%d" % (width, height)]:
        opts.add_argument(flag)
    driver_path = CHROMEDRIVER if os.path.exists(CHROMEDRIVER) else shutil.which("chromedriver")
    driver = webdriver.Chrome(service=Service(driver_path), options=opts)
    driver._ranvier_profile = profile
    return driver


def stop_browser(driver):
    try:
        driver.quit()
    finally:
        shutil.rmtree(getattr(driver, "_ranvier_profile", ""), ignore_errors=True)


class GuiScript:
    """A NEURON script run by ranvier with the browser GUI, kept alive afterwards as
    under ``python -i`` (its stdin stays open until close())."""

    def __init__(self, text, folder, env=None):
        self.path = os.path.join(str(folder), "gui_script.py")
        with open(self.path, "w") as f:
            f.write(text)
        environ = dict(os.environ, RANVIER_GUI="browser", RANVIER_GUI_OPEN="0",
                       PYTHONUNBUFFERED="1")
        environ.update(env or {})
        # as `python -i script.py`: the script's globals stay (and keep its objects)
        code = ("import ranvier.__main__ as m; m.alias_neuron(); __file__ = %r; "
                "exec(compile(open(__file__).read(), __file__, 'exec'))" % self.path)
        self.proc = subprocess.Popen([sys.executable, "-i", "-c", code], cwd=str(folder),
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, env=environ, text=True)
        self.out = []
        self.err = []
        for stream, sink in ((self.proc.stdout, self.out), (self.proc.stderr, self.err)):
            threading.Thread(target=self._pump, args=(stream, sink), daemon=True).start()
        self.url = self._wait(self.err, r"ranvier: GUI at (\S+)", 120).group(1)

    @staticmethod
    def _pump(stream, sink):
        for line in iter(stream.readline, ""):
            sink.append(line)

    def _wait(self, sink, pattern, timeout):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            m = re.search(pattern, "".join(sink))
            if m:
                return m
            if self.proc.poll() is not None:
                time.sleep(0.2)
                raise RuntimeError("the GUI script ended:\n%s%s" % ("".join(self.out), "".join(self.err)))
            time.sleep(0.05)
        raise TimeoutError("no %r within %gs; stdout:\n%s\nstderr:\n%s"
                           % (pattern, timeout, "".join(self.out), "".join(self.err)))

    def wait_stdout(self, pattern, timeout=30):
        return self._wait(self.out, pattern, timeout)

    @property
    def stdout(self):
        return "".join(self.out)

    def close(self):
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=20)
        except Exception:
            self.proc.kill()
            self.proc.wait()


def open_page(driver, url):
    """Load the page and wait until the model's first snapshot is drawn."""
    from selenium.webdriver.support.ui import WebDriverWait
    driver.get(url)
    WebDriverWait(driver, 30).until(
        lambda d: d.execute_script("return !!(window.ranvierGui && window.ranvierGui.top.length)"))


def wait_for(fn, timeout=30, interval=0.1):
    end = time.monotonic() + timeout
    last = None
    while time.monotonic() < end:
        last = fn()
        if last:
            return last
        time.sleep(interval)
    raise TimeoutError("condition not met within %gs (last: %r)" % (timeout, last))
