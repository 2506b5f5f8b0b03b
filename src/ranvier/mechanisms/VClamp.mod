TITLE VClamp.mod   two-electrode voltage clamp with three levels (ranvier)

COMMENT
A control amplifier of gain `gain` (and time constant tau2) drives its output
vo into the cell through the resistance rstim: i = (vo - v)/rstim (nA,
ELECTRODE_CURRENT: positive depolarizes).  Its input e is the node between
the command (through a resistor) and the measured voltage vi (through the same
resistance in parallel with a capacitor; tau1 is their time constant):

    tau1 d(e - vi)/dt = vi - vc - 2 e      tau2 dvo/dt = -gain e - vo
    vi = v + fac (vo - v)                  (fac: the part of the voltage drop
                                            across rstim the measurement sees)

(tau2 = 0: vo = -gain e.)  The command vc is amp[0] while t < dur[0], amp[1]
until dur[0] + dur[1], amp[2] until dur[0] + dur[1] + dur[2]; then the clamp
is off (i = 0) and its state stays as it was.

The clamp is stiff, so each step solves these equations by backward Euler
from the states of the last step (e0, vo0, vi0) together with the membrane:
the current phase computes e, vo, vi and i for the present v (so that the
derivative NEURON takes of i with respect to v contains the whole clamp), the
state phase recomputes them with the new v and keeps them (e0 = e, ...).
At INITIAL e0 = 0 and vo0 = vi0 = v.

ranvier: dur[3] and amp[3] are kept in dur0..dur2 and amp0..amp2 here;
vc.dur[k], vc.amp[k] and vc._ref_amp[k] are Python-side views of them
(model/vclamp.py) until the NMODL compiler has arrays.
Written for ranvier from NEURON's documentation of VClamp (its circuit) and
its behaviour.
ENDCOMMENT

UNITS {
    (nA) = (nanoamp)
    (mV) = (millivolt)
    (MOhm) = (megohm)
}

NEURON {
    POINT_PROCESS VClamp
    ELECTRODE_CURRENT i
    RANGE e0, vo0, vi0, gain, rstim, tau1, tau2, fac, i
    THREADSAFE
}

PARAMETER {
    gain = 1e5 <0, 1e9>
    rstim = 1 (MOhm) <1e-9, 1e9>
    tau1 = 0.001 (ms) <1e-9, 1e9>
    tau2 = 0 (ms) <0, 1e9>
    e0 (mV)
    vo0 (mV)
    vi0 (mV)
    fac = 0
}

ASSIGNED {
    v (mV)
    i (nA)
    dur0 (ms)
    dur1 (ms)
    dur2 (ms)
    amp0 (mV)
    amp1 (mV)
    amp2 (mV)
    vc (mV)         : the command
    tc2 (ms)        : end of level 2
    tc3 (ms)        : end of level 3: the clamp switches off
    on
}

STATE {
    e (mV)
    vo (mV)
    vi (mV)
}

INITIAL {
    e0 = 0
    vo0 = v
    vi0 = v
    e = e0
    vo = vo0
    vi = vi0
    tc2 = dur0 + dur1
    tc3 = tc2 + dur2
    on = 0
}

BREAKPOINT {
    SOLVE update METHOD after_cvode
    vstim()
    i = icur()
}

PROCEDURE vstim() {
    at_time(dur0)
    at_time(tc2)
    at_time(tc3)
    on = 1
    if (t < dur0) {
        vc = amp0
    } else if (t < tc2) {
        vc = amp1
    } else if (t <= tc3) {
        vc = amp2
    } else {
        vc = 0
        on = 0
    }
}

FUNCTION icur() (nA) {
    : e, vo and vi at the end of the step for the present v; the current
    LOCAL x, y, gy, vop, w
    if (on) {
        x = dt/tau1
        if (tau2 > 0) {
            y = dt/tau2
            gy = gain*y/(1 + y)
            vop = vo0/(1 + y)
        } else {
            gy = gain
            vop = 0
        }
        w = v + fac*(vop - v)
        e = (e0 + (w - vi0) + x*(w - vc))/(1 + 2*x + (1 + x)*fac*gy)
        if (tau2 > 0) {
            vo = (vo0 - y*gain*e)/(1 + y)
        } else {
            vo = -gain*e
        }
        vi = v + fac*(vo - v)
        icur = (vo - v)/rstim
    } else {
        icur = 0
    }
}

PROCEDURE update() {
    : the state phase (t is the end of the step): the states with the new v
    : become the starting point of the next step.  A step whose middle is the
    : end of the clamp (t - dt/2 = tc3) leaves i at 0, as NEURON does.
    if (on && t - 0.5*dt < tc3) {
        i = icur()
    } else {
        i = 0
    }
    e0 = e
    vo0 = vo
    vi0 = vi
}
