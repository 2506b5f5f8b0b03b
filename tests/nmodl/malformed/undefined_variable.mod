TITLE kt: a delayed-rectifier K channel (base of the malformed test files)
NEURON {
    SUFFIX kt
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
    vhalf = -55 (mV)
}
ASSIGNED {
    v (mV)
    ek (mV)
    ik (mA/cm2)
    g (S/cm2)
    ninf
    ntau (ms)
}
STATE { n }
BREAKPOINT {
    SOLVE states METHOD cnexp
    g = gbar*n^4
    ik = g*(v - ekk)
}
INITIAL {
    rates(v)
    n = ninf
}
DERIVATIVE states {
    rates(v)
    n' = (ninf - n)/ntau
}
FUNCTION alpha(x (mV)) {
    alpha = 0.01*vtrap(-(x - vhalf), 10)
}
FUNCTION vtrap(x, y) {
    if (fabs(x/y) < 1e-6) {
        vtrap = y*(1 - x/y/2)
    } else {
        vtrap = x/(exp(x/y) - 1)
    }
}
PROCEDURE rates(v (mV)) {
    LOCAL a, b
    a = alpha(v)
    b = 0.125*exp(-(v + 65)/80)
    ntau = 1/(a + b)
    ninf = a*ntau
}
