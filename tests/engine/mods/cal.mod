NEURON {
    SUFFIX cal
    USEION ca READ eca WRITE ica
    RANGE gbar
}
UNITS { (mV) = (millivolt) (mA) = (milliamp) (S) = (siemens) }
PARAMETER { gbar = 0.001 (S/cm2) }
ASSIGNED { v (mV) eca (mV) ica (mA/cm2) minf }
STATE { m }
BREAKPOINT { SOLVE states METHOD cnexp  ica = gbar*m*m*(v - eca) }
INITIAL { minf = 1/(1 + exp(-(v + 20)/6)) m = minf }
DERIVATIVE states { minf = 1/(1 + exp(-(v + 20)/6)) m' = (minf - m)/1.5 }
