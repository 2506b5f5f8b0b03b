"""HOC misuse: every error is a HocError (a RuntimeError, as NEURON raises) whose
message starts with file:line and carries the offending line; h('...') reports
and returns False as NEURON does."""
import re

import pytest

from ranvier import h, hoc
from ranvier.core.errors import HocError


def _load(tmp_path, name, text):
    f = tmp_path / name
    f.write_text(text)
    with pytest.raises(HocError) as e:
        h.load_file(1, str(f))
    return e.value, str(f)


@pytest.mark.parametrize("name, text, line, words", [
    ("undef.hoc", "x_u = 1\nproc p() { print $1 }\nnosuchfunc(3)\n", 3,
     r"nosuchfunc undefined function"),
    ("argc.hoc", "proc p_a() { print $1 }\np_a()\n", 2, r"p_a not enough arguments"),
    ("argc2.hoc", "func f_a() { return $1 + $2 }\ny_a = f_a(1)\n", 2, r"f_a not enough arguments"),
    ("undefvar.hoc", "x_v = 1\ny_v = nosuchvar + 1\n", 2, r"undefined variable nosuchvar"),
    ("div.hoc", "create a_d\na_d.diam = 1/0\n", 2, r"division by zero"),
    ("ins.hoc", "create a_i\naccess a_i\ninsert nosuch\n", 3,
     r"argument not a density mechanism name: 'nosuch'"),
    ("nseg.hoc", "create a_n\na_n.nseg = 0\n", 2, r"nseg"),
    ("badL.hoc", "create a_l\na_l.L = -5\n", 2, r"a_l: L must be positive, got -5\.0"),
    ("vidx.hoc", "objref vv_i\nvv_i = new Vector(3)\nprint vv_i.x[5]\n", 3,
     r"Vector\[\d+\]\.x\[5\]: index out of range \(size 3\)"),
    ("rec.hoc", "objref vv_r\nvv_r = new Vector()\nvv_r.record(5)\n", 3,
     r"record\(\): needs a reference to a variable.*Did you forget _ref_ \(Python\) or & \(HOC\)\?"),
    ("del.hoc", "create a_x\naccess a_x\ndelete_section()\nprint a_x.L\n", 4,
     r"can't access a deleted section: a_x was deleted"),
    ("pt3d.hoc", "create a_p\na_p { pt3dadd(0,0,0,1) pt3dadd(1e400,0,0,1) }\n", 2,
     r"a_p\.pt3dadd: x must be finite, got inf"),
    ("play.hoc", "objref vv_p\nvv_p = new Vector(3)\nvv_p.play(&t, 1)\n", 3,
     r"Vector\[\d+\]\.play\(\): playing into t is not implemented"),
    ("syntax.hoc", "x_s = 1\ny_s = (\n", 2, r"syntax error"),
])
def test_hoc_errors_carry_file_and_line(tmp_path, capsys, name, text, line, words):
    err, path = _load(tmp_path, name, text)
    assert isinstance(err, RuntimeError)
    assert (err.filename, err.line) == (path, line)
    assert str(err).startswith("%s:%d: " % (path, line))
    assert err.source_line.strip() == text.splitlines()[line - 1].strip()
    assert re.search(words, err.message), err.message
    report = capsys.readouterr().err       # NEURON's report on stderr too
    assert "near line %d" % line in report


def test_h_call_reports_and_returns_false(capsys):
    assert h("nosuchfunc_h(1)") is False           # NEURON 9.0.2: False, no exception
    err = capsys.readouterr().err
    assert "nosuchfunc_h undefined function" in err and "near line 1" in err


def test_wrong_argument_count_from_python():
    hoc.interpreter().execute("func two_args() { return $1 + $2 }\n")
    with pytest.raises(HocError, match=r"two_args not enough arguments"):
        h.two_args(1)
    assert h.two_args(1, 2) == 3.0


def test_runtime_error_in_a_procedure_names_the_frames():
    with pytest.raises(HocError) as e:
        hoc.interpreter().execute("func inv() { return 1/$1 }\nx_f = inv(0)\n", "frames.hoc")
    assert (e.value.filename, e.value.line, e.value.message) == ("frames.hoc", 2, "division by zero")
    assert e.value.frames == ["inv(0)"]
