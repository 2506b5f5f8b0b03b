"""`import neuron` resolving to ranvier: ``import ranvier.as_neuron`` (notebooks, plain
python), ``python -m ranvier script.py`` (same alias table), the opt-in venv shim
(``--install-neuron-alias`` / ``--uninstall-neuron-alias``), and a script's
traceback without ranvier's frames.  Each runs in a fresh interpreter."""
import json
import os
import subprocess
import sys
import textwrap

ENV = dict(os.environ, RANVIER_GUI="none", MPLBACKEND="Agg")


def _python(code, *args, env=None, cwd=None):
    return subprocess.run([sys.executable, *args, "-c", textwrap.dedent(code)],
                          capture_output=True, text=True, timeout=300, env=env or ENV, cwd=cwd)


_SURFACE = """
    import json, sys
    {first}
    import neuron
    import neuron.units, neuron.config, neuron.hoc, neuron.nrn, neuron.expect_hocerr
    from neuron import h, n, units, hoc, nrn, config, hclass, HocBaseObject
    from neuron.units import ms, mV, um
    import ranvier, ranvier.core.units, ranvier.interface.neuronpkg.config as cfg
    had_tstop = hasattr(h, "tstop")
    from neuron import gui                       # loads stdrun.hoc, as NEURON's gui
    print(json.dumps({{
        "name": neuron.__name__,
        "h": neuron.h is ranvier.h, "n": n is ranvier.n,
        "units_same": neuron.units is ranvier.core.units and units is neuron.units,
        "config_same": config is cfg and sys.modules["neuron.config"] is cfg,
        "units": [ms, mV, um, type(ms).__name__],
        "stdrun_before_gui": had_tstop, "tstop": h.tstop, "steps_per_ms": h.steps_per_ms,
        "gui_module": sys.modules["neuron.gui"] is gui,
        "load_mechanisms": callable(neuron.load_mechanisms),
        "reset": callable(neuron.reset),
        "version": [neuron.__version__, neuron.ranvier_version == ranvier.__version__],
    }}))
"""


def _check_surface(out):
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout.splitlines()[-1])
    assert got == {"name": "ranvier.interface.neuronpkg", "h": True, "n": True,
                   "units_same": True, "config_same": True, "units": [1, 1, 1, "int"],
                   # NEURON 9.0.2: h.tstop appears with `from neuron import gui`, = 5, 40
                   "stdrun_before_gui": False, "tstop": 5.0, "steps_per_ms": 40.0,
                   "gui_module": True, "load_mechanisms": True, "reset": True,
                   "version": ["9.0.2", True]}      # the interface's NEURON release


def test_import_ranvier_as_neuron_gives_the_neuron_package():
    _check_surface(_python(_SURFACE.format(first="import ranvier.as_neuron")))


def test_python_m_ranvier_uses_the_same_aliases(tmp_path):
    script = tmp_path / "surface.py"
    script.write_text(textwrap.dedent(_SURFACE.format(first="")))
    out = subprocess.run([sys.executable, "-m", "ranvier", str(script)], capture_output=True,
                         text=True, timeout=300, env=ENV)
    _check_surface(out)


def test_without_the_alias_neuron_is_not_ranvier():
    out = _python("import ranvier, sys\ntry:\n    import neuron\n    print(neuron.__name__)\n"
                  "except ImportError:\n    print('none')")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() in ("none", "neuron")      # NEURON itself, or nothing


def test_venv_shim_installs_and_uninstalls(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    out = subprocess.run([sys.executable, "-m", "ranvier", "--install-neuron-alias", str(site)],
                         capture_output=True, text=True, timeout=120, env=ENV)
    assert out.returncode == 0, out.stderr
    assert "installed" in out.stdout and (site / "neuron" / "__init__.py").exists()
    env = dict(ENV, PYTHONPATH=str(site))
    got = _python("import neuron\nfrom neuron import h\nimport neuron.units\n"
                  "print(neuron.__name__, h.Vector([1, 2, 3]).sum(), neuron.units.ms)", env=env,
                  cwd=str(tmp_path))
    assert got.returncode == 0, got.stderr
    assert got.stdout.split() == ["ranvier.interface.neuronpkg", "6.0", "1"]
    out = subprocess.run([sys.executable, "-m", "ranvier", "--uninstall-neuron-alias", str(site)],
                         capture_output=True, text=True, timeout=120, env=ENV)
    assert out.returncode == 0 and "removed" in out.stdout
    assert not (site / "neuron").exists()


def test_venv_shim_never_replaces_an_installed_neuron(tmp_path):
    from ranvier import as_neuron
    real = tmp_path / "neuron"
    real.mkdir()
    (real / "__init__.py").write_text("# NEURON itself\n")
    msg = as_neuron.install_shim(str(tmp_path))
    assert msg.startswith("NEURON is installed here")
    assert (real / "__init__.py").read_text() == "# NEURON itself\n"
    assert as_neuron.uninstall_shim(str(tmp_path)).startswith("no ranvier neuron alias")
    assert (real / "__init__.py").exists()


def test_script_traceback_shows_the_users_lines_only(tmp_path):
    script = tmp_path / "bad.py"
    script.write_text("from neuron import h\n\nv = h.Vector()\nv.record(3.0)\n")
    out = subprocess.run([sys.executable, "-m", "ranvier", str(script)], capture_output=True,
                         text=True, timeout=120, env=ENV)
    assert out.returncode == 1
    err = out.stderr
    assert 'File "%s", line 4, in <module>' % script in err
    assert os.path.join("src", "ranvier") not in err and "runpy" not in err
    assert err.rstrip().splitlines()[-1].startswith(("TypeError", "ranvier"))
    full = subprocess.run([sys.executable, "-m", "ranvier", str(script)], capture_output=True,
                          text=True, timeout=120, env=dict(ENV, RANVIER_TRACEBACK="full"))
    assert os.path.join("ranvier", "data", "vector.py") in full.stderr
