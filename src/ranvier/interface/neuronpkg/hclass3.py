"""Subclassing HOC types in Python: ``neuron.hclass`` and ``neuron.HocBaseObject``.

In NEURON 9 (and in ranvier) the built-in classes are Python types, so a
subclass is written directly::

    class MyVec(h.Vector):
        def total(self): return self.sum()

Point processes and HOC templates (``h.IClamp``, ``h.Cell`` from a
``begintemplate``) go through ``hclass`` or ``HocBaseObject``::

    class MyStim(neuron.hclass(h.IClamp)):
        def amp2(self): return self.amp * 2
    class MyCell(neuron.HocBaseObject, hoc_type=h.Cell):
        def __new__(cls, gid, label):
            return super().__new__(cls, gid)       # the template's arguments
        def __init__(self, gid, label):
            self.label = label

As in NEURON the HOC object is made in ``__new__`` with the call's arguments
(or those a ``__new__`` override passes on), then ``__init__`` runs; a class
that defines ``__init__`` must define ``__new__`` too (TypeError otherwise).
``hclass`` of a built-in type returns that type, and ``HocBaseObject`` with one
raises TypeError, as NEURON 9 does.

One difference from NEURON: a direct subclass of a built-in type (``h.Vector``)
whose ``__init__`` takes other arguments must call ``super().__init__(...)``
with the Vector's arguments (ranvier builds built-in objects in ``__init__``).
"""
from ...core.errors import RanvierError
from ...core.hocobject import HocObject, NeuronType
from ...model.section import Section

__all__ = ["hclass", "HocBaseObject"]


class NotAHocTypeError(RanvierError, AttributeError):
    """hclass() of something that is no HOC type (an AttributeError, as NEURON's)."""


def _is_hoc_pytype(hoc_type):
    """A built-in type (h.Vector, h.List, nrn.Section): subclassed directly."""
    if hoc_type is Section:
        return True
    return (isinstance(hoc_type, NeuronType) and issubclass(hoc_type, HocObject)
            and not getattr(hoc_type, "_neuron_template", False))


def _is_template(hoc_type):
    """A point process type or HOC template (h.IClamp, h.Cell)."""
    return (isinstance(hoc_type, NeuronType) and issubclass(hoc_type, HocObject)
            and getattr(hoc_type, "_neuron_template", False))


class _HocBaseMeta(NeuronType):
    """Places the HOC template among the bases of a HocBaseObject subclass and
    builds instances as NEURON does (HOC object in ``__new__``, then ``__init__``)."""

    def __new__(mcls, name, bases, ns, hoc_type=None, **kwargs):
        if hoc_type is not None:
            if _is_hoc_pytype(hoc_type):
                raise TypeError("Using HocBaseObject with %s is deprecated. Inherit "
                                "directly from %s instead." % (name, name))
            if not _is_template(hoc_type):
                raise TypeError("Class's `hoc_type` %r is not a valid HOC type." % (hoc_type,))
            if hoc_type not in bases:
                bases = tuple(bases) + (hoc_type,)
            ns = dict(ns)
            ns["_hoc_type"] = hoc_type
        elif not any(getattr(b, "_hoc_type", None) is not None for b in bases) and bases \
                and any(isinstance(b, _HocBaseMeta) for b in bases):
            raise TypeError("Class keyword argument `hoc_type` is required for HocBaseObjects.")
        types = {getattr(b, "_hoc_type", None) for b in bases} - {None}
        if len(types) > 1:
            raise TypeError("Composition of %s HocObjects with different HOC types."
                            % ", ".join(b.__name__ for b in bases))
        cls = super().__new__(mcls, name, bases, ns, **kwargs)
        if cls._hoc_type is not None:
            cls._hoc_name = cls._hoc_type._template_name()
            if "__init__" in ns and "__new__" not in ns:
                raise TypeError(
                    "`%s` implements `__init__` but misses `__new__`. Class must implement "
                    "`__new__` and call `super().__new__` with the arguments required by HOC "
                    "to construct the underlying h.%s HOC object."
                    % (cls.__qualname__, cls._hoc_name))
        return cls

    def __init__(cls, name, bases, ns, hoc_type=None, **kwargs):
        super().__init__(name, bases, ns, **kwargs)

    def __repr__(cls):
        if cls._hoc_type is None or cls.__module__.startswith("ranvier.") and \
                not cls.__module__.endswith("hclass3"):
            return super().__repr__()
        module = cls.__module__.replace("ranvier.interface.neuronpkg", "neuron")
        return "<class '%s.%s'>" % (module, cls.__qualname__)

    def __call__(cls, *args, **kwargs):
        obj = cls.__new__(cls, *args, **kwargs)
        if isinstance(obj, cls) and cls.__init__ is not HocBaseObject.__init__:
            obj.__init__(*args, **kwargs)
        return obj


class HocBaseObject(HocObject, metaclass=_HocBaseMeta):
    """Base class for Python subclasses of a HOC template or point process
    (``class C(HocBaseObject, hoc_type=h.IClamp)``)."""

    _hoc_type = None
    __slots__ = ()

    def __new__(cls, *args, **kwargs):
        hoc_type = cls._hoc_type
        if hoc_type is None:
            raise TypeError("HocBaseObject cannot be instantiated without a hoc_type")
        obj = object.__new__(cls)
        kw = {"sec": kwargs["sec"]} if "sec" in kwargs else {}
        hoc_type.__init__(obj, *args, **kw)     # the HOC object itself, as NEURON's __new__
        return obj

    def __init__(self, *args, **kwargs):
        pass                                    # built in __new__

    def __setattr__(self, name, value):
        # the HOC object's own variables first; any other name is a Python attribute
        if name.startswith("_") or name in self.__dict__ or not self._is_hoc_variable(name):
            object.__setattr__(self, name, value)
        else:
            self._hoc_type.__setattr__(self, name, value)

    def _is_hoc_variable(self, name):
        getter = getattr(self._hoc_type, "__getattr__", None)
        if getter is None:
            return False
        try:
            getter(self, name)
        except AttributeError:
            return False
        return True


def hclass(hoc_type, module_name=None, name=None):
    """A class to subclass HOC type `hoc_type` (deprecated in NEURON 9 in favour of
    ``HocBaseObject``); a built-in type is returned as it is."""
    if _is_hoc_pytype(hoc_type):
        return hoc_type
    if not _is_template(hoc_type):
        raise NotAHocTypeError("hclass(%r): %s is not a HOC type (h.IClamp, a HOC "
                               "template, h.Vector, ...)" % (hoc_type, type(hoc_type).__name__))
    if name is None:
        name = hoc_type._template_name()
    cls = _HocBaseMeta(name, (HocBaseObject,), {}, hoc_type=hoc_type)
    cls.__module__ = module_name if module_name is not None else __name__
    cls.__qualname__ = name
    return cls
