TITLE wt: a point process that WATCHes v, from INITIAL (only NET_RECEIVE may)
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
    WATCH (v > thresh) 2
}
NET_RECEIVE(w) {
    if (flag == 1) {
        count = count - 1
    } else if (flag == 2) {
        count = count + 1
    }
}
