"""APCount.record(vec): the crossing times of an APCount appended to a Vector.

NEURON's APCount appends ``time`` to the Vector from C code (VERBATIM) at each
crossing and empties it at INITIAL.  ranvier's APCount.mod instead keeps, in
its hidden variable ``tcross``, the time of the crossing found in the present
step (-1 when there was none); ``record(vec)`` records that variable every step
into a sink that passes the crossing times on to ``vec``.  The sink is emptied
with the other recordings at finitialize, and so is ``vec``; a crossing at
INITIAL (v >= thresh at t = 0) is the first sample.
"""
import weakref

import numpy as np

from ..core.errors import ModelError
from ..data.vector import RECORDING, Vector
from .pointer import Pointer
from . import store


class _WeakPointer(Pointer):
    """A pointer to a variable of a point process that does not keep it alive (the
    point process owns the sink that holds this pointer)."""

    __slots__ = ()

    def locate(self):
        try:
            return Pointer.locate(self)
        except ReferenceError:
            raise ModelError("%s: the APCount was freed" % self.label) from None


class _CrossingSink(Vector):
    """A recording target that forwards the crossing times of its samples to a Vector
    (it is no HOC object: it takes no Vector[] name)."""

    _hoc_name = "APCountRecord"
    __slots__ = ("_target",)

    @classmethod
    def make(cls, target):
        sink = cls.__new__(cls)
        sink._label = ""
        sink._record = None
        sink._play = None
        sink._buf = np.empty(0)
        sink._n = 0
        sink._hoc_index = -1
        sink._target = target
        return sink

    def _extend(self, arr):
        arr = np.asarray(arr, dtype=np.float64).reshape(-1)
        times = arr[arr >= 0.0]
        if times.size:
            self._target._extend(times)
        return self

    def _clear(self):
        self._target._clear()


def record(self, vec=None):
    """apc.record(vec): from the next finitialize on, vec is emptied at every
    finitialize and gets the time of every crossing appended; apc.record() stops
    recording.  Returns 1.0, as NEURON."""
    old = self.__dict__.get("_crossing_sink")
    if old is not None:
        old._record = None
        RECORDING.discard(old)
        self._crossing_sink = None
    if vec is None:
        return 1.0
    if not isinstance(vec, Vector):
        raise TypeError("%s.record(): the argument must be a Vector, not %s"
                        % (self.hname(), type(vec).__name__))
    sink = _CrossingSink.make(vec)
    row = store.mech_store(self._mech).row["tcross"]
    sink.record(_WeakPointer("pp", (weakref.proxy(self), row), "%s.tcross" % self.hname()))
    self._crossing_sink = sink      # the point process keeps its sink (RECORDING is weak)
    return 1.0


METHODS = {"record": record}
