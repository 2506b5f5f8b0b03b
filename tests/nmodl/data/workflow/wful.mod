: unit literals inside expressions and UNITS factors (ranvier tests, our own file)
NEURON {
    SUFFIX wful
    USEION k READ ek WRITE ik
    RANGE gbar, fr, pi2
    GLOBAL ninf, ntau
}
UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
    FARADAY = (faraday) (coulomb)
    R = (k-mole) (joule/degC)
    PI = (pi) (1)
}
PARAMETER {
    gbar = 0.02 (S/cm2)
    q10 = 3
}
ASSIGNED { v (mV) ek (mV) ik (mA/cm2) ninf ntau (ms) fr pi2 }
STATE { n }
INITIAL {
    rates(v)
    n = ninf
    fr = FARADAY/R
    pi2 = PI*(2)
}
BREAKPOINT {
    SOLVE st METHOD cnexp
    ik = gbar*n*n*n*n*(v - ek)
}
DERIVATIVE st {
    rates(v)
    n' = (ninf - n)/ntau
}
PROCEDURE rates(v (mV)) {
    LOCAL qt
    qt = q10^((celsius - 22 (degC))/10 (degC))
    ninf = 1/(1 + exp(-(v + 45 (mV))*0.1428(/mV)))
    ntau = (1 + 4(ms)/(1 + exp((v + 40)/10)))/qt
}
