"""Readers NEURON's import3d.hoc defines that ranvier does not provide yet: making
one raises Import3dNotImplemented naming it."""
from ...core.hocobject import HocObject
from .errors import Import3dNotImplemented


class _Missing(HocObject):
    _what = ""

    def __init__(self, *args, **kwargs):
        raise Import3dNotImplemented(
            "%s (%s) is not implemented in ranvier; convert the file to SWC or Neurolucida "
            "V3 (.asc) and use Import3d_SWC_read or Import3d_Neurolucida3"
            % (self._template_name(), self._what))


class EutecticReader(_Missing):
    _hoc_name = "Import3d_Eutectic_read"
    _what = "Eutectic .nts files"


class MorphMLReader(_Missing):
    _hoc_name = "Import3d_MorphML"
    _what = "MorphML/NeuroML files"


class NeurolucidaV1Reader(_Missing):
    _hoc_name = "Import3d_Neurolucida_read"
    _what = "old Neurolucida text files"
