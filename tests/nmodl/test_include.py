"""INCLUDE "file" (nmodl/include.py): NEURON's search order (NMODL.md section 1),
errors located at the INCLUDE line or inside the included file, and the cache key
covering the included text.  The numbers of a mechanism built from an include are
checked against NEURON in test_workflow.py (wfinc.mod)."""
import os

import pytest

from ranvier import NmodlError
from ranvier.nmodl import load_mechanism
from ranvier.nmodl.include import resolve

MAIN = '''NEURON { SUFFIX %s RANGE a }
PARAMETER { a = 1 }
INCLUDE "%s"
'''


def _fn_value(mech, name, *args):
    import numpy as np
    fn = mech.module().FUNCTIONS[name]
    data = mech.new_data(1)
    return fn(data, 0, np.array(mech.global_defaults or [0.0]), mech.new_table(), -65.0, 0.0, 0.025,
              6.3, 100.0, *args)


def test_include_from_the_including_files_folder(tmp_path):
    (tmp_path / "f1.inc").write_text("FUNCTION twice(x) { twice = 2*x }\n")
    (tmp_path / "inc1.mod").write_text(MAIN % ("inc1", "f1.inc"))
    m = load_mechanism(str(tmp_path / "inc1.mod"))
    assert "twice" in m.functions
    assert _fn_value(m, "twice", 21.0) == 42.0


def test_search_order_folder_then_cwd_then_parent_then_modl_include(tmp_path, monkeypatch):
    src, cwd, inc = tmp_path / "src", tmp_path / "a" / "cwd", tmp_path / "incdir"
    for d in (src, cwd, inc):
        d.mkdir(parents=True)
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("MODL_INCLUDE", str(inc))
    including = str(src / "x.mod")
    (inc / "g.inc").write_text("")
    assert resolve("g.inc", including) == str(inc / "g.inc")
    (tmp_path / "a" / "g.inc").write_text("")                   # ../ beats MODL_INCLUDE
    assert resolve("g.inc", including) == str(tmp_path / "a" / "g.inc")
    (cwd / "g.inc").write_text("")                              # the cwd beats ../
    assert resolve("g.inc", including) == str(cwd / "g.inc")
    (src / "g.inc").write_text("")                              # the including folder first
    assert resolve("g.inc", including) == str(src / "g.inc")
    assert resolve(str(inc / "g.inc"), including) == str(inc / "g.inc")   # an absolute path
    assert resolve("none.inc", including) is None


def test_missing_include_is_an_error_at_the_include_line(tmp_path):
    (tmp_path / "inc2.mod").write_text(MAIN % ("inc2", "nothere.inc"))
    with pytest.raises(NmodlError) as e:
        load_mechanism(str(tmp_path / "inc2.mod"))
    assert e.value.filename.endswith("inc2.mod") and e.value.line == 3
    assert 'cannot find INCLUDE file "nothere.inc"' in str(e.value)
    assert 'INCLUDE "nothere.inc"' in str(e.value)          # the source line is shown


def test_error_inside_the_included_file_names_that_file_and_line(tmp_path):
    (tmp_path / "bad.inc").write_text(": a comment\nFUNCTION f(x) {\n  f = 3 + * x\n}\n")
    (tmp_path / "inc3.mod").write_text(MAIN % ("inc3", "bad.inc"))
    with pytest.raises(NmodlError) as e:
        load_mechanism(str(tmp_path / "inc3.mod"))
    assert e.value.filename.endswith("bad.inc") and e.value.line == 3


def test_nested_include_and_self_include(tmp_path):
    (tmp_path / "outer.inc").write_text('INCLUDE "inner.inc"\nFUNCTION g(x) { g = h3(x) + 1 }\n')
    (tmp_path / "inner.inc").write_text("FUNCTION h3(x) { h3 = 3*x }\n")
    (tmp_path / "inc4.mod").write_text(MAIN % ("inc4", "outer.inc"))
    m = load_mechanism(str(tmp_path / "inc4.mod"))
    assert _fn_value(m, "g", 2.0) == 7.0
    (tmp_path / "loop.inc").write_text('INCLUDE "loop.inc"\n')
    (tmp_path / "inc5.mod").write_text(MAIN % ("inc5", "loop.inc"))
    with pytest.raises(NmodlError, match="includes itself"):
        load_mechanism(str(tmp_path / "inc5.mod"))


def test_editing_the_included_file_recompiles(tmp_path):
    (tmp_path / "k.inc").write_text("FUNCTION kk() { kk = 1 }\n")
    (tmp_path / "inc6.mod").write_text(MAIN % ("inc6", "k.inc"))
    m1 = load_mechanism(str(tmp_path / "inc6.mod"))
    (tmp_path / "k.inc").write_text("FUNCTION kk() { kk = 2 }\n")
    m2 = load_mechanism(str(tmp_path / "inc6.mod"))
    assert m1.key != m2.key
    assert _fn_value(m1, "kk") == 1.0 and _fn_value(m2, "kk") == 2.0
    assert os.path.exists(m2.source_path)
