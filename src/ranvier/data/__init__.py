"""Data types that know nothing of the model: Vector, Matrix, Random."""


def reset():
    """The data layer's part of ranvier.reset(): every Vector stops recording and
    playing (its data stays); the Random123 global index is 0 again."""
    from . import rng, vector
    vector.reset()
    rng.reset()
