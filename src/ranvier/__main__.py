"""`python -m ranvier script.py [args]` runs an unchanged NEURON script;
`python -m ranvier model.hoc [...]` runs HOC files; `-c 'stmt'` runs HOC text.

For the run, `import neuron` (and `neuron.h`, `neuron.units`, `neuron.gui`, ...)
resolves to ranvier (ranvier.as_neuron; in a notebook: `import ranvier.as_neuron`).
A script's error prints its traceback without ranvier's own frames
(RANVIER_TRACEBACK=full shows them).

`python -m ranvier --install-neuron-alias` makes `import neuron` give ranvier in
the current environment (a small `neuron` package in site-packages, only where
NEURON is not installed); `--uninstall-neuron-alias` removes it.
"""
import os
import runpy
import sys
import traceback

import ranvier
from ranvier import hoc
from ranvier.core.errors import HocError


def alias_neuron():
    """Make `import neuron` (and neuron.units, neuron.gui, ...) give ranvier
    (ranvier.as_neuron.install: one table of aliases for here and notebooks)."""
    from ranvier import as_neuron
    as_neuron.install()


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    if argv[0] in ("--install-neuron-alias", "--uninstall-neuron-alias"):
        from ranvier import as_neuron
        where = argv[1] if len(argv) > 1 else None
        if argv[0] == "--install-neuron-alias":
            print(as_neuron.install_shim(where))
        else:
            print(as_neuron.uninstall_shim(where))
        return 0
    alias_neuron()
    try:
        return _run(argv)
    except HocError as e:   # a HOC error prints as NEURON prints it, without our internals
        sys.stderr.write(getattr(e, "report", None) or str(e))
        sys.stderr.write("\n")
        return 1


def _run(argv):
    if argv[0] == "-c" or argv[0].endswith(".hoc"):
        from ranvier import as_neuron      # nrniv's start-up: the current folder's mechanisms
        as_neuron._startup()
    if argv[0] == "-c":
        for stmt in argv[1:]:
            if stmt != "-c":
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


_RANVIER_DIR = os.path.dirname(os.path.abspath(ranvier.__file__)) + os.sep


def _print_script_traceback(exc, script):
    """Print the traceback as `python script.py` would: from the script's frames on,
    without ranvier's own frames (the user's files and lines only; a HOC error
    names its HOC file:line in its message).  RANVIER_TRACEBACK=full keeps them."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != script:
        tb = tb.tb_next
    if tb is None:
        tb = exc.__traceback__
    if os.environ.get("RANVIER_TRACEBACK", "") != "full":
        tb = _without_ranvier_frames(tb)
    traceback.print_exception(type(exc), exc, tb)


def _without_ranvier_frames(tb):
    """The traceback chain `tb` minus frames in ranvier's package (kept whole if
    every frame is ranvier's)."""
    frames, first = [], tb
    while tb is not None:
        if not os.path.abspath(tb.tb_frame.f_code.co_filename).startswith(_RANVIER_DIR):
            frames.append(tb)
        tb = tb.tb_next
    if not frames:
        return first
    head = None
    for t in reversed(frames):                 # relink the kept entries (Python >= 3.7)
        head = type(t)(head, t.tb_frame, t.tb_lasti, t.tb_lineno)
    return head



# ---------------------------------------------------------------- NEURON's commands
# (console scripts `nrnivmodl`, `nrniv`, `nrngui`, installed beside Python)

def nrnivmodl(argv=None):
    """`nrnivmodl [dir | a.mod b.mod ...]`: translate and compile the .mod files (the
    current folder's, a folder's, or those named) into ranvier's kernel cache and
    leave `<arch>/` here (the manifest that `import neuron`, `nrniv`,
    `neuron.load_mechanisms` and `h.nrn_load_dll` load).  Every error of every file
    is printed (file:line); the exit status is 1 if any file failed."""
    from ranvier.library import mechloader
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ("-h", "--help"):
        print(nrnivmodl.__doc__)
        return 0
    args = [a for a in argv if not a.startswith("-")]    # NEURON's -coreneuron, -loadflags ...: none apply
    try:
        good, errors = mechloader.build(args)
    except FileNotFoundError as e:
        sys.stderr.write("%s\n" % e)
        return 1
    for e in errors:
        sys.stderr.write("%s\n" % e)
    if errors:
        sys.stderr.write("nrnivmodl: %d of %d files failed; the others were built in %s/\n"
                         % (len(errors), len(errors) + len(good), mechloader.arch()))
        return 1
    print("Successfully created %s/ (ranvier: %d mechanism file%s)"
          % (mechloader.arch(), len(good), "" if len(good) == 1 else "s"))
    return 0


_NRNIV_FLAGS_WITH_VALUE = ("-NSTACK", "-NFRAME", "-pyexe", "-music")
_NRNIV_FLAGS = ("-nobanner", "-nogui", "-isatty", "-notatty", "-mpi", "-nopython", "-neosim")


def nrniv(argv=None, gui=False):
    """`nrniv [options] [file.hoc file.py ... | -c stmt | -]` as NEURON's: HOC files (and
    .ses) run in order, `-c stmt` runs HOC text (Python with `-python`), `file.py`
    runs as a Python script, `-dll lib` loads a build product; `-python` alone starts
    Python (`import neuron` gives ranvier).  With no file it reads HOC from stdin
    (a prompt at a terminal); after files it stays at the prompt only at a terminal.
    The mechanisms `nrnivmodl` built in the current folder are loaded at start."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ("-h", "--help"):
        print(nrniv.__doc__)
        return 0
    alias_neuron()
    python = False
    items = []                       # ("hoc"|"py"|"stmt"|"stdin", value)
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "-python":
            python = True
        elif a in ("-v", "--version"):
            print("ranvier %s (NEURON-compatible nrniv)" % ranvier.__version__)
            return 0
        elif a == "-c" and i + 1 < len(argv):
            items.append(("stmt", argv[i + 1]))
            i += 1
        elif a == "-dll" and i + 1 < len(argv):
            from ranvier.library import mechloader
            mechloader.nrn_load_dll(argv[i + 1])
            i += 1
        elif a in _NRNIV_FLAGS_WITH_VALUE:
            i += 1
        elif a in _NRNIV_FLAGS:
            pass
        elif a == "-":
            items.append(("stdin", None))
        elif a.endswith(".py") and not items:
            items.append(("py", argv[i:]))   # the script sees its own arguments
            break
        else:
            items.append(("py" if a.endswith(".py") else "hoc", a))
        i += 1
    try:
        if gui:
            from ranvier import h
            h.load_file("nrngui.hoc")
        for kind, value in items:
            if kind == "py":
                return _run(value if isinstance(value, list) else [value])
            if kind == "stmt":
                if python:
                    import __main__
                    exec(compile(value, "-c", "exec"), __main__.__dict__)
                else:
                    hoc.interpreter().execute(value, filename="-c")
            elif kind == "stdin":
                _hoc_stdin(prompt=False)
            elif not os.path.isfile(value):     # NEURON says so and goes on
                sys.stderr.write("%s: can't open %s\n" % (os.path.basename(sys.argv[0]) or "nrniv",
                                                           value))
            else:
                hoc.interpreter().execute_file(os.path.abspath(value))
        if python and not items:
            import code
            import __main__
            code.interact(banner="", local=__main__.__dict__, exitmsg="")
            return 0
        if not items or (sys.stdin is not None and sys.stdin.isatty() and not python):
            _hoc_stdin(prompt=sys.stdin is not None and sys.stdin.isatty())
    except HocError as e:
        sys.stderr.write(getattr(e, "report", None) or str(e))
        sys.stderr.write("\n")
        return 1
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else 0
    return 0


def nrngui(argv=None):
    """`nrngui [...]`: `nrniv` with nrngui.hoc (stdrun and the GUI) loaded first."""
    return nrniv(argv, gui=True)


def _hoc_stdin(prompt):
    """HOC statements from stdin: the whole text when piped; at a terminal, `oc>`
    prompts, a statement running once its braces close."""
    if sys.stdin is None:
        return
    if not prompt:
        text = sys.stdin.read()
        if text.strip():
            hoc.interpreter().execute(text, filename="stdin")
        return
    buf = ""
    while True:
        try:
            line = input("oc>" if not buf else "")
        except EOFError:
            return
        buf += line + "\n"
        if buf.count("{") > buf.count("}"):
            continue
        try:
            hoc.interpreter().execute(buf, filename="stdin")
        except HocError as e:
            sys.stderr.write((getattr(e, "report", None) or str(e)) + "\n")
        buf = ""

if __name__ == "__main__":
    sys.exit(main())
