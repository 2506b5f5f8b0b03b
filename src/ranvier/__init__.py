"""ranvier: NEURON's Python interface without NEURON.

    from ranvier import h
    soma = h.Section(name='soma'); soma.insert('hh')
    h.finitialize(-65); h.fadvance()

Importing is light: numba work happens at the first simulation.
"""
__version__ = "0.1.0"

import glob  # noqa: E402
import importlib  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

from .core import units  # noqa: E402  (neuron.units)
from .core.errors import HocError, ModelError, NmodlError  # noqa: E402
from .interface.modern import DensityMechanism, n  # noqa: E402  (NEURON 9's n)
from .interface.toplevel import h  # noqa: E402
from .model import mechanisms  # noqa: E402
from .nmodl import load_mechanism  # noqa: E402


def load_mechanisms(path):
    """Compile every .mod file in folder `path` and register its mechanisms."""
    files = sorted(glob.glob(os.path.join(path, "*.mod")))
    for f in files:
        mechanisms.register(load_mechanism(f))
    return True


def reset():
    """Throw the whole model away and start afresh, as in a new Python process.

    Restored: no section, point process, NetCon or recording is left; t = 0,
    dt = 0.025, celsius = 6.3, secondorder = 0; variable step off with NEURON's
    default tolerances; mechanism GLOBALs (usetable_hh, ...) at their defaults;
    stdrun.hoc not loaded and its variables (tstop 5, v_init -65, steps_per_ms 40,
    ...) at their defaults once it is loaded again; object numbering restarted (the
    next Vector is Vector[0], the next IClamp IClamp[0]); a fresh HOC interpreter
    (no procs, templates, variables or loaded files); the Random123 global index 0.

    Kept: loaded mechanisms (built-in and from ``load_mechanisms``; NEURON cannot
    unload them either) with their type order and the ions they registered, and
    the compiled kernels and steppers (a cache, not state).

    Python objects made before and still held stay safe to hold: a Section
    behaves as deleted (using it raises DeletedSectionError), a point process or
    NetCon raises ClearedObjectError when used, a Vector keeps its data but no
    longer records.  None of them can touch the new model.
    """
    from .interface import session
    session.reset()


def __getattr__(name):
    if name == "gui":     # deliberately lazy: `from neuron import gui` only when asked
        gui = importlib.import_module(".interface.gui", __name__)
        gui.activate()    # the page or Jupyter; a no-op headless (interface/gui.py)
        return gui
    if name == "rxd":     # lazy: neuron.rxd (library/rxd)
        return importlib.import_module(".library.rxd", __name__)
    raise AttributeError("module 'ranvier' has no attribute %r" % name)


# NEURON's start-up: the mechanisms `nrnivmodl` built in the current folder load now
# (not while `nrnivmodl` itself runs: it is rebuilding them; under `python -m ranvier`
# (argv[0] is "-m" while the package loads) at the script's `import neuron` instead).
if os.path.basename(sys.argv[0] if getattr(sys, "argv", None) else "") not in ("nrnivmodl", "-m"):
    from .library import mechloader as _mechloader  # noqa: E402
    _mechloader.autoload()

__all__ = ["h", "n", "units", "DensityMechanism", "load_mechanisms", "reset", "HocError", "ModelError", "NmodlError", "__version__"]
