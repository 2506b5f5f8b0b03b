"""KINETIC schemes (METHOD sparse, STEADYSTATE sparse) and NMODL arrays.

Three levels:
- the lowering pass (``ranvier.nmodl.kinetic``): state order, matrix structure and
  pivot order as NEURON 9.0.2's translator and scopmath's spar_minorder make them;
- the text it emits (straight-line solve, compartment scaling, CONSERVE rows);
- whole runs of the corpus in tests/nmodl/corpus against NEURON 9.0.2's numbers
  (tests/nmodl/data/kinetic_expected.json, made by make_kinetic_expected.py with
  the same kinetic_scenarios.py), required to agree to 1e-12 relative (they agree
  bit for bit).
"""
import json
import math
import os
import sys

import pytest

import ranvier
from ranvier import NmodlError, h
from ranvier.nmodl import analysis, codegen, kinetic, parser

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
DATA = os.path.join(HERE, "data")
sys.path.insert(0, DATA)
import kinetic_scenarios  # noqa: E402

with open(os.path.join(DATA, "kinetic_expected.json")) as _f:
    EXPECTED = json.load(_f)


def analyze(text, name="t.mod"):
    return analysis.analyze(parser.parse(text, name), text)


def scheme_of(text, block="ks"):
    return analyze(text).schemes[block]


# ---------------------------------------------------------------- lowering (IR)

Q3 = """
NEURON { SUFFIX k3 USEION na READ ena WRITE ina }
PARAMETER { gbar = 0.01 }
ASSIGNED { v ena ina a1 b1 a2 b2 }
STATE { C O I }
INITIAL { C = 1 O = 0 I = 0 }
BREAKPOINT { SOLVE ks METHOD sparse ina = gbar*O*(v - ena) }
KINETIC ks { rates(v) ~ C <-> O (a1, b1) ~ O <-> I (a2, b2) CONSERVE C + O + I = 1 }
PROCEDURE rates(v) { a1 = 0.3*exp((v + 40)/10) b1 = 0.2*exp(-(v + 40)/20) a2 = 0.1 b2 = 0.01 }
"""


def test_state_order_conserve_first_then_ascii_latest_seen_first():
    # NMODL.md section 4: C O I + CONSERVE -> I, C, O
    sc = scheme_of(Q3)
    assert [s for s, _ in sc.states] == ["I", "C", "O"]
    assert sc.nconserve == 1 and sc.linear
    five = Q3.replace("STATE { C O I }", "STATE { C1 C2 C3 O I }").replace(
        "~ C <-> O (a1, b1)", "~ C1 <-> C2 (a1, b1) ~ C2 <-> C3 (a1, b1) ~ C3 <-> O (a1, b1)").replace(
        "CONSERVE C + O + I = 1", "CONSERVE C1 + C2 + C3 + O + I = 1").replace(
        "INITIAL { C = 1 O = 0 I = 0 }", "INITIAL { C1 = 1 }")
    assert [s for s, _ in scheme_of(five).states] == ["I", "C3", "C2", "C1", "O"]
    ab = """NEURON { SUFFIX ab } STATE { A B AB } BREAKPOINT { SOLVE ks METHOD sparse }
            KINETIC ks { ~ A + B <-> AB (1, 2) }"""
    sc = scheme_of(ab)
    assert [s for s, _ in sc.states] == ["AB", "A", "B"]
    assert not sc.linear


def test_pivot_order_is_spar_minorder():
    # a 3x3 full pattern: every row has 3 entries, later rows go first on ties
    piv, struct = kinetic.pivot_order(3, [(r, c) for r in range(3) for c in range(3)])
    assert piv == [2, 1, 0] and len(struct) == 9
    # an arrow: row 0 couples to all, the others only to 0: the leaves go first (the
    # latest inserted first), the hub is taken when it is down to the last leaf's count
    arrow = [(0, c) for c in range(4)] + [(r, 0) for r in range(4)]
    piv, struct = kinetic.pivot_order(4, arrow)
    assert piv == [3, 2, 0, 1] and set(struct) == set(arrow) | {(i, i) for i in range(4)}
    # a 4-cycle: all rows tie, row 3 goes first and its elimination couples 0 and 2
    ring = [(k, (k + 1) % 4) for k in range(4)] + [((k + 1) % 4, k) for k in range(4)]
    piv, struct = kinetic.pivot_order(4, ring)
    assert piv[0] == 3 and (0, 2) in struct and (2, 0) in struct and (1, 3) not in struct


def test_array_states_unrolled_in_neuron_order():
    text = open(os.path.join(CORPUS, "kinarr.mod")).read()
    sc = analyze(text, "kinarr.mod").schemes["diffus"]
    # B, CaB, ca by first character, each array a block in index order
    assert sc.states[:2] == [("B", 0), ("B", 1)] and sc.states[4] == ("CaB", 0)
    assert sc.states[8:] == [("ca", k) for k in range(4)]
    assert not sc.linear          # ca + B <-> CaB
    assert sorted(sc.pivots) == list(range(12))
    # 3 diffusion reactions (ca[i], ca[i+1]) in both directions
    for k in range(3):
        assert (8 + k, 9 + k) in sc.structure and (9 + k, 8 + k) in sc.structure


def test_emitted_solve_text():
    info = analyze(Q3)
    src = codegen.generate(info)
    body = src[src.index("def _sparse_ks"):src.index("def _steadystate_ks")]
    # non-CONSERVE rows start from the backward-Euler residual, times 1/dt on the diagonal
    assert "_b1 = -_dt1*(_data[R_C, _i] - _o1)" in body
    assert "_m1_1 = _dt1" in body
    # the CONSERVE row: total minus the states in reverse order
    assert body.index("_b0 -= _data[R_I, _i]") < body.index("_b0 -= _data[R_O, _i]") \
        < body.index("_b0 -= _data[R_C, _i]")
    # fluxes: f = kf * reactants, b = kb * products; the CONSERVE row gets no reaction term
    assert "u_f_flux = (_data[R_a1, _i])*_data[R_C, _i]" in body
    assert "_b0 +=" not in body and "_b0 -= (u_f_flux" not in body
    assert "_linflag" in body and "return 2  # singular" in body
    # a linear scheme is solved once per step
    assert "_sparse_ks(_data, _i, _gv, _tbl, _v, _t, _dt, _celsius, _area, 1)" in src


def test_compartment_scales_rhs_and_diagonal_only():
    text = open(os.path.join(CORPUS, "kinnl.mod")).read()
    src = codegen.generate(analyze(text, "kinnl.mod"))
    body = src[src.index("def _sparse_ks"):src.index("def _steadystate_ks")]
    assert "_b1 *= (_gv[G_vol1])" in body and "_m1_1 *= (_gv[G_vol1])" in body
    assert "_b0 *= (_gv[G_vol2])" in body
    # nonlinear: Newton iterations with negative states clamped
    assert "_sparse_ks(_data, _i, _gv, _tbl, _v, _t, _dt, _celsius, _area, 0)" in src


@pytest.mark.parametrize("text,msg", [
    ("NEURON { SUFFIX e1 } STATE { A B } BREAKPOINT { SOLVE ks METHOD cnexp } "
     "KINETIC ks { ~ A <-> B (1, 2) }", "Method derivimplicit can't be used with Block ks"),
    ("NEURON { SUFFIX e2 } STATE { A B } PARAMETER { x } BREAKPOINT { SOLVE ks METHOD sparse } "
     "KINETIC ks { ~ A <-> y (1, 2) }", "y in a reaction is not a STATE variable"),
    ("NEURON { SUFFIX e3 } STATE { A B } BREAKPOINT { SOLVE ks METHOD sparse } "
     "KINETIC ks { if (t > 1) { ~ A <-> B (1, 2) } }", "reactions inside if/while"),
    ("NEURON { SUFFIX e4 } STATE { A B } INITIAL { ~ A <-> B (1, 2) }",
     "only allowed in a KINETIC block"),
    ("NEURON { SUFFIX e5 } STATE { A[3] } BREAKPOINT { SOLVE ks METHOD sparse } "
     "KINETIC ks { ~ A[0] <-> A[3] (1, 2) }", "A[3] is outside the array"),
    ("NEURON { SUFFIX e6 } PARAMETER { w[N] }", "array size N is not a number or a DEFINE"),
    ("NEURON { SUFFIX e7 } STATE { A B } BREAKPOINT { SOLVE ks METHOD sparse } "
     "KINETIC ks { ~ A <-> B (1, 2) CONSERVE 2*A + B = 1 }", "Illegal CONSERVE syntax"),
])
def test_errors_are_located(text, msg):
    with pytest.raises(NmodlError) as ei:
        analyze(text, "bad.mod")
    assert msg in str(ei.value)
    assert "bad.mod:1" in str(ei.value)


def test_from_loop_variable_is_local_to_the_loop():
    # nocmodl: FROM i ... makes a new int _li even where a variable i is declared
    text = """NEURON { SUFFIX fl RANGE i, s } ASSIGNED { i s w[3] }
              INITIAL { i = 7 s = 0 FROM i=0 TO 2 { w[i] = i s = s + w[i] } }"""
    src = codegen.generate(analyze(text))
    init = src[src.index("def _initial"):]
    assert "u_i = 0.0" in init and "_data[R_w + int(u_i), _i] = u_i" in init
    assert "_data[R_i, _i] = 7.0" in init


# ---------------------------------------------------------------- whole runs vs NEURON

HEAVY = {"kinarr"}


@pytest.fixture(scope="module")
def corpus_loaded():
    ranvier.load_mechanisms(CORPUS)
    return True


def _close(a, b):
    if a == b:
        return True
    return abs(a - b) <= 1e-12 * max(abs(a), abs(b))


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.slow) if n in HEAVY else n
                                  for n in kinetic_scenarios.SCENARIOS])
def test_corpus_matches_neuron(corpus_loaded, name):
    got = kinetic_scenarios.run(h, name)
    exp = EXPECTED[name]
    assert set(got) == set(exp)
    for key, values in exp.items():
        assert len(got[key]) == len(values)
        for k, (a, b) in enumerate(zip(values, got[key])):
            assert _close(a, b), "%s %s[%d]: NEURON %r, ranvier %r" % (name, key, k, a, b)


def test_q_values_from_nmodl_md(corpus_loaded):
    # NMODL.md section 11: Q3 v and O, Q16's inexact steady state
    assert EXPECTED["kin3"]["v"][-1] == 31.870905492574476
    assert EXPECTED["kin3"]["O"][-1] == 0.012336148691061227
    assert EXPECTED["kinss"]["X"][0] == 0.250000001875
    # Q15: A, B, AB after 200 steps
    assert EXPECTED["kinnl"]["A"][-1] == 0.8039503610942899
    assert EXPECTED["kinnl"]["AB"][-1] == 0.8841985556228439


def test_array_access_from_python(corpus_loaded):
    sec = h.Section(name="arr")
    sec.insert("kinarr")
    seg = sec(0.5)
    h.finitialize(-65)
    m = seg.kinarr
    assert len(m.vshell) == 4 and len(list(m.vshell)) == 4
    # the shells' volumes add up to the cross section pi*(dia/2)^2 (dia = 2)
    assert math.isclose(sum(m.vshell), math.pi, rel_tol=1e-12)
    assert seg.CaB_kinarr[3] == m.CaB[3]
    m.ca[2] = 1e-3
    assert seg.kinarr.ca[2] == 1e-3
    rec = h.Vector().record(m._ref_ca[0])
    rec2 = h.Vector().record(seg._ref_B_kinarr[1])
    h.finitialize(-65)
    assert rec[0] == 5e-05 and len(rec) == 1
    h.fadvance()
    h.fadvance()
    assert rec[-1] == m.ca[0] and rec2[-1] == m.B[1]
    with pytest.raises(IndexError):
        m.ca[4]


def test_array_access_from_hoc(corpus_loaded):
    h("create arrsec")
    h("arrsec insert kinarr")
    h.finitialize(-65)
    # NEURON's spellings: name[i](x), sec.name[i](x), name[i] (x = 0.5); assignment too
    h("hoc_x1 = arrsec.vshell_kinarr[2](0.5)")
    assert h.hoc_x1 == h.arrsec(0.5).kinarr.vshell[2]
    h("arrsec.ca_kinarr[1](0.5) = 0.125")
    h("arrsec { hoc_x2 = ca_kinarr[1](0.5) }")
    assert h.hoc_x2 == 0.125 == h.arrsec(0.5).kinarr.ca[1]
    h("arrsec.B_kinarr[3] = 0.375")
    assert h.arrsec(0.5).kinarr.B[3] == 0.375


def test_point_process_arrays():
    # a POINT_PROCESS with a RANGE array and a STATE array in a KINETIC ring;
    # the ring conserves the total 1 + 1/2 + 1/3 exactly up to round-off
    from ranvier.model import mechanisms
    from ranvier.nmodl import load_mechanism
    mechanisms.register(load_mechanism(text="""
DEFINE NQ 3
NEURON { POINT_PROCESS ArrPP RANGE q, tot }
ASSIGNED { q[NQ] tot }
STATE { s[NQ] }
INITIAL { FROM j=0 TO NQ-1 { s[j] = 1/(j + 1)  q[j] = 10*j } }
BREAKPOINT { SOLVE ring METHOD sparse }
KINETIC ring {
    ~ s[0] <-> s[1] (0.3, 0.1)
    ~ s[1] <-> s[2] (0.2, 0.4)
    tot = s[0] + s[1] + s[2]
}
""", filename="arrpp.mod"))
    sec = h.Section(name="pp")
    pp = h.ArrPP(sec(0.5))
    rec = h.Vector().record(pp._ref_s[2])
    h.finitialize(-65)
    assert list(pp.q) == [0.0, 10.0, 20.0]
    pp.q[1] = 5
    assert pp.q[1] == 5.0
    for _ in range(40):
        h.fadvance()
    assert math.isclose(pp.tot, 1 + 1 / 2 + 1 / 3, rel_tol=1e-14)
    assert rec[-1] == pp.s[2] and rec[0] == 1 / 3
