"""NET_RECEIVE, net_send, net_event, ARTIFICIAL_CELL: analysis and the event-kernel ABI
(ranvier/nmodl/netreceive.py)."""
import numpy as np
import pytest

from ranvier.core.errors import NmodlError
from ranvier.nmodl import builtin_mechanism, load_mechanism


def _load(text, name="t.mod"):
    return load_mechanism(text=text, filename=name)


def test_description_of_builtin_event_mechanisms():
    ex = builtin_mechanism("ExpSyn")
    assert ex.net_receive == {"args": ["weight"], "initial": False}
    assert not ex.uses_net_event and ex.is_point and not ex.is_artificial
    assert ex.public_range == ["tau", "e", "i", "g"]
    ns = builtin_mechanism("NetStim")
    assert ns.is_artificial and ns.uses_net_event
    assert ns.public_range == ["interval", "number", "start", "noise"]
    e2 = builtin_mechanism("Exp2Syn")
    assert e2.net_receive["args"] == ["weight"]
    assert builtin_mechanism("AlphaSynapse").net_receive is None
    mod = ex.module()
    assert mod.HAS_NET_RECEIVE and mod.NET_RECEIVE_NARGS == 1 and not mod.HAS_NET_RECEIVE_INIT
    assert builtin_mechanism("NetStim").module().IS_ARTIFICIAL


def test_netstim_kernels_outbox():
    """net_init queues flag 3 at start; flag 3 -> net_send(0, 1); flag 1 -> net_event + next."""
    m = builtin_mechanism("NetStim")
    mod = m.module()
    data, gv, tb = m.new_data(2), m.new_globals(), m.new_table()
    data[m.row("start")] = 5
    data[m.row("number")] = 2
    data[m.row("start"), 1] = -1          # instance 1 stays off
    evb, evn = np.zeros((8, 4)), np.zeros(2, np.int64)
    v, area = np.zeros(1), np.full(1, 100.0)
    ions, none = np.zeros((3, 5, 1)), np.zeros(0, np.int64)
    mod.net_init(0, 2, data, none, v, area, ions, none, gv, tb, 0.0, 0.025, 6.3, evb, evn)
    assert evn[0] == 1 and list(evb[0]) == [0.0, 5.0, 3.0, 0.0]
    w = np.zeros((1, 1))
    evn[0] = 0
    mod.net_receive(data, 0, gv, tb, v, -1, area, 5.0, 0.025, 6.3, w, -1, 3.0, evb, evn)
    assert evn[0] == 1 and list(evb[0]) == [0.0, 5.0, 1.0, 0.0]
    evn[0] = 0
    mod.net_receive(data, 0, gv, tb, v, -1, area, 5.0, 0.025, 6.3, w, -1, 1.0, evb, evn)
    assert evn[0] == 2
    assert list(evb[0]) == [1.0, 5.0, 1.0, 0.0]       # net_event(5)
    assert list(evb[1]) == [0.0, 15.0, 1.0, 0.0]      # next spike at 5 + 10
    evn[0] = 0
    mod.net_receive(data, 0, gv, tb, v, -1, area, 15.0, 0.025, 6.3, w, -1, 1.0, evb, evn)
    assert evn[0] == 1 and evb[0, 0] == 1.0           # the last one: no next net_send
    assert data[m.row("on"), 0] == 0.0


def test_weights_are_netcon_state_and_initial():
    m = _load("""
NEURON { POINT_PROCESS NrTestW RANGE x }
ASSIGNED { x }
NET_RECEIVE(w, k) {
  INITIAL { k = 10 }
  k = k + 1
  x = w*k + flag
  net_send(2, 7)
}
""")
    assert m.net_receive == {"args": ["w", "k"], "initial": True}
    mod = m.module()
    data, gv, tb = m.new_data(1), m.new_globals(), m.new_table()
    w = np.array([[0.0, 0.0], [0.5, 0.0]])
    v, area = np.zeros(1), np.full(1, 100.0)
    mod.net_receive_init(data, 0, gv, tb, v, 0, area, 0.0, 0.025, 6.3, w, 1)
    assert list(w[1]) == [0.5, 10.0]
    evb, evn = np.zeros((4, 4)), np.zeros(2, np.int64)
    mod.net_receive(data, 0, gv, tb, v, 0, area, 3.0, 0.025, 6.3, w, 1, 0.0, evb, evn)
    assert w[1, 1] == 11.0 and data[m.row("x"), 0] == 5.5
    assert list(evb[0]) == [0.0, 5.0, 7.0, 0.0]


def test_v_in_net_receive_is_read_and_written_back():
    m = _load("""
NEURON { POINT_PROCESS NrTestV RANGE seen }
ASSIGNED { v seen }
NET_RECEIVE(w) { seen = v  v = v + w }
""")
    mod = m.module()
    data, gv, tb = m.new_data(1), m.new_globals(), m.new_table()
    v, area = np.array([0.0, -60.0]), np.full(2, 100.0)
    w = np.array([[2.5]])
    evb, evn = np.zeros((4, 4)), np.zeros(2, np.int64)
    mod.net_receive(data, 0, gv, tb, v, 1, area, 1.0, 0.025, 6.3, w, 0, 0.0, evb, evn)
    assert data[m.row("seen"), 0] == -60.0 and v[1] == -57.5


def test_outbox_errors_reported():
    m = _load("""
NEURON { POINT_PROCESS NrTestNeg }
NET_RECEIVE(w) { net_send(-1, 1) }
""")
    mod = m.module()
    data, gv, tb = m.new_data(1), m.new_globals(), m.new_table()
    evb, evn = np.zeros((4, 4)), np.zeros(2, np.int64)
    mod.net_receive(data, 0, gv, tb, np.zeros(1), -1, np.ones(1), 1.0, 0.025, 6.3, np.zeros((1, 1)),
                    0, 0.0, evb, evn)
    assert evn[0] == 0 and evn[1] == 2


@pytest.mark.parametrize("text, msg", [
    ("NEURON { SUFFIX nrbad } NET_RECEIVE(w) { }", "POINT_PROCESS or ARTIFICIAL_CELL"),
    ("NEURON { POINT_PROCESS NrB1 } NET_RECEIVE(w) { } NET_RECEIVE(x) { }", "more than one NET_RECEIVE"),
    ("NEURON { POINT_PROCESS NrB2 } NET_RECEIVE(flag) { }", "flag"),
    ("NEURON { POINT_PROCESS NrB3 } NET_RECEIVE(w, w) { }", "twice"),
    ("NEURON { POINT_PROCESS NrB4 RANGE x } ASSIGNED { x } BREAKPOINT { net_send(1, 1) } "
     "NET_RECEIVE(w) { }", "only allowed in"),
    ("NEURON { POINT_PROCESS NrB5 } INITIAL { net_event(t) } NET_RECEIVE(w) { }", "only allowed in"),
    ("NEURON { POINT_PROCESS NrB6 } NET_RECEIVE(w) { net_send(1) }", "takes 2"),
    ("NEURON { POINT_PROCESS NrB7 } INITIAL { net_send(1, 1) }", "NET_RECEIVE"),
    ("NEURON { POINT_PROCESS NrB8 } NET_RECEIVE(w) { if (w) { INITIAL { w = 0 } } }", "INITIAL"),
    ("NEURON { POINT_PROCESS NrB9 } NET_RECEIVE(w) { INITIAL { flag = 1 } }", "undefined"),
])
def test_errors(text, msg):
    with pytest.raises(NmodlError) as ei:
        _load(text, "bad.mod")
    assert msg in str(ei.value)
    assert "bad.mod" in str(ei.value)


def test_random_calls_compile():
    m = _load("""
NEURON { ARTIFICIAL_CELL NrTestRand RANGE x, y }
ASSIGNED { x y }
INITIAL { set_seed(3) x = exprand(2) y = scop_random() }
NET_RECEIVE(w) { }
""")
    mod = m.module()
    data, gv, tb = m.new_data(1), m.new_globals(), m.new_table()
    evb, evn = np.zeros((4, 4)), np.zeros(2, np.int64)
    none = np.zeros(0, np.int64)
    mod.net_init(0, 1, data, none, np.zeros(1), np.ones(1), np.zeros((3, 5, 1)), none, gv, tb, 0.0,
                 0.025, 6.3, evb, evn)
    x1, y1 = data[m.row("x"), 0], data[m.row("y"), 0]
    assert x1 > 0 and 0 <= y1 < 1
    mod.net_init(0, 1, data, none, np.zeros(1), np.ones(1), np.zeros((3, 5, 1)), none, gv, tb, 0.0,
                 0.025, 6.3, evb, evn)
    assert (data[m.row("x"), 0], data[m.row("y"), 0]) == (x1, y1)     # reseeded: same numbers
