"""HOC programs checked against nrniv 9.0.2's output: psection() text, the objects
that NEURON's library leaves behind (List[8]/Vector[3] after nrngui.hoc), Graph return
values, and Vector.record(&t) from HOC driving a run."""
import io
from contextlib import redirect_stdout

from ranvier import h
from ranvier import hoc


def run(text):
    out = io.StringIO()
    with redirect_stdout(out):
        hoc.interpreter().execute(text, filename="test.hoc")
    return out.getvalue()


def test_psection_text():
    for s in list(h.allsec()):
        h.delete_section(sec=s)
    out = run("create psoma, pdend\nconnect pdend(0), psoma(0.5)\n"
              "pdend { insert pas insert hh g_pas=2e-4 }\nobjref pss\npdend pss = new ExpSyn(0.3)\n"
              "pdend psection()\n")
    assert out == ("pdend { nseg=1  L=100  Ra=35.4\n"
                   "\tpsoma connect pdend (0), 0.5\n"
                   "\t/* First segment only */\n"
                   "\tinsert morphology { diam=500}\n"
                   "\tinsert capacitance { cm=1}\n"
                   "\tinsert pas { g_pas=0.0002 e_pas=-70}\n"
                   "\tinsert hh { gnabar_hh=0.12 gkbar_hh=0.036 gl_hh=0.0003 el_hh=-54.3}\n"
                   "\tinsert na_ion { ena=50}\n"
                   "\tinsert k_ion { ek=-77}\n"
                   "\tinsert ExpSyn { tau=0.1 e=0}\n"
                   "}\n")


def test_graph_methods_return_neurons_values():
    out = run("objref gg\ngg = new Graph(0)\ngg.size(0, 20, -80, 40)\ngg.addvar(\"t\", 1, 1)\n"
              "gg.begin()\ngg.flush()\n")
    assert out == "\t0 \n\t1 \n\t1 \n\t1 \n"


def test_record_address_of_t_from_hoc():
    for s in list(h.allsec()):
        h.delete_section(sec=s)
    out = run('load_file("stdrun.hoc")\ncreate rsoma\naccess rsoma\ninsert hh\n'
              "objref rt, rv\nrt = new Vector()\nrv = new Vector()\n"
              "{rt.record(&t) rv.record(&rsoma.v(0.5))}\n{tstop = 2  run()}\n"
              'printf("%d %g\\n", rt.size(), rt.x[rt.size()-1])\n')
    assert "\n81 2\n" in out        # (a top-level printf also echoes its count, as in NEURON)
