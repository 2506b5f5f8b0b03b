"""Issue 8's smaller gaps and HOC semantics, probed as a user meets them: each script of
data/issue8 runs under ranvier (`python -m ranvier probe`, in that folder) and prints
what NEURON 9.0.2 printed (data/issue8/expected.json, made by data/issue8/make_expected.py).

Covered: StringFunctions.alias / alias_list from Python, the density form of the
setpointer statement, Random.play, stale handles into a deleted section, h.cvode and
h.graphList as HOC's objects, Vector.apply with a HOC function name, Matrix(),
statements in a template body, for (x) / for (x, 0), nested object-array access
(f.bar[4].o[2]), and a ^Z byte ending a file."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "issue8"
EXPECTED = json.loads((DATA / "expected.json").read_text())


@pytest.mark.parametrize("probe", sorted(EXPECTED))
def test_probe_prints_what_neuron_printed(probe):
    r = subprocess.run([sys.executable, "-m", "ranvier", probe], cwd=DATA, capture_output=True,
                       text=True, stdin=subprocess.DEVNULL, timeout=600)
    assert r.returncode == 0, r.stderr
    assert r.stdout == EXPECTED[probe], r.stderr


def test_debug_is_accepted_and_changes_nothing(capsys):
    # NEURON's `debug` toggles a dump of its stack machine's instructions (addresses);
    # ranvier has no such machine: the statement is accepted and the results are the same
    import ranvier
    from ranvier import h
    ranvier.reset()
    try:
        h("debug\nx_dbg = 2 + 3\nprint x_dbg\ndebug")
        assert h.x_dbg == 5.0
        assert capsys.readouterr().out == "5 \n"
    finally:
        ranvier.reset()


def test_alias_of_an_object_is_not_assignable_from_python():
    import ranvier
    from ranvier import h
    ranvier.reset()
    try:
        v = h.Vector(3)
        lst = h.List()
        h.StringFunctions().alias(v, "other", lst)
        assert v.other is lst and v.size() == 3 and type(v).__name__ == "Vector"
        assert repr(type(v)) == "<class 'hoc.Vector'>" and v.hname() == "Vector[0]"
        with pytest.raises(TypeError, match="alias of the object List"):
            v.other = 4
        v.x[1] = 7                      # the Vector's own attributes are untouched
        assert v.x[1] == 7.0
    finally:
        ranvier.reset()


def test_ctrlz_ends_the_text():
    from ranvier.hoc.lexer import Source
    assert Source("a = 1\nb = 2 \x1a garbage\nc = 3\n").lines == ["a = 1", "b = 2 "]
