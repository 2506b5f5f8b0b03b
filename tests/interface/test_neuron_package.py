"""The rest of NEURON 9's `neuron` package against NEURON 9.0.2's own answers.

data/probe_api9.py probes neuron.config, neuron.hoc / neuron.nrn types, hclass and
HocBaseObject subclassing, numpy_element_ref, neuron.expect_hocerr,
h.nrnmpi_init, ParallelContext on one process (bulletin board, collectives,
gid_clear), PlotShape.plot(pyplot) and psection(); data/expected_api9.json is what
NEURON 9.0.2 answered (data/make_expected_api9.py).  Here the same probe runs
under ranvier after `import ranvier.as_neuron`, in a fresh process so that object
numbering (IClamp[0]) is NEURON's.
"""
import json
import math
import os
import subprocess
import sys

import pytest

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")

_RUN = """
import json, sys
sys.path.insert(0, {data!r})
import ranvier.as_neuron
import neuron
import probe_api9
json.dump(probe_api9.run(neuron), sys.stdout)
"""


@pytest.fixture(scope="module")
def answers():
    with open(os.path.join(DATA, "expected_api9.json")) as f:
        expected = json.load(f)
    env = dict(os.environ, RANVIER_GUI="none", MPLBACKEND="Agg")
    out = subprocess.run([sys.executable, "-c", _RUN.format(data=DATA)], capture_output=True,
                         text=True, timeout=600, env=env)
    assert out.returncode == 0, out.stderr
    return expected, json.loads(out.stdout)


def _same(exp, got, path=""):
    """Recursive equality; floats to 1e-12 relative; dict key order ignored."""
    if isinstance(exp, dict):
        assert isinstance(got, dict), path
        assert sorted(got) == sorted(exp), "%s: keys %s != %s" % (path, sorted(got), sorted(exp))
        for k in exp:
            _same(exp[k], got[k], path + "." + k)
    elif isinstance(exp, list):
        assert isinstance(got, list) and len(got) == len(exp), "%s: %r != %r" % (path, got, exp)
        for i, (e, g) in enumerate(zip(exp, got)):
            _same(e, g, "%s[%d]" % (path, i))
    elif isinstance(exp, float):
        assert isinstance(got, float) and math.isclose(got, exp, rel_tol=1e-12, abs_tol=0), \
            "%s: %r != %r" % (path, got, exp)
    else:
        assert type(got) is type(exp) and got == exp, "%s: %r != %r" % (path, got, exp)


@pytest.mark.parametrize("key", ["types", "subclassing", "numpy_ref", "expect", "mpi",
                                 "bulletin_board", "collectives", "gid_clear", "plotshape",
                                 "psection"])
def test_same_as_neuron(answers, key):
    expected, got = answers
    _same(expected[key], got[key], key)


def test_plotshape_plot_plotly_as_neuron(answers):
    pytest.importorskip("plotly")           # the optional extra
    expected, got = answers
    _same(expected["plotshape_plotly"], got["plotshape_plotly"], "plotshape_plotly")


def test_config_has_neurons_keys_and_types(answers):
    expected, got = answers
    exp, mine = expected["config"], got["config"]
    assert mine["keys"] == exp["keys"]
    assert mine["types"] == exp["types"]
    assert mine["has_parse"] and mine["convert"] == exp["convert"] == [True, False, 12, "abc",
                                                                      ["a", "b"]]


def test_config_says_what_ranvier_has():
    from ranvier.interface.neuronpkg import config
    args = config.arguments
    assert args["NRN_ENABLE_PYTHON"] is True and args["NRN_ENABLE_MECH_DLL_STYLE"] is True
    assert args["NRN_ENABLE_MPI"] is False and args["NRN_ENABLE_CORENEURON"] is False
    assert args["PYTHON_EXECUTABLE"] == sys.executable
    assert config._parse_arguments() == args


def test_expected_data_is_neurons():
    with open(os.path.join(DATA, "expected_api9.json")) as f:
        assert json.load(f)["neuron_version"] == "9.0.2"
