"""Base class of every NEURON object type (Vector, IClamp, List, ...).

NEURON names an object ``Template[i]``.  The index counts up per template and
is never reused while any instance of the template is alive; once the last
instance is freed the count starts again at 0.  ``instances(name)`` is the
live, creation-ordered view that ``h.List('IClamp')`` shows.
"""
import itertools
import weakref

from .errors import ClearedObjectError

_registry = {}          # template name -> _Template


class _Template:
    __slots__ = ("name", "next_index", "live", "serial")

    def __init__(self, name):
        self.name = name
        self.next_index = 0
        self.live = weakref.WeakValueDictionary()   # serial -> object, creation order
        self.serial = itertools.count()


def _template(name):
    t = _registry.get(name)
    if t is None:
        t = _registry[name] = _Template(name)
    return t


class NeuronType(type):
    """Metaclass of ranvier's NEURON types: a class prints as NEURON prints it.

    A class's own ``_neuron_repr`` gives the text (``"<class 'nrn.Section'>"``); a
    template (``_neuron_template`` true: point processes, HOC templates) prints as
    ``IClamp()``; other public classes of ranvier are NEURON's built-in classes and
    print as ``<class 'hoc.Vector'>``; classes made outside ranvier (a user's
    subclass of h.Vector) print as Python prints them.  Only the printing changes:
    names, modules and pickling stay Python's.
    """

    def __new__(mcls, name, bases, ns, **kwargs):
        # A user's Python subclass of a built-in type (class MyVec(h.Vector)) gets its
        # object built as NEURON builds it: in __new__, with the call's arguments (or
        # those its own __new__ passes to super().__new__); its __init__ need not call
        # super().__init__.  ranvier's own classes are untouched.
        if not str(ns.get("__module__", "")).startswith("ranvier"):
            bases = tuple(_user_base(b) for b in bases)
        return super().__new__(mcls, name, bases, ns, **kwargs)

    def __repr__(cls):
        text = cls.__dict__.get("_neuron_repr")
        if text is not None:
            return text
        if getattr(cls, "_neuron_template", False):
            return "%s()" % cls._template_name()
        if cls.__module__.startswith("ranvier.") and not cls.__name__.startswith("_"):
            return "<class 'hoc.%s'>" % cls.__name__
        return type.__repr__(cls)


_user_bases = {}        # ranvier class -> the base a user's subclass of it gets (a cache)


def _user_base(base):
    """The class a user's subclass of `base` derives from: for a built-in type of
    ranvier (h.Vector, h.List, nrn.Section: metaclass exactly NeuronType, not a
    template), a twin that builds the object in __new__; any other base as it is."""
    if (type(base) is not NeuronType or not base.__module__.startswith("ranvier.")
            or getattr(base, "_neuron_template", False) or base.__name__.startswith("_")
            or base is HocObject):           # the abstract base: a class of one's own
        return base
    twin = _user_bases.get(base)
    if twin is None:
        def __new__(cls, *args, **kwargs):
            obj = object.__new__(cls) if base.__new__ is object.__new__ else base.__new__(cls)
            base.__init__(obj, *args, **kwargs)
            return obj

        def __init__(self, *args, **kwargs):
            pass                    # built in __new__

        ns = {"__new__": __new__, "__init__": __init__, "__module__": base.__module__,
              "__qualname__": base.__qualname__, "__doc__": base.__doc__}
        if "_neuron_repr" in base.__dict__:
            ns["_neuron_repr"] = base.__dict__["_neuron_repr"]
        if issubclass(base, HocObject):
            ns["_hoc_name"] = base._template_name()      # instances are Vector[i], as NEURON's
        twin = _user_bases[base] = type.__new__(NeuronType, base.__name__, (base,), ns)
    return twin


class HocObject(metaclass=NeuronType):
    """Mixin giving an object NEURON's ``hname()`` and instance tracking.

    Subclasses set ``_hoc_name`` (defaults to the class name) and must call
    ``self._hoc_register()`` once in ``__init__``.
    """

    _hoc_name = None
    __slots__ = ()

    @classmethod
    def _template_name(cls):
        return cls._hoc_name or cls.__name__

    def _hoc_register(self):
        t = _template(self._template_name())
        if len(t.live) == 0:
            t.next_index = 0
        self._hoc_index = t.next_index
        t.next_index += 1
        t.live[next(t.serial)] = self

    def hname(self):
        """NEURON's name of this object, e.g. ``'IClamp[0]'``."""
        return "%s[%d]" % (self._template_name(), self._hoc_index)

    def __str__(self):
        return self.hname()

    def __repr__(self):
        return self.hname()

    def same(self, other):
        """Whether `other` is this very object (NEURON's HocObject.same)."""
        return self is other

    def hocobjptr(self):
        """A number identifying this object while it lives (NEURON: its address)."""
        return id(self)

    def baseattr(self, name):
        """Attribute `name` as ranvier's own class has it, past a Python subclass's
        override (``self.baseattr('size')()`` in ``class V(h.Vector)``)."""
        for cls in type(self).__mro__:
            if cls.__module__.startswith("ranvier.") and name in cls.__dict__:
                attr = cls.__dict__[name]
                return attr.__get__(self, type(self)) if hasattr(attr, "__get__") else attr
        getter = getattr(type(self), "__getattr__", None)     # HOC variables, mechanism values
        if getter is not None:
            return getter(self, name)
        raise AttributeError("%s has no attribute %r" % (self.hname(), name))


def instances(name):
    """The live instances of template ``name`` in creation order."""
    t = _registry.get(name)
    if t is None:
        return []
    return list(t.live.values())


def template_names():
    return list(_registry)


def reset():
    """Restart object numbering, as in a fresh NEURON (part of ``ranvier.reset()``).

    The next object of every template is ``Template[0]`` again and the live views
    (``instances``, ``h.List('IClamp')``) start empty.  Objects made before keep
    their names but are no longer listed."""
    _registry.clear()


# -- objects of a cleared model ------------------------------------------------------
_RETIRED_OK = frozenset(("__class__", "hname", "_template_name", "_hoc_name", "_hoc_index"))
_retired_classes = {}       # class -> its retired twin (a cache: classes live for ever)


def _name_of(obj):
    try:
        return object.__getattribute__(obj, "hname")()
    except Exception:       # pragma: no cover - an object without a name
        return type(obj).__name__


def _retired_getattribute(self, name):
    if name in _RETIRED_OK:
        return object.__getattribute__(self, name)
    raise ClearedObjectError("%s belongs to a model cleared by ranvier.reset(); "
                             "it cannot be used (.%s)" % (_name_of(self), name))


def _retired_setattr(self, name, value):
    raise ClearedObjectError("%s belongs to a model cleared by ranvier.reset(); "
                             "it cannot be changed (.%s)" % (_name_of(self), name))


def _retired_del(self):
    pass                    # its storage slots belong to the new model now: touch nothing


def retire(obj):
    """Detach ``obj`` from the model for good (``ranvier.reset()``): it keeps its
    class (``isinstance`` still holds) and its name, but any other use raises
    ClearedObjectError, and freeing it no longer touches the model's storage.

    The object moves to a subclass of its class (same memory layout) that
    overrides attribute access, assignment and ``__del__``."""
    cls = type(obj)
    if cls in _retired_classes.values():
        return obj
    twin = _retired_classes.get(cls)
    if twin is None:
        ns = {"__slots__": (), "__module__": cls.__module__, "__qualname__": cls.__qualname__,
              "__doc__": "%s cleared by ranvier.reset()" % cls.__name__,
              "__getattribute__": _retired_getattribute, "__setattr__": _retired_setattr,
              "__del__": _retired_del, "__dir__": lambda self: ["hname"]}
        if "_neuron_repr" in cls.__dict__:          # the class prints as before
            ns["_neuron_repr"] = cls.__dict__["_neuron_repr"]
        twin = _retired_classes[cls] = type(cls)(cls.__name__, (cls,), ns)
    object.__setattr__(obj, "__class__", twin)
    return obj
