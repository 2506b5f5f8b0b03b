"""mcell_ran4 / mcell_ran4_init / use_mcell_ran4: NEURON 9.0.2's return values and
bookkeeping (the previous setting is returned; mcell_ran4 increments the high index and
gives the number Random.MCellRan4(highindex, lowindex) starts with).  The numbers are
ranvier's stream, not NEURON's (data/rng.py)."""
import pytest

from ranvier import h
from ranvier.core.errors import HocError


def test_settings_return_the_previous_value():
    assert h.mcell_ran4_init() == 0 and h.use_mcell_ran4() == 0
    assert h.mcell_ran4_init(5) == 0 and h.mcell_ran4_init() == 5
    assert h.use_mcell_ran4(1) == 0 and h.use_mcell_ran4() == 1
    h.mcell_ran4_init(0)
    h.use_mcell_ran4(0)
    with pytest.raises(HocError, match="0 or 1"):
        h.use_mcell_ran4(2)


def test_stream_position_and_agreement_with_random_class():
    x = h.ref(1)
    a = h.mcell_ran4(x)
    assert x[0] == 2 and 0 <= a < 1
    b = h.mcell_ran4(x)
    assert x[0] == 3 and b != a
    r = h.Random()
    r.MCellRan4(1, 0)
    assert r.uniform(0, 1) == a and r.repick() == b
    h.mcell_ran4_init(7)                       # another lowindex: another stream
    y = h.ref(1)
    assert h.mcell_ran4(y) != a
    h.mcell_ran4_init(0)
    h("mcr_hi = 1\nmcr_x = mcell_ran4(&mcr_hi)")
    assert h.mcr_hi == 2 and h.mcr_x == a
    with pytest.raises(HocError, match="pointer"):
        h.mcell_ran4(1)
