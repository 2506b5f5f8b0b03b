: a delayed rectifier written for this probe
NEURON {
    SUFFIX kdr
    USEION k READ ek WRITE ik
    RANGE gbar, g
    GLOBAL ninf, ntau, vhalf
}
UNITS { (mV) = (millivolt) (mA) = (milliamp) (S) = (siemens) }
PARAMETER { gbar = 0.01 (S/cm2) vhalf = -30 (mV) k = 9 (mV) }
ASSIGNED { v (mV) ek (mV) ik (mA/cm2) g (S/cm2) ninf ntau (ms) }
STATE { n }
BREAKPOINT {
    SOLVE states METHOD cnexp
    g = gbar*n^4
    ik = g*(v - ek)
}
INITIAL { rates(v) n = ninf }
DERIVATIVE states { rates(v) n' = (ninf - n)/ntau }
PROCEDURE rates(v (mV)) {
    ninf = 1/(1 + exp(-(v - vhalf)/k))
    ntau = 1 + 4*exp(-((v + 40)/20)^2)
}
