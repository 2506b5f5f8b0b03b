"""cnexp (cnexp.py): the text shape NEURON emits, and exactness for linear ODEs."""

import math

import numpy as np
import pytest

from ranvier.nmodl import ast, load_mechanism, parse
from ranvier.nmodl.cnexp import Nonlinear, cnexp_update


def _rhs(text):
    mod = parse("DERIVATIVE d { y' = %s }" % text)
    return mod.items[0].body[0].expr


def _render(e):
    if isinstance(e, ast.Name):
        return e.name
    if isinstance(e, ast.Num):
        return repr(e.value)
    return "f(...)"


def test_hh_shape_is_nocmodls_verbatim():
    # NMODL.md section 4: the exact text nocmodl prints for (ninf-n)/ntau
    e = parse("DERIVATIVE d { n' = (ninf-n)/ntau }").items[0].body[0].expr
    got = cnexp_update(e, "n", "n", "dt", _render, exp_name="exp")
    assert got == ("n + (1. - exp(dt*(( ( ( - 1.0 ) ) ) / ntau)))*(- ( ( ( ninf ) ) / ntau ) / "
                   "( ( ( ( - 1.0 ) ) ) / ntau ) - n)")


def test_state_free_rhs_is_euler_and_nonlinear_is_rejected():
    assert cnexp_update(_rhs("a + b"), "y", "y", "dt", _render) == "y - dt*(- ( a + b ) )"
    for bad in ("y*y", "1/y", "sin(y)", "y^2", "-y*(1 + y)"):
        with pytest.raises(Nonlinear):
            cnexp_update(_rhs(bad), "y", "y", "dt", _render)


MOD = """
NEURON { SUFFIX relax RANGE yinf, tau, k }
PARAMETER { yinf = 0.75 tau = 3.5 k = 0.4 }
STATE { y z }
INITIAL { y = 0.1 z = 2 }
BREAKPOINT { SOLVE d METHOD cnexp }
DERIVATIVE d {
    y' = (yinf - y)/tau
    z' = -k*(z - 1) + 0.5*y
}
"""


def test_cnexp_matches_the_exponential_solution():
    mech = load_mechanism(text=MOD, filename="relax.mod")
    mod = mech.module()
    data = mech.new_data(1)
    gv, tbl = mech.new_globals(), mech.new_table()
    args = (np.zeros(1, np.int64), np.zeros(1), np.ones(1))
    mod.nrn_init(1, data, *args, np.zeros((1, 5, 1)), np.zeros(0, np.int64), gv, tbl, 0.0, 0.1, 6.3)
    dt, nsteps = 0.1, 2000
    ry, rz = mech.row("y"), mech.row("z")
    for k in range(1, nsteps + 1):
        mod.nrn_state(1, data, *args, np.zeros((1, 5, 1)), np.zeros(0, np.int64), gv, tbl,
                      k * dt, dt, 6.3)
        exact = 0.75 + (0.1 - 0.75) * math.exp(-k * dt / 3.5)
        assert abs(data[ry, 0] - exact) < 1e-12
    # z' = -k z + (k + 0.5 y) with y frozen over the step at its new value
    # (equations update in order): check one step against the closed form
    z0 = 1.7
    data[rz, 0] = z0
    mod.nrn_state(1, data, *args, np.zeros((1, 5, 1)), np.zeros(0, np.int64), gv, tbl, 0.0, dt, 6.3)
    y1 = data[ry, 0]
    zinf = (0.4 + 0.5 * y1) / 0.4
    assert abs(data[rz, 0] - (zinf + (z0 - zinf) * math.exp(-0.4 * dt))) < 1e-13
