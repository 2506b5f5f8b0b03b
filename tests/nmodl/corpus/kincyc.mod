: cyclic C/O/I scheme with CONSERVE, STEADYSTATE in INITIAL (linear)
NEURON { SUFFIX kincyc USEION k READ ek WRITE ik RANGE gbar }
PARAMETER { gbar = 0.01 kin0 = 0.08 kout = 0.004 }
ASSIGNED { v ek ik a b c d e f }
STATE { C O I }
INITIAL { SOLVE kin STEADYSTATE sparse }
BREAKPOINT { SOLVE kin METHOD sparse  ik = gbar*O*(v - ek) }
KINETIC kin {
    rates(v)
    ~ C <-> O (a, b)
    ~ O <-> I (c, d)
    ~ C <-> I (e, f)
    CONSERVE C + O + I = 1
}
PROCEDURE rates(v) { LOCAL ninf, tau
    ninf = 1/(1 + exp(-(v + 30)/10))
    tau = 0.4 + 3*exp(-((v + 45)/25)^2)
    a = ninf/tau  b = (1 - ninf)/tau  c = kin0  d = kout
    e = 0.5*kin0/(1 + exp((v + 62)/7))  f = 0.02*(1 - 1/(1 + exp((v + 62)/7)))
}
