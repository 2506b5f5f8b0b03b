TITLE cal: high-threshold L-type calcium channel, GHK current (written for ranvier's load benchmark)
NEURON {
    SUFFIX calb
    USEION ca READ cai, cao WRITE ica
    RANGE pbar, ica
}
UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (mM) = (milli/liter)
    FARADAY = (faraday) (coulomb)
    R = (k-mole) (joule/degC)
}
PARAMETER {
    pbar = 1e-5 (cm/s) <0,1e9>
}
ASSIGNED {
    v (mV)
    celsius (degC)
    cai (mM)
    cao (mM)
    ica (mA/cm2)
    minf
    mtau (ms)
}
STATE { m }
BREAKPOINT {
    SOLVE states METHOD cnexp
    ica = pbar*m*m*ghk(v, cai, cao)
}
INITIAL {
    rates(v)
    m = minf
}
DERIVATIVE states {
    rates(v)
    m' = (minf - m)/mtau
}
PROCEDURE rates(v (mV)) {
    minf = 1/(1 + exp(-(v + 10)/6))
    mtau = 0.5 + 1.5/(exp((v + 20)/15) + exp(-(v + 20)/15))
}
FUNCTION ghk(v (mV), ci (mM), co (mM)) (mV) {
    LOCAL z, eco, eci
    z = (1e-3)*2*FARADAY*v/(R*(celsius + 273.15))
    eco = co*efun(z)
    eci = ci*efun(-z)
    ghk = (1e-3)*2*FARADAY*(eci - eco)
}
FUNCTION efun(z) {
    if (fabs(z) < 1e-4) {
        efun = 1 - z/2
    } else {
        efun = z/(exp(z) - 1)
    }
}
