"""User .mod files: a GLOBAL-writing channel, a Ca current and a Ca accumulation
mechanism (cai written, so eca follows it by Nernst).  The numbers are what NEURON
9.0.2 prints for the same script with the same .mod files (nrnivmodl)."""
from pathlib import Path

import ranvier
from ranvier import h

MODS = Path(__file__).parent / "mods"


def test_calcium_accumulation_and_nernst_match_neuron():
    ranvier.load_mechanisms(str(MODS))
    h.load_file("stdrun.hoc")
    for s in list(h.allsec()):
        h.delete_section(sec=s)
    s = h.Section(name="s")
    s.L = s.diam = 20
    for m in ("hh", "kdr", "cal", "cad"):
        s.insert(m)
    s(0.5).hh.gkbar = 0.01
    st = h.IClamp(s(0.5))
    st.delay, st.dur, st.amp = 1, 20, 0.3
    v = h.Vector().record(s(0.5)._ref_v)
    ca = h.Vector().record(s(0.5)._ref_cai)
    h.tstop = 30
    h.run()
    assert "%.10f %.10f %.12g %.12g" % (v.max(), v[len(v) - 1], ca.max(), s(0.5).cai) == \
        "46.8064986081 -62.7479454941 0.0669686469898 0.0610665643013"
    got = [h.ninf_kdr, s(0.5).kdr.g, s(0.5).eca, s(0.5).ica]
    expected = [0.025614195710326363, 1.9330608188624896e-09, 42.00504185723417,
                -1.290900572923871e-07]
    for g, e in zip(got, expected):
        assert abs(g - e) <= 1e-9 * abs(e) + 1e-15
