"""Base class of every NEURON object type (Vector, IClamp, List, ...).

NEURON names an object ``Template[i]``.  The index counts up per template and
is never reused while any instance of the template is alive; once the last
instance is freed the count starts again at 0.  ``instances(name)`` is the
live, creation-ordered view that ``h.List('IClamp')`` shows.
"""
import itertools
import weakref

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


class HocObject:
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


def instances(name):
    """The live instances of template ``name`` in creation order."""
    t = _registry.get(name)
    if t is None:
        return []
    return list(t.live.values())


def template_names():
    return list(_registry)
