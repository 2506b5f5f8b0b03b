"""`neuron.rxd`: NEURON 9.0.2's reaction-diffusion module, 1-D (see model.py for the
nodes and the method, kernels.py for the compiled step, geometry.py for volumes and
areas); rxd.Extracellular's grid and initial values, not its dynamics (ecs.py).
`from neuron import rxd`; `from neuron.rxd import rxdmath`."""
from . import options, rxdmath
from .ecs import Extracellular
from .geometry import (DistributedBoundary, FixedCrossSection, FixedPerimeter, FractionalVolume,
                       RxDError, RxDGeometry, ScalableBorder, Shell, inside, membrane)
from .model import (MultiCompartmentReaction, Node, NodeList, Parameter, Rate, Reaction, Region,
                    Species, SpeciesOnRegion, State, nthread, re_init, set_solve_type)

RxDException = RxDError


__all__ = ["options", "rxdmath", "Region", "Species", "State", "Parameter", "Reaction", "Rate",
           "MultiCompartmentReaction", "inside", "membrane", "Shell", "FractionalVolume",
           "FixedCrossSection", "FixedPerimeter", "ScalableBorder", "DistributedBoundary",
           "RxDGeometry", "RxDException", "Extracellular", "Node", "NodeList", "SpeciesOnRegion",
           "re_init", "set_solve_type", "nthread"]
