"""The kernel cache (mechanism.py) and the lazy-import promise."""

import os
import subprocess
import sys

SRC = os.path.join(os.path.dirname(__file__), "..", "..", "src")


def _run(code, cache):
    env = dict(os.environ, RANVIER_CACHE_DIR=str(cache), PYTHONPATH=os.path.abspath(SRC))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_import_is_lazy(tmp_path):
    out = _run("import sys, ranvier.nmodl; print('numba' in sys.modules, 'lark' in sys.modules)",
               tmp_path)
    assert out.split() == ["False", "False"]


def test_second_process_needs_no_lark(tmp_path):
    code = """
import sys
from ranvier.nmodl import builtin_mechanism, cache_dir
m = builtin_mechanism('pas')
mod = m.module()
print('lark' in sys.modules, m.module_name, os.path.basename(m.source_path))
""".replace("import sys", "import sys, os")
    first = _run(code, tmp_path).split()
    assert first[0] == "True"
    assert first[1].startswith("ranvier_mech_pas_") and len(first[1]) == len("ranvier_mech_pas_") + 12
    assert first[2] == first[1] + ".py"
    assert (tmp_path / first[2]).exists()
    second = _run(code, tmp_path).split()
    assert second == ["False"] + first[1:]


def test_module_importable_by_name():
    import importlib

    from ranvier.nmodl import builtin_mechanism, cache_dir
    m = builtin_mechanism("pas")
    assert cache_dir() in sys.path
    mod = importlib.import_module(m.module_name)
    for fn in ("nrn_init", "nrn_cur", "nrn_state", "check_table"):
        assert hasattr(mod, fn)
