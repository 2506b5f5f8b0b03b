"""The `neuron` package surface beyond h and n, probed the same way under NEURON
9.0.2 (make_expected_api9.py writes expected_api9.json) and under ranvier
(tests/interface/test_neuron_package.py).  run(neuron) returns JSON-able answers."""

def _err(f):
    try:
        f()
    except Exception as e:                      # noqa: BLE001 - the kind is the answer
        return ["error", sorted({c.__name__ for c in type(e).__mro__}
                                & {"TypeError", "ValueError", "RuntimeError", "AttributeError",
                                   "AssertionError", "NotImplementedError", "IndexError"})]
    return ["ok"]


def config(neuron):
    import neuron.config as c
    args = c.arguments
    return {"keys": sorted(args), "types": {k: type(v).__name__ for k, v in sorted(args.items())},
            "has_parse": callable(getattr(c, "_parse_arguments", None)),
            "convert": [c._convert_value("X", "ON"), c._convert_value("X", "off"),
                        c._convert_value("X", "12"), c._convert_value("X", "abc"),
                        list(c._convert_value("NRN_ENABLE_MODEL_TESTS", "a;b"))]}


def types(neuron):
    from neuron import h, hoc, nrn
    s = h.Section(name="tsoma")
    s.insert("hh")
    seg = s(0.5)
    v = h.Vector()
    out = {
        "vector_is_hocobject": isinstance(v, hoc.HocObject),
        "vector_is_hoc_vector": isinstance(v, hoc.Vector),
        "hoc_vector_is_h_vector": hoc.Vector is h.Vector,
        "list_is_hocobject": isinstance(h.List(), hoc.HocObject),
        "iclamp_is_hocobject": isinstance(h.IClamp(seg), hoc.HocObject),
        "section_is_hocobject": isinstance(s, hoc.HocObject),
        "segment_is_hocobject": isinstance(seg, hoc.HocObject),
        "class_is_hocobject": isinstance(h.Vector, hoc.HocObject),
        "section": isinstance(s, nrn.Section),
        "segment": isinstance(seg, nrn.Segment),
        "mechanism": isinstance(seg.hh, nrn.Mechanism),
        "segment_not_section": isinstance(seg, nrn.Section),
        "reprs": [repr(hoc.HocObject), repr(hoc.Vector), repr(nrn.Section),
                  repr(nrn.Segment), repr(nrn.Mechanism)],
    }
    return out


def subclassing(neuron):
    from neuron import h
    h("begintemplate Api9Tmpl\npublic x\nproc init(){x=$1}\nendtemplate Api9Tmpl")
    s = h.Section(name="ssoma")
    out = {"hclass_vector_is_vector": neuron.hclass(h.Vector) is h.Vector,
           "hclass_iclamp_is_iclamp": neuron.hclass(h.IClamp) is h.IClamp}

    class MyStim(neuron.hclass(h.IClamp)):
        def amp2(self):
            return self.amp * 2
    st = MyStim(s(0.5))
    st.amp = 3
    st.tag = "python attribute"
    out["stim"] = [str(st), st.hname(), st.amp2(), type(st).__name__, str(st.get_segment()),
                   st.tag, isinstance(st, neuron.HocBaseObject), st.amp]

    class MyVec(h.Vector):
        def __init__(self, *a):
            self.tag = "x"

        def total(self):
            return self.sum()
    v = MyVec(5)
    v.fill(2)
    out["myvec"] = [str(v), v.hname(), v.size(), v.total(), v.tag]

    class SizedVec(h.Vector):
        def size(self):
            return 99
    sv = SizedVec(4)
    w = h.Vector()
    out["hocobject_methods"] = [sv.size(), sv.baseattr("size")(), st.baseattr("amp"),
                                sv.same(sv), sv.same(w), type(sv.hocobjptr()).__name__,
                                sorted(x for x in dir(st) if x in ("baseattr", "hocobjptr",
                                                                   "same"))]

    class MyVec2(h.Vector):
        def __new__(cls, n, tag):
            return super().__new__(cls, n)

        def __init__(self, n, tag):
            self.tag = tag
    v2 = MyVec2(3, "hello")
    out["myvec2"] = [v2.size(), v2.tag, str(v2)]

    class MyList(h.List):
        pass
    lst = MyList()
    lst.append(v2)
    out["mylist"] = [str(lst), lst.count(), lst.o(0).size()]

    def deprecated():
        class B(neuron.HocBaseObject, hoc_type=h.Vector):
            pass
    out["pytype_hocbase"] = _err(deprecated)

    class T2(neuron.HocBaseObject, hoc_type=h.Api9Tmpl):
        pass
    t = T2(4)
    out["template"] = [str(t), t.x, type(t).__name__, t.hname()]

    class T3(neuron.HocBaseObject, hoc_type=h.Api9Tmpl):
        def __new__(cls, x, label):
            return super().__new__(cls, x)

        def __init__(self, x, label):
            self.label = label
    t3 = T3(7, "seven")
    out["template_new_init"] = [str(t3), t3.x, t3.label]

    def init_without_new():
        class Bad(neuron.HocBaseObject, hoc_type=h.Api9Tmpl):
            def __init__(self, x):
                pass
    out["init_without_new"] = _err(init_without_new)

    def no_hoc_type():
        class Bad2(neuron.HocBaseObject):
            pass
    out["no_hoc_type"] = _err(no_hoc_type)
    T4 = neuron.hclass(h.Api9Tmpl)
    out["hclass_template"] = [repr(T4), T4.__name__, str(T4(1)), T4(2).x]
    out["hclass_not_hoc"] = _err(lambda: neuron.hclass(3))
    return out


def numpy_ref(neuron):
    import numpy as np
    a = np.arange(5, dtype=float)
    r = neuron.numpy_element_ref(a, 2)
    before = r[0]
    r[0] = 9
    m = np.arange(6, dtype=float).reshape(2, 3)
    r2 = neuron.numpy_element_ref(m, 4)
    return {"read": before, "written": a.tolist(), "flat_index": r2[0]}


def expect(neuron):
    from neuron import h
    from neuron.expect_hocerr import expect_err, expect_hocerr, set_quiet
    old = set_quiet(True)
    out = {"quiet_default": old}
    out["raises_passes"] = _err(lambda: expect_hocerr(h.sqrt, (-1,)))
    out["no_error_fails"] = _err(lambda: expect_hocerr(h.sqrt, (4,)))
    out["expect_err_passes"] = _err(lambda: expect_err("h.Vector(3).x[5]"))
    out["expect_err_fails"] = _err(lambda: expect_err("h.Vector(3).x[1]"))
    return out


def mpi(neuron):
    from neuron import h
    return {"nrnmpi_init": h.nrnmpi_init()}


_LOG = []


def f(x, y=1):
    """A bulletin-board job (module level: NEURON pickles what it submits)."""
    _LOG.append(x)
    return (x, y, "tuple")


def _local_job():
    def local(x):
        return x
    return local


def bulletin_board(neuron):
    from neuron import h
    pc = h.ParallelContext()
    log = _LOG
    del log[:]
    h("func api9g() { return $1 * 2 }")
    h("api9x = 0")
    pc.runworker()
    out = {"where": [pc.id(), pc.nhost(), pc.nworker(), type(pc.id()).__name__,
                     type(pc.nhost()).__name__, type(pc.nworker()).__name__]}
    ids = [pc.submit(f, 1), pc.submit(17, f, 2, "b"), pc.submit("api9g", 5),
           pc.submit("api9x = 3")]
    ids.append(pc.submit(f, 9))
    out["submit_ids"] = ids
    out["run_before_working"] = list(log)
    jobs = []
    while True:
        u = pc.working()
        if u == 0:
            break
        uid = pc.userid()
        if uid == -2.0:
            jobs.append([u, uid, pc.retval()])
        elif uid == -3.0:
            jobs.append([u, uid])
        else:
            jobs.append([u, uid, pc.retval(), list(pc.pyret())])
    out["jobs"] = jobs
    out["log"] = log
    out["hoc_statement_ran"] = h.api9x
    out["working_after"] = pc.working()
    pc.pack(3)
    pc.pack(h.Vector([1, 2]))
    pc.pack("s")
    pc.post("b")
    r = h.ref("")
    out["take"] = [pc.take("b"), pc.upkscalar(), list(pc.upkvec()), pc.upkstr(r), r[0]]
    pc.post("c", 4.5)
    out["look"] = [pc.look("c"), pc.upkscalar(), pc.look_take("c"), pc.look("c"), pc.look("zz")]
    pc.post(12, {"a": 1})
    pc.take(12)
    out["pyobj"] = pc.upkpyobj()
    n_before = len(_LOG)
    out["context"] = [pc.context(f, 100), len(_LOG) - n_before]
    out["local_callable"] = _err(lambda: pc.submit(_local_job(), 1))
    out["done"] = pc.done()
    return out


def collectives(neuron):
    from neuron import h
    pc = h.ParallelContext()
    v = h.Vector([1, 2])
    gathered = h.Vector()
    dest = h.Vector()
    return {
        "allreduce": [pc.allreduce(3, op) for op in (1, 2, 3)] + [pc.allreduce(v, 1), list(v)],
        "allgather": [pc.allgather(3, gathered), list(gathered)],
        "alltoall": [pc.alltoall(h.Vector([1, 2]), h.Vector([2]), dest), list(dest)],
        "broadcast_vec": pc.broadcast(h.Vector([1, 5]), 0),
        "py": [pc.py_allgather(5), pc.py_alltoall([8]), pc.py_gather(1, 0),
               pc.py_broadcast(3, 0), pc.py_scatter([4], 0)],
        "misc": [pc.barrier(), pc.gid_clear(), pc.set_maxstep(10)],
    }


def gid_clear(neuron):
    from neuron import h
    pc = h.ParallelContext()
    s = h.Section(name="gsoma")
    pc.set_gid2node(3, pc.id())
    nc = h.NetCon(s(0.5)._ref_v, None, sec=s)
    pc.cell(3, nc)
    before = [pc.gid_exists(3), pc.gid_exists(4)]
    pc.gid_clear()
    after = [pc.gid_exists(3)]
    pc.set_gid2node(3, pc.id())          # a cleared gid may be used again
    pc.cell(3, nc)
    return {"before": before, "after": after, "again": pc.gid_exists(3)}


def _model(h):
    soma = h.Section(name="psoma")
    dend = h.Section(name="pdend")
    dend.connect(soma(1))
    soma.L = soma.diam = 20
    dend.L = 100
    dend.diam = 2
    dend.nseg = 5
    soma.insert("hh")
    dend.insert("pas")
    return soma, dend


def plotshape(neuron):
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib import pyplot
    from neuron import h
    h.load_file("stdrun.hoc")
    soma, dend = _model(h)
    h.finitialize(-65)
    for i, seg in enumerate(dend):
        seg.v = -80 + 10 * i

    def lines(ax):
        out = []
        for ln in ax.lines:
            xs, ys, zs = ln.get_data_3d()
            col = ln.get_color()
            out.append([[round(float(x), 6) for x in xs], [round(float(y), 6) for y in ys],
                        [round(float(z), 6) for z in zs], float(ln.get_linewidth()),
                        col if isinstance(col, str) else [round(float(c), 6) for c in col]])
        return out
    ps = h.PlotShape(False)
    show_answers = [ps.show()]
    ps.variable("v")
    ps.scale(-80, -40)
    ax = ps.plot(pyplot)
    out = {"type": [c.__name__ for c in type(ax).__mro__[:3]], "name": ax.name,
           "n_figures": len(pyplot.get_fignums()), "coloured": lines(ax)}
    show_answers += [ps.show(0), ps.show(), ps.show(1), ps.show()]
    out["show_answers"] = show_answers
    out["show1"] = lines(ps.plot(pyplot, line_width=3))
    out["cmap"] = lines(ps.plot(pyplot, cmap=matplotlib.colormaps["viridis"]))
    ps.variable("m_hh")
    mech_default_scale = [ln[4] for ln in lines(ps.plot(pyplot))]
    ps.scale(0, 0.1)
    out["mech_var"] = [mech_default_scale, [ln[4] for ln in lines(ps.plot(pyplot))]]
    plain = h.PlotShape(False)
    out["plain"] = lines(plain.plot(pyplot))
    fig = pyplot.figure()
    ax2 = plain.plot(fig)
    out["figure"] = [ax2.figure is fig, len(fig.axes)]
    out["other"] = _err(lambda: plain.plot("nothing"))
    out["n_figures_end"] = len(pyplot.get_fignums())
    pyplot.close("all")
    return out


def plotshape_plotly(neuron):
    try:
        import plotly
    except ImportError:                     # the optional extra is not installed
        return None
    from neuron import h
    soma, dend = _model(h)
    h.finitialize(-65)
    for i, seg in enumerate(dend):
        seg.v = -80 + 10 * i

    def traces(fig):
        return [[[round(float(x), 6) for x in tr.x], [round(float(y), 6) for y in tr.y],
                 tr.line.color, float(tr.line.width), tr.hovertemplate, tr.mode]
                for tr in fig.data]
    ps = h.PlotShape(False)
    out = {"plain": traces(ps.plot(plotly)), "type": type(ps.plot(plotly)).__mro__[1].__name__}
    ps.variable("v")
    ps.scale(-80, -40)
    fig = ps.plot(plotly)
    out["coloured"] = traces(fig)
    out["width"] = traces(ps.plot(plotly, width=5))
    out["mark"] = [[float(v) for v in tr.x] + [tr.marker.color, tr.hovertemplate]
                   for tr in fig.mark(dend(0.5)).data[-1:]]
    ps.show(0)
    out["diam"] = [t[3] for t in traces(ps.plot(plotly))]
    return out


def _psection_jsonable(d):
    out = {}
    for k, v in d.items():
        if k == "hoc_internal_name":
            continue
        if isinstance(v, set):
            v = sorted(str(x) for x in v)
        elif isinstance(v, dict):
            v = _psection_jsonable(v)
        elif not isinstance(v, (int, float, str, list, type(None))):
            v = str(v)
        out[k] = v
    return out


def psection(neuron):
    from neuron import h
    soma, dend = _model(h)
    st = h.IClamp(soma(0.5))
    syns = [h.ExpSyn(dend(0.7)), h.ExpSyn(dend(0.7))]
    h.pt3dadd(0, 0, 0, 20, sec=soma)
    h.pt3dadd(20, 0, 0, 20, sec=soma)
    out = {"soma": _psection_jsonable(soma.psection()),
           "dend": _psection_jsonable(dend.psection()),
           "module": _psection_jsonable(neuron.psection(dend))}
    del st, syns
    return out


def run(neuron):
    out = {}
    for name, probe in [("config", config), ("types", types), ("subclassing", subclassing),
                        ("numpy_ref", numpy_ref), ("expect", expect), ("mpi", mpi),
                        ("bulletin_board", bulletin_board), ("collectives", collectives),
                        ("gid_clear", gid_clear), ("plotshape", plotshape),
                        ("plotshape_plotly", plotshape_plotly),
                        ("psection", psection)]:
        out[name] = probe(neuron)
        for s in list(neuron.h.allsec()):
            neuron.h.delete_section(sec=s)
    return out


if __name__ == "__main__":                  # pragma: no cover
    import json
    import neuron
    print(json.dumps(run(neuron), indent=1, default=str))
