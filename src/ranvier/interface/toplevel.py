"""The `h` object: NEURON's top-level namespace as Python sees it.

Attribute lookup goes to the built-ins (library.namespace), then to names defined in
HOC.  `h('stmt')` runs HOC.  `h.Section`, `h.Vector`, `h.IClamp`, ... are the
Python classes themselves, so HOC and Python share every object.
"""
from .. import hoc
from ..library import hoc_host, namespace, stdrun
from . import mechtypes
from ..model import mechfuncs

hoc_host.install()


# section properties HOC reads and writes on the accessed section (h.L = 50)
_SECTION_PROPS = ("L", "nseg", "Ra", "rallbranch")


class HocTopLevel:
    """NEURON's `h`.  Use `from ranvier import h` (or `from neuron import h`)."""

    def __call__(self, stmt):
        """Execute a HOC statement; 1 on success, 0 on error (message on stderr)."""
        return hoc.interpreter().h_call(stmt)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        if name.startswith("_ref_"):
            var = name[5:]
            if var == "t" or namespace.has_var(var):
                return namespace.pointer_to_var(var)
            hoc = _hoc_if_loaded()
            if hoc is not None and hoc.has(var):
                return hoc.pointer(var)
            raise AttributeError("h has no variable %r" % var)
        f = namespace.FUNCTIONS.get(name)
        if f is not None:
            return f
        if name in namespace.STDRUN_FUNCTIONS and stdrun.loaded():
            override = namespace.user_override(name)
            return override if override is not None else namespace.STDRUN_FUNCTIONS[name]
        cls = namespace.CLASSES.get(name)
        if cls is not None:
            return cls
        if namespace.has_var(name):
            return namespace.get_var(name)
        if name in _SECTION_PROPS:              # h.L: the accessed section's, as in HOC
            return getattr(namespace.cas(), name)
        if namespace.is_range_name(name):
            raise TypeError("Cannot access %s directly; it is a range variable and may be "
                            "accessed via a section or segment." % name)
        hoc = _hoc_if_loaded()
        if hoc is not None and hoc.has(name):
            return hoc.get(name)
        f = mechfuncs.h_function(name)        # h.rates_hh, h.setdata_kd (density FUNCTIONs)
        if f is not None:
            return f
        mech = mechtypes.lookup(name)         # NEURON 9: h.hh is the DensityMechanism 'hh'
        if mech is not None:
            return mech
        extra = _EXTRAS.get(name)
        if extra is not None:
            return extra()
        # HOC's own built-ins (sin, PI, FARADAY, sprint, ropen, ...), as NEURON's h has them
        hoc = _hoc_if_loaded(create=True)
        if hoc is not None:
            try:
                return hoc.get(name)
            except AttributeError:
                pass
        raise AttributeError("'hoc.HocObject' object has no attribute '%s'" % name)

    def __setattr__(self, name, value):
        if namespace.has_var(name):
            namespace.set_var(name, value)
            return
        if name in _SECTION_PROPS:
            setattr(namespace.cas(), name, value)
            return
        if namespace.is_range_name(name):
            raise TypeError("not assignable")
        hoc = _hoc_if_loaded(create=True)
        if hoc is not None:
            hoc.set(name, value)
            return
        raise AttributeError("cannot set h.%s" % name)

    def __repr__(self):
        return "<TopLevelHocInterpreter>"

    def __dir__(self):
        return sorted(set(namespace.FUNCTIONS) | {"Section", "Vector", "List", "t", "dt", "celsius"})


def _hoc_if_loaded(create=False):
    """The HOC interpreter if it exists (or `create` it)."""
    if hoc._INSTANCE is None and not create:
        return None
    return hoc.interpreter()


def _ref():
    return hoc.HocRef


def _nrnmpi_init():
    from ..library.parallel import nrnmpi_init
    return nrnmpi_init


_EXTRAS = {"ref": _ref, "nrnmpi_init": _nrnmpi_init}


def _stdrun_object(name):
    """h.graphList, h.flush_list, ... once stdrun.hoc is loaded (stdrun's graphics)."""
    from ..library.graphics import runloop
    return lambda: runloop.python_name(name)


for _name in ("graphList", "flush_list", "fast_flush_list", "graphItem"):
    _EXTRAS[_name] = _stdrun_object(_name)

h = HocTopLevel()
