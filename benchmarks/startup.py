"""Start-up of the seed's example (examples/hh_spikes.py): cold and warm, and where it goes.

    python benchmarks/startup.py [--neuron /tmp/nrnvenv/bin/python] [--runs 3] [--cold]

Whole runs: ``python -m ranvier examples/hh_spikes.py`` in fresh processes, warm (the
kernel cache filled by a first run) and, with --cold, once with an empty kernel cache
(a new RANVIER_CACHE_DIR: every .mod file translated and numba-compiled, the stepper
generated and compiled); NEURON (--neuron) runs the same file.  Each line gives the
wall time and the process CPU time (user + sys of the child): on the shared 2-core
machine the wall time is mostly other processes' time, the CPU time is the steadier.

Phases (--phases, one warm process): the example's steps timed in-process with
perf_counter and process_time: import, model, the first finitialize (the stepper and
kernels loaded from numba's cache: numba's own start-up), the run, matplotlib's import
and the plot.
"""
import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "hh_spikes.py"


def timed(argv, env=None, cwd=None):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(argv, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)


def phases():
    marks = [("start", time.perf_counter(), time.process_time())]

    def mark(name):
        marks.append((name, time.perf_counter(), time.process_time()))

    import ranvier.as_neuron  # noqa: F401
    from neuron import h
    h.load_file("stdrun.hoc")
    mark("import ranvier + stdrun.hoc")
    soma = h.Section(name="soma")
    soma.insert("hh")
    stims = []
    for t in (2, 13, 27, 40):
        s = h.IClamp(soma(0.5))
        s.delay, s.dur, s.amp = t, 0.5, 50
        stims.append(s)
    tv = h.Vector().record(h._ref_t)
    vv = h.Vector().record(soma(0.5)._ref_v)
    mark("model (hh .mod loaded from the cache)")
    h.finitialize()
    mark("first finitialize (stepper + kernels from numba's cache)")
    h.continuerun(49.5)
    mark("continuerun(49.5)")
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib import pyplot
    mark("import matplotlib.pyplot")
    pyplot.figure(figsize=(8, 4))
    pyplot.plot(tv, vv)
    with tempfile.TemporaryDirectory() as d:
        pyplot.savefig(os.path.join(d, "x.png"), dpi=100)
    mark("plot + savefig")
    for (_, w0, c0), (name, w1, c1) in zip(marks, marks[1:]):
        print("| %s | %.3f | %.3f |" % (name, w1 - w0, c1 - c0))
    print("| total (after interpreter start) | %.3f | %.3f |" % (marks[-1][1] - marks[0][1],
                                                               marks[-1][2] - marks[0][2]))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--neuron", default=None)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cold", action="store_true")
    ap.add_argument("--phases", action="store_true")
    a = ap.parse_args()
    if a.phases:
        print("| phase | wall s | CPU s |")
        print("|---|---|---|")
        return phases()
    ranvier = [sys.executable, "-m", "ranvier", str(EXAMPLE)]
    with tempfile.TemporaryDirectory() as out:
        if a.cold:
            with tempfile.TemporaryDirectory() as cache:
                env = dict(os.environ, RANVIER_CACHE_DIR=cache)
                w, c = timed(ranvier, env, out)
                print("ranvier cold: %.2f s wall, %.2f s CPU" % (w, c))
        timed(ranvier, None, out)                      # fills the cache if needed
        for _ in range(a.runs):
            w, c = timed(ranvier, None, out)
            print("ranvier warm: %.2f s wall, %.2f s CPU" % (w, c))
        if a.neuron:
            for _ in range(a.runs):
                w, c = timed([a.neuron, str(EXAMPLE)], None, out)
                print("NEURON:       %.2f s wall, %.2f s CPU" % (w, c))


if __name__ == "__main__":
    main()
