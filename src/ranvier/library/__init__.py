"""NEURON's library on top of the model: the built-in namespace, stdrun, the HOC host,
containers, graphics and ParallelContext."""
import sys


def reset():
    """The library layer's part of ranvier.reset(): stdrun.hoc not loaded and its
    variables at their defaults, no distance origin, no units set by the user, the
    HOC host's memo of callables forgotten."""
    from . import finithandler, graphics, hoc_host, namespace, stdrun
    from ..hoc import host
    finithandler.reset()
    graphics.reset()
    stdrun.reset()
    namespace.reset()
    if "ranvier.library.import3d" in sys.modules:      # import3d.hoc no longer loaded
        sys.modules["ranvier.library.import3d"].reset()
    if "ranvier.library.fstim" in sys.modules:             # no fstim stimuli
        sys.modules["ranvier.library.fstim"].reset()
    if "ranvier.library.statetransition" in sys.modules:   # no StateTransitionEvents
        sys.modules["ranvier.library.statetransition"].reset()
    if "ranvier.library.hocmech" in sys.modules:           # no HOC-defined mechanisms
        sys.modules["ranvier.library.hocmech"].reset()
    if "ranvier.library.parallel" in sys.modules:         # no gids, an empty bulletin board
        sys.modules["ranvier.library.parallel"].reset()
    if "ranvier.library.rxd.model" in sys.modules:         # no rxd regions, species, reactions
        sys.modules["ranvier.library.rxd.model"].reset()
    attached = host.get_host()
    if isinstance(attached, hoc_host.ModelHost):
        attached.reset()
