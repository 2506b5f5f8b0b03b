"""HOC on ranvier's real model (ranvier.library.namespace / ranvier.model)."""
import contextlib
import gc
import io
import os

import pytest

from ranvier.hoc import host, reset
from ranvier.library import hoc_host

HERE = os.path.dirname(os.path.abspath(__file__))


@pytest.fixture
def real():
    old = host.set_host(hoc_host.ModelHost())
    gc.collect()
    interp = reset()
    gc.collect()
    yield interp
    host.set_host(old)
    gc.collect()


def run(interp, text):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        interp.execute(text)
    return out.getvalue()


def test_template_sections_and_topology(real):
    path = os.path.join(HERE, "programs", "ck12_cell.hoc")
    with open(path) as f:
        text = f.read()
    with open(path[:-4] + ".stdout") as f:
        want = f.read()
    assert run(real, text) == want


def test_range_taper_and_for_x(real):
    out = run(real, "create a\naccess a\nnseg = 5\ndiam(0.3:0.7) = 10:20\n"
                    "for (x, 0) print x, diam(x)\n")
    assert out == "0.1 500 \n0.3 10 \n0.5 15 \n0.7 20 \n0.9 500 \n"


def test_python_sees_hoc_sections(real):
    run(real, "create soma, dend[2]\nsoma { L = 20 diam = 5 nseg = 3 }\n"
              "dend[1] connect dend[1](0), soma(1)\n")
    soma = real.get("soma")
    assert soma.name() == "soma" and soma.L == 20 and soma.nseg == 3
    dend = real.get("dend")
    assert dend[1].name() == "dend[1]" and dend[1].parentseg().sec is soma
    soma.L = 30
    assert run(real, "print soma.L\n") == "30 \n"


def test_stdrun_override_and_shadowed_tstop(real):
    out = run(real, 'proc myrun() { tstop = 0.1 run() }\nload_file("stdrun.hoc")\ncreate soma\n'
                    'access soma\nproc init() { finitialize(v_init) print "my init" }\nmyrun()\n'
                    "print t, tstop\n")
    assert out == "\t1 \nmy init\n0.1 0.1 \n"


def test_point_process_and_record(real):
    gc.collect()        # IClamps of earlier tests must be gone for the name IClamp[0]
    out = run(real, "create soma\naccess soma\ninsert hh\nobjref ic, vv\nic = new IClamp(0.5)\n"
                    "ic.amp = 0.1\nvv = new Vector()\nvv.record(&soma.v(0.5))\nfinitialize(-65)\n"
                    "{fadvance() fadvance()}\nprint ic, ic.amp, vv.size()\n")
    assert out.endswith("IClamp[0] 0.1 3 \n")


REAL_PROGRAMS = sorted(f for f in os.listdir(os.path.join(HERE, "real_programs")) if f.endswith(".hoc"))


@pytest.mark.parametrize("name", REAL_PROGRAMS)
def test_program_on_the_real_host_matches_neuron(real, name):
    """Programs that need NEURON's built-in classes (Matrix, Vector...); their
    .stdout was recorded with `nrniv -nogui -nobanner` (NEURON 9.0.2)."""
    path = os.path.join(HERE, "real_programs", name)
    with open(path) as f:
        text = f.read()
    with open(path[:-4] + ".stdout") as f:
        want = f.read()
    assert run(real, text) == want
