"""WATCH, LAG, state_discontinuity and at_time (issue 7): the translation rules.

NEURON 9.0.2's numbers for these constructs are checked in test_nmodl_lang.py (corpus
files wthresh.mod, wmulti.mod, lagcur.mod, lagst.mod, sdisc.mod; scenarios wthresh,
wthresh_rearm, wmulti, lagcur, lagcur_short, lagst, sdisc).  What NEURON does, as
measured with it (the generated C read back from nrnivmodl for the forms):

- a WATCH condition ``a > b`` is the value ``(a) - (b)``, ``a < b`` is ``-((a) - (b))``;
  it is checked at the start of every fixed step with the values at t, and a false ->
  true transition (value > 0) queues a self-event at t with the WATCH's flag;
- arming a WATCH sets its state to "true" when the value is >= -1e-11 (so a condition
  already true fires only after it has been false); the first WATCH a NET_RECEIVE call
  executes disarms all the instance's watches; finitialize disarms them all;
- ``LAG x BY tau`` interpolates a history of x (nmodl/codegen.py LAG_HELPER);
- ``state_discontinuity(x, e)`` is ``x = e``; ``at_time(te)`` is 1 in the step whose t
  reaches te - 1e-11.
"""
import os

import pytest

import ranvier
from ranvier import h
from ranvier.core.errors import ModelError, NmodlError
from ranvier.nmodl import analysis, parser
from ranvier.nmodl.mechanism import translate

CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")

WATCHER = """
NEURON { POINT_PROCESS Wt RANGE th, n }
PARAMETER { th = -20 }
ASSIGNED { v n }
INITIAL { n = 0 net_send(0, 1) }
NET_RECEIVE(w) {
    if (flag == 1) {
        WATCH (v > th) 2, (v < th - 10) 3
    } else {
        n = n + 1
        WATCH (th > v) 1
    }
}
"""


def _err(text, name="e.mod"):
    with pytest.raises(NmodlError) as exc:
        translate(text, name)
    return exc.value


def test_watch_items_are_numbered_with_conditions_in_nocmodls_form():
    info = analysis.analyze(parser.parse(WATCHER, "w.mod"), WATCHER)
    assert [(c.op, flag) for c, flag, _ in info.watches] == [(">", 2.0), ("<", 3.0), (">", 1.0)]
    desc, src = translate(WATCHER, "w.mod")
    assert "HAS_WATCH = True" in src and "WATCH_ITEMS = 3" in src
    assert "CVODE_OK = False" in src
    # a > b -> (a) - (b); a < b -> -((a) - (b))
    assert "return (_v) - (_data[R_th, _i])" in src
    assert "return -((_v) - ((_data[R_th, _i] - 10.0)))" in src
    # arming: state 'true' at >= -1e-11; the first WATCH of a call disarms the others
    assert ">= -1e-11 else 0.0" in src
    assert src.count("if _watch_rm == 0:") == 2
    # the hidden rows are not range variables of the mechanism
    assert not any(n.startswith("_watch") for n in desc["public_range"])


def test_a_file_without_watch_says_so():
    _, src = translate(WATCHER.replace("WATCH (v > th) 2, (v < th - 10) 3", "n = 0")
                       .replace("WATCH (th > v) 1", ""), "w0.mod")
    assert "HAS_WATCH = False" in src and "def watch_check" not in src


@pytest.mark.parametrize("stmt, pattern", [
    ("WATCH (v >= th) 2", r"must compare two expressions with > or <"),
    ("WATCH (v > th && v < 0) 2", r"must compare two expressions with > or <"),
    ("WATCH (v > w) 2", r"WATCH condition uses w, a LOCAL or NET_RECEIVE argument"),
    ("WATCH (v > th)", r"the flag \(a number\) is missing"),
])
def test_bad_watch_is_refused_where_it_stands(stmt, pattern):
    text = WATCHER.replace("WATCH (v > th) 2, (v < th - 10) 3", stmt)
    e = _err(text)
    assert e.line == 8
    import re
    assert re.search(pattern, e.message), e.message


def test_lag_defines_its_variable_and_history_rows():
    text = ("NEURON { SUFFIX lg RANGE x, y }\nPARAMETER { tau = 0.3 }\nASSIGNED { v x y }\n"
            "BREAKPOINT {\n x = v\n LAG x BY tau\n y = lag_x_tau\n}\n")
    desc, src = translate(text, "lg.mod")
    assert "lag_x_tau" in desc["range_names"] and "lag_x_tau" not in desc["public_range"]
    assert "_data[R_lag_x_tau, _i] = _lag(_data, _i, R__lag_x_tau_t, R__lag_x_tau_x, " \
           "R__lag_x_tau_s, %d, _data[R_x, _i], _t, _gv[G_tau])" % analysis.LAG_CAP in src


def test_state_discontinuity_is_an_assignment():
    text = ("NEURON { POINT_PROCESS Sd }\nSTATE { g }\nBREAKPOINT { SOLVE s METHOD cnexp }\n"
            "DERIVATIVE s { g' = -g }\nNET_RECEIVE(w) { state_discontinuity(g, g + w) }\n")
    _, src = translate(text, "sd.mod")
    assert "_data[R_g, _i] = (_data[R_g, _i] + _w[_wr, 0])" in src


def test_at_time_is_neurons_fixed_step_test():
    text = ("NEURON { SUFFIX at RANGE n }\nPARAMETER { del = 1 }\nASSIGNED { n }\n"
            "BREAKPOINT { if (at_time(del)) { n = n + 1 } }\n")
    _, src = translate(text, "at.mod")
    assert "(_gv[G_del] - 1e-11 <= _t and _gv[G_del] - 1e-11 > _t - _dt)" in src


def test_watch_is_refused_under_cvode():
    ranvier.load_mechanisms(CORPUS)
    soma = h.Section(name="wsoma")
    soma.insert("hh")
    w = h.WThresh(soma(0.5))
    h.cvode_active(1)
    try:
        with pytest.raises(ModelError, match="WATCH is only supported with the fixed step"):
            h.finitialize(-65)
            h.fadvance()
    finally:
        h.cvode_active(0)
    del w, soma
