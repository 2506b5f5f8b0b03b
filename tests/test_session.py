"""ranvier.reset(): a fresh model in the same process.

A model built and run after reset() gives the very numbers (bit for bit) that
the same model gives in a fresh process, and those are NEURON's; names restart
at [0]; the clock and stdrun's variables are back at NEURON's defaults; objects
made before reset are cut off from the new model.
"""
import importlib.util
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

import ranvier
from ranvier import h
from ranvier.core.errors import ClearedObjectError, DeletedSectionError

ENGINE_TESTS = Path(__file__).parent / "engine"


def _reference_models():
    spec = importlib.util.spec_from_file_location(
        "neuron_reference_models", ENGINE_TESTS / "neuron_reference_models.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MODELS = _reference_models()
REF = json.loads((ENGINE_TESTS / "data" / "neuron_reference.json").read_text())


def _branched_tree():
    """NEURON's branched 3-D tree (tests/engine/neuron_reference_models.py)."""
    h.load_file("stdrun.hoc")
    return json.loads(json.dumps(MODELS.branched_3d_tree(h)))


def _network():
    """hh soma driven by a NetStim through an ExpSyn; spike times of both recorded."""
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    soma.L = soma.diam = 20
    soma.insert("hh")
    syn = h.ExpSyn(soma(0.5))
    syn.tau = 2
    stim = h.NetStim()
    stim.start, stim.interval, stim.number, stim.noise = 1, 2, 3, 0
    nc = h.NetCon(stim, syn)
    nc.delay, nc.weight[0] = 1, 0.05
    stim_times = h.Vector()
    nc.record(stim_times)
    out = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
    out.threshold = 0
    spikes = h.Vector()
    out.record(spikes)
    v = h.Vector().record(soma(0.5)._ref_v)
    h.finitialize(-65)
    h.continuerun(12)
    return {"stim": list(stim_times), "spikes": list(spikes), "v": v.as_numpy().copy()}


def _mess_up_everything():
    """State a model typically leaves behind, all of which reset() must undo."""
    h.load_file("stdrun.hoc")
    h.dt = 0.01
    h.celsius = 22
    h.secondorder = 2
    h.usetable_hh = 0
    h.tstop = 123
    h.v_init = -70
    h.cvode_active(1)
    h.cvode.atol(1e-6)
    h("create hocsec\naccess hocsec\nobjref hv\nhv = new Vector(3)\nx_left_over = 7")
    h.distance(0, 0.5, sec=h.Section(name="origin"))


def test_the_same_model_after_reset_gives_the_same_bits_and_neurons_numbers():
    first = _branched_tree()
    ref = REF["branched_3d_tree"]
    for key in ("soma", "d1", "d2end", "ina"):      # NEURON 9.0.2's numbers
        np.testing.assert_allclose(first[key], ref[key], rtol=1e-9, atol=1e-9)
    assert first["n"] == ref["n"]
    _mess_up_everything()
    ranvier.reset()
    assert _branched_tree() == first                # bit for bit


def test_events_and_spikes_are_identical_after_reset():
    first = _network()
    # NetStim with noise 0: events at start + k*interval, exactly
    assert first["stim"] == [1.0, 3.0, 5.0]
    assert len(first["spikes"]) >= 1
    _mess_up_everything()
    ranvier.reset()
    second = _network()
    assert second["stim"] == first["stim"]
    assert second["spikes"] == first["spikes"]
    assert np.array_equal(second["v"], first["v"])


def test_after_reset_the_numbers_are_those_of_a_fresh_process(tmp_path):
    _mess_up_everything()
    _network()
    ranvier.reset()
    here = _network()
    script = tmp_path / "fresh.py"
    script.write_text(textwrap.dedent("""
        import sys
        sys.path.insert(0, %r)
        import test_session
        r = test_session._network()
        print(repr([r["stim"], r["spikes"], [float(x).hex() for x in r["v"]]]))
    """ % str(Path(__file__).parent)))
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == repr([here["stim"], here["spikes"],
                                       [float(x).hex() for x in here["v"]]])


def test_clock_and_stdrun_variables_are_back_at_neurons_defaults():
    _mess_up_everything()
    h.finitialize(-65)
    h.fadvance()
    ranvier.reset()
    assert h.t == 0 and h.dt == 0.025 and h.celsius == 6.3 and h.secondorder == 0
    assert h.usetable_hh == 1
    assert h.cvode_active() == 0
    h.load_file("stdrun.hoc")
    assert (h.tstop, h.v_init, h.steps_per_ms) == (5, -65, 40)
    assert h.cvode.atol() == 1e-3 and h.cvode.hname() == "CVode[0]"


def test_stdrun_is_unloaded():
    h.load_file("stdrun.hoc")
    h.tstop = 50
    ranvier.reset()
    with pytest.raises(AttributeError):
        h.tstop
    h.load_file("stdrun.hoc")
    assert h.tstop == 5


def test_object_names_restart_at_zero():
    sec = h.Section(name="a")
    kept = [h.Vector() for _ in range(4)] + [h.IClamp(sec(0.5)), h.List()]
    assert kept[3].hname() == "Vector[3]"
    ranvier.reset()
    sec = h.Section(name="a")
    assert h.Vector().hname() == "Vector[0]"
    ic = h.IClamp(sec(0.5))
    assert ic.hname() == "IClamp[0]"
    assert h.List("IClamp").count() == 1 and h.List("IClamp").o(0) is ic
    # stdrun.hoc makes six Lists in NEURON, so a model's first List is List[6]
    h.load_file("stdrun.hoc")
    assert h.List().hname() == "List[6]"


def test_hoc_is_fresh():
    h("create hs\nobjref hv\nhv = new Vector(3)\nx_left_over = 7\nfunc f() { return 2 }")
    ranvier.reset()
    for name in ("hs", "hv", "x_left_over", "f"):
        with pytest.raises(AttributeError):
            getattr(h, name)
    assert list(h.allsec()) == []


def test_a_section_from_before_reset_behaves_as_deleted():
    sec = h.Section(name="old")
    sec.insert("hh")
    seg = sec(0.5)
    h.finitialize(-65)
    ranvier.reset()
    assert list(h.allsec()) == []
    with pytest.raises(DeletedSectionError):
        sec.L
    with pytest.raises(DeletedSectionError):
        sec(0.5)
    with pytest.raises(DeletedSectionError):
        sec.insert("pas")
    with pytest.raises(DeletedSectionError):
        seg.v = 10
    with pytest.raises(ReferenceError):       # NEURON raises ReferenceError
        sec.v
    assert sec.name() == "old"
    with pytest.raises(Exception, match="[Ss]ection access unspecified"):
        h.cas()
    # the new model is untouched by the old section
    new = h.Section(name="new")
    h.finitialize(-65)
    assert new(0.5).v == -65


def test_point_processes_and_netcons_from_before_reset_are_cut_off():
    sec = h.Section(name="old")
    ic = h.IClamp(sec(0.5))
    syn = h.ExpSyn(sec(0.5))
    nc = h.NetCon(None, syn)
    ranvier.reset()
    new = h.Section(name="new")
    ic2 = h.IClamp(new(0.5))
    ic2.amp = 0.3
    syn2 = h.ExpSyn(new(0.5))
    nc2 = h.NetCon(None, syn2)
    nc2.weight[0] = 0.2
    for use in (lambda: ic.amp, lambda: setattr(ic, "amp", 5), lambda: ic.get_segment(),
                lambda: nc.weight, lambda: setattr(nc, "delay", 3), lambda: nc.event(1)):
        with pytest.raises(ClearedObjectError, match="ranvier.reset"):
            use()
    assert isinstance(ic, h.IClamp) and ic.hname() == "IClamp[0]"
    del ic, syn, nc                 # freeing them must not free the new model's slots
    import gc
    gc.collect()
    h.finitialize(-65)
    assert ic2.amp == 0.3 and nc2.weight[0] == 0.2 and nc2.active()


def test_a_vector_keeps_its_data_but_stops_recording():
    sec = h.Section(name="s")
    v = h.Vector().record(sec(0.5)._ref_v)
    t = h.Vector().record(h._ref_t)
    h.finitialize(-65)
    h.fadvance()
    h.fadvance()
    data = list(t)
    assert data == [0.0, 0.025, 0.05]
    ranvier.reset()
    sec2 = h.Section(name="s2")
    h.finitialize(-65)
    for _ in range(4):
        h.fadvance()
    assert list(t) == data and len(v) == 3
    assert v.hname() == "Vector[0]"        # the name it had: names of old objects stay


def test_reset_without_simulation_imports_nothing_heavy():
    code = ("import sys, ranvier; ranvier.reset(); ranvier.reset(); "
            "print('numba' in sys.modules, 'lark' in sys.modules, 'ranvier.hoc.interp' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "False", "False"]
