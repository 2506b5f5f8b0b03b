"""pt3dstyle: a section's logical connection point (NEURON's pt3dstyle).

A logical connection says where a section's wire to its parent starts when the
section's first 3-D point is elsewhere (Import3d gives one to dendrites drawn
from the soma surface): ``pt3dstyle(1, x, y, z)`` sets it (stored in single
precision, as NEURON's 3-D data), ``pt3dstyle(0)`` removes it,
``pt3dstyle()`` answers 1 or 0, and ``pt3dstyle(1, &x, &y, &z)`` (``h.ref``
cells from Python) reads it back.  The points themselves are not moved.
"""
import numbers
import weakref

import numpy as np

from ..core.errors import HocError
from ..model.section import resolve_sec

_LOGICAL = weakref.WeakKeyDictionary()      # Section -> (x, y, z) as float32 values


def set_logical(sec, x, y, z):
    _LOGICAL[sec] = tuple(float(np.float32(v)) for v in (x, y, z))


def clear_logical(sec):
    _LOGICAL.pop(sec, None)


def logical(sec):
    """The logical connection point (x, y, z) of `sec`, or None."""
    return _LOGICAL.get(sec)


def _is_ref(a):
    return hasattr(a, "__setitem__") and hasattr(a, "__getitem__") and not isinstance(a, str)


def pt3dstyle(*args, sec=None):
    """pt3dstyle() -> style; pt3dstyle(0); pt3dstyle(1, x, y, z); pt3dstyle(1, &x, &y, &z)."""
    s = resolve_sec(sec)
    s._check("pt3dstyle")
    if args:
        style = args[0]
        if not isinstance(style, numbers.Real):
            raise HocError("pt3dstyle: the first argument must be 0 or 1, not %r" % (style,))
        style = int(style)
        if style == 0:
            clear_logical(s)
        elif style == 1:
            if len(args) < 4:
                raise HocError("pt3dstyle not enough arguments")
            xyz = args[1:4]
            if all(_is_ref(a) for a in xyz):
                p = logical(s)
                if p is not None:
                    for ref, v in zip(xyz, p):
                        ref[0] = v
            else:
                set_logical(s, *(float(a) for a in xyz))
        else:
            raise HocError("Arg out of range in user function")
    return 1.0 if logical(s) is not None else 0.0
