TITLE ka: transient A-type potassium channel, a^3 b (written for ranvier's load benchmark)
NEURON {
    SUFFIX kab
    USEION k READ ek WRITE ik
    RANGE gbar, g
    GLOBAL ainf, binf, atau, btau
}
UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (S) = (siemens)
}
PARAMETER {
    gbar = 0.005 (S/cm2) <0,1e9>
    va = -45 (mV)
    ka = 14 (mV)
    vb = -80 (mV)
    kb = 6 (mV)
    taub0 = 20 (ms)
}
ASSIGNED {
    v (mV)
    ek (mV)
    ik (mA/cm2)
    g (S/cm2)
    ainf binf
    atau (ms) btau (ms)
}
STATE { a b }
BREAKPOINT {
    SOLVE states METHOD cnexp
    g = gbar*a*a*a*b
    ik = g*(v - ek)
}
INITIAL {
    rates(v)
    a = ainf
    b = binf
}
DERIVATIVE states {
    rates(v)
    a' = (ainf - a)/atau
    b' = (binf - b)/btau
}
PROCEDURE rates(v (mV)) {
    ainf = 1/(1 + exp(-(v - va)/ka))
    binf = 1/(1 + exp((v - vb)/kb))
    atau = 0.5 + 2/(exp((v + 60)/20) + exp(-(v + 60)/20))
    btau = taub0 + 10/(1 + exp((v + 50)/10))
}
