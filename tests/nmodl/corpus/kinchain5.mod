: five states C1 C2 C3 O I with CONSERVE (state order I, C3, C2, C1, O)
NEURON { SUFFIX kinchain5 USEION na READ ena WRITE ina RANGE gbar }
PARAMETER { gbar = 0.02 }
ASSIGNED { v ena ina am bm ah bh }
STATE { C1 C2 C3 O I }
INITIAL { C1 = 1 C2 = 0 C3 = 0 O = 0 I = 0 }
BREAKPOINT { SOLVE ks METHOD sparse  ina = gbar*O*(v - ena) }
KINETIC ks {
    am = 0.5*exp((v + 40)/12)  bm = 0.3*exp(-(v + 40)/18)
    ah = 0.05*exp(-(v + 60)/15)  bh = 0.4/(1 + exp(-(v + 30)/8))
    ~ C1 <-> C2 (3*am, bm)
    ~ C2 <-> C3 (2*am, 2*bm)
    ~ C3 <-> O (am, 3*bm)
    ~ O <-> I (bh, ah)
    ~ C3 <-> I (0.1*bh, ah)
    CONSERVE C1 + C2 + C3 + O + I = 1
}
