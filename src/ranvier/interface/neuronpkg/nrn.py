"""`neuron.nrn`: the types of sections, segments and mechanisms.

    from neuron import h, nrn
    isinstance(soma, nrn.Section); isinstance(soma(0.5), nrn.Segment)
    isinstance(soma(0.5).hh, nrn.Mechanism)   # also true of soma(0.5).na_ion
"""
from ...model.section import Section, allsec, cas  # noqa: F401
from ...model.segment import IonView, MechView, Segment  # noqa: F401


class _MechanismType(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, (MechView, IonView))

    def __subclasscheck__(cls, sub):
        return isinstance(sub, type) and issubclass(sub, (MechView, IonView))

    def __repr__(cls):
        return "<class 'nrn.Mechanism'>"


class Mechanism(metaclass=_MechanismType):
    """The type of ``seg.hh``, ``seg.pas``, ``seg.na_ion`` (for isinstance only)."""

    def __new__(cls, *args, **kwargs):
        raise TypeError("cannot create 'nrn.Mechanism' instances (use seg.<name>)")


__all__ = ["Section", "Segment", "Mechanism", "allsec", "cas"]
