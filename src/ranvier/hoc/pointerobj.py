"""NEURON's ``Pointer`` class: a handle on one double, for HOC code that cannot keep
``&x`` in a variable.

``Pointer(&x)`` / ``h.Pointer(h._ref_x)`` holds a reference; ``Pointer("name")`` names a
HOC variable (any expression that can be assigned: ``"soma.v(0.5)"``, ``"a[2]"``) and is
read and written by running HOC through ``hoc_ac_``.  ``val`` reads and writes the value;
``assign(val)`` writes it and then runs the optional second argument: a statement in
which ``$1`` stands for the value, or, without ``$1``, the name of a variable that also
receives the value.  ``s()`` is the name given (``"unknown"`` for a reference).
"""
import re

from ..core.errors import HocError
from ..core.hocobject import HocObject

_DOLLAR1 = re.compile(r"\$1(?!\d)")


def _interp():
    from . import interpreter
    return interpreter()


def _run(text):
    _interp().execute(text + "\n", "<Pointer>")


class PointerObject(HocObject):
    """``h.Pointer(ref_or_name[, stmt])``."""

    _hoc_name = "Pointer"

    def __init__(self, target, stmt=None):
        self._hoc_register()
        if isinstance(target, str):
            self._name = target.strip()
            if not self._name:
                raise HocError("Pointer: an empty variable name")
            self._ref = None
            self.val            # the name must denote a value now, as in NEURON
        else:
            if not hasattr(target, "__getitem__") or not hasattr(target, "__setitem__"):
                raise HocError("Pointer: arg 1 must be a pointer (&x, _ref_x) or a variable "
                               "name, got %r" % (target,))
            self._name = None
            self._ref = target
        if stmt is not None and not isinstance(stmt, str):
            raise HocError("Pointer: arg 2 must be a string statement, got %r" % (stmt,))
        self._stmt = stmt

    @property
    def val(self):
        """The value pointed at (read and write)."""
        if self._ref is not None:
            return float(self._ref[0])
        interp = _interp()
        _run("hoc_ac_ = %s" % self._name)
        return float(interp.bvals["hoc_ac_"])

    @val.setter
    def val(self, value):
        value = float(value)
        if self._ref is not None:
            self._ref[0] = value
            return
        _interp().bvals["hoc_ac_"] = value
        _run("%s = hoc_ac_" % self._name)

    def assign(self, value):
        """Write value, then run the statement given at construction (if any)."""
        value = float(value)
        self.val = value
        if self._stmt:
            _interp().bvals["hoc_ac_"] = value
            if _DOLLAR1.search(self._stmt):
                _run(_DOLLAR1.sub("hoc_ac_", self._stmt))
            else:
                _run("%s = hoc_ac_" % self._stmt)
        return value

    def s(self):
        """The variable name the Pointer was made with ("unknown" for a reference)."""
        return self._name if self._name is not None else "unknown"
