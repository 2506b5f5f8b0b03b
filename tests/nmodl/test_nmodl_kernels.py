"""Generated kernels (codegen.py) against the published equations and NEURON.

Truth comes from: NUMERICS.md (e) (Hodgkin & Huxley 1952 rates as NEURON's
hh.mod evaluates them), (f) (pas, IClamp), and NMODL.md section 11, whose
values were produced by NEURON 9.0.2 for the protocol P cell that
``nmodl_helpers.Cell`` rebuilds node for node.
"""

import math

import numpy as np
import pytest

from nmodl_helpers import Cell, Inst, protocol_p
from ranvier.nmodl import builtin_mechanism


def hoc_exp(x):
    if x < -700.0:
        return 0.0
    if x > 700.0:
        return math.exp(700.0)
    return math.exp(x)


def vtrap(x, y):
    if abs(x / y) < 1e-6:
        return y * (1 - x / y / 2)
    return x / (hoc_exp(x / y) - 1)


def hh_rates(u, celsius):
    """NUMERICS.md (e), same operations in the same order -> (minf, mtau, hinf, htau, ninf, ntau)."""
    q10 = math.pow(3.0, (celsius - 6.3) / 10.0)
    a = 0.1 * vtrap(-(u + 40), 10)
    b = 4 * hoc_exp(-(u + 65) / 18)
    s = a + b
    mtau, minf = 1 / (q10 * s), a / s
    a = 0.07 * hoc_exp(-(u + 65) / 20)
    b = 1 / (hoc_exp(-(u + 35) / 10) + 1)
    s = a + b
    htau, hinf = 1 / (q10 * s), a / s
    a = 0.01 * vtrap(-(u + 55), 10)
    b = 0.125 * hoc_exp(-(u + 65) / 80)
    s = a + b
    ntau, ninf = 1 / (q10 * s), a / s
    return minf, mtau, hinf, htau, ninf, ntau


def hh_table_lookup(u, celsius):
    """NUMERICS.md (e) TABLE: 201 rows from -100 by 1, linear interpolation, flat outside."""
    rows = []
    x = -100.0
    for _ in range(201):
        rows.append(hh_rates(x, celsius))
        x += 1.0
    xi = (1.0 / 1.0) * (u - (-100.0))
    if xi != xi:
        return (xi,) * 6
    if xi <= 0:
        return rows[0]
    if xi >= 200:
        return rows[200]
    k = int(xi)
    th = xi - k
    return tuple(rows[k][j] + th * (rows[k + 1][j] - rows[k][j]) for j in range(6))


VOLTAGES = [-120.0, -100.0, -80.3, -65.0, -55.0, -40.0, -39.99999, -12.345, 0.0, 33.3, 99.5, 100.0, 150.0]
ORDER = ["minf", "mtau", "hinf", "htau", "ninf", "ntau"]


def _call_rates(hh, inst, u, celsius):
    rates = inst.mod.FUNCTIONS["rates"]
    rates(inst.data, 0, inst.gv, inst.tbl, -65.0, 0.0, 0.025, celsius, 100.0, u)
    return tuple(inst[n] for n in ORDER)


@pytest.mark.parametrize("celsius", [6.3, 16.3])
def test_hh_rates_direct_are_exactly_the_formulas(celsius):
    hh = builtin_mechanism("hh")
    inst = Inst(hh, usetable_hh=0.0)
    for u in VOLTAGES:
        assert _call_rates(hh, inst, u, celsius) == hh_rates(u, celsius)


@pytest.mark.parametrize("celsius", [6.3, 16.3])
def test_hh_rates_table(celsius):
    hh = builtin_mechanism("hh")
    inst = Inst(hh)
    inst.mod.check_table(inst.n, inst.data, inst.gv, inst.tbl, celsius)
    for u in VOLTAGES:
        got = _call_rates(hh, inst, u, celsius)
        assert got == hh_table_lookup(u, celsius)        # bit for bit
        if -100 <= u <= 100:                              # interpolation error of a 1 mV grid
            direct = hh_rates(u, celsius)
            for g, d in zip(got, direct):
                assert abs(g - d) <= 2e-3 * max(1.0, abs(d))
    got = _call_rates(hh, inst, float("nan"), celsius)
    assert all(math.isnan(x) for x in got)


def test_hh_table_rebuilt_when_celsius_changes():
    hh = builtin_mechanism("hh")
    inst = Inst(hh)
    inst.mod.check_table(inst.n, inst.data, inst.gv, inst.tbl, 6.3)
    t63 = inst.tbl.copy()
    inst.mod.check_table(inst.n, inst.data, inst.gv, inst.tbl, 6.3)
    assert np.array_equal(t63, inst.tbl)
    inst.mod.check_table(inst.n, inst.data, inst.gv, inst.tbl, 20.0)
    assert not np.array_equal(t63, inst.tbl)
    assert _call_rates(hh, inst, -42.5, 20.0) == hh_table_lookup(-42.5, 20.0)


def _cur(inst, v, area, t=0.0):
    rhs = np.zeros(1)
    d = np.zeros(1)
    ions = np.zeros((max(1, len(inst.mech.ions)), 5, 1))
    inst.nodeidx[:] = 0
    inst.mod.nrn_cur(inst.n, inst.data, inst.nodeidx, np.array([v]), np.array([area]), rhs, d,
                     ions, np.arange(len(inst.mech.ions), dtype=np.int64), inst.gv, inst.tbl, t,
                     0.025, 6.3)
    return rhs[0], d[0]


def test_pas_current_and_conductance():
    pas = Inst(builtin_mechanism("pas"), g=0.002, e=-70.0)
    for v in (-80.0, -65.0, 12.25):
        rhs, d = _cur(pas, v, 500.0)
        i = 0.002 * (v - -70.0)
        assert rhs == -i and pas["i"] == i
        # NUMERICS.md (f): the difference quotient, not exactly g
        assert d == (0.002 * ((v + 0.001) - -70.0) - 0.002 * (v - -70.0)) / 0.001
        assert d == pytest.approx(0.002, rel=1e-9)


def test_iclamp_timing_and_sign():
    ic = Inst(builtin_mechanism("IClamp"), amp=0.3, dur=2.0, **{"del": 1.0})
    area = 1256.6370614359173
    for t, on in [(0.0, False), (0.9999, False), (1.0, True), (2.5, True), (2.9999999, True),
                  (3.0, False), (4.0, False)]:
        rhs, d = _cur(ic, -65.0, area, t)
        assert ic["i"] == (0.3 if on else 0.0)
        # ELECTRODE_CURRENT: rhs += I*(1e2/area) (nA -> mA/cm2), d -= g (= 0 here)
        assert rhs == (0.3 * (1e2 / area) if on else 0.0)
        assert d == 0.0


def test_hh_single_compartment_spikes():
    hh = Inst(builtin_mechanism("hh"))
    ic = Inst(builtin_mechanism("IClamp"), amp=0.1, dur=2.0, **{"del": 1.0})
    cell = Cell([ic, hh])
    cell.finitialize(-65.0)
    # at rest the gates sit at their (tabulated) steady states
    assert hh["m"] == hh_table_lookup(-65.0, 6.3)[0]
    vs = []
    for _ in range(400):
        cell.step()
        vs.append(cell.vm)
    vs = np.array(vs)
    assert vs.max() > 20.0                      # an action potential
    k = int(np.argmax(vs > 0.0))
    assert 1.0 < (k + 1) * 0.025 < 4.0           # during the pulse
    assert vs[-1] < -60.0                       # and back towards rest
    assert cell.ions[0, 1, 1] != 0.0 and cell.ions[1, 2, 1] > 0.0  # ina, dik/dv written


# --------------------------------------------------------------------------
# NMODL.md section 11: NEURON 9.0.2 values, reproduced bit for bit

Q1 = """
NEURON { SUFFIX kn USEION k READ ek WRITE ik RANGE gbar }
PARAMETER { gbar = 0.02 }
ASSIGNED { v ek ik ninf ntau }
STATE { n w }
INITIAL { rates(v) n = ninf w = 0.5 }
BREAKPOINT { SOLVE st METHOD cnexp ik = gbar*n*n*n*n*(v - ek) }
DERIVATIVE st { rates(v) n' = (ninf - n)/ntau w' = -2*w + 3 }
PROCEDURE rates(v) { ninf = 1/(1 + exp(-(v + 45)/7)) ntau = 1 + 4/(1 + exp((v + 40)/10)) }
"""

Q5 = """
NEURON { SUFFIX tb NONSPECIFIC_CURRENT i GLOBAL minf, mtau THREADSAFE }
PARAMETER { gbar = 0.003 q = 1 }
ASSIGNED { v i minf mtau }
STATE { m }
INITIAL { rates(v) m = minf }
BREAKPOINT { SOLVE st METHOD cnexp i = gbar*m*(v - 10)*fb(v) }
DERIVATIVE st { rates(v) m' = (minf - m)/mtau }
PROCEDURE rates(v) { TABLE minf, mtau DEPEND q FROM -80 TO 40 WITH 30
  minf = 1/(1 + exp(-(v + 50)/4)) mtau = q*(0.5 + 3*exp(-((v + 50)/15)^2)) }
FUNCTION fb(v) { TABLE FROM -100 TO 50 WITH 15  fb = 1/(1 + exp((v + 20)/9)) }
"""

Q6 = """
NEURON { SUFFIX ec ELECTRODE_CURRENT i }
PARAMETER { amp = 0.01 g = 0.0005 }
ASSIGNED { v i }
BREAKPOINT { i = amp - g*(v + 65) }
"""

Q11 = """
NEURON { SUFFIX gl NONSPECIFIC_CURRENT i GLOBAL gg }
PARAMETER { gg = 0.0002 eg = -80 }
ASSIGNED { v i }
BREAKPOINT { i = gg*(v - eg) }
"""

Q12 = """
NEURON { SUFFIX eu NONSPECIFIC_CURRENT i }
PARAMETER { gbar = 0.001 }
ASSIGNED { v i }
STATE { a }
INITIAL { a = 0.2 }
BREAKPOINT { SOLVE st METHOD euler i = gbar*a*(v + 20) }
DERIVATIVE st { a' = (1/(1 + exp(-(v + 50)/5)) - a)/3 }
"""

Q14 = """
NEURON { SUFFIX np RANGE cnt, x, y }
ASSIGNED { v cnt x y }
INITIAL { cnt = 0 }
BREAKPOINT { SOLVE upd  y = 2*v }
PROCEDURE upd() { cnt = cnt + 1 x = v
VERBATIM
return 0;
ENDVERBATIM
}
"""


def test_q1_cnexp():
    cell, _ = protocol_p(Q1, amp=0.1)
    assert cell.vm == -53.56166937957424
    assert cell.t == 5.000000000000037


def test_q5_table_and_usetable_off():
    cell, _ = protocol_p(Q5, amp=0.1)
    assert cell.vm == -4.4366712069662375
    cell, _ = protocol_p(Q5, amp=0.1, usetable_tb=0.0)
    assert cell.vm == -4.914852944596683


def test_q6_density_electrode_current():
    cell, _ = protocol_p(Q6, amp=None)
    assert cell.vm == -49.181810773984736


def test_q11_global_changed_between_runs():
    cell, user = protocol_p(Q11, amp=None)
    assert cell.vm == -72.7561747164382
    user.set("gg", 0.0005)
    assert cell.run() == -76.8636419195112


def test_q12_euler():
    cell, user = protocol_p(Q12, amp=0.1)
    assert cell.vm == -28.180310635759614 and user["a"] == 0.7015842076133085


def test_q14_solve_procedure_and_verbatim_return():
    cell, user = protocol_p(Q14, amp=0.1)
    assert user["cnt"] == 200.0
    assert user["x"] == -53.200221584225424 and user["y"] == -106.40044316845085


Q2 = """
NEURON { SUFFIX dimp NONSPECIFIC_CURRENT i }
PARAMETER { gbar = 0.001 e = -30 }
ASSIGNED { v i }
STATE { a b }
INITIAL { a = 0.1 b = 0.9 }
BREAKPOINT { SOLVE st METHOD derivimplicit i = gbar*a*b*(v - e) }
DERIVATIVE st { a' = 0.5*exp(v/30)*(1 - a) - 0.2*a*a*b  b' = 0.1*(1 - b) - 0.3*a*b*exp(-v/50) }
"""

Q13_NL = """
NEURON { SUFFIX nl }
STATE { p r }
INITIAL { p = 1 r = 1 }
BREAKPOINT { SOLVE st METHOD cnexp }
DERIVATIVE st { p' = -2*p*p  r' = -2*r*sin(r) }
"""

Q13_SQ = """
NEURON { SUFFIX sq }
STATE { c }
INITIAL { c = 1 }
BREAKPOINT { SOLVE st METHOD cnexp }
DERIVATIVE st { c' = -c*c }
"""


def test_q2_derivimplicit():
    cell, _ = protocol_p(Q2, amp=0.1)
    assert cell.vm == -42.34647319431251


def test_q13_nonlinear_cnexp_falls_back_to_derivimplicit():
    _, user = protocol_p(Q13_NL, amp=None, pas=False)
    assert user["p"] == 0.09189705455152566 and user["r"] == 0.09321021125216612
    # NEURON miscompiles c' = -c*c (0.0904...); ranvier falls back to
    # derivimplicit, i.e. backward Euler, whose first-order error at t = 5
    # with dt = 0.025 is about 1.2e-3 of the true 1/(1+t) = 1/6
    _, user = protocol_p(Q13_SQ, amp=None, pas=False)
    assert abs(user["c"] - 1 / 6) < 2e-3
