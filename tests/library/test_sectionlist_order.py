"""SectionList.subtree/wholetree list sections breadth first, as NEURON 9.0.2 does
(data/sectionlist_order_neuron.py printed the expected lists); the Python methods
sec.subtree()/sec.wholetree() stay depth first, as in NEURON."""

from ranvier import h


def _tree():
    names = ["s", "a", "b", "a1", "a2", "b1", "a11"]
    secs = {n: h.Section(name=n) for n in names}
    for child, parent, x in [("a", "s", 1), ("b", "s", 0.5), ("a1", "a", 1), ("a2", "a", 1),
                             ("b1", "b", 1), ("a11", "a1", 1)]:
        secs[child].connect(secs[parent](x))
    return secs


def _names(sl):
    return [s.name() for s in sl]


def test_sectionlist_breadth_first():
    secs = _tree()
    sl = h.SectionList()
    sl.subtree(sec=secs["s"])
    assert _names(sl) == ["s", "b", "a", "b1", "a2", "a1", "a11"]
    sl = h.SectionList()
    sl.subtree(sec=secs["a"])
    assert _names(sl) == ["a", "a2", "a1", "a11"]
    s2 = h.Section(name="s2")
    s2.connect(secs["b1"](1))
    for start in ("b", "a11"):
        sl = h.SectionList()
        sl.wholetree(sec=secs[start])
        assert _names(sl) == ["s", "b", "a", "b1", "a2", "a1", "s2", "a11"]


def test_python_methods_depth_first():
    secs = _tree()
    assert [s.name() for s in secs["a1"].wholetree()] == ["s", "b", "b1", "a", "a2", "a1", "a11"]
    assert [s.name() for s in secs["a"].subtree()] == ["a", "a2", "a1", "a11"]
