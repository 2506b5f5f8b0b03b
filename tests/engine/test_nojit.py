"""The engine's tests pass with numba's JIT off (NUMBA_DISABLE_JIT=1): the generated
stepper and kernels are then plain Python, so this checks that what numba compiles means
what the Python source says (and gives tracebacks into it when it does not).

The tests run in a subprocess (the variable must be set before numba is imported); the
Ctrl-C test is left out (it sizes a ~3 s run from the measured speed, which in plain
Python is hundreds of times slower)."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_engine_tests_pass_without_the_jit(tmp_path):
    env = dict(os.environ)
    env["NUMBA_DISABLE_JIT"] = "1"
    # the generated modules are written and imported as usual; the folder may be shared
    env.setdefault("RANVIER_CACHE_DIR", str(tmp_path / "kernels"))
    cmd = [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "-p", "no:randomly",
           "tests/engine", "tests/reliability/test_engine_guards.py",
           "--ignore", "tests/engine/test_nojit.py", "-k", "not ctrl_c"]
    out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    tail = (out.stdout + out.stderr)[-4000:]
    assert out.returncode == 0, tail
    assert " passed" in out.stdout and "failed" not in out.stdout, tail
