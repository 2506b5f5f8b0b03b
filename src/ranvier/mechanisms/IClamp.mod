TITLE IClamp.mod   current clamp: a single square pulse (ranvier)

COMMENT
A current of amp nA flows into the cell for del <= t < del + dur and is zero
otherwise.  ELECTRODE_CURRENT: a positive i depolarizes.
ENDCOMMENT

UNITS {
    (nA) = (nanoamp)
}

NEURON {
    POINT_PROCESS IClamp
    RANGE del, dur, amp, i
    ELECTRODE_CURRENT i
    THREADSAFE
}

PARAMETER {
    del (ms)
    dur (ms) <0,1e9>
    amp (nA)
}

ASSIGNED {
    i (nA)
}

INITIAL {
    i = 0
}

BREAKPOINT {
    at_time(del)
    at_time(del + dur)
    if (t < del + dur && t >= del) {
        i = amp
    } else {
        i = 0
    }
}
