"""`python -m ranvier script.py [args]` runs an unchanged NEURON script;
`python -m ranvier model.hoc [...]` runs HOC files; `-c 'stmt'` runs HOC text.

For the run, `import neuron` (and `neuron.h`, `neuron.units`, `neuron.gui`)
resolves to ranvier.
"""
import os
import runpy
import sys
import traceback

import ranvier
from ranvier import hoc
from ranvier.core import units
from ranvier.core.errors import HocError
from ranvier.interface import gui


def alias_neuron():
    """Make `import neuron` (and neuron.units, neuron.gui) give ranvier."""
    sys.modules.setdefault("neuron", ranvier)
    sys.modules.setdefault("neuron.units", units)
    sys.modules.setdefault("neuron.gui", gui)


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    alias_neuron()
    try:
        return _run(argv)
    except HocError as e:   # a HOC error prints as NEURON prints it, without our internals
        sys.stderr.write(getattr(e, "report", None) or str(e))
        sys.stderr.write("\n")
        return 1


def _run(argv):
    if argv[0] == "-c":
        for stmt in argv[1:]:
            hoc.interpreter().execute(stmt, filename="-c")
        return 0
    script = argv[0]
    if script.endswith(".hoc"):
        for f in argv:
            if f == "-c":
                continue
            if f.endswith(".hoc") or f.endswith(".ses"):
                hoc.interpreter().execute_file(os.path.abspath(f))
            else:
                hoc.interpreter().execute(f, filename="-c")
        return 0
    script = os.path.abspath(script)
    sys.argv = argv
    sys.path.insert(0, os.path.dirname(script))
    try:
        runpy.run_path(script, run_name="__main__")
    except (SystemExit, KeyboardInterrupt):
        raise
    except BaseException as e:
        _print_script_traceback(e, script)
        return 1
    return 0


def _print_script_traceback(exc, script):
    """Print the traceback as `python script.py` would: from the script's frames on."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != script:
        tb = tb.tb_next
    traceback.print_exception(type(exc), exc, tb if tb is not None else exc.__traceback__)


if __name__ == "__main__":
    sys.exit(main())
