"""Foundations every layer uses: errors, argument helpers, NEURON object naming, units."""


def reset():
    """The core layer's part of ranvier.reset(): object numbering restarts (the next
    Vector is Vector[0] again)."""
    from . import hocobject
    hocobject.reset()
