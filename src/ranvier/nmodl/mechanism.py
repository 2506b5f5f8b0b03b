"""Loading mechanisms: .mod text -> (cached) description + generated kernel module.

In: a .mod path or text. Out: a ``Mechanism`` (frozen description plus a
lazily imported numba module). Nothing here imports lark or numba at import
time; the parser is imported only when a file is not in the disk cache, and
numba only when ``Mechanism.module()`` is first called.

Cache layout (``cache_dir()``):

- ``ranvier_mech_<name>_<key>.py``   the generated kernels (numba caches next to it)
- ``ranvier_mech_<key>.json``        the description, so that a later process
                                     needs neither lark nor the analysis
where ``key`` = the first 12 hex digits of sha256(compiler id + versions + .mod
text); the compiler id covers this package's own sources, so editing the compiler
invalidates old kernels, and the versions (ranvier, numba, numpy, Python) keep one
cache folder safe to share between environments.

Several processes (MPI ranks, ``nrnivmodl``'s workers) may fill one cache at once:
a file lock per key (``.lock_<key>``, ``fcntl.flock``) lets one process translate a
file (and compile its kernels, ``Mechanism.precompile``) while the others wait and
then read its results; every artefact is written to a temporary file and renamed
into place, so no reader ever sees half a file.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.metadata
import json
import os
import platform
import sys
import tempfile
import threading
from contextlib import contextmanager

import numpy as np

from ranvier.core.errors import ModelError

# Bump when the generated code or the description format changes: it is part
# of the cache key, so stale kernels are never reused.
COMPILER_VERSION = "ranvier-nmodl-1"

_compiler_digest = None


def _compiler_id():
    """COMPILER_VERSION plus a digest of this package's own source files, so that
    any change to the compiler invalidates cached kernels automatically."""
    global _compiler_digest
    if _compiler_digest is None:
        h = hashlib.sha256(COMPILER_VERSION.encode())
        here = os.path.dirname(os.path.abspath(__file__))
        for fn in sorted(os.listdir(here)):
            if fn.endswith((".py", ".lark")):
                with open(os.path.join(here, fn), "rb") as f:
                    h.update(fn.encode() + b"\0" + f.read())
        _compiler_digest = COMPILER_VERSION + "-" + h.hexdigest()[:16]
    return _compiler_digest


_versions_text = None


def _versions():
    """'ranvier X numba Y numpy Z python W': part of every cache key (a kernel compiled
    by one numba or for one numpy is never loaded by another)."""
    global _versions_text
    if _versions_text is None:
        top = sys.modules.get(__name__.split(".")[0])      # the package root, already imported
        parts = ["ranvier %s" % getattr(top, "__version__", "?"),
                 "numba %s" % _dist_version("numba"), "numpy %s" % np.__version__,
                 "python %s" % platform.python_version()]
        _versions_text = ", ".join(parts)
    return _versions_text


def _dist_version(dist):
    """An installed distribution's version without importing it (numba's import costs
    a third of a second) and without importlib.metadata's scan of every distribution:
    the ``<dist>-<version>.dist-info`` folder beside the package."""
    import importlib.util
    try:
        spec = importlib.util.find_spec(dist)
    except (ImportError, ValueError):  # pragma: no cover
        spec = None
    if spec is not None and spec.submodule_search_locations:
        site = os.path.dirname(list(spec.submodule_search_locations)[0])
        prefix = dist + "-"
        try:
            for fn in os.listdir(site):
                if fn.startswith(prefix) and fn.endswith(".dist-info"):
                    return fn[len(prefix):-len(".dist-info")]
        except OSError:  # pragma: no cover
            pass
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover
        return "?"


@contextmanager
def cache_lock(d, key):
    """Hold the cache's lock for ``key`` (one process at a time translates or compiles
    one file; the others wait).  ``fcntl.flock`` on ``d/.lock_<key>``: released by
    the kernel if the holder dies, so a crashed rank never blocks the others."""
    path = os.path.join(d, ".lock_%s" % key)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        try:
            import fcntl
        except ImportError:  # pragma: no cover  (not POSIX: no lock, still atomic renames)
            fcntl = None
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


_MECH_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "mechanisms")
_memo = {}
_lock = threading.Lock()


def cache_dir():
    """The kernel cache folder (``$RANVIER_CACHE_DIR`` or ``~/.cache/ranvier/kernels``).

    Creates it if needed and puts it on ``sys.path`` so that generated modules
    (and modules generated by the engine that import them) can be imported by
    name.
    """
    path = os.environ.get("RANVIER_CACHE_DIR") or os.path.join(
        os.path.expanduser("~"), ".cache", "ranvier", "kernels")
    path = os.path.abspath(path)
    os.makedirs(path, exist_ok=True)
    if path not in sys.path:
        sys.path.insert(0, path)
    return path


def _atomic_write(path, text):
    d = os.path.dirname(path)
    fd, tmp = tempfile.mkstemp(dir=d, prefix=".tmp_", suffix=os.path.splitext(path)[1])
    try:
        with os.fdopen(fd, "w") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _ident(name):
    return "".join(c if c.isalnum() or c == "_" else "_" for c in name)


class Mechanism:
    """One compiled NMODL mechanism: its description and its kernel module.

    Attributes (all plain Python data):

    - ``name``: SUFFIX or POINT_PROCESS name; ``kind``: 'density' or 'point'
    - ``is_point``, ``is_electrode`` (ELECTRODE_CURRENT), ``is_artificial``
    - ``range_names`` / ``range_defaults``: rows of the per-instance ``data``
      array (public variables first, then hidden ones such as ion copies and
      ``_g``, the last conductance dI/dv)
    - ``public_range``: the per-instance names a user sees (``gnabar_hh``)
    - ``states``: STATE names
    - ``global_names`` / ``global_defaults``: slots of ``gv``; names starting
      with '_' are hidden bookkeeping, ``public_globals`` lists the others
    - ``ions``: [(ion, read_names, write_names, valence_or_None), ...]
    - ``currents``: the currents summed into I, in NEURON-block order
    - ``table_shape``: (rows, cols) of the ``tbl`` array (use ``new_table()``)
    - ``functions``: {name: {'kind', 'args', 'table'}} for PROCEDURE/FUNCTION
    - ``params``: PARAMETER metadata {name: {'unit', 'limits', 'default', 'range'}}
    - ``units``: {PARAMETER/ASSIGNED/STATE name: declared unit} as ``h.units()`` shows
      it ('S/cm2'; '' where none was declared); use ``unit(name)``
    - ``module_name``, ``source_path``: the generated module
    - ``net_receive``: None, or {'args': NET_RECEIVE argument names, 'initial':
      has an INITIAL block}; ``uses_net_event``: calls net_event (a NetCon source)
    """

    def __init__(self, desc, key, source_path, filename):
        self._desc = desc
        self.key = key
        self.filename = filename
        self.source_path = source_path
        self.module_name = os.path.splitext(os.path.basename(source_path))[0]
        self.name = desc["name"]
        self.kind = desc["kind"]
        self.is_point = desc["is_point"]
        self.is_artificial = desc["is_artificial"]
        self.is_electrode = desc["is_electrode"]
        self.range_names = list(desc["range_names"])
        self.range_defaults = list(desc["range_defaults"])
        self.public_range = list(desc["public_range"])
        self.states = list(desc["states"])
        self.global_names = list(desc["global_names"])
        self.global_defaults = list(desc["global_defaults"])
        self.public_globals = list(desc["public_globals"])
        self.ions = [(i[0], list(i[1]), list(i[2]), i[3]) for i in desc["ions"]]
        self.currents = list(desc["currents"])
        self.table_shape = tuple(desc["table_shape"])
        self.functions = dict(desc["functions"])
        self.params = dict(desc["params"])
        self.units = dict(desc.get("units", {}))
        self.threadsafe = desc["threadsafe"]
        # array variables: name -> size (rows or gv slots that follow the first element)
        self.arrays = dict(desc.get("arrays", {}))
        # network events (netreceive.py): {'args': [...], 'initial': bool} or None
        self.net_receive = desc.get("net_receive")
        self.uses_net_event = bool(desc.get("net_event"))
        self.pointers = list(desc.get("pointers", []))    # POINTER names (model/pointer.py)
        self._module = None

    def __repr__(self):
        return "<Mechanism %s (%s) from %s>" % (self.name, self.kind, self.filename)

    def row(self, name):
        """Row of ``data`` that holds instance variable ``name``."""
        try:
            return self.range_names.index(name)
        except ValueError:
            raise KeyError("%s has no instance variable %r" % (self.name, name)) from None

    def unit(self, name):
        """The declared unit of variable ``name`` (unsuffixed: 'gnabar'), '' if none."""
        return self.units.get(name, "")

    def global_index(self, name):
        """Slot of ``gv`` that holds global ``name`` (e.g. 'usetable_hh')."""
        try:
            return self.global_names.index(name)
        except ValueError:
            raise KeyError("%s has no global %r" % (self.name, name)) from None

    def new_data(self, capacity):
        """A C-contiguous float64[nrows, capacity] filled with the defaults."""
        data = np.empty((max(1, len(self.range_names)), capacity))
        data[:len(self.range_defaults)] = np.asarray(self.range_defaults, dtype=float)[:, None]
        return data

    def new_globals(self):
        """A fresh ``gv`` vector with the default global values."""
        return np.array(self.global_defaults, dtype=float)

    def new_table(self):
        """A zero ``tbl`` array of ``table_shape`` (at least 1 x 1)."""
        r, c = self.table_shape
        return np.zeros((max(1, r), max(1, c)))

    def precompile(self):
        """Compile the engine's entry kernels (``PRECOMPILED_KERNELS`` that the module
        has) into numba's disk cache now, for the argument types the stepper passes;
        under the cache lock, so that concurrent processes compile each file once.
        Returns the names compiled (or found in the cache)."""
        mod = self.module()
        done = []
        with cache_lock(os.path.dirname(self.source_path), self.key + ".numba"):
            for name in PRECOMPILED_KERNELS:
                f = getattr(mod, name, None)
                if f is None or not hasattr(f, "compile"):
                    continue
                f.compile(_kernel_signature(name))
                done.append(name)
        return done

    def module(self):
        """Import (once) and return the generated module of numba kernels."""
        if self._module is None:
            cache_dir()
            if not os.path.exists(self.source_path):
                raise ModelError("generated kernels %s vanished from the cache; reload the mechanism"
                                 % self.source_path)
            self._module = importlib.import_module(self.module_name)
        return self._module


def _header(name, key, filename):
    try:
        nb = importlib.metadata.version("numba")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover
        nb = "?"
    return ('"""Kernels of NMODL mechanism %s, generated by ranvier.nmodl -- do not edit.\n\n'
            "source: %s\nkey: %s (%s)\nnumba %s, Python %s\n\"\"\"\n"
            % (name, filename, key, _compiler_id(), nb, platform.python_version()))


# Argument types of the kernels the engine's stepper calls (records.KERNEL_PARAMS), by
# parameter name: what ``Mechanism.precompile`` compiles them for, so that a later
# stepper finds them in numba's disk cache.  (int / float: int64 / float64 scalars;
# a number: a C-contiguous float64 array of that many dimensions; 'i1': int64[::1].)
_PARAM_TYPES = {"n": int, "ntot": int, "i": int, "nd": int, "wr": int,
                "t": float, "dt": float, "celsius": float, "flag": float,
                "v": 1, "area": 1, "rhs": 1, "d": 1, "gv": 1,
                "data": 2, "tbl": 2, "evb": 2, "w": 2, "ions": 3,
                "nodeidx": "i1", "ionidx": "i1", "evn": "i1"}
PRECOMPILED_KERNELS = ("check_table", "nrn_init", "nrn_cur", "nrn_state",
                       "net_init", "net_receive", "net_receive_init")


def _kernel_signature(kernel):
    import numba
    from .records import KERNEL_PARAMS
    out = []
    for p in KERNEL_PARAMS[kernel]:
        t = _PARAM_TYPES[p]
        if t is int:
            out.append(numba.int64)
        elif t is float:
            out.append(numba.float64)
        elif t == "i1":
            out.append(numba.types.Array(numba.int64, 1, "C"))
        else:
            out.append(numba.types.Array(numba.float64, t, "C"))
    return tuple(out)


def load_mechanism(path=None, text=None, filename=None):
    """Compile an NMODL mechanism (or fetch it from the cache) -> ``Mechanism``.

    Give ``path`` (a .mod file) or ``text`` (with an optional ``filename`` for
    messages). The result is cached by content hash in memory and on disk, so a
    second process neither parses nor regenerates an unchanged file. Raises
    ``NmodlError`` (with file:line) for any error in the file.
    """
    if text is None:
        if path is None:
            raise TypeError("load_mechanism needs a path or text")
        with open(path) as f:
            text = f.read()
        if filename is None:
            filename = path
    if filename is None:
        filename = "<string>"
    from .include import key_text      # INCLUDEd files are part of the content
    key = hashlib.sha256((_compiler_id() + "\0" + _versions() + "\0" + text
                          + key_text(text, filename)).encode()).hexdigest()[:12]
    with _lock:
        mech = _memo.get(key)
        if mech is not None:
            return mech
        d = cache_dir()
        json_path = os.path.join(d, "ranvier_mech_%s.json" % key)
        desc = _read_desc(json_path, d)
        if desc is None:
            with cache_lock(d, key):
                desc = _read_desc(json_path, d)     # another process may have made it meanwhile
                if desc is None:
                    desc = _compile(text, filename, key, d)
                    _atomic_write(json_path, json.dumps(desc, indent=1))
        mech = Mechanism(desc, key, os.path.join(d, desc["module_file"]), filename)
        _memo[key] = mech
        return mech


def _read_desc(json_path, d):
    """The cached description at ``json_path`` if it is complete and current, else None."""
    if not os.path.exists(json_path):
        return None
    try:
        with open(json_path) as f:
            desc = json.load(f)
        if (desc.get("compiler") != _compiler_id() or desc.get("versions") != _versions()
                or not os.path.exists(os.path.join(d, desc["module_file"]))):
            return None
        return desc
    except (OSError, ValueError, KeyError, AttributeError):
        return None


def translate(text, filename="<string>", key="0" * 12):
    """Translate NMODL ``text`` without touching the cache: (description, Python source
    of the kernel module).  Parse, INCLUDE, analysis and code generation; raises
    ``NmodlError`` for every error in the file (numba is not involved)."""
    # deliberately lazy: the parser loads lark and the generators are large; a
    # process whose mechanisms are all in the disk cache never needs them
    from .analysis import analyze
    from .netreceive import generate   # codegen's kernels (+ event kernels if needed)
    from .include import expand
    from .parser import parse
    module = expand(parse(text, filename), text, filename)
    info = analyze(module, text)
    desc = info.describe()
    return desc, generate(info, _header(info.name, key, filename))


def _compile(text, filename, key, d):
    desc, source = translate(text, filename, key)
    module_file = "ranvier_mech_%s_%s.py" % (_ident(desc["name"]), key)
    path = os.path.join(d, module_file)
    old = None
    if os.path.exists(path):
        with open(path) as f:
            old = f.read()
    if old != source:       # rewriting an unchanged file would make numba's cache stale
        _atomic_write(path, source)
    desc["module_file"] = module_file
    desc["compiler"] = _compiler_id()
    desc["versions"] = _versions()
    return desc


def builtin_mechanism(name):
    """The built-in mechanism ``name`` ('hh', 'pas', 'IClamp', ...) from ranvier/mechanisms."""
    path = os.path.join(_MECH_DIR, name + ".mod")
    if not os.path.exists(path):
        raise ModelError("no built-in mechanism %r (have: %s)" % (name, ", ".join(builtin_names())))
    return load_mechanism(path, filename=os.path.basename(path))


def source_file(mech):
    """The .mod file ``mech`` was compiled from (a built-in's file in ranvier/mechanisms),
    or None when it came from text."""
    path = mech.filename
    if path and os.path.isfile(path):
        return os.path.abspath(path)
    builtin = os.path.join(_MECH_DIR, os.path.basename(path or ""))
    if path and path == os.path.basename(path) and os.path.isfile(builtin):
        return builtin
    return None


def builtin_names():
    """Names of the built-in mechanisms (the .mod files in ranvier/mechanisms)."""
    return sorted(f[:-4] for f in os.listdir(_MECH_DIR) if f.endswith(".mod"))


# The compiler's digest is taken now, when the package is imported, not at the first
# translation: a long-running process whose compiler modules were loaded before their
# files changed on disk would otherwise file kernels made by the old code under the new
# code's key (and every later process would reuse them).
_compiler_id()
