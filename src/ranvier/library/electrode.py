"""What ``load_file("electrod.hoc")`` defines: the ``Electrode`` template of NEURON's
library, written here from its documented behaviour.

An Electrode is a current-injection electrode in the middle (x = 0.5) of the accessed
section (the one ``access`` chose: as NEURON 9.0.2 places it, a section prefix such as
``dend e = new Electrode()`` does not move it).  It holds two point processes there:

- ``stim``: an IClamp (del 0.1 ms, dur 0.1 ms, amp 0 nA), the electrode's current
  pulse, which models set (``e.stim.amp = 0.1``) and move (``sec e.stim.loc(x)``);
- ``vc``: a VClamp whose three levels are the holding, test and return potentials
  (-65, 10, -65 mV); in IClamp mode (the only one without the GUI, and the one a new
  Electrode starts in) its durations are -1, so it is off and injects nothing.

Public: ``stim``, ``vc``, ``v1`` (the electrode's window, a VBox), ``map([x, y])``,
``unmap()``, ``installIclamp()`` (back to current clamp: the VClamp off).
``new Electrode(0)`` makes it without mapping the window.

Being a HOC template, its fields live in the object: legacy models free the point
processes with ``execute("objref stim, vc", El[0])``.
"""
from ..model import section as _section
from ..core.errors import ModelError

_HOC = r"""
begintemplate Electrode
public stim, vc, v1, map, unmap, installIclamp
objref stim, vc, v1
double hold_[3]

proc init() {
    hold_[0] = -65  hold_[1] = 10  hold_[2] = -65
    electrode_push_accessed_()
    stim = new IClamp(0.5)
    vc = new VClamp(0.5)
    pop_section()
    stim.del = 0.1  stim.dur = 0.1  stim.amp = 0
    installIclamp()
    v1 = new VBox()
    if (numarg() == 1) { if ($1 == 0) { return } }
    map()
}

// current clamp: the VClamp keeps its levels and is switched off (durations < 0)
proc installIclamp() { local i
    for i = 0, 2 {
        vc.dur[i] = -1
        vc.amp[i] = hold_[i]
    }
}

proc map() {
    v1.map("Electrode")
}

proc unmap() {
    v1.unmap()
}
endtemplate Electrode
"""


def electrode_push_accessed_():
    """Push the accessed section (what `access` chose, else the first section) onto the
    section stack, where the Electrode makes its point processes."""
    from .. import hoc
    sec = _section._default_section[0]
    if sec is None or sec._deleted:
        alive = _section.allsec()
        if not alive:
            raise ModelError("Electrode: no section to place the electrode in "
                             "(create and access one first)")
        sec = alive[0]
    _section.push_section(sec)
    interp = hoc._INSTANCE
    if interp is not None:          # as HOC's push_section(): the template's pop_section() pops it
        interp.extra_push += 1
    return 1.0


def load_library():
    """load_file("electrod.hoc"): the Electrode template (once)."""
    from .. import hoc
    from . import namespace
    namespace.FUNCTIONS.setdefault("electrode_push_accessed_", electrode_push_accessed_)
    interp = hoc.interpreter()
    if not interp.has("Electrode"):
        interp.execute(_HOC, "electrod.hoc")
    return True


# ---------------------------------------------------------------- subiter.hoc
# SubsetDomainIterator(sectionlist, p0, p1, metric): what CellBuild's exported code uses
# to set a parameter along a subset by a normalized path distance.  update() takes the
# path distances from the root (0 end) of each section's tree to both ends and every
# segment of the subset; for obj.loop() { } then visits each segment (section pushed,
# obj.x its x, obj.p its distance translated so that the subset's most proximal end
# is 0 and scaled so that its most distal end is 1) whose p lies in [p0, p1].
_SUBITER_HOC = r"""
begintemplate SubsetDomainIterator
public update, loop, x, p, p0, p1, subset
objref subset, sr_
proc init() {
    subset = $o1  p0 = $2  p1 = $3  metric_ = $4
    if (metric_ != 1) {
        execerror("SubsetDomainIterator: only metric 1 (normalized path length from the root) is supported by ranvier", "")
    }
    update()
}
proc update() { local d
    dmin_ = 1e300  dmax_ = -1e300
    forsec subset {
        sr_ = new SectionRef()
        sr_.root { distance(0, 0) }
        for (x) {
            d = distance(1, x)
            if (d < dmin_) { dmin_ = d }
            if (d > dmax_) { dmax_ = d }
        }
    }
}
iterator loop() {
    forsec subset {
        sr_ = new SectionRef()
        sr_.root { distance(0, 0) }
        for (x, 0) {
            p = (distance(1, x) - dmin_) / (dmax_ - dmin_)
            if (p >= p0 && p <= p1) {
                iterator_statement
            }
        }
    }
}
endtemplate SubsetDomainIterator
"""


def load_subiter():
    """load_file("subiter.hoc"): the SubsetDomainIterator template (once)."""
    from .. import hoc
    interp = hoc.interpreter()
    if not interp.has("SubsetDomainIterator"):
        interp.execute(_SUBITER_HOC, "subiter.hoc")
    return True
