"""`n`: NEURON 9's top-level interface (`from neuron import n`).

`n` is a second face of `h`: every name `h` has (n.Section, n.Vector, n.IClamp,
n.finitialize, n.continuerun, n.t, ...) is the same object, and HOC variables
set through one are seen through the other.  Like `h` in NEURON 9, it also gives
the mechanism type objects (`n.hh`, `n.pas`: interface.mechtypes).  Only its
name differs: it prints as `<TopLevelNEURONInterface>`.
"""
from .mechtypes import DensityMechanism
from .toplevel import HocTopLevel


class NeuronInterface(HocTopLevel):
    """NEURON 9's `n`.  Use `from ranvier import n` (or `from neuron import n`)."""

    def __repr__(self):
        return "<TopLevelNEURONInterface>"


n = NeuronInterface()

__all__ = ["n", "NeuronInterface", "DensityMechanism"]
