"""NEURON 9.0.2's numbers for tests/library/test_stdlib.py.

    /tmp/nrnvenv/bin/python tests/library/stdlib_data/make_expected.py

writes expected.json beside this file.  measure(h) is also what the test runs with
ranvier's h, so both sides do exactly the same calls.
"""
import json
import os


def measure(h):
    out = {}
    h.load_file("stdlib.hoc")
    out["FARADAY"] = h.FARADAY
    out["R"] = h.R
    # nernst(ci, co, z) and ghk(v, ci, co, z) at two temperatures
    out["nernst"] = []
    out["ghk"] = []
    for celsius in (6.3, 37.0):
        h.celsius = celsius
        for ci, co, z in ((15, 145, 1), (140, 5, 1), (5e-5, 2, 2), (10, 10, 1), (4, 120, -1)):
            out["nernst"].append(h.nernst(ci, co, z))
        for v in (-80, -50, 0, 1e-6, 0.003, 30):
            for ci, co, z in ((15, 145, 1), (5e-5, 2, 2)):
                out["ghk"].append(h.ghk(v, ci, co, z))
    h.celsius = 6.3

    # ion_style codes: defaults (hh reads ena/ek, writes ina/ik), setting, no ion
    soma = h.Section(name="soma")
    dend = h.Section(name="dend")
    soma.insert("hh")
    dend.insert("pas")
    styles = [h.ion_style("na_ion", sec=soma), h.ion_style("k_ion", sec=soma),
              h.ion_style("na_ion", sec=dend)]
    for args in ((0, 0, 0, 1, 0), (0, 1, 0, 0, 0), (0, 0, 0, 0, 1), (3, 3, 0, 0, 0),
                 (2, 2, 1, 1, 1), (1, 2, 1, 0, 1)):
        styles.append(h.ion_style("na_ion", *args, sec=soma))
    styles.append(h.ion_style("na_ion", sec=soma))
    styles.append(h.ion_style("na_ion", 1, 2, 1, 0, 1, sec=dend))
    out["ion_style"] = styles

    # e from the concentrations at finitialize (na, by ion_style) / fixed e (k)
    h.nai0_na_ion = 15
    h.nao0_na_ion = 145
    h.ki0_k_ion = 140
    h.ko0_k_ion = 5
    soma.L = soma.diam = 20
    h.finitialize(-65)
    seg = soma(0.5)
    out["init"] = [seg.ena, seg.nai, seg.nao, seg.ek, seg.ki, seg.ko,
                   h.nai0_na_ion, h.ko0_k_ion]
    for _ in range(40):
        h.fadvance()
    out["run"] = [seg.v, seg.ena, seg.ek]
    out["nernst_named"] = [h.nernst("ena", sec=soma), h.nernst("ena", 0.5, sec=soma),
                           h.nernst("ek", sec=soma)]

    # lambda_f: from diam, then from 3-D points
    dend.L, dend.diam, dend.nseg = 300, 2, 3
    lam = [h.lambda_f(100, sec=dend)]
    dend.Ra, dend.cm = 150, 1.6
    lam += [h.lambda_f(100, sec=dend), h.lambda_f(1000, sec=dend), h.lambda_f(1, sec=dend)]
    h.pt3dclear(sec=dend)
    for x, y, d in ((0, 0, 3), (-150, 10, 2.2), (-320, 40, 1.6), (-500, 60, 1)):
        h.pt3dadd(x, y, 0, d, sec=dend)
    lam += [h.lambda_f(100, sec=dend), h.lambda_f(37.5, sec=dend), dend.L]
    out["lambda_f"] = lam
    return out


if __name__ == "__main__":
    from neuron import h
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "expected.json"), "w") as f:
        json.dump(measure(h), f, indent=1)
        f.write("\n")
