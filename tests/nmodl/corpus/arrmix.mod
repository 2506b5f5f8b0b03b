: arrays outside KINETIC: a GLOBAL PARAMETER array, a RANGE ASSIGNED array set in
: loops, array elements in expressions, a LOCAL array, a STATE array in a ring scheme
DEFINE NW 3
NEURON { SUFFIX arrmix NONSPECIFIC_CURRENT i RANGE w, tot, g GLOBAL k }
PARAMETER { k[NW] g = 0.001 }
ASSIGNED { v i w[NW] tot }
STATE { s[NW] }
INITIAL {
    LOCAL tmp[NW]
    FROM j=0 TO NW-1 {
        k[j] = 0.1*(j + 1)
        tmp[j] = 1/(j + 2)
    }
    tot = 0
    FROM j=0 TO NW-1 {
        s[j] = tmp[j]
        tot = tot + tmp[j]
    }
}
BREAKPOINT { SOLVE ring METHOD sparse
    tot = 0
    FROM j=0 TO NW-1 { w[j] = s[j]*(j + 1)  tot = tot + w[j] }
    i = g*tot*(v + 30)
}
KINETIC ring {
    ~ s[0] <-> s[1] (k[0]*exp(v/50), k[1])
    ~ s[1] <-> s[2] (k[1], k[2]*exp(-v/40))
    ~ s[2] <-> s[0] (k[2], k[0])
}
