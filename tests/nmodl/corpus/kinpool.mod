: a pool in a COMPARTMENT filled from v (<<), with a loss (->) and a resting source
NEURON { SUFFIX kinpool NONSPECIFIC_CURRENT i RANGE depth, taur, cainf, influx, g }
PARAMETER { depth = 0.1 taur = 20 cainf = 1e-4 g = 0.05 }
ASSIGNED { v i influx }
STATE { cai }
INITIAL { cai = cainf }
BREAKPOINT { SOLVE pool METHOD sparse  i = g*cai*(v - 0) }
KINETIC pool {
    COMPARTMENT depth {cai}
    influx = 2e-3*(v + 60)
    if (influx < 0) { influx = 0 }
    ~ cai << (influx)
    ~ cai << (depth*cainf/taur)
    ~ cai -> (depth/taur)
}
