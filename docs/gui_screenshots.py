"""Screenshots of ranvier's GUI page for the README (docs/gui_*.png), taken in headless
Chromium: the seed's panel examples, and a model running from RunControl with a Graph
and a PlotShape updating.  Run: python docs/gui_screenshots.py (needs chromium,
chromium-driver and selenium; see tests/library/gui/browser.py)."""
import os
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "library", "gui"))

import browser  # noqa: E402

SEED = """
from neuron import h, gui

h.xpanel('Example 1')
h.xlabel('Hello class')
h.xbutton('Click me')
h.xpanel()

def say_hello():
    print('hello!')

h.xpanel('Example 2')
h.xbutton('Click me', say_hello)
h.xpanel()

class Demo:
    def __init__(self):
        self.value = 7.18
        h.xpanel('Demo')
        h.xvalue('Choose a number:', (self, 'value'))
        h.xbutton('Press me', self.print_value)
        h.xpanel()
    def print_value(self):
        print('You chose:')
        print(self.value)

d1 = Demo()
d2 = Demo()

hbox = h.HBox()
hbox.intercept(1)
h.xpanel('Example 1')
h.xlabel('Hello class')
h.xbutton('Click me')
h.xpanel()
h.xpanel('Example 3')
h.xbutton('Say hello')
h.xpanel()
hbox.intercept(0)
hbox.map('HBox')
"""

RUN = """
from neuron import h, gui
h.load_file('stdrun.hoc')
soma = h.Section(name='soma')
soma.L = soma.diam = 20
soma.insert('hh')
trunk = h.Section(name='trunk')
trunk.connect(soma(1))
trunk.L, trunk.diam, trunk.nseg = 300, 3, 15
tufts = []
for i in range(3):
    d = h.Section(name='tuft%d' % i)
    d.connect(trunk(1))
    d.L, d.diam, d.nseg = 200, 1.2, 11
    tufts.append(d)
basal = []
for i in range(2):
    d = h.Section(name='basal%d' % i)
    d.connect(soma(0))
    d.L, d.diam, d.nseg = 150, 1.5, 9
    basal.append(d)
for sec in h.allsec():
    sec.insert('hh')
    if sec is not soma:
        for seg in sec:
            seg.hh.gnabar = 0.05
stims = []
for k in range(10):                 # a spike every 15 ms
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 2 + 15 * k, 1, 3
    stims.append(stim)
h.tstop = 48.1                      # the fourth spike half way up the dendrites
h.finitialize(-65)
h.fadvance()
h.nrncontrolmenu()
g = h.Graph()
g.size(0, 50, -80, 50)
g.addvar('soma(0.5).v', soma(0.5)._ref_v, 2, 1)
g.addvar('tuft0(1).v', tufts[0](1)._ref_v, 3, 1)
h.graphList[0].append(g)
ps = h.PlotShape()
ps.variable('v')
ps.scale(-80, 40)
h.flush_list.append(ps)
"""


def shoot(text, out, after=None, width=1200, height=620):
    with tempfile.TemporaryDirectory() as tmp:
        s = browser.GuiScript(text, tmp)
        d = browser.start_browser(width, height)
        try:
            browser.open_page(d, s.url)
            if after:
                after(d)
            time.sleep(0.5)
            d.save_screenshot(out)
            print("wrote", out)
        finally:
            browser.stop_browser(d)
            s.close()


def run_a_while(d):
    from selenium.webdriver.common.by import By
    d.find_element(By.XPATH, "//button[text()='Init & Run']").click()
    browser.wait_for(lambda: d.execute_script(
        "const p = window.ranvierGui.progress; return p && !p.running && p.t > 48"), timeout=120)


def main():
    why = browser.missing()
    if why:
        sys.exit("cannot take screenshots: " + why)
    shoot(SEED, os.path.join(HERE, "gui_seed.png"), height=420)
    shoot(RUN, os.path.join(HERE, "gui_run.png"), after=run_a_while, width=1200, height=600)


if __name__ == "__main__":
    main()
