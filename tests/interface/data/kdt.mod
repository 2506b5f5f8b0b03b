TITLE kdt: a test channel declaring units in several spellings (tests/interface)
NEURON {
    SUFFIX kdt
    USEION k READ ek WRITE ik REPRESENTS CHEBI:29103
    USEION ca READ cai REPRESENTS CHEBI:29108
    RANGE gbar, g, tauscale
    GLOBAL vhalf, q10
    NONSPECIFIC_CURRENT il
}
UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (S) = (siemens)
    (mM) = (milli/liter)
}
PARAMETER {
    gbar = 0.01 (S/cm2) <0,1e9>
    vhalf = -40 (mV)
    q10 = 3 (1)
    tauscale = 1 (/ms)
    el = -70 (millivolt)
    gl = 0
    cai (mM)
}
ASSIGNED {
    v (mV)
    ek (mV)
    ik (mA/cm2)
    il (mA/cm2)
    g (S/cm2)
}
STATE { n  nn (mM) }
BREAKPOINT {
    SOLVE states METHOD cnexp
    g = gbar * n
    ik = g * (v - ek)
    il = gl*(v - el)
}
INITIAL { n = 0 nn = 0 }
DERIVATIVE states {
    LOCAL ninf
    ninf = 1/(1+exp(-(v-vhalf)/10))
    n' = (ninf - n)*tauscale
    nn' = -nn
}
