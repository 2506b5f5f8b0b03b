"""sred and xred: NEURON 9.0.2 printed 'choose (b)' / 'value (3)' and took the defaults
(1, the index of b in "abc", and 3) on empty lines; other input is checked and asked
again; the end of input gives the default (NEURON's xred loops forever there)."""
import io

from ranvier import h


def _run(monkeypatch, capsys, typed):
    monkeypatch.setattr("sys.stdin", io.StringIO(typed))
    capsys.readouterr()
    h('sredx = sred("choose", "b", "abc")\nxredy = xred("value", 3, 0, 10)')
    return h.sredx, h.xredy, capsys.readouterr().out


def test_defaults_on_empty_lines_and_at_end_of_input(monkeypatch, capsys):
    assert _run(monkeypatch, capsys, "\n\n") == (1, 3, "choose (b)value (3)")
    assert _run(monkeypatch, capsys, "")[:2] == (1, 3)


def test_typed_answers_are_checked(monkeypatch, capsys):
    x, y, out = _run(monkeypatch, capsys, "q\nc\n42\n5\n")
    assert (x, y) == (2, 5)
    assert out == "choose (b)choose (b)value (3)input error\nvalue (3)"
