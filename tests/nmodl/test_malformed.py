"""Malformed .mod files: each raises NmodlError with file:line:column, the source line
and a caret under the offending text, as a compiler does.

The files are in ``malformed/``: ``valid_base.mod`` (a K channel) and one variant per
mistake.  ``malformed/neuron_verdicts.json`` is NEURON 9.0.2's verdict on every file
(``make_expected.py``: nocmodl, then the C++ build of nrnivmodl, then loading the
library and a 3-step run), so each case is checked to be refused by NEURON too, and the
files NEURON accepts (``ok_*.mod``) must translate here and give NEURON's numbers.
"""

import io
import json
import os
import re

import pytest

from ranvier.core.errors import NmodlError, RanvierError
from ranvier.nmodl.mechanism import translate

HERE = os.path.join(os.path.dirname(__file__), "malformed")
with open(os.path.join(HERE, "neuron_verdicts.json")) as _f:
    VERDICTS = json.load(_f)

END = object()      # the caret sits just after the line's last code character

# file -> (line, the text the caret points at (or END), message pattern)
CASES = {
    # syntax
    "missing_brace.mod": (15, END, r"missing '\}': the block above ASSIGNED \(line 16\) is not closed"),
    "bad_token.mod": (28, "$", r"unexpected character '\$'"),
    "unterminated_comment.mod": (25, "COMMENT", r"COMMENT block is never closed by ENDCOMMENT"),
    "unterminated_verbatim.mod": (55, "VERBATIM", r"VERBATIM block is never closed by ENDVERBATIM"),
    "bad_units.mod": (10, "(millivolt", r"unit has no closing '\)'"),
    "units_not_unit.mod": (11, "siemens", r"unexpected 'siemens'; expected one of: a unit"),
    "bad_number.mod": (14, ".36", r"unexpected '\.36'"),
    "unclosed_paren.mod": (52, END, r"missing '\)' at the end of this line \('ntau' on line 53"),
    "misspelled_block.mod": (26, "BREAKPIONT", r"did you mean BREAKPOINT\?"),
    "missing_equals.mod": (53, "1/(a", r"unexpected '1'"),
    "else_without_if.mod": (51, "{ a", r"unexpected '\{'"),
    "partial_block.mod": (57, "' = DEL2", r"unexpected character \"'\""),
    # semantics
    "undefined_variable.mod": (29, "ekk", r"undefined variable ekk"),
    "duplicate_declaration.mod": (24, "gbar", r"Multiple declaration of gbar"),
    "solve_unknown_block.mod": (27, "stats", r"SOLVE stats: no DERIVATIVE block or PROCEDURE"),
    "unknown_method.mod": (27, "rk9", r"unknown METHOD rk9"),
    "wrong_arity.mod": (51, "alpha(v, 2)", r"FUNCTION alpha takes 1 argument\(s\), got 2"),
    "function_as_variable.mod": (28, "vtrap", r"FUNCTION vtrap used as a variable"),
    "prime_of_non_state.mod": (38, "g' = 1", r"g is not a STATE variable"),
    "not_an_ion_variable.mod": (4, "ena", r"ena is not a variable of ion k"),
    "assign_to_constant_in_breakpoint.mod": (30, "dt = 0.1", r"dt is a special NEURON variable"),
    "watch_without_flag.mod": (19, "WATCH", r"WATCH \(expr > expr\) flag: the flag \(a number\) "
                                            r"is missing"),
    "watch_in_initial.mod": (15, "WATCH", r'"WATCH" statement only allowed in NET_RECEIVE block '
                                          r'\(here: INITIAL\)'),
}
UNSUPPORTED = set()     # files NEURON accepts that ranvier refuses (none now)
OK_FILES = sorted(f for f in os.listdir(HERE) if f.startswith("ok_")) + ["valid_base.mod"]


def _read(name):
    with open(os.path.join(HERE, name)) as f:
        return f.read()


def _translate(name):
    return translate(_read(name), os.path.join(HERE, name))


def test_enough_cases_and_neuron_agrees():
    assert len(CASES) - len(UNSUPPORTED) >= 15
    assert set(CASES) | set(OK_FILES) | {"useion_unknown_ion.mod"} == set(VERDICTS)
    for name in CASES:
        assert VERDICTS[name]["refused"] is (name not in UNSUPPORTED), name
    for name in OK_FILES:
        assert VERDICTS[name]["refused"] is False, name
    # NEURON refuses these only after nocmodl: the C++ compiler, or loading the library
    assert VERDICTS["undefined_variable.mod"]["stage"] == "nrnivmodl"
    assert VERDICTS["wrong_arity.mod"]["stage"] == "nrnivmodl"
    assert VERDICTS["useion_unknown_ion.mod"]["stage"] == "load"


@pytest.mark.parametrize("name", sorted(CASES))
def test_malformed_file_is_located(name):
    line, at, pattern = CASES[name]
    path = os.path.join(HERE, name)
    with pytest.raises(NmodlError) as ei:
        _translate(name)
    e = ei.value
    assert isinstance(e, RanvierError)
    assert re.search(pattern, e.message), e.message
    src = _read(name).splitlines()[line - 1]
    assert (e.filename, e.line, e.source_line) == (path, line, src)
    if at is END:
        column = len(src.split(":")[0].rstrip()) + 1
    else:
        column = src.index(at) + 1
    assert e.column == column, str(e)
    first, shown, caret = str(e).split("\n")
    assert first == "%s:%d:%d: error: %s" % (path, line, column, e.message)
    assert shown == "    " + src
    assert caret == "    " + " " * (column - 1) + "^"


def test_caret_under_tabs():
    text = _read("undefined_variable.mod").replace("    ik = g*(v - ekk)", "\tik = g*(v - ekk)")
    with pytest.raises(NmodlError) as ei:
        translate(text, "tabs.mod")
    _, shown, caret = str(ei.value).split("\n")
    assert ei.value.column == 14        # characters, a tab counting one (as lark and gcc count)
    assert shown[caret.index("^"):].startswith("ekk")


@pytest.mark.parametrize("name", OK_FILES)
def test_files_neuron_accepts_translate(name):
    desc, source = _translate(name)
    assert desc["name"] == ("ok_no_neuron_block" if name == "ok_no_neuron_block.mod" else "kt")
    compile(source, name, "exec")


def test_no_neuron_block_is_named_after_the_file():
    desc, _ = _translate("ok_no_neuron_block.mod")
    # nocmodl: PARAMETERs are GLOBAL, STATEs range, ASSIGNED hidden (NEURON's dir(h) and psection)
    assert desc["kind"] == "density"
    assert {"gbar", "vhalf"} <= set(desc["public_globals"])
    assert desc["public_range"] == ["n"]
    assert desc["ions"] == []


@pytest.mark.slow
@pytest.mark.parametrize("name", OK_FILES)
def test_files_neuron_accepts_give_neurons_numbers(name, tmp_path):
    """finitialize(-60) and 3 steps: v and every STATE bit for bit as NEURON's."""
    import ranvier
    from ranvier import h
    from ranvier.model import mechanisms
    from ranvier.nmodl import load_mechanism
    ranvier.reset()
    text = _read(name)
    # one suffix per file: several of them are the same mechanism 'kt' in NEURON's runs
    suffix = "ok_no_neuron_block" if name == "ok_no_neuron_block.mod" else "kt_" + name[:-4]
    text = text.replace("SUFFIX kt", "SUFFIX " + suffix)
    path = tmp_path / name
    path.write_text(text)
    mech = mechanisms.register(load_mechanism(str(path)))
    assert mech.name == suffix
    sec = h.Section(name="s")
    sec.insert(suffix)
    h.finitialize(-60)
    for _ in range(3):
        h.fadvance()
    want = VERDICTS[name]["run"]
    got = {"v": sec(0.5).v}
    got.update({st: getattr(sec(0.5), st + "_" + suffix) for st in want if st != "v"})
    assert got == want
    ranvier.reset()


def test_ion_without_valence_is_refused_at_load():
    """NEURON loads the library, then stops: 'xx_ion USEION CHARGE (or VALENCE) must be
    defined in at least one model using this ion'.  ranvier refuses that file (located
    at its USEION) and loads the others."""
    from ranvier.library import mechloader
    from ranvier.model import mechanisms, store
    text = _read("useion_unknown_ion.mod").replace("SUFFIX kt", "SUFFIX kt_novalence")
    text = text.replace("xx", "zqv")          # an ion no other test registers
    err = io.StringIO()
    path = os.path.join(HERE, "useion_unknown_ion.mod")
    names = mechloader._register_sources([(path, text)], err=err)
    assert names == []
    assert "kt_novalence" not in mechanisms.loaded()
    assert "zqv" not in store.ION_VALENCE
    line = text.splitlines()[4]
    assert line == "    USEION zqv READ zqvi"
    out = err.getvalue().splitlines()
    assert out[0].startswith("%s:5:12: error: ion zqv has no VALENCE" % path)
    assert out[1:3] == ["    " + line, "    " + " " * 11 + "^"]


def test_ion_valence_from_another_file_of_the_same_library():
    """NEURON: one mechanism of the library giving VALENCE is enough, whichever is
    registered first (ion_charge('xx_ion') is then 2 for both)."""
    from ranvier.library import mechloader
    from ranvier.model import mechanisms, store
    base = _read("useion_unknown_ion.mod").replace("xx", "zqw")
    a = base.replace("SUFFIX kt", "SUFFIX kt_val_a")
    b = base.replace("SUFFIX kt", "SUFFIX kt_val_b").replace("USEION zqw READ zqwi",
                                                             "USEION zqw READ zqwi VALENCE 2")
    err = io.StringIO()
    names = mechloader._register_sources([("a1.mod", a), ("b2.mod", b)], err=err)
    assert err.getvalue() == ""
    assert names == ["kt_val_a", "kt_val_b"]
    assert store.ION_VALENCE["zqw"] == 2
    assert {"kt_val_a", "kt_val_b"} <= set(mechanisms.loaded())
