"""`neuron.rxd`: NEURON 9.0.2's reaction-diffusion module, 1-D (see model.py for the
nodes and the method, kernels.py for the compiled step, geometry.py for volumes and
areas).  `from neuron import rxd`; `from neuron.rxd import rxdmath`."""
from . import rxdmath
from .geometry import (DistributedBoundary, FixedCrossSection, FixedPerimeter, FractionalVolume,
                       RxDError, RxDGeometry, ScalableBorder, Shell, inside, membrane)
from .model import (MultiCompartmentReaction, Node, NodeList, Parameter, Rate, Reaction, Region,
                    Species, SpeciesOnRegion, State, nthread, re_init, set_solve_type)

RxDException = RxDError


class Extracellular:
    """3-D extracellular space: not implemented in ranvier yet."""

    def __init__(self, *args, **kwargs):
        raise RxDError("rxd.Extracellular (3-D extracellular space) is not implemented in ranvier yet")


__all__ = ["rxdmath", "Region", "Species", "State", "Parameter", "Reaction", "Rate",
           "MultiCompartmentReaction", "inside", "membrane", "Shell", "FractionalVolume",
           "FixedCrossSection", "FixedPerimeter", "ScalableBorder", "DistributedBoundary",
           "RxDGeometry", "RxDException", "Extracellular", "Node", "NodeList", "SpeciesOnRegion",
           "re_init", "set_solve_type", "nthread"]
