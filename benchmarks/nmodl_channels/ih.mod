TITLE ih: hyperpolarization-activated cation current (written for ranvier's load benchmark)
NEURON {
    SUFFIX ihb
    NONSPECIFIC_CURRENT i
    RANGE gbar, g, eh
    GLOBAL linf, ltau
}
UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (S) = (siemens)
}
PARAMETER {
    gbar = 1e-4 (S/cm2) <0,1e9>
    eh = -30 (mV)
    vhalf = -81 (mV)
    kl = 8 (mV)
}
ASSIGNED {
    v (mV)
    i (mA/cm2)
    g (S/cm2)
    linf
    ltau (ms)
}
STATE { l }
BREAKPOINT {
    SOLVE states METHOD cnexp
    g = gbar*l
    i = g*(v - eh)
}
INITIAL {
    rates(v)
    l = linf
}
DERIVATIVE states {
    rates(v)
    l' = (linf - l)/ltau
}
PROCEDURE rates(v (mV)) {
    linf = 1/(1 + exp((v - vhalf)/kl))
    ltau = 1/(exp(-14.59 - 0.086*v) + exp(-1.87 + 0.0701*v))
}
