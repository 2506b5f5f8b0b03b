"""`nrniv missing.hoc`: NEURON 9.0.2 prints "nrniv: can't open missing.hoc" and goes on
(exit status 0); ranvier did the same through a Python traceback."""
from ranvier.__main__ import nrniv


def test_missing_hoc_file_is_reported_and_skipped(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.argv", ["nrniv"])
    rc = nrniv(["no_such_model.hoc", "-c", "print 6*7"])
    out, err = capsys.readouterr()
    assert rc == 0
    assert err.strip() == "nrniv: can't open no_such_model.hoc"
    assert out.split() == ["42"]
