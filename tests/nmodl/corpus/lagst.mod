: LAG of a STATE in a BREAKPOINT without current (it runs once per step, in the state phase)
NEURON { SUFFIX lagst RANGE m, mlag, tau }
PARAMETER { tau = 0.21 (ms) }
STATE { m }
ASSIGNED { v (mV) mlag }
INITIAL { m = 0 mlag = -1 }
BREAKPOINT {
    SOLVE st METHOD cnexp
    LAG m BY tau
    mlag = lag_m_tau
}
DERIVATIVE st { m' = (1 / (1 + exp(-(v + 40) / 5)) - m) / 0.5 }
