"""range_ends.json for tests/model/test_range_ends.py: NEURON 9.0.2's output of PROGRAM
(range and ion variables assigned and read at x = 0 and 1 from HOC):
    /tmp/nrnvenv/python make_range_ends.py  (uses the nrniv beside that python)"""
import json
import os
import subprocess
import sys
import tempfile

PROGRAM = """create a
a { nseg = 3 insert hh insert pas }
a gnabar_hh(0) = 0.5
a gnabar_hh(1) = 0.7
a for (x) print x, gnabar_hh(x)
a for (x) g_pas(x) = 1e-3*(x+1)
a for (x) print x, g_pas(x)
a ena(0) = 40
a print ena(0), ena(0.1), ena(0.5), ena(1)
"""

if __name__ == "__main__":
    with tempfile.NamedTemporaryFile("w", suffix=".hoc", delete=False) as fh:
        fh.write(PROGRAM)
    r = subprocess.run([os.path.join(os.path.dirname(sys.executable), "nrniv"), fh.name, "-c", "quit()"],
                       capture_output=True, text=True)
    os.unlink(fh.name)
    lines = [ln for ln in r.stdout.splitlines() if ln.strip()]
    json.dump({"program": PROGRAM, "output": lines[-11:]},
              open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "range_ends.json"), "w"), indent=1)
