TITLE km: slow non-inactivating M-type potassium channel (written for ranvier's load benchmark)
NEURON {
    SUFFIX kmb
    USEION k READ ek WRITE ik
    RANGE gbar, g
    GLOBAL taumax
}
UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (S) = (siemens)
}
PARAMETER {
    gbar = 1e-4 (S/cm2) <0,1e9>
    taumax = 1000 (ms)
}
ASSIGNED {
    v (mV)
    ek (mV)
    ik (mA/cm2)
    g (S/cm2)
    celsius (degC)
    pinf
    ptau (ms)
}
STATE { p }
BREAKPOINT {
    SOLVE states METHOD cnexp
    g = gbar*p
    ik = g*(v - ek)
}
INITIAL {
    rates(v)
    p = pinf
}
DERIVATIVE states {
    rates(v)
    p' = (pinf - p)/ptau
}
PROCEDURE rates(v (mV)) {
    LOCAL qt
    qt = 2.3^((celsius - 36)/10)
    pinf = 1/(1 + exp(-(v + 35)/10))
    ptau = taumax/(3.3*exp((v + 35)/20) + exp(-(v + 35)/20))/qt
}
