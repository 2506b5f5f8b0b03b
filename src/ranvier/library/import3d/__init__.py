"""NEURON's Import3d tools (``load_file("import3d.hoc")``): morphology readers and
the builder that makes sections from them.

HOC and ``h`` names (after loading import3d.hoc):
  Import3d_SWC_read        .swc files                        (swc.py)
  Import3d_Neurolucida3    Neurolucida V3 text, .asc         (asc.py)
  Import3d_GUI             ``Import3d_GUI(reader, 0).instantiate(cell)``  (gui.py)
  Import3d_Section         the readers' sections             (section.py)
  Import3d_Eutectic_read    Eutectic .nts files               (eutectic.py)
  Import3d_MorphML         NeuroML v1 morphology, .xml       (morphml.py)
  Import3d_Neurolucida_read  old Neurolucida (V1) text       (nlcda.py)

From Python, ``load(path, cell=None)`` reads a file (the reader chosen by its
extension) and instantiates it.
"""
import os

from .errors import Import3dError, Import3dFileError, Import3dNotImplemented
from .asc import Neurolucida3Reader
from .gui import Import3dGUI
from .others import EutecticReader, MorphMLReader, NeurolucidaV1Reader
from .section import Import3dSection
from .swc import SWCReader
from ...model.section import allsec
from ... import hoc
from .. import namespace

__all__ = ["CLASSES", "load", "reader_for", "Import3dError", "Import3dFileError",
           "Import3dNotImplemented"]


def _classes():
    return {"Import3d_SWC_read": SWCReader, "Import3d_Neurolucida3": Neurolucida3Reader,
            "Import3d_GUI": Import3dGUI, "Import3d_Section": Import3dSection,
            "Import3d_Eutectic_read": EutecticReader, "Import3d_MorphML": MorphMLReader,
            "Import3d_Neurolucida_read": NeurolucidaV1Reader}


class _Lazy(dict):
    def __missing__(self, name):
        self.update(_classes())
        return dict.__getitem__(self, name)


CLASS_NAMES = ("Import3d_SWC_read", "Import3d_Neurolucida3", "Import3d_GUI", "Import3d_Section",
               "Import3d_Eutectic_read", "Import3d_MorphML", "Import3d_Neurolucida_read")
CLASSES = _Lazy()

_EXTENSIONS = {".swc": "Import3d_SWC_read", ".asc": "Import3d_Neurolucida3",
               ".nts": "Import3d_Eutectic_read", ".xml": "Import3d_MorphML",
               ".nml": "Import3d_MorphML"}


def reader_for(path):
    """A reader for the file `path` (by extension), with its input already read."""
    ext = os.path.splitext(str(path))[1].lower()
    name = _EXTENSIONS.get(ext)
    if name is None:
        raise Import3dError("no morphology reader for %r: the extension must be one of %s"
                            % (str(path), ", ".join(sorted(_EXTENSIONS))))
    reader = CLASSES[name]()
    reader.quiet = 1
    reader.input(str(path))
    return reader


def load(path, cell=None):
    """Read the morphology file `path` and make its sections as NEURON's
    ``Import3d_GUI(reader, 0).instantiate(cell)`` does.  Returns the new sections:
    with `cell` None they are top-level (soma[0], dend[i], ...), with a Python
    object they become its list attributes (cell.soma, cell.dend, ..., cell.all)."""
    before = set(allsec())
    reader = reader_for(path)
    CLASSES["Import3d_GUI"](reader, 0).instantiate(cell)
    return [s for s in allsec() if s not in before]


_HOC_DEFS = """objref tobj, nil
proc makeimport3dtool() {
    tobj = new Import3d_GUI(nil)
    tobj = nil
}
"""


def load_library():
    """What load_file("import3d.hoc") defines: the classes above (for h and HOC),
    stdlib.hoc (which NEURON's import3d.hoc loads first), the HOC objrefs `tobj` and
    `nil` and makeimport3dtool()."""
    interp = hoc.interpreter()
    interp.load_file("stdlib.hoc")
    for name in CLASS_NAMES:
        namespace.CLASSES[name] = CLASSES[name]
    interp.execute(_HOC_DEFS, "import3d.hoc")
    return True


def reset():
    """ranvier.reset(): import3d.hoc not loaded (its class names gone until the next
    load_file)."""
    for name in CLASS_NAMES:
        namespace.CLASSES.pop(name, None)
