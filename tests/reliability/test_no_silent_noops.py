"""The public names that do nothing: either NEURON does nothing there too (GUI calls
without a display, collective operations on one rank), or they now raise
NotImplementedError (Random.play: tested with its
themes).  Here: the legitimate ones behave as headless NEURON 9.0.2 does, and the
former silent ones answer truthfully."""
import pytest

from ranvier import h


def test_headless_panels_do_nothing_as_in_neuron():
    assert h.xpanel("p") == 0 and h.xbutton("b", "x = 1") == 0 and h.xpanel() == 0


def test_pwmanager_knows_neurons_methods_only():
    pwm = h.PWManager()
    assert pwm.count() == 0.0 and pwm.map(0) == 0.0 and pwm.window_place(0, 0, 0) == 0.0
    with pytest.raises(AttributeError, match=r"'PWManager' object has no attribute 'nosuch'"):
        pwm.nosuch()                       # a typo used to be accepted silently


def test_parallel_context_on_one_rank():
    pc = h.ParallelContext()
    assert (pc.id(), pc.nhost(), pc.nthread()) == (0.0, 1.0, 1.0)
    assert pc.barrier() == 0.0 and pc.done() == 0.0 and pc.allreduce(3.5, 1) == 3.5
    assert pc.step_time() == 0.0 and pc.wait_time() == 0.0 and pc.send_time() == 0.0
    sec = h.Section(name="pc_sec")
    sec.insert("hh")
    h.load_file("stdrun.hoc")
    h.finitialize(-65)
    pc.set_maxstep(10)
    pc.psolve(5)
    assert h.t == pytest.approx(5.0)
    assert pc.step_time() > 0.0            # it used to answer 0 whatever ran
    assert pc.wait_time() == 0.0 and pc.send_time() == 0.0    # nothing to wait for on one rank
