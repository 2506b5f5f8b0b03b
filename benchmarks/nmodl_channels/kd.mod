TITLE kd: slowly inactivating D-type potassium channel (written for ranvier's load benchmark)
NEURON {
    SUFFIX kdb
    USEION k READ ek WRITE ik
    RANGE gbar, g, taui
}
UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (S) = (siemens)
}
PARAMETER {
    gbar = 0.001 (S/cm2) <0,1e9>
    taui = 1500 (ms)
}
ASSIGNED {
    v (mV)
    ek (mV)
    ik (mA/cm2)
    g (S/cm2)
    xinf winf
    xtau (ms)
}
STATE { x w }
BREAKPOINT {
    SOLVE states METHOD derivimplicit
    g = gbar*x*x*x*x*w
    ik = g*(v - ek)
}
INITIAL {
    rates(v)
    x = xinf
    w = winf
}
DERIVATIVE states {
    rates(v)
    x' = (xinf - x)/xtau
    w' = (winf - w)/taui
}
PROCEDURE rates(v (mV)) {
    xinf = 1/(1 + exp(-(v + 63)/9))
    winf = 1/(1 + exp((v + 73)/6))
    xtau = 1 + 3*exp(-((v + 60)/25)^2)
}
