"""What the Import3d tests record of an imported morphology, the same code for
NEURON (make_expected.py) and ranvier (test_import3d.py): `h` is passed in."""
import os

TEMPLATE = """
begintemplate Import3dTestCell
public soma, dend, apic, axon, all, somatic, basal, apical, axonal
create soma[1], dend[1], apic[1], axon[1]
objref all, somatic, basal, apical, axonal
proc init() {
    all = new SectionList()
    somatic = new SectionList()
    basal = new SectionList()
    apical = new SectionList()
    axonal = new SectionList()
}
endtemplate Import3dTestCell
"""


class PyCell:
    """A cell written in Python: Import3d gives it list attributes."""

    def __repr__(self):
        return "PyCell"


def section_info(h, sec):
    pseg = sec.parentseg()
    style = h.pt3dstyle(sec=sec)
    info = {"name": sec.name(),
            "pts": [[sec.x3d(i), sec.y3d(i), sec.z3d(i), sec.diam3d(i)] for i in range(sec.n3d())],
            "parent": None if pseg is None else pseg.sec.name(),
            "parent_x": None if pseg is None else pseg.x,
            "children": [c.name() for c in sec.children()],
            "pt3dstyle": style, "L": sec.L}
    if style:
        xr, yr, zr = h.ref(0), h.ref(0), h.ref(0)
        h.pt3dstyle(1, xr, yr, zr, sec=sec)
        info["logical"] = [xr[0], yr[0], zr[0]]
    return info


def snapshot(h, path, mode, quiet=1):
    """Read `path` (SWC or Neurolucida by extension) and instantiate it at top level
    (mode 'none'), into a Python object ('py') or into a HOC template instance
    ('hoc'); return the sections' names, points, connections and lists."""
    h.load_file("import3d.hoc")
    res = {}
    try:
        if path.endswith(".swc"):
            reader = h.Import3d_SWC_read()
        else:
            reader = h.Import3d_Neurolucida3()
            reader.quiet = quiet
        reader.input(path)
        res["err"] = reader.err
        gui = h.Import3d_GUI(reader, 0)
        if mode == "none":
            gui.instantiate(None)
        elif mode == "py":
            cell = PyCell()
            gui.instantiate(cell)
            res["attrs"] = sorted(vars(cell))
            res["all"] = [s.name() for s in cell.all]
        else:
            if not h.name_declared("Import3dTestCell"):
                h(TEMPLATE)
            cell = h.Import3dTestCell()
            gui.instantiate(cell)
            res["lists"] = {nm: [s.name() for s in getattr(cell, nm)]
                            for nm in ("all", "somatic", "basal", "apical", "axonal")}
        res["failed"] = False
    except Exception:            # NEURON: RuntimeError (a HOC error); ranvier: typed
        res["failed"] = True
    res["sections"] = [section_info(h, s) for s in h.allsec()]
    res["cas"] = h.cas().name() if res["sections"] else None
    return res


def data_path(name):
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", name)
