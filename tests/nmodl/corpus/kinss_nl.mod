: nonlinear scheme with CONSERVE, started at STEADYSTATE sparse, rates depend on v
NEURON { SUFFIX kinss_nl NONSPECIFIC_CURRENT i RANGE g, kf }
PARAMETER { g = 0.002 kb = 0.05 src = 0.02 kout = 0.1 }
ASSIGNED { v i kf }
STATE { A B AB }
INITIAL { A = 1 B = 0.2 AB = 0 SOLVE bind STEADYSTATE sparse }
BREAKPOINT { SOLVE bind METHOD sparse  i = g*AB*(v - 10) }
KINETIC bind {
    kf = 0.4*exp((v + 65)/20)
    ~ A + B <-> AB (kf, kb)
    ~ B << (src)
    ~ B -> (kout)
    CONSERVE A + AB = 1
}
