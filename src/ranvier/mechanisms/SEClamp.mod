TITLE SEClamp.mod   single-electrode voltage clamp with three levels (ranvier)

COMMENT
The clamp holds the command potential vc through a series resistance rs (MOhm):
the electrode current is i = (vc - v)/rs (nA), positive into the cell
(ELECTRODE_CURRENT).  vc is amp1 while t < dur1, amp2 until dur1 + dur2, amp3
until dur1 + dur2 + dur3; after that the clamp is off (vc = 0, i = 0).

The current phase sets vc for the time of the step (t + dt/2) and i at the
present v; the state phase (SOLVE ... METHOD after_cvode) recomputes i with
the v just computed, so that i read after fadvance belongs to the new v.
Written for ranvier from NEURON's documentation of SEClamp.
ENDCOMMENT

UNITS {
    (nA) = (nanoamp)
    (mV) = (millivolt)
    (MOhm) = (megohm)
}

NEURON {
    POINT_PROCESS SEClamp
    ELECTRODE_CURRENT i
    RANGE dur1, amp1, dur2, amp2, dur3, amp3, rs, vc, i
    THREADSAFE
}

PARAMETER {
    rs = 1 (MOhm) <1e-9, 1e9>
    dur1 (ms)
    amp1 (mV)
    dur2 (ms) <0, 1e9>
    amp2 (mV)
    dur3 (ms) <0, 1e9>
    amp3 (mV)
}

ASSIGNED {
    v (mV)
    i (nA)
    vc (mV)
    tend2 (ms)      : end of level 2
    tend3 (ms)      : end of level 3: the clamp switches off
    clamping        : 1 while a level is applied
}

INITIAL {
    tend2 = dur1 + dur2
    tend3 = tend2 + dur3
    clamping = 0
}

BREAKPOINT {
    SOLVE icur METHOD after_cvode
    vstim()
}

PROCEDURE icur() {
    if (clamping) {
        i = (vc - v)/rs
    } else {
        i = 0
    }
}

PROCEDURE vstim() {
    : the level switches land on step boundaries under variable step
    at_time(dur1)
    at_time(tend2)
    at_time(tend3)
    clamping = 1
    if (t < dur1) {
        vc = amp1
    } else if (t < tend2) {
        vc = amp2
    } else if (t < tend3) {
        vc = amp3
    } else {
        vc = 0
        clamping = 0
    }
    icur()
}
