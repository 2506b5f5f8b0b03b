"""Vector misuse: what cannot be recorded or played raises instead of leaving an
empty Vector; indices out of range raise IndexError naming the Vector."""
import pytest

from ranvier import h, hoc
from ranvier.core.errors import HocError


@pytest.mark.parametrize("bad, words", [
    (5.0, r"got a number \(5\.0\)\. Did you forget _ref_ \(Python\) or & \(HOC\)\?"),
    (3, r"got a number \(3\)"),
    ("v", r"got str\."),
    (None, r"the variable reference is None"),
])
def test_record_needs_a_reference(bad, words):
    # before: Vector.record(5.0) was accepted and the Vector stayed empty
    vec = h.Vector()
    with pytest.raises(TypeError, match=r"Vector\[\d+\]\.record\(\): .*" + words):
        vec.record(bad)
    assert vec._record is None


def test_record_of_a_section_or_segment_says_ref_is_missing():
    sec = h.Section(name="rec")
    for bad, what in ((sec, "Section"), (sec(0.5), "Segment")):
        with pytest.raises(TypeError, match=r"needs a reference to a variable such as seg\._ref_v or "
                                            r"h\._ref_t, got %s\. Did you forget _ref_" % what):
            h.Vector().record(bad)
        with pytest.raises(TypeError, match="got %s" % what):
            h.Vector().record(bad, 0.1)


def test_record_of_a_plain_variable_is_not_implemented():
    # NEURON records h._ref_dt; ranvier's engine cannot yet, so it says so at once
    vec = h.Vector()
    with pytest.raises(NotImplementedError, match=r"Vector\[\d+\]\.record\(\): recording dt is not implemented"):
        vec.record(h._ref_dt)
    with pytest.raises(HocError, match=r"rec\.hoc:4: Vector\[\d+\]\.record\(\): recording a plain "
                                       r"HOC variable is not implemented"):
        hoc.interpreter().execute("x_rel = 1\nobjref vrel\nvrel = new Vector()\n"
                                  "vrel.record(&x_rel)\n", "rec.hoc")


def test_record_with_a_bad_owner_or_interval():
    sec = h.Section(name="own")
    with pytest.raises(TypeError, match=r"the optional first argument must be a point process, not Section"):
        h.Vector().record(sec, sec(0.5)._ref_v)
    for dt in (0, -1):
        with pytest.raises(ValueError, match=r"record\(\): Dt must be > 0"):
            h.Vector().record(sec(0.5)._ref_v, dt)


def test_record_of_real_references_still_records():
    sec = h.Section(name="ok")
    sec.insert("hh")
    stim = h.IClamp(sec(0.5))
    vecs = [h.Vector().record(r) for r in (h._ref_t, sec(0.5)._ref_v, sec(0.5)._ref_m_hh,
                                           sec(0.5)._ref_ina, stim._ref_i)]
    h.finitialize(-65)
    h.fadvance()
    assert [v.size() for v in vecs] == [2] * 5
    assert list(vecs[0]) == [0.0, 0.025]


def test_play_drives_the_variable():
    # before: play stored its arguments and nothing ever drove the variable
    sec = h.Section(name="pl")
    stim = h.IClamp(sec(0.5))
    h.dt = 0.025
    vec = h.Vector([1, 2, 3]).play(stim._ref_amp, 0.1)     # played while referenced
    h.finitialize(-65)
    assert stim.amp == 1
    h.fadvance()
    h.fadvance()
    assert stim.amp == 1
    for _ in range(8):
        h.fadvance()
    assert stim.amp == 3 and vec.size() == 3
    with pytest.raises(RuntimeError, match=r"continuous mode must be a time vector"):
        h.Vector([1, 2]).play(stim._ref_amp, 0.1, 1)


def test_random_play_needs_a_pointer():
    # Random.play itself is tested against NEURON in tests/data/test_random123.py
    with pytest.raises(ValueError, match=r"Random\[\d+\]\.play\(\): the argument must be a pointer"):
        h.Random().play(3.0)


def test_vector_indices_out_of_range():
    v = h.Vector([1.0, 2.0, 3.0])
    for i in (3, 100, -4):
        with pytest.raises(IndexError, match=r"Vector\[\d+\]: index out of range \(size 3\)"):
            v[i]
        with pytest.raises(IndexError, match=r"Vector\[\d+\]: index out of range \(size 3\)"):
            v[i] = 0.0
    with pytest.raises(IndexError, match=r"Vector\[\d+\]\.x\[3\]: index out of range \(size 3\)"):
        v.x[3]
    assert v[-1] == 3.0                    # NEURON: Python's negative indices work
    assert list(v) == [1.0, 2.0, 3.0]


def test_vector_negative_sizes():
    with pytest.raises(ValueError, match=r"Vector\(n\): size must be >= 0, got -1"):
        h.Vector(-1)
    with pytest.raises(ValueError, match=r"Vector\[\d+\]\.resize\(\): size must be >= 0, got -1"):
        h.Vector(3).resize(-1)
