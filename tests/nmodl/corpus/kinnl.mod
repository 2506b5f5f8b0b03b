: nonlinear KINETIC with COMPARTMENT and << fluxes (NMODL.md Q15)
NEURON { SUFFIX kinnl RANGE kf, kb }
PARAMETER { kf = 0.5 kb = 0.1 flux = 0.01 vol1 = 2 vol2 = 0.5 }
STATE { A B AB }
INITIAL { A = 1 B = 0.5 AB = 0 }
BREAKPOINT { SOLVE ks METHOD sparse }
KINETIC ks { COMPARTMENT vol1 { A B } COMPARTMENT vol2 { AB }  ~ A + B <-> AB (kf, kb)  ~ A << (flux)  ~ B << (-0.25*flux) }
