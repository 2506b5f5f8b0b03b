TITLE IntFire4.mod   integrate-and-fire cell with exponential excitation and alpha-like inhibition (ranvier)

COMMENT
An artificial cell whose membrane state m integrates an excitatory current E
and an inhibitory current I with time constant taum:

    de/dt  = -e/taue                   E = ae e
    di1/dt = -i1/taui1
    di2/dt = -i2/taui2 + ai1 i1        I = ai2 i2
    dm/dt  = -m/taum + E + I

An input event of weight w > 0 adds w to e, one of weight w <= 0 adds w to i1.
The factors ae, ai1 and ai2 are set at INITIAL so that an isolated event of
weight 1 takes m to a maximum of 1 (the threshold) and one of weight -1 to a
minimum of -1.  When m reaches 1 the cell fires (net_event) and m restarts
from 0; the currents go on unchanged.

Nothing is integrated numerically: the states are stored at the time t0 of
the last event and advanced exactly (newstates) when the next event arrives;
M(), E() and I() give their values at the present t.  The firing time is
approached from below by self-events (flag 1): from each event the cell sends
itself one at t + (1 - m)/m', where the tangent of m reaches 1 (a time before
the true crossing while m is concave), and fires at the self-event where m is
within eps of 1.  nself, nexcite and ninhibit count the self-events and the
excitatory and inhibitory inputs.

The time constants must satisfy taue < taui2, taui1 < taui2 and be apart by
taueps where the solution divides by their difference; INITIAL moves them as
NEURON does (fixprecondition).
Written for ranvier from NEURON's documentation of IntFire4 and the solution
of the linear equations above.
ENDCOMMENT

NEURON {
    ARTIFICIAL_CELL IntFire4
    RANGE taue, taui1, taui2, taum, e, i1, i2, m
    RANGE nself, nexcite, ninhibit
    RANGE ae, ai1, ai2
    GLOBAL eps, taueps, ib
    THREADSAFE
}

PARAMETER {
    taue = 5 (ms)
    taui1 = 10 (ms)
    taui2 = 20 (ms)
    taum = 50 (ms)
    ib = 0              : kept for NEURON's name (h.ib_IntFire4); not used
    eps = 1e-6          : fire when the self-event finds m > 1 - eps
    taueps = 0.01 (ms)  : the least distance between time constants
}

ASSIGNED {
    e
    i1
    i2
    m
    ae
    ai1
    ai2
    t0 (ms)             : time the states were last advanced
    nself
    nexcite
    ninhibit
}

INITIAL {
    fixprecondition()
    factors()
    e = 0
    i1 = 0
    i2 = 0
    m = 0
    t0 = t
    nself = 0
    nexcite = 0
    ninhibit = 0
    net_send(firetimebound(), 1)
}

PROCEDURE fixprecondition() {
    LOCAL x
    if (taui2 - taue < taueps) {
        : taue below taui2 (printf: a warning when taue had to move down)
        taue = taui2 - taueps
    }
    if (taui1 > taui2) {
        x = taui1
        taui1 = taui2
        taui2 = x
    }
    if (taui2 - taui1 < taueps) {
        taui1 = taui2 - taueps
    }
    if (fabs(taum - taui2) < taueps) {
        if (taum > taui2) {
            taum = taui2 + taueps
        } else {
            taum = taui2 - taueps
        }
    }
    if (fabs(taum - taue) < taueps) {
        if (taum > taue) {
            taum = taue - taueps
        } else {
            taue = taum - taueps
        }
    }
    if (fabs(taum - taui1) < taueps) {
        taum = taui1 - taueps
        taui1 = taum - taueps
        taum = taui1 - taueps
        if (taue > taui1) {
            taue = taui1
        }
    }
}

FUNCTION respi(x (ms)) {
    : m at x after an inhibitory event of weight 1 at 0, before scaling by ai2
    LOCAL a1, a2, b
    a1 = 1/taui1
    a2 = 1/taui2
    b = 1/taum
    respi = ai1*((exp(-x*b) - exp(-x*a2))/(a2 - b) - (exp(-x*b) - exp(-x*a1))/(a1 - b))/(a1 - a2)
}

FUNCTION deriv(x (ms)) {
    : the time derivative of respi at x, in units of ai1/taui2 (as NEURON's)
    LOCAL a1, a2, b
    a1 = 1/taui1
    a2 = 1/taui2
    b = 1/taum
    deriv = a2*((a2*exp(-x*a2) - b*exp(-x*b))/(a2 - b) - (a1*exp(-x*a1) - b*exp(-x*b))/(a1 - b))/(a1 - a2)
}

FUNCTION search() (ms) {
    : the time of the peak of respi (bisection on the sign of deriv)
    LOCAL lo, hi, mid, k
    lo = 0
    hi = 1
    k = 0
    while (deriv(hi) > 0 && k < 2000) {
        lo = hi
        hi = 2*hi
        k = k + 1
    }
    k = 0
    while (k < 2000) {
        mid = 0.5*(lo + hi)
        if (mid <= lo || mid >= hi) {
            k = 2000
        } else {
            if (deriv(mid) > 0) {
                lo = mid
            } else {
                hi = mid
            }
            k = k + 1
        }
    }
    search = lo
}

PROCEDURE factors() {
    LOCAL a, b, tp
    : excitation: m = ae (exp(-b t) - exp(-a t))/(a - b) peaks at log(a/b)/(a - b)
    a = 1/taue
    b = 1/taum
    tp = log(a/b)/(a - b)
    ae = 1/((exp(-tp*b) - exp(-tp*a))/(a - b))
    : inhibition: i2 peaks at 1 for i1 = 1, m at respi(search()) before ai2
    a = 1/taui1
    b = 1/taui2
    tp = log(a/b)/(a - b)
    ai1 = 1/((exp(-tp*b) - exp(-tp*a))/(a - b))
    ai2 = 1/respi(search())
}

FUNCTION i2of(d (ms)) {
    : i2 at t0 + d
    LOCAL b1, b2
    b1 = 1/taui1
    b2 = 1/taui2
    i2of = i2*exp(-d/taui2) + ai1*i1*(exp(-d/taui2) - exp(-d/taui1))/(b1 - b2)
}

FUNCTION mof(d (ms)) {
    : m at t0 + d
    LOCAL xe, x1, x2, xm, be, b1, b2, bm
    xe = exp(-d/taue)
    x1 = exp(-d/taui1)
    x2 = exp(-d/taui2)
    xm = exp(-d/taum)
    be = 1/taue
    b1 = 1/taui1
    b2 = 1/taui2
    bm = 1/taum
    mof = m*xm + ae*e*(xm - xe)/(be - bm) + ai2*i2*(xm - x2)/(b2 - bm) + ai2*ai1*i1/(b1 - b2)*((xm - x2)/(b2 - bm) - (xm - x1)/(b1 - bm))
}

PROCEDURE newstates(d (ms)) {
    : advance the states from t0 to t0 + d
    LOCAL mnew, i2new
    mnew = mof(d)
    i2new = i2of(d)
    e = e*exp(-d/taue)
    i1 = i1*exp(-d/taui1)
    i2 = i2new
    m = mnew
}

FUNCTION M() {
    M = mof(t - t0)
}

FUNCTION E() {
    E = ae*e*exp(-(t - t0)/taue)
}

FUNCTION I() {
    I = ai2*i2of(t - t0)
}

FUNCTION firetimebound() (ms) {
    : where the tangent of m reaches 1 (1e9 if m is not rising)
    LOCAL slope
    slope = -m/taum + ae*e + ai2*i2
    if (slope > 0) {
        firetimebound = (1 - m)/slope
    } else {
        firetimebound = 1e9
    }
}

NET_RECEIVE (w) {
    LOCAL s
    newstates(t - t0)
    t0 = t
    if (flag == 1) {
        nself = nself + 1
        if (m > 1 - eps) {
            net_event(t)
            m = 0
        }
    } else {
        if (w > 0) {
            nexcite = nexcite + 1
            e = e + w
        } else {
            ninhibit = ninhibit + 1
            i1 = i1 + w
        }
    }
    s = firetimebound()
    if (flag == 1) {
        net_send(s, 1)      : this self-event is spent: the next one
    } else {
        net_move(t + s)     : the waiting self-event moves
    }
}
