"""ranvier's HOC interpreter.

Python-facing API (what the ``h`` facade calls)::

    from ranvier.hoc import interpreter
    I = interpreter()                       # the singleton
    I.execute(text, filename='<string>')    # run HOC text; raises HocError
    I.h_call(stmt) -> 1 | 0                 # h('stmt'): errors printed to stderr
    I.load_file(name, force=False) -> 1 | 0 # h.load_file
    I.has(name) / I.get(name) / I.set(name, value)
    I.call(name, *args, sec=None)
    I.template(name)                        # class making instances of a HOC template

``HocRef`` is NEURON's ``h.ref`` cell (``r[0]``); pass it for ``$&1`` / ``$s1``.
The model is reached only through ``ranvier.hoc.host`` (one adapter module).
"""
import importlib

# The interpreter's modules load on first use (deliberately lazy: importing
# ranvier attaches the model as host through ranvier.hoc.host without paying
# for the parser and evaluator).
_LAZY = {"HocRef": ".runtime", "HocPointer": ".runtime", "HocInstance": ".runtime",
         "StrArg": ".runtime", "Interpreter": ".interp", "PythonMain": ".interp",
         "ArrayView": ".interp"}


def __getattr__(name):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError("module 'ranvier.hoc' has no attribute %r" % name)
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value

__all__ = ["interpreter", "Interpreter", "HocRef", "HocPointer", "HocInstance", "StrArg",
           "PythonMain", "ArrayView", "reset"]

_INSTANCE = None


def interpreter():
    """The process-wide HOC interpreter (created on first use)."""
    global _INSTANCE
    if _INSTANCE is None:
        from .interp import Interpreter
        _INSTANCE = Interpreter()
        _created(_INSTANCE)
    return _INSTANCE


def _created(interp):
    """Tell the host (its optional interpreter_created) that a new interpreter exists."""
    from . import host
    f = getattr(host.HOST, "interpreter_created", None) if host.attached() else None
    if f is not None:
        f(interp)


def reset(create=True):
    """Forget all HOC state: every name, proc, template and loaded file.  Returns the
    new interpreter; with ``create=False`` (ranvier.reset()) none is made until HOC is
    next used, so a session that never runs HOC never imports the interpreter."""
    global _INSTANCE
    import sys
    nodes = sys.modules.get(__name__ + ".nodes")
    if nodes is not None:
        nodes._warned[0] = 0            # "result out of range" is warned 5 times afresh
    if not create:
        _INSTANCE = None
        return None
    from .interp import Interpreter
    _INSTANCE = Interpreter()
    _created(_INSTANCE)
    return _INSTANCE
