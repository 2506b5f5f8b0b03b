"""The engine never runs on silently into garbage.

- dt <= 0 (or NaN) is refused by every route that sets it or reaches the engine, and so is
  a negative or NaN tstop;
- finitialize refuses a NaN or infinite starting value (node values, mechanism
  PARAMETERs and GLOBALs, 3-D points) and names where it is;
- a run whose v becomes NaN or infinite stops at the end of that step (t and every
  Vector as they were at its end) with a SimulationError naming time, place and variable;
- Ctrl-C (SIGINT) during a long continuerun stops it at a step boundary with the Vectors
  intact, and continuerun then goes on to exactly the numbers of an uninterrupted run.
"""
import json
import math
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from ranvier import h
from ranvier.core.errors import ModelError, RanvierError, SimulationError
from ranvier.model.clock import CLOCK
from ranvier.model.store import NODES

NAN = float("nan")
INF = float("inf")


def _soma(nseg=1):
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    soma.L = soma.diam = 20
    soma.nseg = nseg
    soma.insert("hh")
    return soma


# ------------------------------------------------------------------ dt and tstop
@pytest.mark.parametrize("bad", [0.0, -0.025, NAN, INF])
def test_h_dt_must_be_positive_and_finite(bad):
    with pytest.raises(ValueError, match="dt must be positive"):
        h.dt = bad
    assert h.dt == 0.025


@pytest.mark.parametrize("code", ["dt = 0", "dt = -1"])
def test_hoc_dt_assignment_is_refused(code, capsys):
    soma = _soma()  # noqa: F841  (a section lives as long as a reference to it)
    h(code)
    said = capsys.readouterr()
    assert "dt must be positive" in said.err + said.out
    assert h.dt == 0.025
    h.finitialize(-65)          # dt never reached the engine
    h.fadvance()
    assert h.t == pytest.approx(0.025)


def test_the_engine_clock_refuses_a_bad_dt_from_python_code_too():
    from ranvier import engine
    for bad in (0, -1.0, NAN):
        with pytest.raises(ModelError, match="dt must be positive"):
            engine.state.dt = bad
    assert engine.state.dt == 0.025


@pytest.mark.parametrize("spm", [0.0, -40.0])
def test_setdt_with_steps_per_ms_not_positive(spm):
    soma = _soma()  # noqa: F841  (a section lives as long as a reference to it)
    h.steps_per_ms = spm
    with pytest.raises(ValueError, match="steps_per_ms must be positive"):
        h.run()
    assert h.dt == 0.025


@pytest.mark.parametrize("entry", ["finitialize", "fadvance", "continuerun", "fcurrent"])
def test_a_bad_dt_that_reached_the_clock_is_refused_by_the_engine(entry):
    """Whatever route put dt = 0 into the model clock, the engine does not step with it."""
    soma = _soma()
    h.finitialize(-65)
    v0 = soma(0.5).v
    CLOCK.dt = 0.0                 # as if some route had bypassed the checks
    try:
        with pytest.raises(ModelError, match="dt must be positive") as err:
            if entry == "continuerun":
                h.continuerun(1)
            else:
                getattr(h, entry)()
        assert isinstance(err.value, ValueError)
    finally:
        CLOCK.dt = 0.025
    assert h.t == 0.0 and soma(0.5).v == v0


@pytest.mark.parametrize("tstop", [-1.0, NAN])
def test_continuerun_refuses_negative_or_nan_tstop(tstop):
    soma = _soma()  # noqa: F841  (a section lives as long as a reference to it)
    h.finitialize(-65)
    with pytest.raises(ValueError, match="tstop"):
        h.continuerun(tstop)
    assert h.t == 0.0


# ------------------------------------------------------------------ finitialize inputs
def _raises_at_finitialize(*words):
    with pytest.raises(ModelError) as err:
        h.finitialize()
    assert isinstance(err.value, ValueError) and isinstance(err.value, RanvierError)
    for w in ("finitialize",) + words:
        assert w in str(err.value), (w, str(err.value))
    return str(err.value)


@pytest.mark.parametrize("bad", [NAN, INF, -INF])
def test_nan_v_is_named_with_section_and_x(bad):
    soma = _soma(nseg=3)
    h.finitialize(-65)
    soma(5 / 6).v = bad
    _raises_at_finitialize("v is", "soma(0.833333)")


def test_nan_initial_v_argument():
    soma = _soma()  # noqa: F841  (a section lives as long as a reference to it)
    with pytest.raises(ValueError, match="finite"):
        h.finitialize(NAN)


def test_nan_mechanism_parameter():
    soma = _soma(nseg=3)
    soma(0.5).hh.gnabar = NAN
    _raises_at_finitialize("hh.gnabar", "nan", "soma(0.5)")


def test_infinite_point_process_parameter_names_the_object():
    soma = _soma()
    stim = h.IClamp(soma(0.5))
    stim.amp = INF
    msg = _raises_at_finitialize("IClamp.amp", "inf", "soma(0.5)")
    assert "IClamp[0]" in msg


def test_nan_global_and_celsius():
    soma = _soma()  # noqa: F841  (a section lives as long as a reference to it)
    h.usetable_hh = NAN
    _raises_at_finitialize("usetable_hh", "hh")
    h.usetable_hh = 1
    h.celsius = NAN
    _raises_at_finitialize("celsius")
    h.celsius = 6.3
    assert h.finitialize(-65) == 1.0


def test_nan_ion_concentration():
    soma = _soma()
    soma(0.5).nao = NAN
    _raises_at_finitialize("nao", "soma(0.5)")


def test_nan_cm_and_area_from_the_stores():
    """cm and the area as the engine holds them (whatever route made them NaN)."""
    soma = _soma(nseg=2)
    h.finitialize(-65)
    node = soma(0.75)._node()
    NODES.cm[node] = NAN
    _raises_at_finitialize("cm", "soma(0.75)")
    NODES.cm[node] = 1.0
    from ranvier import engine
    engine.state.layout.area[node] = INF
    _raises_at_finitialize("area", "soma(0.75)")


def test_nan_3d_point():
    soma = _soma()
    soma.pt3dadd(0, 0, 0, 20)
    soma.pt3dadd(20, 0, 0, 20)
    h.finitialize(-65)
    soma._pt3d[1, 1] = np.float32(NAN)      # a route around pt3dadd's own check
    from ranvier.model import store
    store.geometry_changed()
    _raises_at_finitialize("3-D point 1", "soma")


# ------------------------------------------------------------------ NaN during a run
def _blowup_model(amp):
    soma = _soma(nseg=3)
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 1.0, 1.0, amp
    t = h.Vector().record(h._ref_t)
    v = h.Vector().record(soma(0.5)._ref_v)
    vd = h.Vector().record(soma(0.5)._ref_v, 0.1)     # a Dt record
    return soma, stim, t, v, vd


def test_run_stops_at_the_step_where_v_became_infinite():
    soma, stim, t, v, vd = _blowup_model(0.0)
    h.finitialize(-65)
    h.continuerun(1.5)
    ref_t, ref_v, ref_vd = np.array(t), np.array(v), np.array(vd)

    stim.amp = 1e308            # the clamp's current overflows v when it starts (t = 1)
    h.finitialize(-65)
    with pytest.raises(SimulationError) as err:
        h.continuerun(5)
    e = err.value
    assert isinstance(e, ArithmeticError) and isinstance(e, RanvierError)
    n = len(t)
    # t stays at the step that went wrong; the Vectors hold everything up to and including it
    assert h.t == t[n - 1] and 1.0 <= h.t <= 1.0 + 2 * h.dt
    assert len(v) == n and not math.isfinite(v[n - 1])
    assert np.all(np.isfinite(np.array(v)[:-1]))
    assert np.array_equal(np.array(t), ref_t[:n])
    assert np.array_equal(np.array(v)[:-1], ref_v[: n - 1])
    assert np.array_equal(np.array(vd), ref_vd[: len(vd)]) and len(vd) == 11     # 0, 0.1 .. 1.0
    msg = str(e)
    # the solve makes every node of the cell infinite in the same step: any segment is named
    assert (e.t, e.section, e.variable) == (h.t, "soma", "v") and e.x in (1 / 6, 0.5, 5 / 6)
    assert "t = %g ms" % h.t in msg and "soma(%g)" % e.x in msg and "v is inf" in msg


def test_fadvance_stops_too_and_names_a_nan_state():
    soma = _soma()
    t = h.Vector().record(h._ref_t)
    v = h.Vector().record(soma(0.5)._ref_v)
    h.finitialize(-65)
    h.fadvance()
    soma(0.5).hh.m = NAN                 # a state gone bad: v follows in the next step
    with pytest.raises(SimulationError) as err:
        for _ in range(10):
            h.fadvance()
    assert h.t == pytest.approx(2 * h.dt) and len(t) == 3 and len(v) == 3
    assert math.isnan(v[2]) and math.isfinite(v[1])
    msg = str(err.value)
    assert "hh.m" in msg and "soma(0.5)" in msg and "t = 0.05 ms" in msg


def test_secondorder_run_stops_too():
    soma, stim, t, v, vd = _blowup_model(1e308)
    h.secondorder = 2
    h.finitialize(-65)
    with pytest.raises(SimulationError, match="v is"):
        h.continuerun(5)
    assert 1.0 <= h.t <= 1.0 + 2 * h.dt and len(t) == len(v) and t[len(t) - 1] == h.t


def test_after_the_error_a_fixed_model_runs_again():
    soma, stim, t, v, vd = _blowup_model(1e308)
    h.finitialize(-65)
    with pytest.raises(SimulationError):
        h.continuerun(5)
    with pytest.raises(ModelError, match="v is"):      # the garbage is not a start either
        h.finitialize()
    stim.amp = 0.0
    h.finitialize(-65)
    h.continuerun(5)
    assert h.t == pytest.approx(5.0) and np.all(np.isfinite(np.array(v)))


# ------------------------------------------------------------------ Ctrl-C
_SIGINT_SCRIPT = textwrap.dedent(r"""
    import json, os, signal, threading, time
    import numpy as np
    from ranvier import h

    h.load_file("stdrun.hoc")
    cable = h.Section(name="cable")
    cable.nseg = 1000
    cable.L, cable.diam = 10000, 1
    cable.insert("hh")
    stim = h.IClamp(cable(0))
    stim.delay, stim.dur, stim.amp = 1, 1e9, 0.2
    t = h.Vector().record(h._ref_t)
    v = h.Vector().record(cable(0.5)._ref_v)
    vd = h.Vector().record(cable(0.9)._ref_v, 0.1)
    h.finitialize(-65)
    h.continuerun(1)                                     # compiled (or loaded) before timing
    h.finitialize(-65)
    t0 = time.perf_counter(); h.continuerun(20); per_ms = (time.perf_counter() - t0) / 20
    tstop = 20 + round(3.0 / max(per_ms, 1e-6))         # about 3 s of simulation
    h.finitialize(-65)
    t0 = time.perf_counter(); h.continuerun(tstop); full_s = time.perf_counter() - t0
    ref = [np.array(x).tolist() for x in (t, v, vd)]
    h.finitialize(-65)
    timer = threading.Timer(full_s / 3, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.start()
    interrupted = False
    t0 = time.perf_counter()
    try:
        h.continuerun(tstop)
    except KeyboardInterrupt:
        interrupted = True
    stop_s = time.perf_counter() - t0
    timer.join()
    at = dict(t=h.t, len_t=len(t), len_v=len(v), len_vd=len(vd), last_t=t[len(t) - 1],
              prefix_ok=bool(np.array_equal(np.array(v), np.array(ref[1])[: len(v)])
                             and np.array_equal(np.array(vd), np.array(ref[2])[: len(vd)])))
    h.continuerun(tstop)
    same = [bool(np.array_equal(np.array(x), np.array(r))) for x, r in zip((t, v, vd), ref)]
    print(json.dumps(dict(interrupted=interrupted, tstop=tstop, full_s=full_s, stop_s=stop_s,
                          at=at, same=same, t_end=h.t)))
""")


def test_ctrl_c_stops_a_long_run_at_a_step_boundary_and_it_continues_exactly(tmp_path):
    """SIGINT from a thread, a third into a ~3 s continuerun, in a fresh process (its
    default SIGINT handler, as in a terminal)."""
    script = tmp_path / "sigint_run.py"
    script.write_text(_SIGINT_SCRIPT)
    env = dict(os.environ)
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         timeout=300, env=env)
    assert out.returncode == 0, out.stderr[-3000:]
    r = json.loads(out.stdout.strip().splitlines()[-1])
    at = r["at"]
    assert r["interrupted"], r
    assert 0 < at["t"] < r["tstop"] - 1               # stopped early ...
    assert r["stop_s"] < r["full_s"]                  # ... and promptly
    assert at["len_t"] == at["len_v"] and at["last_t"] == at["t"]    # at a step boundary
    assert at["prefix_ok"]                            # what was recorded is right
    assert r["same"] == [True, True, True]            # and the rest follows exactly
    assert abs(r["t_end"] - r["tstop"]) < 1e-6
