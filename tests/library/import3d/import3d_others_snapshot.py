"""What the tests of the other Import3d readers (MorphML, Eutectic, Neurolucida
V1) record, the same code for NEURON (make_expected_others.py) and ranvier
(test_import3d_others.py): `h` is passed in."""
from import3d_snapshot import TEMPLATE, PyCell, section_info

# file name ending -> reader
READERS = {".xml": "Import3d_MorphML", ".nts": "Import3d_Eutectic_read",
           ".v1.asc": "Import3d_Neurolucida_read"}


def reader_name(path):
    for end, name in READERS.items():
        if path.endswith(end):
            return name
    raise ValueError("no reader for %s" % path)


def snapshot_other(h, path, mode):
    """Read `path` with its reader and instantiate it at top level ('none'), into a
    Python object ('py') or a HOC template instance ('hoc')."""
    h.load_file("import3d.hoc")
    res = {}
    try:
        reader = getattr(h, reader_name(path))()
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
