"""The NEURON conformance corpus (../shared/conformance): every case on the
ratchet list (tests/conformance_passing.txt) must pass."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("RANVIER_CONFORMANCE", ROOT.parent / "shared" / "conformance"))
RATCHET = ROOT / "tests" / "conformance_passing.txt"


def ratchet_cases():
    return [ln.strip() for ln in RATCHET.read_text().splitlines()
            if ln.strip() and not ln.startswith("#")]


@pytest.mark.skipif(not (CORPUS / "compare.py").exists(), reason="conformance corpus not found")
def test_ratchet_cases_pass(tmp_path):
    cases = ratchet_cases()
    cmd = [sys.executable, str(CORPUS / "compare.py"), "--python", "%s -m ranvier" % sys.executable,
           "-j", "2"] + cases
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, timeout=1800)
    print(proc.stdout)
    failed = [ln for ln in proc.stdout.splitlines() if ln.startswith("FAIL")]
    assert not failed, "\n".join(failed)
    assert "%d passed, 0 failed" % len(cases) in proc.stdout
