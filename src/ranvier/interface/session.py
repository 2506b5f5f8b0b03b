"""The simulation state of the process as one object, and ``ranvier.reset()``.

NEURON keeps its state in process-wide globals and has no way back to a fresh
model short of restarting Python.  ranvier's state lives in a few module-level
objects, one group per layer; each layer has one ``reset()`` that restores its
part, and ``Session.reset`` calls them from the top down, so a layer is reset
only after everything above it has let go of what it held:

==========  ==================================================================
library     stdrun (``VARS``, loaded flag, the Lists loading it made),
            namespace (distance origin, ``units`` set by the user), the HOC
            host's memo of callables
hoc         the interpreter (``hoc._INSTANCE``; a fresh one on next use)
engine      ``engine.state`` (compiled layout, records), mechanism GLOBALs and
            TABLEs, ``events.STATE`` (queue), ``cvode.PARAMS`` and stdrun's
            ``cvode`` object
model       NetCons (``netcon.REG``), point processes, sections (registry,
            access stack, default section), ``store`` (NODES, mechanism
            stores), ``clock.CLOCK``
data        Vectors recording or playing, the Random123 global index
core        object numbering (``hocobject._registry``)
==========  ==================================================================
"""
from .. import core, data, engine, hoc, library, model


class Session:
    """The simulation state of this process (there is one: ``SESSION``)."""

    def reset(self):
        """Back to a fresh model, as if Python had just imported ranvier; see
        ``ranvier.reset`` for what is restored and what is kept."""
        library.reset()
        hoc.reset(create=False)
        engine.reset()
        model.reset()
        data.reset()
        core.reset()


SESSION = Session()


def reset():
    """``SESSION.reset()`` (this is ``ranvier.reset``)."""
    SESSION.reset()
