"""`neuron.hoc`: the types of NEURON's HOC objects, for ``isinstance`` checks.

    from neuron import h, hoc
    isinstance(h.Vector(), hoc.HocObject)     # True (every HOC object)
    isinstance(v, hoc.Vector)                 # hoc.Vector is h.Vector

``HocObject`` is the base class of every ranvier object type (Vector, List,
IClamp, HOC template instances, ...); ``HocClass`` the type of those classes;
``hoc.Vector``, ``hoc.List``, ... are h's classes of the same names.
"""
from ...core.hocobject import HocObject, NeuronType
from ...library import namespace

HocClass = NeuronType

# the built-in classes NEURON 9's hoc module lists (where ranvier has them)
_BUILTIN_CLASSES = (
    "BBSaveState", "CVode", "Deck", "FInitializeHandler", "File", "GUIMath", "Glyph",
    "Graph", "HBox", "Impedance", "KSChan", "KSGate", "KSState", "KSTrans",
    "LinearMechanism", "List", "Matrix", "MechanismStandard", "MechanismType",
    "NMODLRandom", "NetCon", "PPShape", "PWManager", "ParallelContext", "PlotShape",
    "Pointer", "PtrVector", "PythonObject", "Random", "RangeVarPlot", "SaveState",
    "SectionBrowser", "SectionList", "SectionRef", "Shape", "StateTransitionEvent",
    "StringFunctions", "SymChooser", "TextEditor", "Timer", "VBox", "ValueFieldEditor",
    "Vector",
)


def __getattr__(name):
    if name in _BUILTIN_CLASSES:
        cls = namespace.CLASSES.get(name)
        if cls is not None:
            return cls
        raise AttributeError("module 'hoc' has no attribute %r (NEURON's %s is not "
                             "implemented in ranvier)" % (name, name))
    raise AttributeError("module 'hoc' has no attribute %r" % name)


def __dir__():
    return sorted(["HocObject", "HocClass"]
                  + [c for c in _BUILTIN_CLASSES if namespace.CLASSES.get(c) is not None])
