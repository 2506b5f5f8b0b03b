: stoichiometric coefficients on the right (3A, 2C): rows get 3.0*(f - b), terms kf*3*A*A
NEURON { SUFFIX kinstoich NONSPECIFIC_CURRENT i RANGE g }
PARAMETER { kf = 0.5 kb = 0.1 k1 = 0.3 k2 = 0.2 vol = 2 g = 0.001 }
ASSIGNED { v i }
STATE { A B C }
INITIAL { A = 1 B = 0.2 C = 0.5 }
BREAKPOINT { SOLVE ks METHOD sparse  i = g*A*(v + 10) }
KINETIC ks {
    COMPARTMENT vol { B }
    ~ B + C <-> 3A (kb*exp(v/40), kf)
    ~ A <-> 2C (k1, k2)
}
