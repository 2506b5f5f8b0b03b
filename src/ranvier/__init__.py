"""ranvier: NEURON's Python interface without NEURON.

    from ranvier import h
    soma = h.Section(name='soma'); soma.insert('hh')
    h.finitialize(-65); h.fadvance()

Importing is light: numba work happens at the first simulation.
"""
__version__ = "0.1.0"

from .interface.toplevel import h  # noqa: E402
from .core.errors import HocError, ModelError, NmodlError  # noqa: E402


def load_mechanisms(path):
    """Compile every .mod file in folder `path` and register its mechanisms."""
    import glob
    import os
    from .nmodl import load_mechanism
    from .model import mechanisms
    files = sorted(glob.glob(os.path.join(path, "*.mod")))
    for f in files:
        mechanisms.register(load_mechanism(f))
    return True


def __getattr__(name):
    if name == "gui":
        import importlib
        return importlib.import_module(".interface.gui", __name__)
    raise AttributeError("module 'ranvier' has no attribute %r" % name)


__all__ = ["h", "load_mechanisms", "HocError", "ModelError", "NmodlError", "__version__"]
