: written for ranvier's tests: a delayed-rectifier-like K current whose update
: factor lives in a file-level LOCAL that a PROCEDURE TABLE tabulates
: (the 1995-era style of ModelDB 8210's kd3h5.mod / na3h5.mod)
NEURON {
    SUFFIX loctab
    USEION k READ ek WRITE ik
    RANGE gbar, ninf
    GLOBAL vlo, vhi
}
UNITS { (mA) = (milliamp) (mV) = (millivolt) }
PARAMETER { gbar = 0.003 (mho/cm2)  vlo = -120 (mV)  vhi = 100 (mV) }
ASSIGNED { v (mV) ek (mV) ik (mA/cm2) ninf ntau (ms) }
STATE { n }
LOCAL fac
INITIAL { tabrates(v) n = ninf }
BREAKPOINT {
    SOLVE advance
    ik = gbar * n * n * (v - ek)
}
PROCEDURE advance() {
    tabrates(v)
    n = n + fac * (ninf - n)
}
PROCEDURE tabrates(vm (mV)) {
    LOCAL a, b
    TABLE ninf, fac DEPEND dt FROM -120 TO 100 WITH 220
    a = 0.05 * exp((vm + 10) / 12)
    b = 0.01 * exp(-(vm + 40) / 30)
    ntau = 1 / (a + b)
    ninf = a * ntau
    fac = 1 - exp(-dt / ntau)
}
