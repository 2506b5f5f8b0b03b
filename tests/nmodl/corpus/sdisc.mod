: state_discontinuity(s, e) in NET_RECEIVE (ModelDB 114355's scexp2syn.mod): on fixed
: step NEURON's C assigns s = e (nrn_netrec_state_adjust is 0 by default)
NEURON { POINT_PROCESS SDisc RANGE tau, e, i, nev NONSPECIFIC_CURRENT i }
PARAMETER { tau = 2 e = 0 }
ASSIGNED { v i nev }
STATE { g }
INITIAL { g = 0 nev = 0 }
BREAKPOINT { SOLVE st METHOD cnexp i = g*(v - e) }
DERIVATIVE st { g' = -g/tau }
NET_RECEIVE(w) {
    state_discontinuity(g, g + w)
    nev = nev + 1
}
