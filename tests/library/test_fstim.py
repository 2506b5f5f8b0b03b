"""fstim/fstimi, NEURON's old built-in stimulus functions, against NEURON 9.0.2.

The HOC program below printed, under NEURON 9.0.2's nrniv: 2 (fstimi(0) during the
first pulse), then v at steps 40 and 200 and the peak, then 0 (fstimi(1) after its
pulse ended)."""
import pytest

from ranvier import h
from ranvier.library.fstim import FStimError

PROGRAM = """
create soma
access soma
soma { L = 20 diam = 20 insert hh }
fstim(2)
fstim(0, 0.5, 1, 0.5, 2)
fstim(1, 0.5, 10, 2, 0.3)
objref vv
vv = new Vector()
vv.record(&v(0.5))
finitialize(-65)
x = 0
while (t < 20) { fadvance()  if (t > 1.2 && t < 1.3) x = fstimi(0) }
"""


def test_two_pulses_give_neurons_voltage_bit_for_bit():
    h(PROGRAM)
    assert h.x == 2
    vv = h.vv
    assert (vv.x[40], vv.x[200], vv.max()) == (
        -64.975547934064778, -76.082626101205193, 42.216298114086662)
    assert h.fstimi(1) == 0
    assert h.List("IClamp").count() == 0        # the stimuli are not the user's IClamps


def test_bad_calls_raise():
    h("fstim(1)")
    with pytest.raises(Exception, match="index out of range"):
        h.fstim(3, 0.5, 1, 1, 1)
    with pytest.raises(FStimError):
        h.fstimi(-1)
    with pytest.raises(TypeError):
        h.fstim(0, 0.5)
