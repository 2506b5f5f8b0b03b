"""NMODL constructs nocmodl 9.0.2 accepts that published models use (issue 7's
remaining gaps): unit factors with numbers inside the units, SOLVE without METHOD,
METHOD runge, file-level LOCAL arrays, TABLE DEPEND on a RANGE variable,
state_discontinuity, GLOBAL s0 and undeclared RANGE names.

The whole-run numbers of the corpus files (rk4, nometh, ufactor, flocarr, tabrange,
sdisc) are in test_nmodl_lang.py; here the translation rules, with NEURON's values.
"""
import importlib.util
import json
import os

import pytest

from ranvier.core.errors import NmodlError
from ranvier.nmodl import analysis, codegen, parser

HERE = os.path.dirname(os.path.abspath(__file__))
MISC = os.path.join(HERE, "data", "misc")
with open(os.path.join(HERE, "data", "lang_expected.json")) as _f:
    LANG = json.load(_f)


def _info(text, name="t.mod"):
    return analysis.analyze(parser.parse(text, name), text)


def _src(text, name="t.mod"):
    info = _info(text, name)
    return info, codegen.generate(info)


def _err(text, name="e.mod"):
    with pytest.raises(NmodlError) as exc:
        _src(text, name)
    return exc.value


UNITS = """NEURON { SUFFIX uf }
UNITS { A = (faraday) (10000 coulomb) B = (faraday) (1000 coulomb) C = (faraday) (0.001 coulomb)
        D = (2 faraday) (coulomb) E = (1000 k-mole) (joule/degC) P = (pi) (1) K = (k-mole) (millijoule/degC) }
"""


def test_unit_factors_with_numbers_are_neurons():
    info = _info(UNITS)
    val = {n: info.syms[n].value for n in "ABCDEPK"}
    # NEURON 9.0.2 printed these (tests/nmodl/data/lang_expected.json, scenario ufactor)
    assert val["A"] == LANG["ufactor"]["h.f1_ufactor"][0] == 9.648533212331001
    assert val["B"] == LANG["ufactor"]["h.f2_ufactor"][0] == 96.48533212331002
    assert val["C"] == LANG["ufactor"]["h.f3_ufactor"][0] == 96485332.12331001
    assert val["D"] == LANG["ufactor"]["h.f4_ufactor"][0] == 192970.66424662003
    # (1000 k-mole) (joule/degC) is 1000*R, which is not (k-mole) (millijoule/degC)
    assert val["E"] == LANG["ufactor"]["h.f5_ufactor"][0] == 8314.46261815324
    assert val["K"] == 8314.462618153239
    assert val["P"] == LANG["ufactor"]["h.f6_ufactor"][0] == 3.141592653589793


def test_unknown_unit_factor_still_refused_with_location():
    err = _err("NEURON { SUFFIX uf }\nUNITS { X = (10 furlong) (fortnight) }\n")
    assert "e.mod:2:" in str(err) and "unit factor X" in str(err)


DERIV = """NEURON { SUFFIX dv NONSPECIFIC_CURRENT i }
ASSIGNED { v i }
STATE { a b }
BREAKPOINT { SOLVE st%s i = a*b*(v + 20) }
DERIVATIVE st { a' = -a*b  b' = (0.5 - b)/(1 + a*a) }
"""


def test_solve_without_method_runs_the_block_without_moving_states():
    # nocmodl 9.0.2 hands the plain block to derivimplicit_thread, which calls it once
    _, src = _src(DERIV % "")
    state = src[src.index("def _state("):]
    state = state[:state.index("\n\n\n")]
    assert "_D_a = " in state and "_D_b = " in state
    assert "_data[R_a, _i] =" not in state and "_data[R_b, _i] =" not in state
    assert "_derivimplicit_st" not in src


def test_runge_follows_scopmaths_stages():
    _, src = _src(DERIV % " METHOD runge")
    rk = src[src.index("def _runge_st("):]
    rk = rk[:rk.index("\n\n\n")] if "\n\n\n" in rk else rk
    assert rk.count("_dy_st(") == 4
    assert "_tmp = (_h/2.0)*_dd[0]" in rk and "_w1_0 = _w0_0 + _tmp/3.0" in rk
    assert "_data[R_a, _i] = _w1_0 + (_h/6.0)*_dd[0]" in rk
    assert "_t2 = _t1 + _h/2.0" in rk
    # the whole-run numbers: scenario rk4, NEURON's states bit for bit
    assert LANG["rk4"]["v"][-1] == -32.62604429849604


def test_other_explicit_methods_still_refused():
    err = _err(DERIV % " METHOD adrunge")
    assert "e.mod:4:" in str(err) and "METHOD adrunge is not supported" in str(err)


def test_file_level_local_array_is_a_hidden_global_array():
    text = """NEURON { POINT_PROCESS LA RANGE i NONSPECIFIC_CURRENT i }
DEFINE N 3
ASSIGNED { v i }
LOCAL a[N], s
BREAKPOINT { FROM k = 0 TO N - 1 { a[k] = k*v } s = a[2] i = s*1e-6 }
"""
    info, src = _src(text)
    assert info.syms["a"].kind == "global"
    assert info.arrays["_local_array_a"] == 3
    assert "a" not in info.public_globals and "_local_array_a" not in info.public_globals
    assert "_gv[G__local_array_a + int(u_k)]" in src
    assert "_gv[G__local_array_a + 2]" in src


def test_table_depend_on_range_rebuilds_at_the_call():
    text = """NEURON { SUFFIX tr NONSPECIFIC_CURRENT i RANGE vs GLOBAL minf }
PARAMETER { vs = 0 }
ASSIGNED { v i minf }
BREAKPOINT { rates(v) i = minf*(v + 20) }
PROCEDURE rates(v) { TABLE minf DEPEND vs FROM -100 TO 50 WITH 15 minf = 1/(1 + exp(-(v - vs)/6)) }
"""
    _, src = _src(text)
    rebuild = src[src.index("def _rebuild_table_rates("):]
    assert "_gv[G__tbl_dep_rates_vs] == _data[R_vs, _i]" in rebuild
    assert "_rebuild_table_rates(" in src[src.index("def _fn_rates("):]
    assert "_make_table_rates(gv" not in src[src.index("def check_table("):]
    assert "PARALLEL_SAFE = False" in src


def test_table_depend_on_range_array_refused():
    err = _err("""NEURON { SUFFIX tr RANGE w GLOBAL minf }
DEFINE N 2
PARAMETER { w[N] }
ASSIGNED { v minf }
PROCEDURE rates(v) {
  TABLE minf DEPEND w FROM -100 TO 50 WITH 15
  minf = v }
""")
    assert "e.mod:6:" in str(err) and "DEPEND variable w" in str(err)


def test_state_discontinuity_is_an_assignment():
    text = """NEURON { POINT_PROCESS SD RANGE i NONSPECIFIC_CURRENT i }
ASSIGNED { v i }
STATE { g }
BREAKPOINT { SOLVE st METHOD cnexp i = g*v }
DERIVATIVE st { g' = -g }
NET_RECEIVE(w) { state_discontinuity(g, g + w) }
"""
    info = _info(text)
    recv = [st for st in info.module.items if getattr(st, "kind", None) == "NET_RECEIVE"
            or type(st).__name__ == "NetReceive"]
    assert "state_discontinuity" not in repr(recv)
    assert "Assign(" in repr(recv)


def test_state_discontinuity_with_other_arity_refused():
    err = _err("""NEURON { SUFFIX sd }
STATE { g }
BREAKPOINT { state_discontinuity(g) }
""")
    assert "e.mod:3:" in str(err) and "state_discontinuity" in str(err)


def test_undeclared_range_ignored_and_global_s0_public():
    info = _info(open(os.path.join(MISC, "sglob.mod")).read(), "sglob.mod")
    assert "e" not in info.syms or info.syms["e"].kind == "special"
    assert "m0" in info.public_globals
    assert info.s0["m"] == "m0"


def test_global_s0_matches_neuron():
    from ranvier import h
    from ranvier.model import mechanisms
    from ranvier.nmodl import load_mechanism
    if "sglob" not in mechanisms.loaded():
        mechanisms.register(load_mechanism(os.path.join(MISC, "sglob.mod")))
    spec = importlib.util.spec_from_file_location("misc_make", os.path.join(MISC, "make_expected.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    with open(os.path.join(MISC, "expected.json")) as f:
        want = json.load(f)
    got = mod.scenario(h)
    assert got == want
