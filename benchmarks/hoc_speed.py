"""HOC interpreter speed: load a 50,000-line file of pt3dadd calls, and run a
100,000-iteration HOC loop.  Prints the wall times (not a test).

    python benchmarks/hoc_speed.py
"""
import contextlib
import os
import tempfile
import time

from ranvier import h


def main():
    lines = ["create dend", "access dend"]
    lines += ["pt3dadd(%d, %g, 0, %g)" % (i, 0.5 * (i % 7), 1 + (i % 3) * 0.25) for i in range(50000)]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "morph50k.hoc")
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        t0 = time.perf_counter()
        with open(os.devnull, "w") as null, contextlib.redirect_stdout(null):
            h.load_file(path)        # each top-level pt3dadd(...) echoes its value, as in NEURON
        t1 = time.perf_counter()
    print("load 50,000-line pt3dadd file: %.2f s (n3d = %d, L = %.1f um)"
          % (t1 - t0, h.n3d(sec=h.dend), h.dend.L))
    h("x = 0")
    t0 = time.perf_counter()
    h("for i = 1, 100000 { x = x + i*0.5 }")
    t1 = time.perf_counter()
    print("100,000-iteration HOC loop: %.2f s (x = %g)" % (t1 - t0, h.x))


if __name__ == "__main__":
    main()
