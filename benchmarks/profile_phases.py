"""Per-phase profile of ranvier's fixed step, in ns per compartment-step.

    python benchmarks/profile_phases.py hh_cable:1000 hh_cable:10000 branched_cell:8 \
        ring_network:100 ring_network_101:100 many_cells:100 [--steps 400] [--json OUT]

Each WORKLOAD:SIZE builds the model of ``../shared/bench`` (the script itself, run
in-process with TSTOP=1 so that it only builds, compiles and runs 1 ms), then times,
each as a compiled loop of --steps repetitions (one call from Python, so that no
Python overhead is counted) of the stepper's own functions on the model's arrays:

  mechanisms  every mechanism's current kernel (nrn_cur, in the stepper's variant) plus
              its state kernel (nrn_state): what the .mod files cost;
  assembly    the matrix setup minus the current kernels: zeroing rhs, d and the ion
              currents, capacitance and the axial terms;
  solve       the Hines elimination and back-substitution with v += dv (setup + solve
              minus setup);
  events      the threshold checks and both event deliveries of a step (network models);
  recording   both record calls of a step (every-step Vectors);
  step        the stepper's whole run over the same number of steps;
  other       step minus the phases (check_tables, play, loop control).

The floor printed beside it is ../shared/bench/BASELINE.md's: memory-bandwidth bound
out of cache (~8.6-11 ns for hh, ~4.4 ns passive) and the compute estimate in cache
(~5-15 ns for hh).  Times are the thread's CPU time (time.thread_time: on the shared
2-core machine wall time is mostly other processes' time); each loop runs REPEATS times
and the fastest is kept.
"""
import argparse
import contextlib
import importlib
import io
import json
import os
import runpy
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(os.environ.get("RANVIER_BENCH", ROOT.parent / "shared" / "bench"))

WORKLOADS = {
    "hh_cable": ("hh_cable.py", "N", {}),
    "branched_cell": ("branched_cell.py", "D", {}),
    "branched_active": ("branched_cell.py", "D", {"ACTIVE": "1"}),
    "ring_network": ("ring_network.py", "N", {"NSEG": "11"}),
    "ring_network_101": ("ring_network.py", "N", {"NSEG": "101"}),
    "many_cells": ("many_cells.py", "M", {}),
}


def _sub(sig, m, **subst):
    """sig.call(m, ...) with only the substitutions sig has parameters for."""
    names = set(sig.param_list(m))
    return sig.call(m, **{k: v for k, v in subst.items() if k in names})


def profile_source(stepper_name, module_names, options, plan):
    """A module of compiled loops over the stepper's functions (one per phase)."""
    from ranvier.engine import codegen
    from ranvier.engine.records import RECORD, RUN, SETUP, THRESHOLDS, DELIVER
    m = len(module_names)
    events_on = options[0]
    split, cur_split = plan["split"], plan["cur_split"]
    nscr = max(list(split) + list(cur_split) + [1])
    params = "K, " + RUN.params(m)
    grouped = hasattr(importlib.import_module(stepper_name), "tree_groups")
    L = ["import numpy as np", "from numba import njit", "import %s as S" % stepper_name]
    L += ["import %s as M%d" % (n, k) for k, n in enumerate(module_names)]

    def fn(name, body):
        L.append("")
        L.append("@njit")
        L.append("def %s(%s):" % (name, params))
        L.append("    scr = np.empty((%d, %d))" % (nscr, codegen.SPLIT_BLOCK))
        if grouped:
            L.append("    grp = S.tree_groups(ncell, nnode, parent)")
        else:
            L.append("    grp = np.zeros((0, 1), dtype=np.int64)")
        L.append("    for _it in range(K):")
        L.extend("        " + b for b in body)
        L.append("    return 0")

    cur = []
    for k in range(m):
        kern = "nrn_cur_blk" if cur_split[k] else "nrn_cur"
        cur.append("M%d.%s(%s)" % (k, kern, codegen.kernel_call(kern, k)))
    state = []
    for k in range(m):
        kern = "nrn_state_blk" if split[k] else "nrn_state"
        state.append("M%d.%s(%s)" % (k, kern, codegen.kernel_call(kern, k)))
    if any(cur_split):
        setup = ["S.setup_blk(%s)" % codegen.SETUP_BLK.call(m)]
    else:
        setup = ["S.setup(%s)" % SETUP.call(m)]
    # the run's solve: cells of equal size in lockstep where the model has them
    solve = ["S.solve_v(ncell, nnode, rhs, d, a, b, parent, v)"]
    if grouped:
        solve = ["if grp.shape[0] > 0:",
                 "    S.solve_vg(ncell, nnode, rhs, d, a, b, parent, v, grp)",
                 "else:",
                 "    " + solve[0]]
    fn("p_cur", cur)
    fn("p_state", state)
    fn("p_setup", setup)
    fn("p_setup_solve", setup + solve)
    if events_on:
        fn("p_events", ["q, sb = S.thresholds(%s)" % THRESHOLDS.call(m),
                        "q, sb = S.deliver(%s)" % DELIVER.call(m, tm="t + 0.5 * dt"),
                        "t = t + dt",
                        "q, sb = S.deliver(%s)" % DELIVER.call(m, tm="t")])
    fn("p_record", ["S.record(%s)" % _sub(RECORD, m, lim="t + 0.5 * dt", every="False", tprev="t"),
                    "t = t + dt",
                    "S.record(%s)" % _sub(RECORD, m, lim="t", every="True", tprev="t")])
    return "\n".join(L) + "\n"


def build(workload, size):
    script, var, env = WORKLOADS[workload]
    os.environ.update(env)
    os.environ[var] = str(size)
    os.environ["TSTOP"] = "1"
    os.environ["WARMUP"] = "0"
    import ranvier.as_neuron  # noqa: F401  (the script's `from neuron import h`)
    with contextlib.redirect_stdout(io.StringIO()) as out:
        runpy.run_path(str(BENCH / script), run_name="__main__")
    return json.loads(out.getvalue().strip().splitlines()[-1])


def profile(workload, size, steps):
    info = build(workload, size)
    import ranvier.engine as E
    from ranvier.engine import codegen, events, play
    from ranvier.engine.records import RUN, EventArgs, RunControl
    from ranvier.model.store import NODES
    from ranvier.nmodl import cache_dir
    st = E.state
    lay = st.layout
    names = [mech.module_name for mech, _, _ in lay.mechs]
    options = st.stepper_options
    plan = codegen.plan(names, options[1])
    src = profile_source(st.stepper.__name__, names, options, plan)
    path = Path(cache_dir()) / "ranvier_profile_phases.py"
    path.write_text(src)
    importlib.invalidate_caches()
    sys.modules.pop("ranvier_profile_phases", None)
    P = importlib.import_module("ranvier_profile_phases")
    nnode = lay.nnode

    def args(nmax):
        ev = events.STATE.ensure(lay, E._source_of)
        return RUN.args(
            RunControl(nmax=int(nmax), until=False, ts=1e9, nstep=1,
                       secondorder=int(st.secondorder)),
            E._clock(st.t), E._node_arrays(lay), NODES.ions.reshape(-1),
            E._rec_buffers(2 * nmax + 2),
            EventArgs(evon=bool(ev.active), q=ev.q, sb=ev.sb, ev=ev.ev()),
            play.TABLE.current(E._source_of), E._mech_arglist(), E._mech_flat())

    def best(f, first=()):
        f(*(first + args(2)))              # compile
        out = []
        for _ in range(REPEATS):
            a = first + args(steps)
            t0 = time.thread_time()
            f(*a)
            out.append(time.thread_time() - t0)
        return min(out) * 1e9 / (steps * nnode)

    res = {}
    res["step"] = best(st.stepper.run)
    res["cur"] = best(P.p_cur, (steps,))
    res["state"] = best(P.p_state, (steps,))
    res["setup"] = best(P.p_setup, (steps,))
    res["setup_solve"] = best(P.p_setup_solve, (steps,))
    res["events"] = best(P.p_events, (steps,)) if options[0] else 0.0
    res["recording"] = best(P.p_record, (steps,))
    res["mechanisms"] = res["cur"] + res["state"]
    res["assembly"] = res["setup"] - res["cur"]
    res["solve"] = res["setup_solve"] - res["setup"]
    res["other"] = res["step"] - (res["mechanisms"] + res["assembly"] + res["solve"]
                                  + res["events"] + res["recording"])
    res.update(workload=workload, size=size, compartments=nnode, steps=steps,
               events_on=bool(options[0]), split_kernels=bool(options[1]),
               spikes_1ms=info.get("spikes"))
    return res


REPEATS = 5
COLS = ("mechanisms", "assembly", "solve", "events", "recording", "other", "step")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cases", nargs="+", help="WORKLOAD:SIZE, e.g. hh_cable:1000")
    ap.add_argument("--steps", type=int, default=400)
    ap.add_argument("--json", default=None)
    a = ap.parse_args()
    rows = []
    if len(a.cases) > 1:                     # one process per model (a fresh model each)
        import subprocess
        for case in a.cases:
            out = subprocess.run([sys.executable, __file__, case, "--steps", str(a.steps),
                                  "--json", "-"], capture_output=True, text=True)
            if out.returncode:
                sys.stderr.write(out.stderr)
                raise SystemExit("profile of %s failed" % case)
            rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    else:
        w, s = a.cases[0].split(":")
        rows.append(profile(w, int(s), a.steps))
    if a.json == "-":
        print(json.dumps(rows[0]))
        return
    print("| workload | size | nodes | " + " | ".join(COLS) + " |")
    print("|---|---|---|" + "---|" * len(COLS))
    for r in rows:
        print("| %s | %s | %d | %s |" % (r["workload"], r["size"], r["compartments"],
                                         " | ".join("%.1f" % r[c] for c in COLS)))
    if a.json:
        Path(a.json).write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
