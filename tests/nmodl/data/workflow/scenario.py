"""The NEURON script behind tests/nmodl/test_workflow.py (run by NEURON 9.0.2 in
make_expected.py and by ranvier in the test), in a folder where nrnivmodl was run
on this folder's .mod files.  Prints one JSON object."""
import json

from neuron import h


def cell(name, mech=None):
    s = h.Section(name=name)
    s.L = s.diam = 20
    s.nseg = 1
    s.Ra = 35.4
    s.cm = 1
    s.insert('pas')
    s.g_pas = 1e-4
    s.e_pas = -65
    if mech:
        s.insert(mech)
    return s


def protocol(amp, sec):
    st = h.IClamp(sec(0.5))
    st.delay, st.dur, st.amp = 1, 2, amp
    h.dt = 0.025
    h.finitialize(-65)
    for _ in range(200):
        h.fadvance()
    return st


out = {}
h.celsius = 6.3

# unit literals in expressions, UNITS factors, a GLOBAL-only PROCEDURE without setdata
a = cell('a', 'wful')
st = protocol(0.1, a)
s = a(0.5)
out['units'] = {'v': s.v, 'n': s.wful.n, 'fr': s.wful.fr, 'pi2': s.wful.pi2,
                'rates_ret': h.rates_wful(-30), 'ninf': h.ninf_wful, 'ntau': h.ntau_wful,
                'hasattr_ninf': hasattr(s.wful, 'ninf')}
h.celsius = 22
h.rates_wful(-30)
out['units']['ntau_22'] = h.ntau_wful
h.celsius = 6.3
del st
h.delete_section(sec=a)

# a FUNCTION from an INCLUDEd file
b = cell('b', 'wfinc')
st = protocol(0.2, b)
out['include'] = {'v': b(0.5).v, 'm': b(0.5).wfinc.m,
                  'boltz': [h.boltz_wfinc(x, -40, 5) for x in (-80, -40, -39.5, 0)],
                  'seg_boltz': b(0.5).wfinc.boltz(-42, -40, 5)}
del st
h.delete_section(sec=b)

# POINTERs: two cells coupled by WfGap (setpointer and _ref_ assignment), plus a
# density POINTER to the other cell's v and one to an ion variable
c1, c2 = cell('c1', 'wfdp'), cell('c2')
c2.insert('hh')
g1 = h.WfGap(c1(0.5))
g2 = h.WfGap(c2(0.5))
ret = h.setpointer(c2(0.5)._ref_v, 'vgap', g1)
g2._ref_vgap = c1(0.5)._ref_v
c1(0.5).wfdp._ref_vp = c2(0.5)._ref_v
h.setpointer(c2(0.5)._ref_ena, 'ep', c1(0.5).wfdp)
rec = h.Vector().record(g2._ref_vgap)
st = protocol(0.1, c1)
out['pointer'] = {'setpointer_returns': repr(ret), 'v1': c1(0.5).v, 'v2': c2(0.5).v,
                  'vgap_g1': g1.vgap, 'vgap_g2': g2.vgap, 'i_g1': g1.i,
                  'rec_last': rec[len(rec) - 1], 'rec_n': len(rec), 'rec_5': rec[5],
                  'dp_vp': c1(0.5).wfdp.vp, 'dp_seen': c1(0.5).wfdp.seen, 'ena': c2(0.5).ena}
print(json.dumps(out))
