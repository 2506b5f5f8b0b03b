"""NEURON's HOC-defined mechanisms: ``make_mechanism`` and ``make_pointprocess``.

``make_mechanism("suffix", "Template"[, "parm1 parm2 ..."])`` makes the HOC template
`Template` a density mechanism `suffix`; ``make_pointprocess("Template"[, "parms"])``
makes it a point process of the template's own name (NEURON 9.0.2: ``h.Template(seg)``
then makes one).  The template's public scalar variables become the mechanism's range
variables (``g_max``, ``seg.max.g``, ``pp.g``): those named in the parameter list are
PARAMETERs, the others ASSIGNED, in that order (parameters first, each group in the
order of the ``public`` statement), as NEURON lists them.

Each instance has its own object of the template.  ``proc initial()`` runs at
finitialize (after the NMODL INITIAL blocks, before the type 1 FInitializeHandlers) and
``proc after_step()`` at the end of every fixed step (t already t + dt, before the
step's records are taken), with the instance's section accessed and its x (the node's
arc position) as $1.  Around each call the object's public variables are loaded from
the instance's range variables and stored back afterwards, so the range variables and
the object always agree.

New instances start from the values the template's ``init()`` gives (one prototype
object, made by make_mechanism, supplies them; 0 where that init() fails without a
section).  Each instance's own object is made, with its section accessed, at its first
finitialize; NEURON 9.0.2 makes it at the insertion.  Under the variable step method
(cvode_active(1)) a mechanism with ``after_step`` is refused (HocMechanismError):
ranvier's CVODE has no hook for it.

Written for ranvier from NEURON's documentation and observed behaviour.
"""
import weakref

from ..core.errors import HocError, ModelError
from ..model import mechanisms as mechreg
from ..model import store
from ..model import section as _section
from .. import engine


class HocMechanismError(HocError, ValueError):
    """A bad make_mechanism / make_pointprocess, or a HOC mechanism used where it cannot
    work (a HocError, hence RuntimeError, and a ValueError)."""


# names NMODL reserves (or the cable owns) that a template variable cannot take
_RESERVED = frozenset(("v", "t", "dt", "celsius", "area", "diam", "L", "nseg", "Ra", "cm",
                       "i", "PI", "FARADAY", "R", "secondorder", "x"))

_MECHS = []             # _HocMech, in creation order (= their type order)
_MADE = set()           # names made here (kept by ranvier.reset(): they may be made again)


def _interp():
    from .. import hoc
    return hoc.interpreter()


def _words(parms):
    if parms is None:
        return []
    if not isinstance(parms, str):
        raise HocMechanismError("the parameter list must be a string of names separated by "
                                "spaces, got %r" % (parms,))
    return parms.split()


class _HocMech:
    """One HOC-defined mechanism: its template, its compiled description and the
    objects of its instances."""

    def __init__(self, name, tname, parms, is_point, where):
        I = _interp()
        tdef = I.templates.get(tname)
        if tdef is None:
            raise HocMechanismError("%s: %s not a template" % (where, tname))
        self.name, self.tdef, self.is_point = name, tdef, is_point
        scalars = []
        for p in tdef.publics:
            s = tdef.syms.get(p)
            if s is None or s.kind != "var" or s.scope != "obj":
                continue                    # not a variable (a proc, an objref, undefined)
            if getattr(tdef.proto.get(p), "dims", None):
                continue                    # an array: not a range variable
            scalars.append(p)
        for p in parms:
            if p not in scalars:
                raise HocMechanismError("%s: %s is not a public variable" % (where, p))
        self.params = [p for p in scalars if p in parms]
        self.assigned = [p for p in scalars if p not in parms]
        self.names = self.params + self.assigned
        for p in self.names:
            if p in _RESERVED:
                raise HocMechanismError("%s: the public variable %r of %s cannot be a "
                                        "range variable (a name NEURON reserves)"
                                        % (where, p, tname))
        # the objects of the instances: a class of their own, so that they neither take
        # the template's object numbers nor show in List("Template")
        self.ocls = type(tname, (tdef.cls,), {"_hoc_name": "%s__%s_instance" % (tname, name)})
        self.initial = self._proc("initial")
        self.after_step = self._proc("after_step")
        try:
            proto = self.ocls()
            defaults = {p: float(proto._vals.get(p, 0.0)) for p in self.names}
        except HocError:                # an init() that needs a section: its values start at 0
            defaults = {p: 0.0 for p in self.names}
        self.mech = self._compile(defaults, where)
        self.dens = weakref.WeakKeyDictionary()      # section -> (slots tuple, [objects])
        self.points = weakref.WeakKeyDictionary()    # point process -> object

    def _proc(self, name):
        s = self.tdef.syms.get(name)
        if s is not None and s.kind == "proc" and s.scope == "obj" and s.defn is not None:
            return s
        return None

    def _compile(self, defaults, where):
        from ..nmodl import load_mechanism
        head = ("POINT_PROCESS %s" if self.is_point else "SUFFIX %s") % self.name
        lines = ["NEURON {", "  " + head]
        if self.names:
            lines.append("  RANGE " + ", ".join(self.names))
        lines.append("}")
        if self.params:
            lines.append("PARAMETER {")
            lines += ["  %s = %r" % (p, defaults[p]) for p in self.params]
            lines.append("}")
        if self.assigned:
            lines.append("ASSIGNED {")
            lines += ["  %s" % p for p in self.assigned]
            lines.append("}")
        text = "\n".join(lines) + "\n"
        try:
            mech = load_mechanism(text=text, filename="<%s %s>" % (where, self.name))
        except Exception as e:
            raise HocMechanismError("%s: cannot make mechanism %s from template %s: %s"
                                    % (where, self.name, self.tdef.name, e)) from None
        for p in self.names:               # ASSIGNED start from init()'s values too
            mech.range_defaults[mech.range_names.index(p)] = defaults[p]
        mechreg.register(mech)
        _MADE.add(self.name)
        return mech

    # -- instances ------------------------------------------------------------------
    def _new_object(self, sec):
        H = _host()
        H.push_section(sec)
        try:
            return self.ocls()
        finally:
            H.pop_section()

    def instances(self):
        """[(object, section, x, data, slot)] of the live instances (density: sections
        in creation order, segments from 0 to 1; point processes in creation order)."""
        ms = store.mech_stores().get(self.name)
        if ms is None:
            return []
        out = []
        if self.is_point:
            for pp in store.live_point_processes():
                if type(pp)._mech is not self.mech or not pp.has_loc():
                    continue
                o = self.points.get(pp)
                if o is None:
                    o = self.points[pp] = self._new_object(pp._sec)
                out.append((o, pp._sec, pp._x, ms.data, pp._slot))
            return out
        for sec in _section.allsec():
            slots = sec._mechs.get(self.name)
            if slots is None:
                continue
            key = tuple(int(s) for s in slots)
            entry = self.dens.get(sec)
            if entry is None or len(entry[1]) != len(key):
                entry = (key, [self._new_object(sec) for _ in key])
                self.dens[sec] = entry
            nseg = len(key)
            for i, slot in enumerate(key):
                out.append((entry[1][i], sec, (i + 0.5) / nseg, ms.data, slot))
        return out

    def call(self, sym):
        """Run proc sym of every instance (loading and storing its range variables)."""
        if sym is None:
            return
        I = _interp()
        H = _host()
        rows = [(p, self.mech.range_names.index(p)) for p in self.names]
        for o, sec, x, data, slot in self.instances():
            vals = o._vals
            for p, r in rows:
                vals[p] = float(data[r, slot])
            H.push_section(sec)
            try:
                I.call_defn(sym, [float(x)], None, o)
            finally:
                H.pop_section()
            for p, r in rows:
                data[r, slot] = float(vals[p])


def _host():
    from ..hoc import host
    return host.HOST


# -- the engine's hooks ------------------------------------------------------------------
class _AfterStep:
    """The engine's "afterstep" hook: after_step() of every instance after each step."""

    def active(self):
        for m in _MECHS:
            if m.after_step is not None:
                ms = store.mech_stores().get(m.name)
                if ms is not None and ms.alive[: ms.n].any():
                    return True
        return False

    def step(self):
        _run("after_step")


def _run(which):
    try:
        for m in _MECHS:
            m.call(getattr(m, which))
    except HocError:
        raise
    except Exception as e:
        raise HocMechanismError("%s of a HOC mechanism failed: %s" % (which, e)) from e


def _check_cvode():
    from ..engine import cvode
    if not cvode.is_active():
        return
    for m in _MECHS:
        ms = store.mech_stores().get(m.name)
        if m.after_step is not None and ms is not None and ms.alive[: ms.n].any():
            raise HocMechanismError(
                "HOC mechanism %s (template %s): after_step under the variable step method "
                "(cvode_active(1)) is not implemented in ranvier; use the fixed step"
                % (m.name, m.tdef.name))


_HOOKED = []


def _attach_hooks():
    if _HOOKED:
        return
    from . import finithandler  # noqa: F401  (its finitialize hook is installed first)
    prev = engine.HOOKS["finitialize"]

    def hook(kind):
        if kind == 3:
            _check_cvode()
        if kind == 1:
            _run("initial")
        if prev is not None:
            prev(kind)
    engine.set_hook("finitialize", hook)
    engine.set_hook("afterstep", _AfterStep())
    _HOOKED.append(hook)


def _check_name(name, where):
    if not isinstance(name, str) or not name.isidentifier():
        raise HocMechanismError("%s: the mechanism name must be a name, got %r" % (where, name))
    if any(m.name == name for m in _MECHS) or (
            name not in _MADE and mechreg.get(name, required=False) is not None):
        raise HocMechanismError("%s: %s already exists" % (where, name))


# -- NEURON's functions --------------------------------------------------------------
def make_mechanism(suffix, template, parms=None):
    """make_mechanism("suffix", "Template"[, "parm1 parm2 ..."]): the HOC template as a
    density mechanism (``sec.insert("suffix")``).  Returns 1.0."""
    where = 'make_mechanism("%s", "%s")' % (suffix, template)
    _check_name(suffix, where)
    m = _HocMech(suffix, str(template), _words(parms), False, where)
    _MECHS.append(m)
    _attach_hooks()
    return 1.0


def make_pointprocess(template, parms=None, *rest):
    """make_pointprocess("Template"[, "parm1 parm2 ..."]): the HOC template as a point
    process of the same name (``h.Template(seg)``, HOC ``new Template(x)``).  Returns 1.0."""
    if rest:
        raise HocMechanismError('make_pointprocess("%s", ...): NEURON 9 takes the template '
                                'name and the parameter list (the point process is named '
                                'after the template)' % (template,))
    template = str(template)
    where = 'make_pointprocess("%s")' % template
    I = _interp()
    if template not in I.templates:
        raise HocMechanismError("%s: %s not a template" % (where, template))
    _check_name(template, where)
    m = _HocMech(template, template, _words(parms), True, where)
    _MECHS.append(m)
    # the name is now the point process's class (HOC's `new Template(x)`, h.Template)
    s = I.top_syms.get(template)
    if s is not None and s.kind == "template":
        del I.top_syms[template]
    _attach_hooks()
    return 1.0


def reset():
    """ranvier.reset(): forget the HOC mechanisms' objects (their types stay registered,
    as compiled mechanisms do)."""
    for m in _MECHS:
        m.dens.clear()
        m.points.clear()
    del _MECHS[:]


FUNCTIONS = {"make_mechanism": make_mechanism, "make_pointprocess": make_pointprocess}

__all__ = ["make_mechanism", "make_pointprocess", "HocMechanismError", "FUNCTIONS", "ModelError"]
