"""rxd benchmark: a calcium wave on a 1,000-node dendrite with a mobile buffer and a
pump (extrusion), fixed step dt = 0.025 ms for 1 s of model time (40,000 steps).

Run one side:      python -m ranvier benchmarks/rxd_wave.py [--tstop MS]
                   /tmp/nrnvenv/bin/python benchmarks/rxd_wave.py [--tstop MS]
A/B (ratio B/A, below 1: ranvier is faster):
                   python benchmarks/rxd_wave.py --ab /tmp/nrnvenv/bin/python [--tstop MS]
Each side prints the run's wall time (continuerun only) and a checksum (the final
calcium profile's sum), which must agree.
"""
import argparse
import json
import subprocess
import sys
import time


def model(tstop):
    from neuron import h, rxd
    h.load_file("stdrun.hoc")
    dend = h.Section(name="dend")
    dend.L, dend.diam, dend.nseg = 1000, 1, 1000
    cyt = rxd.Region([dend], nrn_region="i", name="cyt")
    ca = rxd.Species(cyt, name="ca", charge=2, d=0.2,
                     initial=lambda nd: 5e-3 if nd.x < 0.02 else 1e-4)
    buf = rxd.Species(cyt, name="buf", d=0.05, initial=0.02)
    cabuf = rxd.Species(cyt, name="cabuf", d=0.05, initial=0)
    buffering = rxd.Reaction(ca + buf, cabuf, 5.0, 0.5)
    pump = rxd.Rate(ca, -0.5 * (ca - 1e-4))
    # calcium-induced release with a threshold (bistable): the front travels
    release = rxd.Rate(ca, 0.5 * ca ** 4 / (ca ** 4 + 5e-4 ** 4) * (2e-3 - ca))
    h.dt = 0.025
    h.finitialize(-65)
    t0 = time.perf_counter()
    h.continuerun(tstop)
    wall = time.perf_counter() - t0
    prof = list(ca.nodes.concentration)
    return {"wall_s": wall, "checksum": sum(prof), "front_nodes": sum(1 for c in prof if c > 5e-4),
            "keep": (buffering, pump, release, cabuf)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tstop", type=float, default=1000.0)
    ap.add_argument("--ab", default=None, help="NEURON's python: run both and compare")
    args = ap.parse_args()
    if args.ab:
        out = {}
        for side, cmd in (("neuron", [args.ab]), ("ranvier", [sys.executable, "-m", "ranvier"])):
            res = subprocess.run(cmd + [__file__, "--tstop", str(args.tstop)], capture_output=True,
                                 text=True, check=True)
            out[side] = json.loads(res.stdout.strip().splitlines()[-1])
        print(json.dumps(out))
        print("ranvier/NEURON wall time: %.2f   checksums: %r vs %r" % (
            out["ranvier"]["wall_s"] / out["neuron"]["wall_s"], out["ranvier"]["checksum"],
            out["neuron"]["checksum"]))
        return 0
    r = model(args.tstop)
    r.pop("keep")
    print(json.dumps(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
