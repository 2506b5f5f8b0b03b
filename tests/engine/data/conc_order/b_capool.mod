: a calcium pool: WRITEs cai, so NEURON moves it ahead of the other mechanisms
NEURON { SUFFIX capool USEION ca READ ica WRITE cai RANGE taur, cainf }
UNITS { (mM) = (milli/liter) (mA) = (milliamp) FARADAY = 96480 (coul) }
PARAMETER { taur = 5 (ms) cainf = 2.4e-4 (mM) depth = 0.1 (um) }
ASSIGNED { ica (mA/cm2) }
STATE { cai (mM) }
INITIAL { cai = cainf }
BREAKPOINT { SOLVE state METHOD cnexp }
DERIVATIVE state { cai' = -ica * 10000 / (2 * FARADAY * depth) + (cainf - cai) / taur }
