"""The models of test_cvode_features.py, run by ranvier there and by NEURON 9.0.2 in
data/make_cvode_features.py (which stores NEURON's numbers in data/cvode_features.json).

Under h.cvode_active(1) with a tight atol (1e-7, so both integrators are close to the
exact solution):

- "play": a passive soma; IClamp amp played continuously from a time Vector (a ramp up,
  a plateau, a ramp through zero, extrapolated after the last point); v recorded at the
  times of a time Vector; a CVode.event callback at 2.7 ms that only looks.
- "discrete": an hh soma; IClamp amp played as discrete values every 1 ms (Dt play);
  a second IClamp (4 to 7 ms) whose amp a CVode.event callback at 4.5 ms sets (and calls
  cvode.re_init(), as NEURON's documentation asks; ranvier restarts by itself when a
  callback changed the model); spikes recorded by a NetCon; v at a time Vector.
"""


def play(h):
    soma = h.Section(name="soma")
    soma.L = soma.diam = 10
    soma.insert("pas")
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 0, 1e9, 0
    tv = h.Vector([0, 1, 2, 3.3, 5])
    av = h.Vector([0, 0.01, 0.01, -0.005, 0.0])
    av.play(stim._ref_amp, tv, 1)
    h.cvode_active(1)
    h.cvode.atol(1e-7)
    t = h.Vector().record(h._ref_t)
    amp = h.Vector().record(stim._ref_amp)
    ttv = h.Vector([0.5, 1.5, 2.25, 4.0, 4.9, 5.5])
    vr = h.Vector().record(soma(0.5)._ref_v, ttv)
    seen = []

    def cb():
        seen.append([h.t, soma(0.5).v])
    h.finitialize(-65)
    h.cvode.event(2.7, cb)
    h.continuerun(6)
    tt = list(t)
    out = {"vr": list(vr), "seen": seen, "v_end": soma(0.5).v, "amp_end": amp[len(amp) - 1],
           "t_end": h.t,
           "stops": [x for x in (1.0, 2.0, 3.3, 5.0) if x in tt]}
    h.cvode_active(0)
    h.cvode.atol(1e-3)
    return out


def discrete(h):
    soma = h.Section(name="soma")
    soma.L = soma.diam = 20
    soma.insert("hh")
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 0, 1e9, 0
    av = h.Vector([0, 0.05, 0.3, 0.0, 0.0, 0.0, 0.1, 0.0])
    av.play(stim._ref_amp, 1.0)
    stim2 = h.IClamp(soma(0.5))
    stim2.delay, stim2.dur, stim2.amp = 4.0, 3.0, 0.0
    h.cvode_active(1)
    h.cvode.atol(1e-7)
    spikes = h.Vector()
    nc = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
    nc.threshold = 0
    nc.record(spikes)
    ttv = h.Vector([0.25 * k for k in range(1, 48)])
    vr = h.Vector().record(soma(0.5)._ref_v, ttv)
    t = h.Vector().record(h._ref_t)

    def cb():
        stim2.amp = 0.4
        h.cvode.re_init()
    h.finitialize(-65)
    h.cvode.event(4.5, cb)
    h.continuerun(12)
    tt = list(t)
    out = {"vr": list(vr), "spikes": list(spikes), "v_end": soma(0.5).v,
           "stops": [x for x in (1.0, 2.0, 3.0, 4.0, 4.5, 5.0, 6.0, 7.0) if x in tt]}
    h.cvode_active(0)
    h.cvode.atol(1e-3)
    return out


MODELS = {"play": play, "discrete": discrete}
