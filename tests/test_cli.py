"""`python -m ranvier script.py args`: a NEURON script runs unchanged, as __main__."""
import subprocess
import sys
import textwrap


def test_script_runs_as_main_with_neuron_aliased(tmp_path):
    script = tmp_path / "s.py"
    script.write_text(textwrap.dedent("""
        import sys
        from neuron import h
        from neuron.units import ms, mV
        import __main__
        soma = h.Section(name='soma')
        print(__name__, __file__ == sys.argv[0], sys.argv[1:], soma.name(), 5 * ms, mV)
        print(__main__.__dict__ is globals())
    """))
    out = subprocess.run([sys.executable, "-m", "ranvier", str(script), "a", "b"],
                         capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert out.returncode == 0, out.stderr
    # neuron.units.ms and mV are ints in NEURON 9.0.2: 5 * ms prints 5
    assert out.stdout.splitlines() == ["__main__ True ['a', 'b'] soma 5 1", "True"]


def test_import_is_light():
    code = "import sys, ranvier; print('numba' in sys.modules, 'lark' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["False", "False"]
