"""Parser tests (ranvier/nmodl/parser.py, nmodl.lark): syntax, precedence, errors."""

import pytest

from ranvier.core.errors import NmodlError
from ranvier.nmodl import ast, builtin_names, parse


def _expr(text):
    mod = parse("PROCEDURE p() { x = %s }" % text)
    return mod.items[0].body[0].expr


def test_builtin_mod_files_parse():
    for name in builtin_names():
        with open("src/ranvier/mechanisms/%s.mod" % name) as f:
            mod = parse(f.read(), name + ".mod")
        assert any(isinstance(i, ast.Decls) and i.kind == "NEURON" for i in mod.items)


def test_power_binds_tighter_than_unary_minus_and_is_right_associative():
    # nocmodl: %left UNARYMINUS, %right '^'
    e = _expr("-a^2")
    assert isinstance(e, ast.Neg) and isinstance(e.expr, ast.BinOp) and e.expr.op == "^"
    e = _expr("a^b^c")
    assert e.op == "^" and isinstance(e.right, ast.BinOp) and e.right.op == "^"
    e = _expr("2^-1")
    assert e.op == "^" and isinstance(e.right, ast.Neg)
    e = _expr("a - b - c")  # left associative
    assert e.op == "-" and isinstance(e.left, ast.BinOp)
    e = _expr("-(u+65)/18")  # negate, then divide
    assert e.op == "/" and isinstance(e.left, ast.Neg)


def test_logic_and_comparison_precedence():
    e = _expr("a < b && c >= d || !e")
    assert isinstance(e, ast.Logic) and e.op == "||"
    assert isinstance(e.left, ast.Logic) and e.left.op == "&&"
    assert isinstance(e.left.left, ast.Compare) and isinstance(e.right, ast.Not)


def test_comments_title_and_units_are_skipped():
    text = """TITLE a title : not a comment start
COMMENT
  anything { at all
ENDCOMMENT
? question-mark comment
NEURON { SUFFIX c : trailing comment
}
UNITS { (mV) = (millivolt) FARADAY = (faraday) (coulomb) }
PARAMETER { g = .5 (S/cm2) <0, 1e9> e = -70 (mV) }
"""
    mod = parse(text, "c.mod")
    kinds = [i.kind for i in mod.items]
    assert kinds == ["NEURON", "UNITS", "PARAMETER"]
    params = mod.items[2].items
    assert (params[0].name, params[0].value, params[0].limits) == ("g", 0.5, (0.0, 1e9))
    assert (params[1].name, params[1].value, params[1].unit) == ("e", -70.0, "(mV)")


def test_all_statement_kinds_parse():
    text = """
NEURON { SUFFIX s USEION ca READ cai, eca WRITE ica VALENCE 2 RANGE a GLOBAL b THREADSAFE }
STATE { y }
ASSIGNED { a b }
PROCEDURE p(x (mV)) (mV) {
    LOCAL i, z
    TABLE a DEPEND b FROM -10 TO 10 WITH 20
    if (x > 0) { a = 1 } else if (x < -1) { a = 2 } else { a = 3 }
    while (z < 3) { z = z + 1 }
    FROM i = 0 TO 3 BY 1 { z = z + i }
    at_time(1)
}
DERIVATIVE d { y' = -y }
KINETIC k { ~ y <-> z (1, 2) CONSERVE y + z = 1 }
NET_RECEIVE (w) { a = w }
"""
    mod = parse(text, "s.mod")
    assert [getattr(i, "kind", None) for i in mod.items] == [
        "NEURON", "STATE", "ASSIGNED", "PROCEDURE", "DERIVATIVE", "KINETIC", "NET_RECEIVE"]


def test_missing_brace_reports_the_line_where_it_is_missing():
    text = """NEURON { SUFFIX t1 NONSPECIFIC_CURRENT i }
PARAMETER { g = 1 }
ASSIGNED { v i }
BREAKPOINT {
    i = g*v
    if (v > 0) {
        i = 0
}
INITIAL { i = 0 }
"""
    with pytest.raises(NmodlError) as exc:
        parse(text, "file.mod")
    # the '}' closing BREAKPOINT belongs after line 8; the next token is on line 9
    assert exc.value.line == 8
    assert "file.mod:8" in str(exc.value)
    assert "missing '}'" in str(exc.value)


def test_missing_brace_at_end_of_file():
    text = "NEURON { SUFFIX t2 }\nASSIGNED { v }\nINITIAL {\n    v = 1\n"
    with pytest.raises(NmodlError) as exc:
        parse(text, "eof.mod")
    assert exc.value.line == 4 and "eof.mod:4" in str(exc.value)


def test_syntax_error_points_at_the_token():
    text = "NEURON { SUFFIX t3 }\nASSIGNED { x }\nINITIAL {\n  x = 3 + * 2\n}\n"
    with pytest.raises(NmodlError) as exc:
        parse(text, "bad.mod")
    assert exc.value.line == 4 and exc.value.column == 11
    assert "bad.mod:4" in str(exc.value) and "x = 3 + * 2" in str(exc.value)


def test_unterminated_comment_and_bad_character():
    with pytest.raises(NmodlError) as exc:
        parse("NEURON { SUFFIX a }\nCOMMENT\nnever closed\n", "c.mod")
    assert exc.value.line == 2 and "ENDCOMMENT" in str(exc.value)
    with pytest.raises(NmodlError) as exc:
        parse("NEURON { SUFFIX a }\n\nINITIAL { x = 1 $ }\n", "d.mod")
    assert exc.value.line == 3
