: state_discontinuity(x, expr) in NET_RECEIVE (NEURON: x = expr) and at_time(te) in
: BREAKPOINT (true in the step whose t passes te; the current runs twice per step)
NEURON { POINT_PROCESS SdPP RANGE del, n, tat, tat2 NONSPECIFIC_CURRENT i }
PARAMETER { del = 1 tau = 2 }
ASSIGNED { v i n tat tat2 }
STATE { g }
INITIAL { g = 0 n = 0 tat = -1 tat2 = -1 }
BREAKPOINT {
    SOLVE st METHOD cnexp
    if (at_time(del)) { n = n + 1 tat = t }
    if (at_time(2.0125)) { tat2 = t }
    i = g*(v - 0)
}
DERIVATIVE st { g' = -g/tau }
NET_RECEIVE(w) {
    state_discontinuity(g, g + w)
}
