"""NEURON's mechanism workflow without a C compiler: ``nrnivmodl``'s build folder,
loading it at start-up, ``neuron.load_mechanisms(path)`` and ``h.nrn_load_dll(path)``.

NEURON's rules (checked with NEURON 9.0.2):

- ``nrnivmodl [dir | a.mod b.mod ...]`` builds, in the *current* folder, an
  ``<arch>/`` folder (``x86_64``, ``arm64``, ...) holding ``libnrnmech.so``.
  ranvier's ``nrnivmodl`` translates every file into the kernel cache, compiles its
  numba kernels there (one worker process per CPU: the first run of a model finds them
  compiled) and writes ``<arch>/ranvier_mechanisms.json`` (MANIFEST): the .mod files
  (path and text, frozen as a compiled library is) in registration order.
- ``import neuron`` loads ``<arch>/libnrnmech.so`` from the current folder if it
  exists; .mod files alone are **not** loaded.  ranvier loads the manifest there,
  or the .mod sources of a NEURON build product found there (its
  ``makemod2c_inc`` names them).
- ``neuron.load_mechanisms(path)`` looks for ``path/<arch>/libnrnmech.so`` (several
  arch names); the same path twice prints ``Mechanisms already loaded from path:
  P.  Aborting.`` and returns True; nothing there prints ``NEURON mechanisms not
  found in P.`` and returns False.
- ``h.nrn_load_dll(file)`` returns 1.0 after loading, 0.0 when the file does not
  exist.  Loading a mechanism name that already exists is a HOC error
  (``The user defined name already exists: NAME``); ranvier ignores a second load of
  the *same* text (the same folder found twice) and raises only for a different
  mechanism of the same name.
- Mechanisms register after the built-ins in alphabetical file-name order
  (NMODL.md section 0), which fixes their type order.
- A file that fails to translate costs only itself: the others load and the
  error (file:line:column) is printed on stderr.
- An ion other than na, k, ca needs ``VALENCE`` in at least one mechanism of the
  library that uses it; NEURON stops loading otherwise (``xx_ion USEION CHARGE (or
  VALENCE) must be defined in at least one model using this ion``).  ranvier refuses
  those files (an NmodlError at their USEION) and registers such an ion with its
  valence at load (not at the first insert).
"""
import json
import os
import platform
import re
import sys

from ..core.errors import HocError, NmodlError
from ..model import mechanisms, store
from ..nmodl import load_mechanism

MANIFEST = "ranvier_mechanisms.json"
LIBNAME = "libnrnmech.so"
# the folder names NEURON's load_mechanisms tries, in its order
ARCH_NAMES = [platform.machine(), "i686", "x86_64", "powerpc", "umac", "arm64", "aarch64"]

_loaded_paths = []      # neuron.load_mechanisms' list of paths already loaded
_loaded_keys = {}       # mechanism name -> content key of the loaded text


def arch():
    """The build folder's name on this machine (NEURON's: ``x86_64``, ``arm64``)."""
    m = platform.machine() or "x86_64"
    return "arm64" if m == "aarch64" and sys.platform == "darwin" else m


def mod_files(args, cwd=None):
    """The .mod files ``nrnivmodl ARGS`` compiles: all of the current folder's with no
    argument, a folder's with a folder, else the files named (``.mod`` may be omitted).
    Sorted by file name (NEURON's registration order).  Raises FileNotFoundError."""
    cwd = os.getcwd() if cwd is None else cwd
    files = []
    if not args:
        args = [cwd]
    for a in args:
        p = a if os.path.isabs(a) else os.path.join(cwd, a)
        if os.path.isdir(p):
            files.extend(os.path.join(p, f) for f in os.listdir(p) if f.endswith(".mod"))
        elif os.path.isfile(p):
            files.append(p)
        elif os.path.isfile(p + ".mod"):
            files.append(p + ".mod")
        else:
            raise FileNotFoundError("nrnivmodl: %s: no such .mod file or folder" % a)
    seen, out = set(), []
    for f in sorted(files, key=lambda f: (os.path.basename(f), f)):
        r = os.path.realpath(f)
        if r not in seen:
            seen.add(r)
            out.append(os.path.abspath(f))
    return out


def build(args, cwd=None, out=None, jobs=None, kernels=True):
    """``nrnivmodl ARGS`` in folder ``cwd``: translate every file into the kernel cache,
    compile its kernels there with numba (``kernels``; in ``jobs`` processes at once,
    default: one per CPU, at most one per file), so that the first run of a model
    finds them compiled, and write ``cwd/<arch>/`` with the manifest (the files that
    translated).  Returns (list of compiled paths, list of NmodlError/OSError)."""
    cwd = os.path.abspath(os.getcwd() if cwd is None else cwd)
    files = mod_files(args, cwd)
    out = sys.stdout if out is None else out
    good, errors = [], []
    out.write("Mod files: %s\n\n" % " ".join('"%s"' % os.path.relpath(f, cwd) for f in files))
    for f in files:
        out.write("Translating %s\n" % os.path.basename(f))
        try:
            with open(f) as fh:
                text = fh.read()
            mech = load_mechanism(f, text=text, filename=f)
        except (NmodlError, OSError, UnicodeDecodeError) as e:
            errors.append(e)
            continue
        good.append({"path": f, "name": os.path.basename(f), "text": text, "mechanism": mech.name})
    if kernels and good:
        out.write("Compiling the kernels of %d file%s\n" % (len(good), "" if len(good) == 1 else "s"))
        out.flush()
        for g, problem in zip(good, compile_kernels([(g["path"], g["text"]) for g in good], jobs)):
            if problem:     # not fatal: the kernels compile again when a model runs
                sys.stderr.write("nrnivmodl: warning: %s: kernels not precompiled: %s\n"
                                 % (g["name"], problem))
    bdir = os.path.join(cwd, arch())
    os.makedirs(bdir, exist_ok=True)
    manifest = {"generator": "ranvier nrnivmodl", "cwd": cwd, "mod_files": good,
                "errors": [str(e) for e in errors]}
    tmp = os.path.join(bdir, ".%s.tmp%d" % (MANIFEST, os.getpid()))
    with open(tmp, "w") as fh:
        json.dump(manifest, fh, indent=1)
    os.replace(tmp, os.path.join(bdir, MANIFEST))
    _write_special(bdir)
    return [g["path"] for g in good], errors


def _precompile_job(path, text):
    """One file's kernels into the cache (run in a worker process): '' or the problem."""
    try:
        load_mechanism(path, text=text, filename=path).precompile()
        return ""
    except Exception as e:      # reported as a warning by build(): the file still loads
        return "%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else "")


def compile_kernels(sources, jobs=None):
    """Compile the kernels of [(path, text)] into numba's disk cache (files already
    translated by ``load_mechanism``), ``jobs`` files at a time in worker processes
    (default: the CPU count; 1: here, one after another).  Concurrent compilations of
    one file (another nrnivmodl, MPI ranks) wait for each other on the cache's lock.
    Returns one '' (done) or problem text per source."""
    if jobs is None:
        jobs = int(os.environ.get("RANVIER_NRNIVMODL_JOBS", "0")) or os.cpu_count() or 1
    jobs = max(1, min(jobs, len(sources)))
    if jobs == 1:
        return [_precompile_job(p, t) for p, t in sources]
    import concurrent.futures
    import multiprocessing
    # fresh interpreters (no inherited numba threads); they must not load the current
    # folder's mechanisms at import (they compile them)
    old = os.environ.get("RANVIER_NO_AUTOLOAD")
    os.environ["RANVIER_NO_AUTOLOAD"] = "1"
    try:
        ctx = multiprocessing.get_context("spawn")
        with concurrent.futures.ProcessPoolExecutor(jobs, mp_context=ctx) as pool:
            futures = [pool.submit(_precompile_job, p, t) for p, t in sources]
            out = []
            for fut in futures:
                try:
                    out.append(fut.result())
                except Exception as e:      # a worker died (out of memory, killed)
                    out.append("%s: %s" % (type(e).__name__, e))
            return out
    finally:
        if old is None:
            os.environ.pop("RANVIER_NO_AUTOLOAD", None)
        else:
            os.environ["RANVIER_NO_AUTOLOAD"] = old


def _write_special(bdir):
    """``<arch>/special``: NEURON's executable with the mechanisms built in; here a
    script that runs ranvier's ``nrniv`` in the folder above."""
    nrniv = os.path.join(os.path.dirname(sys.executable), "nrniv")
    path = os.path.join(bdir, "special")
    text = ('#!/bin/sh\n# written by ranvier nrnivmodl: NEURON\'s special, mechanisms of %s\n'
            'cd "%s" 2>/dev/null; exec "%s" "$@"\n' % (os.path.dirname(bdir), os.path.dirname(bdir), nrniv))
    try:
        with open(path, "w") as fh:
            fh.write(text)
        os.chmod(path, 0o755)
    except OSError:
        pass


def _manifest_sources(bdir):
    """[(path, text)] the build folder ``bdir`` names, or None if it is none.
    ranvier's manifest first; else a NEURON build (``makemod2c_inc``)."""
    man = os.path.join(bdir, MANIFEST)
    if os.path.isfile(man):
        with open(man) as fh:
            data = json.load(fh)
        return [(m["path"], m["text"]) for m in data.get("mod_files", [])]
    if os.path.isfile(os.path.join(bdir, LIBNAME)) or os.path.isfile(os.path.join(bdir, ".libs", LIBNAME)):
        return [(p, None) for p in _neuron_build_sources(bdir)]
    return None


def _neuron_build_sources(bdir):
    """The .mod files a NEURON ``nrnivmodl`` build folder was made from."""
    files = []
    inc = os.path.join(bdir, "makemod2c_inc")
    if os.path.isfile(inc):
        with open(inc) as fh:
            for line in fh:
                m = re.match(r"^\S+\.c(?:pp)?: (.+?\.mod) \$\(NOCMODL\)", line)
                if m:
                    p = m.group(1).strip().strip('"')
                    files.append(os.path.normpath(p if os.path.isabs(p) else os.path.join(bdir, p)))
    if not files:
        parent = os.path.dirname(os.path.abspath(bdir))
        files = [os.path.join(parent, f) for f in os.listdir(parent) if f.endswith(".mod")]
    return sorted(files, key=lambda f: (os.path.basename(f), f))


def _useion_error(mech, text, path, ion):
    """NmodlError at ``USEION ion`` of ``mech``'s source: an ion no model gives a valence."""
    lines = text.splitlines()
    ln, col = 1, None
    for i, line in enumerate(lines, 1):
        m = re.search(r"\bUSEION\s+(%s)\b" % re.escape(ion), re.sub(r"[:?].*", "", line))
        if m:
            ln, col = i, m.start(1) + 1
            break
    return NmodlError("ion %s has no VALENCE: USEION %s ... VALENCE z must be given in at least one "
                      "mechanism that uses it (NEURON refuses to load it too)" % (ion, ion),
                      path, ln, col, lines[ln - 1] if lines else None)


def check_valences(mechs):
    """NEURON's load-time rule: an ion other than the known ones (na, k, ca and those
    already registered) needs a VALENCE in at least one of the mechanisms ``mechs``
    [(mech, text, path)] (or one loaded before).  Registers such an ion with that
    valence (so the valence does not depend on which mechanism is inserted first) and
    returns {index in mechs: NmodlError} for the mechanisms whose ion has none."""
    valence = {}
    for m in list(mechanisms.loaded().values()) + [t[0] for t in mechs]:
        for ion in m.ions:
            if ion[3] is not None:
                valence.setdefault(ion[0], ion[3])
    bad = {}
    for k, (m, text, path) in enumerate(mechs):
        for ion in m.ions:
            if ion[0] in store.ION_VALENCE:
                continue
            if ion[0] in valence:
                store.ion_index(ion[0], valence[ion[0]])
            else:
                bad[k] = _useion_error(m, text, path, ion[0])
                break
    return bad


def _register_sources(sources, err=None):
    """Compile and register [(path, text or None)]; a file that fails costs only itself
    (its error is printed on ``err``).  Returns the names registered."""
    err = sys.stderr if err is None else err
    names = []
    compiled = []
    for path, text in sources:
        try:
            if text is None:
                with open(path) as fh:
                    text = fh.read()
            compiled.append((load_mechanism(path, text=text, filename=path), text, path))
        except (NmodlError, OSError, UnicodeDecodeError) as e:
            err.write("%s\n" % (e,))
    bad = check_valences(compiled)
    for k, (mech, text, path) in enumerate(compiled):
        if k in bad:
            err.write("%s\n" % (bad[k],))
            continue
        old = _loaded_keys.get(mech.name)
        if old == mech.key:
            continue                 # the same mechanism found again: nothing to do
        if old is not None or mech.name in mechanisms.builtin_names():
            raise HocError("The user defined name already exists: %s" % mech.name, path)
        mechanisms.register(mech)
        _loaded_keys[mech.name] = mech.key
        names.append(mech.name)
    return names


def load_build_folder(bdir):
    """Load the mechanisms of build folder ``bdir`` (``.../x86_64``); False if it holds none."""
    sources = _manifest_sources(bdir)
    if sources is None:
        return False
    _register_sources(sources)
    return True


def load_mechanisms(path, warn_if_already_loaded=True):
    """``neuron.load_mechanisms(path)``: load what ``nrnivmodl`` built in ``path``."""
    path = str(path)
    if path in _loaded_paths:
        if warn_if_already_loaded:
            print("Mechanisms already loaded from path: %s.  Aborting." % path)
        return True
    for a in ARCH_NAMES:
        bdir = os.path.join(path, a)
        if os.path.isdir(bdir) and load_build_folder(bdir):
            _loaded_paths.append(path)
            return True
    print("NEURON mechanisms not found in %s." % path)
    return False


def nrn_load_dll(path):
    """``h.nrn_load_dll(file)``: ``file`` is a build product (``x86_64/libnrnmech.so``,
    ``x86_64/.libs/libnrnmech.so``, ``nrnmech.dll``) or ranvier's manifest; loads the
    mechanisms of that build folder.  1.0 when loaded, 0.0 when there is nothing."""
    path = os.path.abspath(str(path))
    d = os.path.dirname(path)
    if os.path.basename(d) == ".libs":
        d = os.path.dirname(d)
    if os.path.basename(path) == MANIFEST or os.path.isfile(os.path.join(d, MANIFEST)):
        return 1.0 if load_build_folder(d) else 0.0
    if not os.path.isfile(path) or not load_build_folder(d):
        sys.stderr.write("nrn_load_dll: %s: no mechanism library or ranvier build there "
                         "(nothing loaded; run nrnivmodl)\n" % path)
        return 0.0
    return 1.0


def autoload(cwd=None):
    """At start-up: load the mechanisms ``nrnivmodl`` built in the current folder, as
    ``import neuron`` and ``nrniv`` do (a folder holding only .mod files loads
    nothing).  Skipped with ``RANVIER_NO_AUTOLOAD=1``."""
    if os.environ.get("RANVIER_NO_AUTOLOAD", "") not in ("", "0"):
        return False
    cwd = os.path.abspath(os.getcwd() if cwd is None else cwd)
    if cwd in _loaded_paths:
        return True
    bdir = os.path.join(cwd, arch())
    if not os.path.isdir(bdir):
        return False
    try:
        ok = load_build_folder(bdir)
    except (HocError, OSError, ValueError) as e:
        sys.stderr.write("%s\n" % (e,))
        return False
    if ok:
        _loaded_paths.append(cwd)
    return ok
