: WATCH threshold detector: counts the upward crossings of v, armed by a self-event
: sent from INITIAL; with rearm = 1 it alternates WATCH (v > thresh) / (v < thresh)
NEURON { POINT_PROCESS WThresh RANGE thresh, rearm, n, nd, tup, tdown }
PARAMETER { thresh = -20 rearm = 0 }
ASSIGNED { v n nd tup tdown }
INITIAL { n = 0 nd = 0 tup = -1 tdown = -1 net_send(0, 1) }
NET_RECEIVE(w) {
    if (flag == 1) {
        WATCH (v > thresh) 2
    } else if (flag == 2) {
        n = n + 1
        tup = t
        net_event(t)
        if (rearm == 1) { WATCH (v < thresh) 3 }
    } else if (flag == 3) {
        nd = nd + 1
        tdown = t
        WATCH (v > thresh) 2
    }
}
