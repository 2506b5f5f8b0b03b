TITLE IntFire2.mod   leaky integrator driven by a bias and a decaying synaptic current (ranvier)

COMMENT
An artificial cell whose "membrane potential" m integrates a total current i
with time constant taum:

    taum dm/dt = i - m        taus di/dt = ib - i

i is the constant bias ib plus a synaptic current that decays to 0 with time
constant taus (taus > taum).  An input event of weight w makes i jump by w.
When m reaches 1 the cell fires (net_event) and m restarts from 0; i is not
affected.  Nothing is integrated numerically: m and i are stored at the time
t0 of the last event, M() and I() give their exact values at the present t,
and the firing time is the first root of M(t) = 1 (firetime), where one
self-event (flag 1) always waits: moved by every input, sent anew after each
spike.

With f = taus/(taus - taum), starting from m and i at t0:

    I(t) = ib + (i - ib) exp(-(t - t0)/taus)
    M(t) = ib + f (i - ib) exp(-(t - t0)/taus)
              + (m - ib - f (i - ib)) exp(-(t - t0)/taum)

Written for ranvier from NEURON's documentation of IntFire2 and the solution
of the two linear equations above.
ENDCOMMENT

NEURON {
    ARTIFICIAL_CELL IntFire2
    RANGE taus, taum, ib, i, m
    THREADSAFE
}

PARAMETER {
    taus = 20 (ms) <1e-9, 1e9>
    taum = 10 (ms) <1e-9, 1e9>
    ib = 0
}

ASSIGNED {
    i
    m
    t0 (ms)     : time m and i were last computed
}

INITIAL {
    i = ib
    m = 0
    t0 = t
    net_send(firetime(ib, 0, 0), 1)
}

FUNCTION M() {
    LOCAL f, s
    f = taus/(taus - taum)
    s = t - t0
    M = ib + f*(i - ib)*exp(-s/taus) + (m - (ib + f*(i - ib)))*exp(-s/taum)
}

FUNCTION I() {
    I = (i - ib)*exp(-(t - t0)/taus) + ib
}

FUNCTION excess(a, b, c, s) {
    : a + b exp(-s/taus) + (c - a - b) exp(-s/taum) - 1: M(t0 + s) - 1 for
    : a = ib, b = f (i - ib), c = m
    excess = a + b*exp(-s/taus) + (c - a - b)*exp(-s/taum) - 1
}

FUNCTION firetime(a, b, c) (ms) {
    : the first s >= 0 at which excess(a, b, c, s) reaches 0 from below (0 if
    : it is >= 0 already and rising), 1e9 if it never does
    LOCAL cc, d0, q, sc, lo, hi, mid, k, found
    cc = c - a - b
    d0 = -b/taus - cc/taum          : the slope at s = 0
    if (c >= 1) {
        if (d0 > 0) {
            firetime = 0
        } else {
            firetime = 1e9
        }
    } else {
        found = 0
        lo = 0
        hi = 0
        : the curve has at most one turning point: s where the slope is 0
        sc = -1
        if (b != 0 && taus != taum) {
            q = -(cc*taus)/(b*taum)
            if (q > 0) {
                sc = log(q)/(1/taum - 1/taus)
            }
        }
        if (sc > 0 && d0 > 0) {
            : rises to a maximum at sc, then falls towards a - 1
            if (excess(a, b, c, sc) >= 0) {
                found = 1
                hi = sc
            }
        } else if (a > 1) {
            : rises (after a minimum at sc, if any) towards a - 1 > 0
            found = 1
            if (sc > 0) {
                lo = sc
            }
            hi = lo + taus + taum
            k = 0
            while (excess(a, b, c, hi) < 0 && k < 2000) {
                lo = hi
                hi = 2*hi
                k = k + 1
            }
        }
        if (found) {
            : bisection down to adjacent doubles: hi is the first s at or above 1
            k = 0
            while (k < 2000) {
                mid = 0.5*(lo + hi)
                if (mid <= lo || mid >= hi) {
                    k = 2000
                } else {
                    if (excess(a, b, c, mid) >= 0) {
                        hi = mid
                    } else {
                        lo = mid
                    }
                    k = k + 1
                }
            }
            firetime = hi
        } else {
            firetime = 1e9
        }
    }
}

FUNCTION nextfire() (ms) {
    : time from now to the next spike with the present i and m (t0 = t)
    nextfire = firetime(ib, taus/(taus - taum)*(i - ib), m)
}

NET_RECEIVE (w) {
    LOCAL s
    if (flag == 1) {
        : the self-event: m has reached 1
        net_event(t)
        i = I()
        m = 0
    } else {
        m = M()
        i = I() + w
    }
    t0 = t
    s = nextfire()
    if (flag == 1) {
        net_send(s, 1)      : the spike's self-event is gone: a new one
    } else {
        net_move(t + s)     : the waiting self-event moves
    }
}
