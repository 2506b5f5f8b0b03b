: a density mechanism for the MechanismType/MechanismStandard tests (ranvier's own)
: PARAMETER, ASSIGNED and STATE range variables, an array of each kind,
: a GLOBAL, and the ca ion
DEFINE NA 2
NEURON {
    SUFFIX mtden
    USEION ca READ cai WRITE ica
    NONSPECIFIC_CURRENT i
    RANGE gbar, w, tot, q
    GLOBAL kk, tfac
}
PARAMETER { gbar = 0.002 (S/cm2) w[NA] kk = 3 tfac = 1.5 }
ASSIGNED { v (mV) i (mA/cm2) ica (mA/cm2) cai (mM) tot q[NA] }
STATE { s  r[NA] }
INITIAL {
    s = 0.25
    FROM j = 0 TO NA - 1 {
        r[j] = 0.1*(j + 1)
        q[j] = w[j] + j
    }
    tot = 0
}
BREAKPOINT {
    SOLVE states METHOD cnexp
    tot = s + r[0] + r[1]
    i = gbar*s*(v + 60)
    ica = 0.001*gbar*(v - 100)
}
DERIVATIVE states {
    s' = (1 - s)/(kk*tfac)
}
