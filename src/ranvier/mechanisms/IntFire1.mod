TITLE IntFire1.mod   leaky integrate-and-fire cell with a refractory period (ranvier)

COMMENT
An artificial cell: its state m relaxes to 0 with time constant tau and is
only computed when an event arrives (m0 at t0 is m0*exp(-(t - t0)/tau) at t).
An input event of weight w adds w to m; if m then exceeds 1 the cell fires
(net_event) and is refractory for refrac ms: m reads 2, inputs are ignored,
and at the end of the period m restarts from 0.

M() is the value of m at the present t; during the refractory period it is 2
for the first 0.5 ms and -1 afterwards (so that a plot shows a spike).
Written for ranvier from NEURON's documentation of IntFire1.
ENDCOMMENT

NEURON {
    ARTIFICIAL_CELL IntFire1
    RANGE tau, refrac, m
    THREADSAFE
}

PARAMETER {
    tau = 10 (ms) <1e-9, 1e9>
    refrac = 5 (ms) <0, 1e9>
}

ASSIGNED {
    m
    t0 (ms)         : time m was last computed (or the cell fired)
    refractory      : 1 from a spike until refrac later
}

INITIAL {
    m = 0
    t0 = t
    refractory = 0
}

FUNCTION M() {
    if (refractory == 0) {
        M = m*exp(-(t - t0)/tau)
    } else {
        if (t - t0 < 0.5) {
            M = 2
        } else {
            M = -1
        }
    }
}

NET_RECEIVE (w) {
    if (refractory == 0) {
        m = m*exp(-(t - t0)/tau) + w
        t0 = t
        if (m > 1) {
            : fire, then ignore inputs until the self-event with flag 1
            refractory = 1
            m = 2
            net_event(t)
            net_send(refrac, 1)
        }
    } else if (flag == 1) {
        refractory = 0
        m = 0
        t0 = t
    }
}
