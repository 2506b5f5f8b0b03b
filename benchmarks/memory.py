"""Memory per hh compartment: ranvier (and NEURON, for comparison).

    python benchmarks/memory.py [--neuron /tmp/nrnvenv/bin/python] [--sizes 1000,100000]

For each size N a fresh process builds ../shared/bench/hh_cable.py's model (an hh
cable of N compartments, nseg <= 20000 per section, sections chained beyond), runs
finitialize and 40 steps with v recorded at 3 points, and reports its resident set
(VmRSS, and the peak VmHWM) and, for ranvier, what tracemalloc saw (numpy reports
its arrays to tracemalloc; the kernels' machine code and numba itself do not count).
Bytes per compartment = the difference between the largest and the smallest size
divided by the difference in compartments, so that the interpreter, the imports and
the compiled code (the same at every size) drop out.
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.abspath(__file__)


def _status(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


def child(n, traced):
    import tracemalloc
    from neuron import h
    h.load_file("stdrun.hoc")
    if traced:
        tracemalloc.start()
    rss0 = _status("VmRSS")
    per = 20000
    secs = []
    left = n
    while left > 0:
        s = h.Section(name="cable%d" % len(secs))
        s.nseg = min(per, left)
        s.L = 10.0 * s.nseg
        s.diam = 1.0
        s.Ra = 35.4
        s.insert("hh")
        if secs:
            s.connect(secs[-1](1))
        secs.append(s)
        left -= s.nseg
    stim = h.IClamp(secs[0](0.5 / secs[0].nseg))
    stim.delay, stim.dur, stim.amp = 1.0, 1e9, 0.2
    vecs = [h.Vector().record(secs[0](0.5 / secs[0].nseg)._ref_v),
            h.Vector().record(secs[-1](0.5)._ref_v), h.Vector().record(h._ref_t)]
    h.dt = 0.025
    h.finitialize(-65)
    h.continuerun(1.0)
    out = {"n": n, "rss": _status("VmRSS"), "hwm": _status("VmHWM"), "rss_before_model": rss0,
           "samples": len(vecs[2])}
    if traced:
        cur, peak = tracemalloc.get_traced_memory()
        out.update(traced=cur, traced_peak=peak)
    print(json.dumps(out))


def run(cmd, n, traced):
    argv = cmd + [HERE, "--child", str(n)] + (["--traced"] if traced else [])
    out = subprocess.run(argv, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--child", type=int, default=None)
    ap.add_argument("--traced", action="store_true")
    ap.add_argument("--neuron", default=None, help="python of a venv with neuron==9.0.2")
    ap.add_argument("--sizes", default="1000,100000")
    a = ap.parse_args()
    if a.child is not None:
        return child(a.child, a.traced)
    sizes = [int(s) for s in a.sizes.split(",")]
    cmds = [("ranvier", [sys.executable, "-m", "ranvier"], True)]
    if a.neuron:
        cmds.append(("NEURON", [a.neuron], False))
    print("| simulator | N | VmRSS MB | VmHWM MB | tracemalloc MB (peak) |")
    print("|---|---|---|---|---|")
    summary = []
    for name, cmd, traced in cmds:
        rows = [run(cmd, n, traced) for n in sizes]
        for r in rows:
            tm = ("%.1f (%.1f)" % (r["traced"] / 1e6, r["traced_peak"] / 1e6)) if traced else "-"
            print("| %s | %d | %.1f | %.1f | %s |" % (name, r["n"], r["rss"] / 1e6, r["hwm"] / 1e6, tm))
        dn = rows[-1]["n"] - rows[0]["n"]
        line = "%s: %.0f B/compartment resident (VmRSS), %.0f B peak (VmHWM)" % (
            name, (rows[-1]["rss"] - rows[0]["rss"]) / dn, (rows[-1]["hwm"] - rows[0]["hwm"]) / dn)
        if traced:
            line += ", %.0f B traced (%.0f B traced peak)" % (
                (rows[-1]["traced"] - rows[0]["traced"]) / dn,
                (rows[-1]["traced_peak"] - rows[0]["traced_peak"]) / dn)
        summary.append(line)
    print()
    for line in summary:
        print(line)


if __name__ == "__main__":
    main()
