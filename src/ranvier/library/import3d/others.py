"""The other readers of NEURON's import3d.hoc (each in its own module)."""
from .morphml import MorphMLReader  # noqa: F401
from .eutectic import EutecticReader  # noqa: F401
from .nlcda import NeurolucidaV1Reader  # noqa: F401
