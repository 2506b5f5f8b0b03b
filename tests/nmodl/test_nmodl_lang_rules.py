"""Translation rules of VERBATIM, LINEAR/NONLINEAR, FUNCTION_TABLE, BEFORE/AFTER and
STEADYSTATE derivimplicit (the whole-run numbers are in test_nmodl_lang.py).

The emitted text is checked against what nocmodl 9.0.2 emits for the same
statements (read from the C++ that nrnivmodl keeps; quoted in the comments).
"""
import pytest

from ranvier.core.errors import NmodlError
from ranvier.nmodl import analysis, codegen, parser


def _src(text, name="t.mod"):
    info = analysis.analyze(parser.parse(text, name), text)
    return info, codegen.generate(info)


def _err(text, name="e.mod"):
    with pytest.raises(NmodlError) as exc:
        _src(text, name)
    return exc.value


def _body(src, start):
    i = src.index(start)
    j = src.index("\n\n\n", i)
    return src[i:j]


# ------------------------------------------------------------------ NONLINEAR

NL = """NEURON { SUFFIX nl2 RANGE c }
PARAMETER { c = 0.5 }
ASSIGNED { q }
STATE { z b a }
INITIAL { a = 1 b = 1 SOLVE eq }
BREAKPOINT { SOLVE eq }
NONLINEAR eq %s {
  q = c + 1
  ~ a*a + b = q - a + 1
  ~ a - b*b*b = c
}
"""


def test_nonlinear_residual_is_minus_lhs_plus_rhs_as_text():
    # nocmodl: _dlist1[++_counte] = -( a * a + b ) + q - a + 1.0 ;
    info, src = _src(NL % "")
    body = _body(src, "def _F_eq(")
    assert "_F[0] = ((((-(((_data[R_a, _i] * _data[R_a, _i]) + _data[R_b, _i]))) + _data[R_q, _i]) " \
           "- _data[R_a, _i]) + 1.0)" in body
    assert "_F[1] = ((-((_data[R_a, _i] - ((_data[R_b, _i] * _data[R_b, _i]) * _data[R_b, _i])))) " \
           "+ _data[R_c, _i])" in body
    # unknowns in order of first mention (nocmodl's _slist1: a, b), not STATE order
    assert info.linear_unknowns["eq"] == ["a", "b"]
    assert "_STATES_eq = (R_a, R_b,)" in src
    # solved in INITIAL where it stands and in the state phase; no evaluation after Newton
    assert src.count("_nonlinear_eq(_data, _i, _gv, _tbl, _v, _t, _dt, _celsius, _area)  # SOLVE eq") == 2
    newton = _body(src, "def _nonlinear_eq(")
    assert newton.rstrip().endswith('raise RuntimeError("NONLINEAR eq: convergence not achieved in 50 iterations")')


def test_nonlinear_solvefor_order():
    info, _ = _src(NL % "SOLVEFOR b, a")
    assert info.linear_unknowns["eq"] == ["b", "a"]


def test_nonlinear_counts_equations():
    e = _err("NEURON { SUFFIX n3 }\nSTATE { a b }\nNONLINEAR l {\n ~ a = 1\n ~ a = 2\n}\n"
             "BREAKPOINT { SOLVE l }\n")
    assert "2 equations for 1 unknowns" in e.message and e.line == 3


# ------------------------------------------------------------------ LINEAR

LIN = """NEURON { SUFFIX lin2 RANGE c }
PARAMETER { c = 0.5 }
ASSIGNED { q }
STATE { z x w u }
INITIAL { SOLVE ls }
BREAKPOINT { SOLVE ls }
LINEAR ls {
  q = 2*c
  ~ w + 1 = 2 + x - c*w/3
  ~ x - 2*w = q*z
  ~ -z + 4 = w/c
}
"""


def test_linear_assembly_follows_nocmodl():
    # nocmodl 9.0.2, term by term:
    #   _coef1[0][0] -= 1.0; _RHS1(0) += 1.0; _RHS1(0) -= 2.0; _coef1[0][1] += 1.0;
    #   _coef1[0][0] -= c * 1.0 / 3.0;  _coef1[1][1] -= 1.0; _coef1[1][0] += 2.0 * 1.0;
    #   _coef1[1][2] += q * 1.0;  _coef1[2][2] += 1.0; _RHS1(2) += 4.0; _coef1[2][0] += 1.0 / c;
    # columns w, x, z (first mention); u is not an unknown
    info, src = _src(LIN)
    assert info.linear_unknowns["ls"] == ["w", "x", "z"]
    body = _body(src, "def _linear_ls(")
    got = [ln.split("#")[0].strip() for ln in body.splitlines() if ln.strip().startswith("_M[")]
    assert got == [
        "_M[0, 0] -= 1.0", "_M[0, 3] += 1.0", "_M[0, 3] -= 2.0", "_M[0, 1] += 1.0",
        "_M[0, 0] -= ((_data[R_c, _i] * 1.0) / 3.0)",
        "_M[1, 1] -= 1.0", "_M[1, 0] += (2.0 * 1.0)", "_M[1, 2] += (_data[R_q, _i] * 1.0)",
        "_M[2, 2] += 1.0", "_M[2, 3] += 4.0", "_M[2, 0] += (1.0 / _data[R_c, _i])"]


def test_linear_refuses_states_in_brackets_and_products():
    e = _err(LIN.replace("x - 2*w = q*z", "x - 2*(w) = q*z"))
    assert "states not permitted between parentheses" in e.message and e.line == 10
    e = _err(LIN.replace("x - 2*w = q*z", "x - 2*w*z = q"))
    assert "two unknowns" in e.message and e.line == 10


def test_linear_solution_is_exact():
    # the system of LIN: -(1 + c/3) w + x = 1 - 2, 2w - x + 2c z = 0, w/c + z = 4
    import numpy as np
    from ranvier.nmodl import load_mechanism
    m = load_mechanism(text=LIN.replace("lin2", "linx"), filename="linx.mod")
    mod = m.module()
    data = m.new_data(1)
    gv = m.new_globals()
    c = 0.5
    mod._linear_ls(data, 0, gv, m.new_table(), -65.0, 0.0, 0.025, 6.3, 100.0)
    A = np.array([[-1 - c / 3, 1, 0], [2, -1, 2 * c], [1 / c, 0, 1]])
    b = np.array([1 - 2, 0, 4])
    w, x, z = np.linalg.solve(A, b)
    assert data[m.row("w"), 0] == pytest.approx(w, rel=1e-14)
    assert data[m.row("x"), 0] == pytest.approx(x, rel=1e-14)
    assert data[m.row("z"), 0] == pytest.approx(z, rel=1e-14)


def test_equations_only_in_linear_blocks():
    e = _err("NEURON { SUFFIX l4 }\nSTATE { a }\nINITIAL {\n ~ a = 1\n}\n")
    assert "only allowed in LINEAR and NONLINEAR" in e.message and e.line == 4


# ------------------------------------------------------------------ VERBATIM

def test_verbatim_idioms_translate():
    text = """NEURON { SUFFIX vb1 RANGE x, y }
VERBATIM
#include <stdlib.h>
#define MYK 2.5
ENDVERBATIM
ASSIGNED { v x y }
INITIAL { x = f(2) }
BREAKPOINT { SOLVE p }
FUNCTION f(a) { LOCAL z
  z = a*2
VERBATIM
  _lf = _lz*MYK + exp(-_la/10.0) + v; /* C */
  printf("f %g\\n", _lf);
ENDVERBATIM
}
PROCEDURE p() { y = y + 1
VERBATIM
  return 0;
ENDVERBATIM
}
"""
    info, src = _src(text, "vb1.mod")
    assert "u_f = (((u_z * 2.5) + _hoc_exp(((-u_a) / 10.0))) + _v)" in src   # exp is hoc_Exp in C too
    assert "vb1.mod:12" in src


@pytest.mark.parametrize("c, what, line", [
    ("  _lpick = nrn_random_pick(_p_rng);", "nrn_random_pick", 5),
    ("  { double* p = &x; *p = 3; }", "double* p", 5),
    ("  x = 1;\n  x = (x > 1) ? 2 : 3;", "x = (x > 1) ? 2 : 3;", 6),
    ("  for (x = 0; x < 3; x++) {}", "for (x = 0;", 5),
    ("  x = 1;\n  while (x < 3) {\n    x += 1; return 0;\n  }", "return other than at the end", 7),
    ("  if (x > 1) { x = 2; ", "{ x = 2;", 5),
    ("  x &= 2;", "x &= 2;", 5),
    ("  x = 1/3;", "truncates", 5),
    ("  x = nrand48(seed);", "nrand48", 5),
    ("  x = y;", "y (not a declared variable", 5),
])
def test_verbatim_refusals_name_file_line_and_code(c, what, line):
    text = "NEURON { SUFFIX vbx POINTER rng RANGE x }\nASSIGNED { x rng }\nFUNCTION pick() {\n" \
           "VERBATIM\n%s\nENDVERBATIM\n}\n" % c
    e = _err(text, "vbx.mod")
    assert what in e.message and e.line == line and e.filename == "vbx.mod"
    assert "VERBATIM" in e.message


def test_return_0_only_closes_a_procedure():
    e = _err("NEURON { SUFFIX vr }\nASSIGNED { x }\nPROCEDURE p() {\nVERBATIM\nreturn 0;\n"
             "ENDVERBATIM\nx = 1\n}\n")
    assert "return" in e.message and e.line == 5
    e = _err("NEURON { SUFFIX vr }\nASSIGNED { x }\nPROCEDURE p() {\nVERBATIM\nreturn 2;\n"
             "ENDVERBATIM\n}\n")
    assert "return with a value in PROCEDURE p" in e.message and e.line == 5


def test_verbatim_control_flow_is_the_nmodl_it_means():
    """C control flow in VERBATIM generates the same kernel text as the NMODL written out
    (the whole-run numbers against NEURON: corpus/vbflow.mod in test_nmodl_lang.py)."""
    c_text = """NEURON { SUFFIX cf RANGE x, y }
ASSIGNED { v x y }
FUNCTION f(a) {
VERBATIM
  if (_la > 1.0) { return 2.0*_la; } else if (_la < -1.0) return -_la;
  _la += 3.0; x++;
  while (_la > 0.5 && !(x > 9.0)) _la *= 0.5;
  return _la + (x >= 2.0);
ENDVERBATIM
}
"""
    nmodl_text = """NEURON { SUFFIX cf RANGE x, y }
ASSIGNED { v x y }
FUNCTION f(a) {
  if (a > 1.0) { f = 2.0*a } else { if (a < -1.0) { f = -a } else {
  a = a + (3.0)  x = x + 1
  while (a > 0.5 && !(x > 9.0)) { a = a * (0.5) }
  f = a + (x >= 2.0)
}}
}
"""
    _, c_src = _src(c_text, "cf.mod")
    _, n_src = _src(nmodl_text, "cf.mod")
    strip = lambda src: [ln.split("#")[0].rstrip() for ln in _body(src, "def _fn_f").splitlines()]
    assert strip(c_src) == strip(n_src)


# ------------------------------------------------------------------ BEFORE/AFTER, LAG, STEADYSTATE

def test_before_after_blocks_are_folded_into_the_kernels():
    text = """NEURON { SUFFIX ba NONSPECIFIC_CURRENT i RANGE n }
ASSIGNED { v i n }
BREAKPOINT { i = 0 }
BEFORE BREAKPOINT { n = n + 1 }
AFTER SOLVE { n = n + 10 }
BEFORE INITIAL { n = 0 }
AFTER INITIAL { n = n + 100 }
BEFORE STEP { n = n + 1000 }
"""
    info, src = _src(text)
    init = _body(src, "def _initial(")
    assert init.index("_ba_before_initial(") < init.index("_ba_after_initial(")
    assert "_data[R__ba_pending, _i] = 1.0" in init
    cur = _body(src, "def nrn_cur(")
    assert cur.index("_ba_before_breakpoint(") < cur.index("_current(") < cur.index("_ba_before_step(")
    state = _body(src, "def _state(")
    assert state.index("_ba_after_solve(") < state.index("_ba_before_step(")
    assert "STATE_SCRATCH = 0" in src and "CUR_SCRATCH = 0" in src   # no split kernels


def test_unknown_ba_kind_and_bad_lag_are_refused():
    e = _err("NEURON { SUFFIX b2 }\nASSIGNED { x }\nBEFORE SOLVE { x = 1 }\n")
    assert "BEFORE SOLVE" in e.message and e.line == 3
    # LAG of v or of a GLOBAL: NEURON keeps one history per address, shared by all instances
    e = _err("NEURON { SUFFIX b3 }\nPARAMETER { tau = 2 }\nASSIGNED { v }\nBREAKPOINT {\n LAG v BY tau\n}\n")
    assert "LAG v BY tau" in e.message and "shared" in e.message and e.line == 5
    e = _err("NEURON { SUFFIX b4 GLOBAL x }\nPARAMETER { tau = 2 }\nASSIGNED { x }\nINITIAL {\n"
             " LAG x BY tau\n}\n")
    assert "LAG x BY tau" in e.message and e.line == 5
    e = _err("NEURON { SUFFIX b5 }\nASSIGNED { x }\nINITIAL {\n LAG x BY tau\n}\n")
    assert "undefined variable tau" in e.message and e.line == 4
    # lag_x_tau is the LAG's own variable: declaring it too is NEURON's "already in use"
    e = _err("NEURON { SUFFIX b6 }\nPARAMETER { tau = 2 }\nASSIGNED { x lag_x_tau }\nINITIAL {\n"
             " LAG x BY tau\n}\n")
    assert "lag_x_tau" in e.message and e.line == 5


def test_steadystate_derivimplicit_uses_dt_1e_9():
    text = """NEURON { SUFFIX ssd }
STATE { a }
INITIAL { a = 0.001 SOLVE st STEADYSTATE derivimplicit }
BREAKPOINT { SOLVE st METHOD cnexp }
DERIVATIVE st { a' = 0.5*(0.002 - a) }
"""
    info, src = _src(text)
    assert "_derivimplicit_st(_data, _i, _gv, _tbl, _v, _t, 1e-9, _celsius, _area)" in src
    assert src.count("def _derivimplicit_st(") == 1


# ------------------------------------------------------------------ FUNCTION_TABLE

def test_function_table_description_and_refusals():
    info, src = _src("NEURON { SUFFIX ftx }\nFUNCTION_TABLE tau(v (mV)) (ms)\n"
                     "ASSIGNED { x }\nINITIAL { x = tau(3) }\n")
    d = info.describe()["functions"]["tau"]
    assert d["kind"] == "FUNCTION" and d["function_table"]["cap"] == analysis.FUNCTION_TABLE_CAP
    assert "raise RuntimeError(\"table not specified in hoc_func_table" in src
    e = _err("NEURON { SUFFIX fty }\nFUNCTION_TABLE t2(x, y)\n")
    assert "1-D" in e.message and e.line == 2
