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
from .runtime import HocRef, HocPointer, HocInstance, StrArg
from .interp import Interpreter, PythonMain, ArrayView

__all__ = ["interpreter", "Interpreter", "HocRef", "HocPointer", "HocInstance", "StrArg",
           "PythonMain", "ArrayView", "reset"]

_INSTANCE = None


def interpreter():
    """The process-wide HOC interpreter (created on first use)."""
    global _INSTANCE
    if _INSTANCE is None:
        _INSTANCE = Interpreter()
    return _INSTANCE


def reset():
    """Forget all HOC state (tests).  Returns the new interpreter."""
    global _INSTANCE
    _INSTANCE = Interpreter()
    return _INSTANCE
