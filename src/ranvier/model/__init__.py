"""What the user builds: sections, segments, mechanisms, point processes.

Plain Python on flat numpy storage (`store`); no numba here.
"""
from .section import (Section, allsec, cas, push_section, pop_section, set_access,
                      delete_section, section_stack_depth)

access = set_access
from .segment import Segment
from .pointer import Pointer
from . import store, mechanisms

__all__ = ["Section", "Segment", "Pointer", "allsec", "cas", "push_section", "pop_section",
           "set_access", "access", "delete_section", "section_stack_depth", "store", "mechanisms"]
