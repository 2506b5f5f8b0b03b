: self-events: net_send from INITIAL, net_move of the pending flag-1 event, net_event
NEURON { POINT_PROCESS EvMove RANGE g, n, tmoved NONSPECIFIC_CURRENT i }
PARAMETER { tau = 2 e = 0 gstep = 0.002 }
ASSIGNED { v i n tmoved }
STATE { g }
INITIAL { n = 0 tmoved = -1 net_send(3, 1) net_send(1, 2) }
BREAKPOINT { SOLVE st METHOD cnexp  i = g*(v - e) }
DERIVATIVE st { g' = -g/tau }
NET_RECEIVE(w) {
    if (flag == 2) {
        net_move(t + 0.5)
        tmoved = t
    } else if (flag == 1) {
        n = n + 1
        g = g + gstep
        net_event(t)
        if (n < 4) { net_send(0.7, 1) }
    }
}
