"""A/B benchmark: the shared NEURON workloads under NEURON and under ranvier.

Runs ../shared/bench/run_bench.py with NEURON (installed in a separate venv,
never a dependency of ranvier) as A and `python -m ranvier` as B, alternating
A B / B A in one run, and prints the ratios B/A (below 1: ranvier is faster)
and whether the checksums agree.

    python benchmarks/ab_neuron.py --neuron /tmp/nrnvenv/bin/python \
        [--only hh_cable --sizes hh_cable=1000,10000] [--reps 5]

Set up NEURON once with:  python -m venv /tmp/nrnvenv && /tmp/nrnvenv/bin/pip install neuron==9.0.2
"""
import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(os.environ.get("RANVIER_BENCH", ROOT.parent / "shared" / "bench"))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--neuron", required=True, help="python of a venv with neuron==9.0.2")
    ap.add_argument("--only", default="hh_soma,hh_cable")
    ap.add_argument("--sizes", default="hh_soma=1;hh_cable=1000,10000",
                    help="';'-separated NAME=S1,S2 items")
    ap.add_argument("--reps", default="5")
    ap.add_argument("--json", default=None)
    args = ap.parse_args()
    cmd = [sys.executable, str(BENCH / "run_bench.py"), "--a", args.neuron,
           "--b", "%s -m ranvier" % sys.executable, "--abba", "--warmup",
           "--only", args.only, "--repeats", args.reps]
    for s in args.sizes.split(";"):
        cmd += ["--sizes", s]
    if args.json:
        cmd += ["--json", args.json]
    return subprocess.call(cmd, cwd=str(ROOT))


if __name__ == "__main__":
    sys.exit(main())
