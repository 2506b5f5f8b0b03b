TITLE APCount.mod   counts threshold crossings of v (ranvier)

COMMENT
n counts the times v crosses thresh going up (v >= thresh after having been
below it); time is the time of the last crossing.  The test runs once per step
after v is updated (the state phase), with the new v and t, and once at
INITIAL, so v >= thresh at finitialize counts as a crossing at t = 0.

apc.record(vec) (a method ranvier adds in Python, model/apcount.py) empties vec
at every finitialize and appends the time of each crossing: tcross holds the
crossing time of the present step, -1 if there was none.
Written for ranvier from NEURON's documentation of APCount.
ENDCOMMENT

UNITS {
    (mV) = (millivolt)
}

NEURON {
    POINT_PROCESS APCount
    RANGE n, thresh, time, firing
    THREADSAFE
}

PARAMETER {
    n
    thresh = -20 (mV)
    time (ms)
}

ASSIGNED {
    v (mV)
    firing
    tcross (ms)
}

INITIAL {
    n = 0
    firing = 0
    check()
}

BREAKPOINT {
    SOLVE check METHOD after_cvode
}

PROCEDURE check() {
    tcross = -1
    if (v >= thresh && !firing) {
        firing = 1
        time = t
        n = n + 1
        tcross = t
    }
    if (firing && v < thresh) {
        firing = 0
    }
}
