"""h.L, h.nseg, h.Ra, h.rallbranch read and write the accessed section, and range
variables through h raise TypeError, as NEURON 9.0.2 does (its messages)."""
import pytest

from ranvier import h


def test_section_properties_of_the_accessed_section():
    s = h.Section(name="hprops")
    s.nseg = 3
    s.insert("hh")
    s.L = 77
    h.push_section(s)
    try:
        assert (h.L, h.nseg, h.Ra, h.rallbranch) == (77, 3, 35.4, 1)
        h.L = 50
        h.nseg = 5
        h.Ra = 100
        assert (s.L, s.nseg, s.Ra) == (50, 5, 100)
        for name in ("diam", "v", "cm", "gnabar_hh", "ena", "m_hh", "ina"):
            with pytest.raises(TypeError, match="Cannot access %s directly; it is a range "
                               "variable" % name):
                getattr(h, name)
        with pytest.raises(TypeError, match="not assignable"):
            h.v = -60
        assert repr(h.hh) == "neuron.DensityMechanism('hh')"    # the mechanism itself
    finally:
        h.pop_section()


def test_section_wide_ion_variables():
    """sec.nai = x sets every segment; a concentration of an ion no mechanism in the
    section uses is NEURON's AttributeError (NEURON 9.0.2: hh section, s.cai = ...)."""
    s = h.Section(name="hions")
    s.nseg = 3
    s.insert("hh")
    s.nai = 12.5
    s.ko = 3.5
    assert [seg.nai for seg in s] == [12.5] * 3 and [seg.ko for seg in s] == [3.5] * 3
    assert s.nai == 12.5
    with pytest.raises(AttributeError, match="'nrn.Section' object has no attribute 'cai'"):
        s.cai = 0.002
