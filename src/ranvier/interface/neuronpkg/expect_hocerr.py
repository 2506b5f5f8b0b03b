"""`neuron.expect_hocerr`: helpers NEURON's own tests use to assert that a call fails.

    from neuron.expect_hocerr import expect_hocerr, expect_err, set_quiet
    expect_hocerr(h.sqrt, (-1,))        # passes: the call raises
    expect_err("h.Vector(3).x[5]")      # passes: the statement raises

Both raise AssertionError when nothing fails.  Quiet by default;
``set_quiet(False)`` prints each error (``expect_hocerr: <message>``).
"""
import inspect
import io
import sys

quiet = True


def set_quiet(b):
    """Set quiet mode; returns the previous setting."""
    global quiet
    old, quiet = quiet, b
    return old


def printerr(e):
    if not quiet:
        print(e)


def checking(s):
    if not quiet:
        print("CHECKING: " + s)


def _nhost():
    from ...library.parallel import _mpi_size
    return _mpi_size()


def expect_hocerr(callable, args, sec=None):
    """Call ``callable(*args)`` (with ``sec=sec`` if given) and assert that it raised.

    A HOC error's message (written on stderr) is captured and, unless quiet,
    printed after ``expect_hocerr: ``.  Does nothing on more than one rank."""
    if _nhost() > 1:
        return
    saved = sys.stderr
    sys.stderr = captured = io.StringIO()
    raised = False
    try:
        if sec:
            callable(*args, sec=sec)
        else:
            callable(*args)
        printerr("expect_hocerr: no err for %s%s" % (callable, args))
    except Exception as e:
        raised = True
        text = captured.getvalue()
        if text:
            first = text.splitlines()[0]
            printerr("expect_hocerr: " + first[first.find(":") + 2:])
        else:
            printerr("expect_hocerr: %s" % (e,))
    finally:
        sys.stderr = saved
    assert raised


def expect_err(stmt):
    """Execute Python statement `stmt` in the caller's namespace; assert it raised."""
    caller = inspect.currentframe().f_back
    raised = False
    checking(stmt)
    try:
        exec(stmt, caller.f_globals, caller.f_locals)
        printerr("expect_err: no err for-- " + stmt)
    except Exception as e:
        raised = True
        printerr(e)
    assert raised
