"""The simulation clock: t, dt, celsius and secondorder (NEURON's globals).

They belong to the model (a pointer to `t`, `h.dt = ...` before any engine
exists) and the engine reads and advances them.
"""


class Clock:
    """NEURON's time and integration globals, with their defaults."""

    __slots__ = ("t", "dt", "celsius", "secondorder")

    def __init__(self):
        self.reset()

    def reset(self):
        self.t = 0.0
        self.dt = 0.025
        self.celsius = 6.3
        self.secondorder = 0


CLOCK = Clock()
