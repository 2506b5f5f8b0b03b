TITLE wt: a point process that WATCHes v, its WATCH without the flag
NEURON {
    POINT_PROCESS wt
    RANGE thresh, count
}
PARAMETER {
    thresh = -20 (mV)
}
ASSIGNED {
    v (mV)
    count
}
INITIAL {
    count = 0
    net_send(0, 1)
}
NET_RECEIVE(w) {
    if (flag == 1) {
        WATCH (v > thresh)
    } else if (flag == 2) {
        count = count + 1
    }
}
