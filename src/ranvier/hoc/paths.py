"""Where HOC looks for files: load_file(), load_proc/load_func/load_template
and neuronhome().

NEURON searches the current directory, each HOC_LIBRARY_PATH entry (separated
by ':' or spaces) and $NEURONHOME/lib/hoc.  ranvier ships no HOC library folder:
stdrun.hoc, nrngui.hoc and the rest of NEURON's standard library are provided by
the model's host (host.load_std_library), so $NEURONHOME/lib/hoc is searched
only when the NEURONHOME environment variable names a NEURON installation.
"""
import os
import re

__all__ = ["library_dirs", "find_file", "neuron_home"]

# the ranvier package folder (this file is ranvier/hoc/paths.py)
PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def library_dirs():
    """The folders searched for a file named without a '/', in order."""
    dirs = [os.getcwd()]
    dirs.extend(p for p in re.split(r"[: ]+", os.environ.get("HOC_LIBRARY_PATH", "")) if p)
    home = os.environ.get("NEURONHOME")
    if home:
        dirs.append(os.path.join(home, "lib", "hoc"))
    return dirs


def find_file(name):
    """The path load_file() runs for `name`, or None."""
    if "/" in name:
        return name if os.path.isfile(name) else None
    for d in library_dirs():
        f = os.path.join(d, name)
        if os.path.isfile(f):
            return f
    return None


def neuron_home():
    """neuronhome(): $NEURONHOME when set (as in NEURON), else the ranvier
    package folder (the installation's home; it has no lib/hoc)."""
    return os.environ.get("NEURONHOME") or PACKAGE_DIR
