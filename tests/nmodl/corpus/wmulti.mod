: several WATCH items in one statement; re-arming drops the WATCH events still pending;
: a WATCH on a STATE; a condition already true when armed fires only after being false
NEURON { POINT_PROCESS WMulti RANGE n2, n3, n4, t2, t3, t4, gth, ginc NONSPECIFIC_CURRENT i }
PARAMETER { gth = 0.001 ginc = 0.003 tau = 1.5 e = 0 }
ASSIGNED { v i n2 n3 n4 t2 t3 t4 }
STATE { g }
INITIAL { g = 0 n2 = 0 n3 = 0 n4 = 0 t2 = -1 t3 = -1 t4 = -1 net_send(0, 1) }
BREAKPOINT { SOLVE st METHOD cnexp  i = g*(v - e) }
DERIVATIVE st { g' = -g/tau }
NET_RECEIVE(w) {
    if (flag == 1) {
        WATCH (v > -30) 2, (v > -32) 3
    } else if (flag == 2) {
        n2 = n2 + 1
        t2 = t
        g = g + ginc
        WATCH (v > -30) 2, (v > -32) 3, (g < gth) 4
    } else if (flag == 3) {
        n3 = n3 + 1
        t3 = t
    } else if (flag == 4) {
        n4 = n4 + 1
        t4 = t
        WATCH (-60 > v) 1
    }
}
