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


def test_corpus_is_present():
    """The ratchet proves nothing without the corpus: a missing corpus fails,
    unless RANVIER_SKIP_CONFORMANCE=1 says so on purpose (never in CI)."""
    if os.environ.get("RANVIER_SKIP_CONFORMANCE") == "1" and not os.environ.get("CI"):
        pytest.skip("RANVIER_SKIP_CONFORMANCE=1")
    assert (CORPUS / "compare.py").exists(), (
        "conformance corpus not found at %s: put ../shared beside the repository or set "
        "RANVIER_CONFORMANCE" % CORPUS)


def test_ratchet_cases_pass(tmp_path):
    if os.environ.get("RANVIER_SKIP_CONFORMANCE") == "1" and not os.environ.get("CI"):
        pytest.skip("RANVIER_SKIP_CONFORMANCE=1")
    assert (CORPUS / "compare.py").exists(), "conformance corpus not found at %s" % CORPUS
    cases = ratchet_cases()
    cmd = [sys.executable, str(CORPUS / "compare.py"), "--python", "%s -m ranvier" % sys.executable,
           "-j", "2", "--timeout", "300"] + cases
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, timeout=1800)
    print(proc.stdout)
    failed = [ln for ln in proc.stdout.splitlines() if ln.startswith("FAIL")]
    assert not failed, "\n".join(failed)
    assert "%d passed, 0 failed" % len(cases) in proc.stdout
