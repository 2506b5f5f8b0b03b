"""Expected StateTransitionEvent results from NEURON 9.0.2
(tests/library/test_state_transition.py).

Run with NEURON's Python:  /tmp/nrnvenv/bin/python ste_make_expected.py
writes state_transition.json next to this file.  scenarios(h) is shared with the
test, which runs it in ranvier: a spiking hh soma watched by state machines
(voltage thresholds both ways, t thresholds, HOC statement callbacks, a callback
that changes the state, entering a state above threshold, fixed step dt 0.025
and 1/64).
"""
import json
import os


def scenarios(h):
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    soma.L = soma.diam = 20
    soma.insert("hh")
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 1, 30, 0.3
    out = {}
    log = []
    ste = h.StateTransitionEvent(2)
    thr_up, thr_dn = h.ref(-20.0), h.ref(-50.0)

    def up():
        log.append(["up", h.t, soma(0.5).v, int(ste.state())])

    def dn():
        log.append(["dn", h.t, soma(0.5).v, int(ste.state())])

    ste.transition(0, 1, soma(0.5)._ref_v, thr_up, up)
    ste.transition(1, 0, thr_dn, soma(0.5)._ref_v, dn)
    h.tstop = 30
    ste.state(0)                 # finitialize deactivates: nothing happens
    h.run()
    out["state_before_run"] = log[:]
    del log[:]
    fih = h.FInitializeHandler(1, lambda: ste.state(0))
    h.run()
    out["fih_run"] = log[:]
    del log[:]
    h.finitialize(-65)
    ste.state(1)
    h.continuerun(10)
    out["start_in_1"] = [log[:], int(ste.state())]
    del log[:]
    h.finitialize(-65)
    for i in range(200):
        h.fadvance()
    out["fadvance"] = log[:]
    del log[:]
    del fih
    h.finitialize(-65)
    h.continuerun(2.2)
    ste.state(0)                 # entered above the threshold: that spike is not seen
    h.continuerun(16)
    out["enter_above"] = log[:]
    del log[:]
    del ste

    # NEURON's documented example: t against a threshold moved by the callback
    ste2 = h.StateTransitionEvent(1)
    tnext = h.ref(1)

    def finit2():
        tnext[0] = 1.0
        ste2.state(0)

    fih2 = h.FInitializeHandler(1, finit2)
    tl = []

    def foo(src):
        tl.append([h.t, src, int(ste2.state())])
        tnext[0] += 1.0

    ste2.transition(0, 0, h._ref_t, tnext, (foo, 0))
    h.tstop = 5
    h.run()
    out["t_dt025"] = tl[:]
    del tl[:]
    h.steps_per_ms = 64
    h.dt = 1 / 64
    h.run()
    out["t_dt64"] = tl[:]
    h.steps_per_ms = 40
    h.dt = 0.025
    del fih2, ste2

    # HOC callbacks, a callback changing the state, a plain-number threshold
    h("objref ste3\nste3 = new StateTransitionEvent(3)\ndouble tl3[10]\nntl3 = 0")
    ste3 = h.ste3
    th = h.ref(0.0)
    ste3.transition(0, 1, soma(0.5)._ref_v, th, "{tl3[ntl3] = t ntl3 += 1}")
    ste3.transition(1, 2, soma(0.5)._ref_v, thr_up,
                    lambda: (log.append(["cb12", h.t, int(ste3.state())]), ste3.state(0)))
    ste3.transition(2, 0, soma(0.5)._ref_v, thr_up)
    ste3.transition(0, 2, soma(0.5)._ref_v, thr_up,
                    (lambda a, b: log.append(["cb02", h.t, int(ste3.state()), a, b]), (7, 8)))
    h.finitialize(-65)
    ste3.state(0)
    h.continuerun(30)
    out["hoc"] = [[h.tl3[i] for i in range(int(h.ntl3))], int(ste3.state()), log[:]]
    out["returns"] = [ste3.state(2), ste3.state(), ste3.transition(2, 1, h._ref_t, th)]
    return out


def main():
    from neuron import h
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "state_transition.json")
    with open(path, "w") as f:
        json.dump(scenarios(h), f, indent=1)


if __name__ == "__main__":
    main()
