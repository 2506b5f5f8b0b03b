"""``import ranvier.as_neuron``: from here on ``import neuron`` gives ranvier.

For a Jupyter notebook or a plain ``python`` session whose code says
``from neuron import h`` (NEURON's tutorials)::

    import ranvier.as_neuron          # first cell / first line
    from neuron import h, n, gui
    from neuron.units import ms, mV

``python -m ranvier script.py`` does the same for a script (``install()``), and
``python -m ranvier --install-neuron-alias`` puts a small ``neuron`` package into
the current environment's site-packages that does it on ``import neuron``
(only where NEURON itself is not installed; ``--uninstall-neuron-alias`` removes
it).

``neuron`` is ranvier.interface.neuronpkg; its submodules (``neuron.units``,
``neuron.config``, ``neuron.hoc``, ``neuron.nrn``, ``neuron.gui``,
``neuron.expect_hocerr``, and ``neuron.rxd`` where ranvier has it) are the
ranvier modules in ALIASES, the same objects under both names.  A NEURON
already imported in this process is left in place.
"""
import importlib
import importlib.abc
import importlib.util
import os
import sys
import sysconfig

# neuron.<name> -> the ranvier module it is (the modules `python -m ranvier` aliases)
ALIASES = {
    "units": "ranvier.core.units",
    "config": "ranvier.interface.neuronpkg.config",
    "hoc": "ranvier.interface.neuronpkg.hoc",
    "nrn": "ranvier.interface.neuronpkg.nrn",
    "hclass3": "ranvier.interface.neuronpkg.hclass3",
    "expect_hocerr": "ranvier.interface.neuronpkg.expect_hocerr",
    "gui": "ranvier.interface.neuronpkg.gui",
    "rxd": "ranvier.library.rxd",
    "rxd.rxdmath": "ranvier.library.rxd.rxdmath",
}


class _AliasLoader(importlib.abc.Loader):
    def __init__(self, target):
        self.target = target

    def create_module(self, spec):
        return importlib.import_module(self.target)

    def exec_module(self, module):
        pass                 # already executed under its ranvier name


class _AliasFinder(importlib.abc.MetaPathFinder):
    """Finds ``neuron.X`` as the ranvier module ALIASES names (only while the
    ``neuron`` in sys.modules is ranvier's)."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname == "neuron" and sys.modules.get("neuron") is None:
            return importlib.util.spec_from_loader("neuron", _NeuronLoader("ranvier.interface.neuronpkg"))
        if not fullname.startswith("neuron.") or not _is_ours(sys.modules.get("neuron")):
            return None
        name = fullname[len("neuron."):]
        dest = ALIASES.get(name)
        if dest is None:
            return None
        try:
            if importlib.util.find_spec(dest) is None:
                return None
        except ImportError:
            return None
        return importlib.util.spec_from_loader(fullname, _AliasLoader(dest))


_FINDER = _AliasFinder()


def _is_ours(module):
    return module is not None and getattr(module, "__name__", "") == "ranvier.interface.neuronpkg"


def install():
    """Make ``import neuron`` (and its submodules) resolve to ranvier in this process.

    Returns the ``neuron`` module in effect (NEURON's own if it was imported before)."""
    from .interface import neuronpkg
    current = sys.modules.get("neuron")
    if current is not None and _is_shim(getattr(current, "__file__", None) or ""):
        sys.modules["neuron"] = neuronpkg     # the shim is being imported: `import neuron` now
        _startup()
    if _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)
    # otherwise the first `import neuron` finds neuronpkg through _FINDER (and _startup runs)
    return sys.modules.get("neuron", neuronpkg)


def _startup():
    """What NEURON does at `import neuron`: load the mechanisms nrnivmodl built in the
    current folder (library/mechloader.autoload; once per folder)."""
    from .library import mechloader
    mechloader.autoload()


class _NeuronLoader(_AliasLoader):
    def exec_module(self, module):
        _startup()


# -- the opt-in shim for a whole environment -------------------------------------------
_MARKER = "# ranvier neuron alias shim"
_SHIM = _MARKER + """ (remove with: python -m ranvier --uninstall-neuron-alias)
# `import neuron` in this environment gives ranvier (NEURON is not installed here).
import ranvier.as_neuron as _as_neuron
_as_neuron.install()
"""


def site_packages():
    """The site-packages folder of the running environment."""
    return sysconfig.get_paths()["purelib"]


def _shim_dir(where=None):
    return os.path.join(where or site_packages(), "neuron")


def _shim_file(where=None):
    return os.path.join(_shim_dir(where), "__init__.py")


def _is_shim(path):
    try:
        with open(path) as f:
            return f.read(len(_MARKER)) == _MARKER
    except OSError:
        return False


def _real_neuron(where):
    """The location of an installed NEURON (not our shim), or None."""
    for entry in [where] + [p for p in sys.path if p and p != where]:
        for cand in (os.path.join(entry, "neuron", "__init__.py"), os.path.join(entry, "neuron.py")):
            if os.path.exists(cand) and not _is_shim(cand):
                return cand
    return None


def install_shim(where=None):
    """Write the ``neuron`` shim package into `where` (site-packages by default).

    Refuses (returns a message, writes nothing) where NEURON is installed.
    Returns the text to print."""
    where = where or site_packages()
    real = _real_neuron(where)
    if real is not None:
        return ("NEURON is installed here (%s): not installing the ranvier alias; "
                "use `import ranvier.as_neuron` or `python -m ranvier script.py`" % real)
    path = _shim_file(where)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(_SHIM)
    return "installed %s: `import neuron` now gives ranvier in this environment" % path


def uninstall_shim(where=None):
    """Remove the shim written by install_shim (never a real NEURON)."""
    where = where or site_packages()
    path = _shim_file(where)
    if not _is_shim(path):
        return "no ranvier neuron alias in %s" % where
    os.remove(path)
    cache = os.path.join(os.path.dirname(path), "__pycache__")
    if os.path.isdir(cache):
        for f in os.listdir(cache):
            os.remove(os.path.join(cache, f))
        os.rmdir(cache)
    try:
        os.rmdir(os.path.dirname(path))
    except OSError:
        pass
    return "removed %s" % path


install()
