"""NEURON 9's modern interface, probed the same way in NEURON and in ranvier.

`run(neuron, units)` takes the `neuron` module (NEURON 9.0.2's, or ranvier) with its
`neuron.units`, this folder's .mod files (kdt.mod, ppt.mod) loaded, and returns
plain JSON data: neuron.units, `n`, mechanism type objects, insert/uninsert,
class and type reprs, h.units() answers, psection() dicts and the
mechanism / range-variable iteration idioms.  make_expected.py runs it under
NEURON and writes expected.json; test_neuron_api.py runs it under ranvier.
"""

UNIT_QUERIES = [
    # mechanism variables (range, state, global, function) and unknown spellings
    "gnabar_hh", "gkbar_hh", "gl_hh", "el_hh", "gna_hh", "gk_hh", "il_hh", "m_hh", "h_hh",
    "minf_hh", "mtau_hh", "ntau_hh", "usetable_hh", "rates_hh", "g_pas", "e_pas", "i_pas",
    "gbar_kdt", "g_kdt", "tauscale_kdt", "il_kdt", "n_kdt", "nn_kdt", "vhalf_kdt", "q10_kdt",
    "gg_PPt", "hh", "pas", "kdt", "na_ion", "IClamp", "PPt",
    "hh.gnabar", "gnabar", "gnabar_pas", "ina_hh", "ko_hh", "nosuchname",
    # built-ins and ions
    "v", "t", "dt", "L", "diam", "Ra", "cm", "celsius", "i_cap", "secondorder", "nseg",
    "area", "PI", "FARADAY", "ena", "ina", "nai", "nao", "dina_dv_", "ek", "ik", "ki", "ko",
    "eca", "ica", "cai", "cao",
    # point processes: Template.var
    "IClamp.amp", "IClamp.del", "IClamp.dur", "IClamp.i", "IClamp.delay", "ExpSyn.tau",
    "ExpSyn.e", "ExpSyn.g", "ExpSyn.i", "Exp2Syn.tau1", "Exp2Syn.factor", "NetStim.interval",
    "NetStim.number", "NetStim.noise", "NetStim.seed", "AlphaSynapse.gmax", "PPt.tau",
    "PPt.i", "PPt.gmax", "PPt.s", "PPt.gg", "Vector.size",
    # run control (stdrun.hoc is loaded first)
    "tstop", "v_init", "steps_per_ms", "realtime", "run",
]


def _plain(o):
    """Sets -> sorted lists of str; sections, segments and NEURON objects -> str."""
    if o is None or isinstance(o, (bool, int, float, str)):
        return o
    if isinstance(o, dict):
        return {str(k): _plain(v) for k, v in o.items()}
    if isinstance(o, (set, frozenset)):
        return sorted(str(x) for x in o)
    if isinstance(o, (list, tuple)):
        return [_plain(x) for x in o]
    return str(o)


def _psection(sec):
    d = sec.psection()
    internal = d.pop("hoc_internal_name")
    return {"keys": list(d), "types": {k: type(v).__name__ for k, v in d.items()},
            "value": _plain(d), "internal_prefix": internal[:10],
            "order": {k: list(d[k]) for k in ("point_processes", "density_mechs", "ions",
                                               "morphology")},
            "mech_var_order": {m: list(v) for m, v in d["density_mechs"].items()},
            "ion_var_order": {i: list(v) for i, v in d["ions"].items()}}


def _error(f):
    try:
        return ["ok", f()]
    except Exception as e:       # the kind of error, not its text
        return ["error", [c.__name__ for c in type(e).__mro__
                          if c.__name__ in ("TypeError", "ValueError", "RuntimeError",
                                            "AttributeError", "LookupError")]]


def run(neuron, units):
    n, h = neuron.n, neuron.h
    out = {}
    out["units"] = {k: [v, type(v).__name__] for k, v in vars(units).items()
                    if not k.startswith("_")}
    out["n"] = {"repr": repr(n), "str": str(n), "n_is_h": n is h, "is_neuron_n": n is neuron.n}
    h.load_file("stdrun.hoc")

    # ---------------------------------------------------- mechanism type objects
    mt = {}
    for name in ("hh", "pas", "kdt", "na_ion", "k_ion"):
        m = getattr(n, name)
        mt[name] = {"repr": repr(m), "str": str(m), "name": m.name,
                    "type": type(m).__name__,
                    "isinstance": isinstance(m, neuron.DensityMechanism),
                    "via_h": repr(getattr(h, name))}
    mt["fresh_each_time"] = n.hh is not n.hh
    mt["constructed"] = repr(neuron.DensityMechanism("pas"))
    mt["constructed_type"] = type(neuron.DensityMechanism("pas")).__name__
    mt["ions_hh"] = {ion: {k: v for k, v in d.items() if k != "ontology_id"}
                     for ion, d in n.hh.ions.items()}
    mt["ions_kdt"] = {ion: {k: v for k, v in d.items() if k != "ontology_id"}
                      for ion, d in n.kdt.ions.items()}
    mt["ions_pas"] = n.pas.ions
    mt["code_is_str"] = isinstance(n.hh.code, str) and "SUFFIX hh" in n.hh.code
    mt["file_ends"] = n.hh.file.endswith("hh.mod")
    mt["errors"] = {
        "DensityMechanism('IClamp')": _error(lambda: neuron.DensityMechanism("IClamp")),
        "DensityMechanism('nosuch')": _error(lambda: neuron.DensityMechanism("nosuch")),
        "n.nosuch": _error(lambda: n.nosuch),
        "n.hh.insert(5)": _error(lambda: n.hh.insert(5)),
        "sec.insert(5)": _error(lambda: n.Section("bad").insert(5)),
        "n.hh.name = 'x'": _error(lambda: setattr(n.hh, "name", "x")),
    }
    out["mechtypes"] = mt

    # ------------------------------------------------------- insert / uninsert
    a, b, c = n.Section("a"), n.Section("b"), n.Section("c")
    flow = {}
    flow["sec.insert(n.hh) is sec"] = a.insert(n.hh) is a
    flow["a after hh"] = [m.name() for m in a(0.5)]
    flow["n.pas.insert([a, b])"] = n.pas.insert([a, b])
    flow["a after pas"] = [m.name() for m in a(0.5)]
    flow["b after pas"] = [m.name() for m in b(0.5)]
    flow["n.hh.uninsert(a)"] = n.hh.uninsert(a)
    flow["a after uninsert"] = [m.name() for m in a(0.5)]
    flow["uninsert again"] = n.hh.uninsert(a)
    sl = n.SectionList([b, c])
    flow["n.kdt.insert(SectionList)"] = n.kdt.insert(sl)
    flow["c after kdt"] = [m.name() for m in c(0.5)]
    flow["n.pas.uninsert(allsec)"] = n.pas.uninsert(n.allsec())
    flow["all after pas uninsert"] = [[m.name() for m in s(0.5)] for s in (a, b, c)]
    flow["insert name returns sec"] = a.insert("pas") is a
    out["insert"] = flow
    for s in (a, b, c):
        n.delete_section(sec=s)

    # ---------------------------------------------------- class and type reprs
    soma = n.Section("soma")
    soma.insert("hh")
    stim = n.IClamp(soma(0.5))
    out["reprs"] = {
        "classes": {k: repr(getattr(n, k)) for k in
                    ("IClamp", "ExpSyn", "NetStim", "PPt", "Vector", "List", "SectionList",
                     "NetCon", "Random", "Matrix", "File")},
        "instances": {
            "section": str(type(soma)), "segment": str(type(soma(0.5))),
            "mechanism": str(type(soma(0.5).hh)), "ion": str(type(list(soma(0.5))[0])),
            "rangevar": str(type(list(soma(0.5).hh)[0])), "iclamp": str(type(stim)),
            "netstim": str(type(n.NetStim())), "vector": str(type(n.Vector())),
            "list": str(type(n.List())), "sectionlist": str(type(n.SectionList())),
            "netcon": str(type(n.NetCon(soma(0.5)._ref_v, None, sec=soma))),
        },
        "isinstance_iclamp": isinstance(stim, type(stim)),
    }
    del stim

    # ---------------------------------------------------------------- units()
    out["units_of"] = {q: _error(lambda q=q: h.units(q)) for q in UNIT_QUERIES}
    out["units_of_n"] = {q: _error(lambda q=q: n.units(q)) for q in ("gnabar_hh", "IClamp.amp")}
    out["units_toggle"] = [h.units(1), h.units(0)]
    h("units_probe_x = 3")
    out["units_set"] = [h.units("units_probe_x"), h.units("units_probe_x", "mV"),
                        h.units("units_probe_x")]

    # ------------------------------------------------------------- psection()
    dend = n.Section("dend")
    dend.connect(soma)
    dend.nseg = 3
    dend.insert("pas")
    dend.insert("kdt")
    dend.insert("hh")           # inserted after kdt: psection lists by type order
    tip = n.Section("tip")
    tip.connect(dend(0))
    tip.pt3dadd(0, 0, 0, 2)
    tip.pt3dadd(3, 4, 0, 1.5)
    side = n.Section("side")
    side.connect(dend(0.5))
    twig = n.Section("twig")
    twig.connect(side(0))
    ic1, ic0 = n.IClamp(dend(0.9)), n.IClamp(dend(0.1))
    syn = n.ExpSyn(dend(0.5))
    pp = n.PPt(dend(0.5))
    free = n.IClamp()            # no location: in no section's psection
    ns = n.NetStim()             # an artificial cell: in no section's psection

    class Cell:
        def __repr__(self):
            return "Cell[7]"
    cell = Cell()
    csoma = n.Section("soma", cell)
    csoma.insert(n.pas)
    out["psection"] = {str(s): _psection(s) for s in (soma, dend, tip, side, twig, csoma)}
    out["psection"]["cell_is_cell"] = csoma.psection()["cell"] is cell
    out["psection"]["pp_set_members"] = sorted(
        str(x) for x in dend.psection()["point_processes"]["IClamp"])

    # ------------------------------------------------------ iteration idioms
    walk = []
    for sec in (soma, dend):
        for seg in sec:
            for mech in seg:
                walk.append([str(seg), mech.name(), mech.is_ion(),
                             [[rv.name(), rv[0], len(rv)] for rv in mech]])
    out["walk"] = walk
    rv = list(soma(0.5).hh)[1]
    rv[0] = 0.05
    out["rangevar_set"] = [rv.name(), soma(0.5).hh.gkbar]
    out["rangevar_index_error"] = _error(lambda: list(soma(0.5).hh)[0][1])
    out["seg_dik_dv_"] = soma(0.5).dik_dv_
    del ic1, ic0, syn, pp, free, ns
    return out
