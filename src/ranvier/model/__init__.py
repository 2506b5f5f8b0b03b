"""What the user builds: sections, segments, mechanisms, point processes.

Plain Python on flat numpy storage (`store`); no numba here.
"""
from .section import (Section, allsec, cas, push_section, pop_section, set_access,
                      delete_section, section_stack_depth)

access = set_access
from .segment import Segment
from .pointer import Pointer
from . import store, mechanisms


def reset():
    """The model layer's part of ranvier.reset(): every NetCon, point process and
    section gone (objects still held are retired or deleted, so they cannot touch
    the new model), empty node and mechanism storage, t = 0, dt = 0.025,
    celsius = 6.3, secondorder = 0.  Kept: loaded mechanisms and their type order,
    registered ions, the point-process classes."""
    from . import netcon, pointprocess, section
    from .clock import CLOCK
    netcon.reset()
    pointprocess.reset()
    section.reset()
    store.reset()
    CLOCK.reset()


__all__ = ["Section", "Segment", "Pointer", "allsec", "cas", "push_section", "pop_section",
           "set_access", "access", "delete_section", "section_stack_depth", "store", "mechanisms"]
