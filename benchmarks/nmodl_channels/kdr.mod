TITLE kdr: delayed rectifier potassium channel, n^4 (written for ranvier's load benchmark)
NEURON {
    SUFFIX kdrb
    USEION k READ ek WRITE ik
    RANGE gbar, g
    GLOBAL ninf, ntau
}
UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (S) = (siemens)
}
PARAMETER {
    gbar = 0.036 (S/cm2) <0,1e9>
    q10 = 3
}
ASSIGNED {
    v (mV)
    ek (mV)
    ik (mA/cm2)
    g (S/cm2)
    celsius (degC)
    ninf
    ntau (ms)
}
STATE { n }
BREAKPOINT {
    SOLVE states METHOD cnexp
    g = gbar*n^4
    ik = g*(v - ek)
}
INITIAL {
    rates(v)
    n = ninf
}
DERIVATIVE states {
    rates(v)
    n' = (ninf - n)/ntau
}
PROCEDURE rates(v (mV)) {
    LOCAL a, b, qt
    qt = q10^((celsius - 6.3)/10)
    a = 0.01*vtrap(-(v + 55), 10)
    b = 0.125*exp(-(v + 65)/80)
    ntau = 1/(qt*(a + b))
    ninf = a/(a + b)
}
FUNCTION vtrap(x, y) {
    if (fabs(x/y) < 1e-6) {
        vtrap = y*(1 - x/y/2)
    } else {
        vtrap = x/(exp(x/y) - 1)
    }
}
