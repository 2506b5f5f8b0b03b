TITLE cad: submembrane calcium pool with first-order decay (written for ranvier's load benchmark)
NEURON {
    SUFFIX cadb
    USEION ca READ ica, cai WRITE cai
    RANGE depth, taur, cainf
}
UNITS {
    (mA) = (milliamp)
    (mM) = (milli/liter)
    (um) = (micron)
    FARADAY = (faraday) (coulomb)
}
PARAMETER {
    depth = 0.1 (um)
    taur = 200 (ms)
    cainf = 1e-4 (mM)
}
ASSIGNED {
    ica (mA/cm2)
    cai (mM)
    drive (mM/ms)
}
STATE { ca (mM) }
BREAKPOINT {
    SOLVE state METHOD cnexp
}
INITIAL {
    ca = cainf
    cai = ca
}
DERIVATIVE state {
    drive = -(1e4)*ica/(2*FARADAY*depth)
    if (drive <= 0) { drive = 0 }
    ca' = drive + (cainf - ca)/taur
    cai = ca
}
