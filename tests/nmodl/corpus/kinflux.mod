: f_flux and b_flux read after reactions; two COMPARTMENTs and -> / << on them
NEURON { SUFFIX kinflux NONSPECIFIC_CURRENT i RANGE ff, bf, g }
PARAMETER { g = 0.001 kd = 0.05 vs = 1.5 vp = 0.25 }
ASSIGNED { v i ff bf kf }
STATE { S P }
INITIAL { S = 0.2 P = 0.1 }
BREAKPOINT { SOLVE ks METHOD sparse  i = g*P*(v + 20) }
KINETIC ks {
    COMPARTMENT vs {S}
    COMPARTMENT vp {P}
    kf = 0.2*exp((v + 60)/15)
    ~ S <-> P (kf, 0.3)
    ff = f_flux
    bf = b_flux
    ~ P -> (kd)
    ~ S << (0.01*vs)
}
