"""The `neuron` package as ranvier provides it (``import neuron`` under
``python -m ranvier``, after ``import ranvier.as_neuron``, or through the opt-in
venv shim).

It has NEURON 9.0.2's public surface: ``h``, ``n``, ``units``, ``config``,
``hoc`` (types), ``nrn`` (Section, Segment, Mechanism), ``hclass`` and
``HocBaseObject``, ``numpy_element_ref``, ``load_mechanisms``, ``psection``,
``DensityMechanism``, ``HocError``, ``gui`` (on import: the GUI and stdrun.hoc)
and the submodule ``neuron.expect_hocerr``.  Any other ranvier name
(``neuron.reset``) is reachable too.  ``neuron.__version__`` is the NEURON
version whose interface this is (9.0.2); ``neuron.ranvier_version`` is ranvier's.
"""
import importlib
import sys

import numpy as _np

import ranvier as _ranvier
from ...core import units
from ...core.errors import HocError
from ...model.pointer import Pointer as _Pointer
from ..mechtypes import DensityMechanism
from ..modern import n
from ..toplevel import h
from . import config, hoc, nrn
from .hclass3 import HocBaseObject, hclass

# the NEURON release whose interface ranvier reproduces (scripts test it to pick an
# API); ranvier's own version is ranvier_version (ranvier.__version__)
__version__ = "9.0.2"
version = __version__
ranvier_version = _ranvier.__version__

# the submodules `import neuron.X` finds (ranvier.as_neuron registers them as neuron.X)
SUBMODULES = {
    "units": "ranvier.core.units",
    "config": "ranvier.interface.neuronpkg.config",
    "hoc": "ranvier.interface.neuronpkg.hoc",
    "nrn": "ranvier.interface.neuronpkg.nrn",
    "hclass3": "ranvier.interface.neuronpkg.hclass3",
    "expect_hocerr": "ranvier.interface.neuronpkg.expect_hocerr",
    "gui": "ranvier.interface.neuronpkg.gui",
}


def load_mechanisms(path, warn_if_already_loaded=True):
    """NEURON's rules: load what ``nrnivmodl`` built in folder `path` (its
    ``x86_64/`` build folder); a folder with .mod files only prints ``NEURON
    mechanisms not found in path.`` and returns False (``ranvier.load_mechanisms``
    compiles a folder's .mod files directly)."""
    from ...library import mechloader
    return mechloader.load_mechanisms(path, warn_if_already_loaded)


def psection(sec):
    """The dict describing `sec` (as ``sec.psection()``)."""
    return sec.psection()


def numpy_element_ref(numpy_array, index):
    """A reference (``ref[0]`` reads and writes) to element `index` of a contiguous
    float64 numpy array, usable wherever a ``_ref_`` pointer is read or written.

    As in NEURON there is no bounds check beyond numpy's own, and the array must
    be float64 and contiguous (a multi-dimensional array is indexed flat)."""
    arr = numpy_array
    if not isinstance(arr, _np.ndarray) or arr.dtype != _np.float64 or not arr.flags.c_contiguous:
        raise TypeError("numpy_element_ref: needs a contiguous numpy array of float64, got %r"
                        % (type(arr).__name__ if not isinstance(arr, _np.ndarray) else arr.dtype))
    flat = arr.reshape(-1)
    i = int(index)

    def get():
        return float(flat[i])

    def set(value):
        flat[i] = float(value)
    label = "data_handle<double>{raw=0x%x}" % (arr.ctypes.data + 8 * i)
    return _Pointer("var", (get, set), label)


def __getattr__(name):
    full = "neuron." + name
    if full in sys.modules:
        return sys.modules[full]
    target = SUBMODULES.get(name)
    if target is not None:
        if sys.modules.get("neuron") is sys.modules[__name__]:
            return importlib.import_module(full)     # registered as neuron.X (as_neuron)
        return importlib.import_module(target)
    try:
        return getattr(_ranvier, name)
    except AttributeError:
        raise AttributeError("module 'neuron' has no attribute %r" % name) from None


__all__ = ["h", "n", "units", "config", "hoc", "nrn", "hclass", "HocBaseObject",
           "numpy_element_ref", "load_mechanisms", "psection", "DensityMechanism",
           "HocError", "__version__"]
