TITLE kca: calcium-activated potassium channel (written for ranvier's load benchmark)
NEURON {
    SUFFIX kcab
    USEION k READ ek WRITE ik
    USEION ca READ cai
    RANGE gbar, g
    GLOBAL caix, kd
}
UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (mM) = (milli/liter)
    (S) = (siemens)
}
PARAMETER {
    gbar = 0.01 (S/cm2) <0,1e9>
    kd = 0.001 (mM)
    caix = 2
    tau0 = 5 (ms)
}
ASSIGNED {
    v (mV)
    ek (mV)
    ik (mA/cm2)
    cai (mM)
    g (S/cm2)
    qinf
    qtau (ms)
}
STATE { q }
BREAKPOINT {
    SOLVE states METHOD cnexp
    g = gbar*q
    ik = g*(v - ek)
}
INITIAL {
    rates(cai, v)
    q = qinf
}
DERIVATIVE states {
    rates(cai, v)
    q' = (qinf - q)/qtau
}
PROCEDURE rates(c (mM), v (mV)) {
    LOCAL r
    r = (c/kd)^caix
    qinf = r/(1 + r)
    qtau = tau0/(1 + r)*(1 + 0.5*exp(-(v + 40)/30))
}
