"""HOC programs whose stdout/stderr/exit status were recorded from NEURON 9.0.2
(`nrniv -nogui -nobanner f.hoc`, PROG = the nrniv path).  Includes HOC.md's
check list (ck*.hoc) and error reports (err*.hoc)."""
import glob
import io
import os
import contextlib

import pytest

from ranvier.core.errors import HocError

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = sorted(glob.glob(os.path.join(HERE, "programs", "*.hoc")))


def run_like_nrniv(interp, path):
    """(stdout, stderr, rc) of running `path` as nrniv would."""
    out, err = io.StringIO(), io.StringIO()
    rc = 0
    interp.prog = "PROG"
    cwd = os.getcwd()
    os.chdir(os.path.dirname(path))
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                interp.load_file(os.path.basename(path))
            except HocError as e:
                pass
                rc = 1
    finally:
        os.chdir(cwd)
    return out.getvalue(), err.getvalue(), rc


@pytest.mark.parametrize("path", PROGRAMS, ids=[os.path.basename(p) for p in PROGRAMS])
def test_program_matches_neuron(hoc, path):
    base = path[:-4]
    with open(base + ".stdout") as f:
        want_out = f.read()
    with open(base + ".stderr") as f:
        want_err = f.read()
    with open(base + ".rc") as f:
        want_rc = int(f.read())
    out, err, rc = run_like_nrniv(hoc, path)
    assert out == want_out
    assert rc == want_rc
    assert err == want_err
