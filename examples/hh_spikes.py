"""The seed's Hodgkin-Huxley example: a soma with hh, four current pulses,
spike times and inter-spike intervals; the trace is saved as hh_spikes.png.

Run:  python -m ranvier examples/hh_spikes.py
"""
from neuron import h
h.load_file('stdrun.hoc')

soma = h.Section(name='soma')
soma.insert('hh')

iclamps = []
for t in [2, 13, 27, 40]:
    i = h.IClamp(soma(0.5))
    i.delay = t   # ms
    i.dur = 0.5   # ms
    i.amp = 50    # nA
    iclamps.append(i)

t = h.Vector().record(h._ref_t)
v = h.Vector().record(soma(0.5)._ref_v)

h.finitialize()
h.continuerun(49.5)

st = [t[j] for j in range(len(v) - 1) if v[j] <= 0 and v[j + 1] > 0]
print('spike times:')
print(st)
print('ISIs:')
print([b - a for a, b in zip(st[:-1], st[1:])])

try:
    import matplotlib
    matplotlib.use('Agg')
    from matplotlib import pyplot
except ImportError:
    print('matplotlib is not installed: no plot (pip install "ranvier[plot]")')
else:
    pyplot.figure(figsize=(8, 4))
    pyplot.plot(t, v)
    pyplot.xlabel('t (ms)')
    pyplot.ylabel('v (mV)')
    pyplot.title('hh soma, four 0.5 ms / 50 nA pulses')
    pyplot.tight_layout()
    pyplot.savefig('hh_spikes.png', dpi=100)
    print('plot written to hh_spikes.png')
