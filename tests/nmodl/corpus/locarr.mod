: LOCAL arrays, DEFINE sizes, array elements passed as arguments, GLOBAL arrays
DEFINE NB 4
NEURON { SUFFIX locarr NONSPECIFIC_CURRENT i RANGE g, acc GLOBAL wt }
PARAMETER { g = 0.0003 wt[NB] }
ASSIGNED { v i acc }
INITIAL { FROM k = 0 TO NB - 1 { wt[k] = 1/(k + 1) } acc = 0 }
BREAKPOINT { LOCAL buf[NB], s
    s = 0
    FROM k = 0 TO NB - 1 {
        buf[k] = sig(v, -60 + 10*k)
        s = s + scale(buf[k], wt[k])
    }
    acc = s
    i = g*acc*(v + 10)
}
FUNCTION sig(v, vh) { sig = 1/(1 + exp(-(v - vh)/5)) }
FUNCTION scale(x, w) { scale = x*w }
