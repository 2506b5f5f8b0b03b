"""Unit literals inside expressions are dropped, as nocmodl drops them (NMODL.md "More
verified facts" 1): `0.09(/mV)` is 0.09, `22 (degC)` is 22.  NEURON 9.0.2's numbers
for a channel written that way (wful.mod: rates with `(degC)`, `(mV)`, `(/mV)`, `(ms)`
literals, FARADAY/R/PI from UNITS) are checked in test_workflow.py; here the same
formulas with and without the literals must give identical bits."""
import numpy as np
import pytest

from ranvier import NmodlError
from ranvier.nmodl import load_mechanism, parse
from ranvier.nmodl import ast

TEMPLATE = """NEURON { SUFFIX %s }
UNITS { (mV) = (millivolt) FARADAY = (faraday) (coulomb) R = (k-mole) (joule/degC) PI = (pi) (1) }
PARAMETER { q10 = 3 }
FUNCTION tadj(c) { tadj = q10^((c - 22%s)/10%s) }
FUNCTION rate(v) { rate = 0.09%s*(v + 50%s)/(1 - exp(-(v + 50)/(4%s))) }
FUNCTION scale() { scale = (1e-3)*2*FARADAY/(R*PI) }
"""


def _fn(mech, name, *args):
    fn = mech.module().FUNCTIONS[name]
    return fn(mech.new_data(1), 0, np.array(mech.global_defaults or [0.0]), mech.new_table(),
              -65.0, 0.0, 0.025, 6.3, 100.0, *args)


def test_literals_parse_as_plain_numbers():
    mod = parse(TEMPLATE % ("ulp", " (degC)", " (degC)", "(/mV)", " (mV)", "(mV)"), "ulp.mod")
    funcs = [it for it in mod.items if isinstance(it, ast.Block) and it.name == "tadj"]
    nums = [n for n in _walk(funcs[0].body) if isinstance(n, ast.Num)]
    assert [n.value for n in nums] == [22.0, 10.0]


def _walk(node):
    if isinstance(node, list):
        for x in node:
            yield from _walk(x)
    elif isinstance(node, ast.Node):
        yield node
        for k, v in vars(node).items():
            if k != "line":
                yield from _walk(v)


def test_with_and_without_literals_give_the_same_bits():
    with_u = load_mechanism(text=TEMPLATE % ("ulw", " (degC)", " (degC)", "(/mV)", " (mV)", "(ms)"),
                            filename="ulw.mod")
    plain = load_mechanism(text=TEMPLATE % ("ulp2", "", "", "", "", ""), filename="ulp2.mod")
    for c in (6.3, 22.0, 34.0):
        assert _fn(with_u, "tadj", c) == _fn(plain, "tadj", c) == 3.0 ** ((c - 22.0) / 10.0)
    for v in (-80.0, -50.0 + 1e-9, 0.0, 30.0):
        assert _fn(with_u, "rate", v) == _fn(plain, "rate", v)
    # the UNITS factors of NMODL.md section 2: (faraday) (coulomb), (k-mole) (joule/degC), (pi) (1)
    assert _fn(with_u, "scale") == (1e-3) * 2 * 96485.33212331001 / (8.31446261815324 * 3.141592653589793)


def test_a_unit_alone_in_an_expression_is_an_undefined_name():
    # nocmodl: `(mV)` in an expression is a bracketed name, undefined
    text = "NEURON { SUFFIX ulb }\nASSIGNED { x }\nINITIAL { x = 3*(mV) }\n"
    with pytest.raises(NmodlError, match="undefined variable mV") as e:
        load_mechanism(text=text, filename="ulb.mod")
    assert e.value.line == 3


def test_a_call_is_still_a_call():
    text = ("NEURON { SUFFIX ulc }\nFUNCTION f(x) { f = 2*x }\n"
            "FUNCTION g(x) { g = f(x) + f (x)*1 (mV) }\n")
    m = load_mechanism(text=text, filename="ulc.mod")
    assert _fn(m, "g", 4.0) == 16.0
