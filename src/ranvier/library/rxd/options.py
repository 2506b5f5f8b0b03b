"""`rxd.options`: NEURON's switches of the rxd module.  ranvier keeps the values that
scripts set; `enable.extracellular` (on by default in NEURON 9) is accepted as given."""


class _Enable:
    def __init__(self):
        self.extracellular = True


enable = _Enable()
concentration_nodes_3d = "surface"
use_reaction_contribution_to_jacobian = True
