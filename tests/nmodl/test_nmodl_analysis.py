"""Semantic analysis (ranvier/nmodl/analysis.py): descriptions and user errors."""

import pytest

from ranvier.core.errors import NmodlError
from ranvier.nmodl import builtin_mechanism, load_mechanism

HH_PUBLIC = ["gnabar", "gkbar", "gl", "el", "gna", "gk", "il", "minf", "hinf", "ninf",
             "mtau", "htau", "ntau", "m", "h", "n"]


def test_hh_description():
    hh = builtin_mechanism("hh")
    assert hh.name == "hh" and not hh.is_point and not hh.is_electrode
    assert hh.public_range == HH_PUBLIC   # NEURON order: PARAMETER, ASSIGNED, STATE
    assert sorted(hh.public_range) == sorted(
        "el gk gkbar gl gna gnabar h hinf htau il m minf mtau n ninf ntau".split())
    assert hh.range_names[:16] == HH_PUBLIC
    assert hh.range_defaults[:4] == [0.12, 0.036, 0.0003, -54.3]
    assert hh.states == ["m", "h", "n"]
    assert hh.ions == [("na", ["ena"], ["ina"], None), ("k", ["ek"], ["ik"], None)]
    assert hh.currents == ["ina", "ik", "il"]
    assert hh.global_names[0] == "usetable_hh" and hh.global_defaults[0] == 1.0
    assert hh.public_globals == ["usetable_hh"]
    assert hh.table_shape == (201, 6)
    assert "_g" in hh.range_names
    # needs_instance: rates writes RANGE minf...; NEURON 9.0.2's h.rates_hh(-65) without
    # setdata_hh raises "No data for rates_hh"
    assert hh.functions["rates"] == {"kind": "PROCEDURE", "args": ["v"], "table": True,
                                     "needs_instance": True}


def test_pas_and_iclamp_descriptions():
    pas = builtin_mechanism("pas")
    assert pas.public_range == ["g", "e", "i"] and pas.range_defaults[:2] == [0.001, -70.0]
    assert pas.global_names == [] and pas.table_shape == (0, 0) and pas.ions == []
    ic = builtin_mechanism("IClamp")
    assert ic.is_point and ic.is_electrode
    assert ic.public_range == ["del", "dur", "amp", "i"]
    assert ic.range_defaults[:4] == [0.0, 0.0, 0.0, 0.0]


def test_non_range_parameter_is_global_and_hidden_assigned_is_a_hidden_row():
    m = load_mechanism(text="""
NEURON { SUFFIX kd USEION k READ ek WRITE ik RANGE gbar }
PARAMETER { gbar = 0.1 tau = 2 m0 = 0.25 }
ASSIGNED { v ek ik ninf }
STATE { m }
INITIAL { ninf = 1 }
BREAKPOINT { ik = gbar*m*(v - ek) }
""", filename="kd.mod")
    assert m.public_range == ["gbar", "m"]
    assert m.public_globals == ["tau", "m0"] and m.global_defaults == [2.0, 0.25]
    assert "ninf" in m.range_names and "ninf" not in m.public_range


def _err(text, filename="e.mod"):
    with pytest.raises(NmodlError) as exc:
        load_mechanism(text=text, filename=filename)
    return exc.value


def test_unknown_variable_is_named_with_its_line():
    e = _err("NEURON { SUFFIX u1 }\nASSIGNED { x }\nINITIAL {\n  x = y + 1\n}\n")
    assert e.line == 4 and "y" in e.message and "e.mod:4" in str(e)


def test_unknown_function_and_wrong_arity():
    e = _err("NEURON { SUFFIX u2 }\nASSIGNED { x }\nINITIAL { x = foo(1) }\n")
    assert e.line == 3 and "foo" in e.message
    e = _err("NEURON { SUFFIX u3 }\nASSIGNED { x }\nINITIAL { x = exp(1, 2) }\n")
    assert "exp" in e.message


@pytest.mark.parametrize("body, what, line", [
    ("NET_RECEIVE (w) { }", "NET_RECEIVE", 3),
    ("LINEAR l { ~ a*b = 1 }", "LINEAR", 3),
    ("NONLINEAR l { ~ a = 1 ~ a = 2 }", "NONLINEAR", 3),
    ("VERBATIM\n#include <stdio.h>\nstatic double q;\nENDVERBATIM", "VERBATIM", 5),
    ("INITIAL {\nVERBATIM\nprintf(\"x\");\n_p[3] = 1;\nENDVERBATIM\n}", "VERBATIM", 6),
])
def test_unsupported_constructs_are_clear_errors(body, what, line):
    e = _err("NEURON { SUFFIX u4 }\nSTATE { a b }\n" + body + "\n")
    assert what in e.message and e.line == line


def test_writing_through_a_pointer_is_rejected_with_its_line():
    # POINTERs work (tests/nmodl/test_pointer.py); assigning one is refused
    e = _err("NEURON {\n  SUFFIX u5\n  POINTER p\n}\nASSIGNED { p }\nINITIAL {\n  p = 1\n}\n")
    assert "POINTER p" in e.message and e.line == 7


def test_declaration_errors():
    e = _err("NEURON { SUFFIX u6 GLOBAL m }\nSTATE {\n  m\n}\n")
    assert "STATE" in e.message and e.line == 3
    e = _err("NEURON { SUFFIX u7 }\nPARAMETER { g = 1 }\nASSIGNED {\n  g\n}\n")
    assert "Multiple declaration of g" in e.message and e.line == 4
    e = _err("NEURON { SUFFIX u8 }\nINITIAL {\n  t = 1\n}\n")
    assert "t is a special NEURON variable" in e.message and e.line == 3


def test_solve_errors():
    e = _err("NEURON { SUFFIX u9 }\nSTATE { y }\nBREAKPOINT {\n  SOLVE d METHOD foo\n}\n"
             "DERIVATIVE d { y' = -y }\n")
    assert "METHOD foo" in e.message and e.line == 4
    e = _err("NEURON { SUFFIX u10 }\nSTATE { y }\nBREAKPOINT {\n  SOLVE nothere METHOD cnexp\n}\n")
    assert "nothere" in e.message and e.line == 4
    e = _err("NEURON { SUFFIX u11 }\nSTATE { y }\nBREAKPOINT { SOLVE d METHOD cnexp }\n"
             "DERIVATIVE d {\n  y' = -y\n  y' = 2\n}\n")
    assert "two equations" in e.message and e.line == 6


def test_units_named_constants():
    m = load_mechanism(text="""
NEURON { SUFFIX uc RANGE f, r }
UNITS { F = (faraday) (coulomb) R = (k-mole) (joule/degC) PI = (pi) (1) }
ASSIGNED { f r }
INITIAL { f = F r = R*PI }
""", filename="uc.mod")
    import numpy as np
    mod = m.module()
    data = m.new_data(1)
    mod.nrn_init(1, data, np.zeros(1, np.int64), np.zeros(1), np.ones(1), np.zeros((1, 5, 1)),
                 np.zeros(0, np.int64), m.new_globals(), m.new_table(), 0.0, 0.025, 6.3)
    assert data[m.row("f"), 0] == 96485.33212331001
    assert data[m.row("r"), 0] == 8.31446261815324 * 3.141592653589793
    e = _err("NEURON { SUFFIX ud }\nUNITS {\n  X = (furlong) (fortnight)\n}\n")
    assert e.line == 3 and "X" in e.message
