: unit literals inside expressions are plain numbers; UNITS factors are the only unit arithmetic
NEURON { SUFFIX unitlit NONSPECIFIC_CURRENT i RANGE gbar, minf, mtau }
UNITS { (mV) = (millivolt) (mA) = (milliamp) (S) = (siemens)
        FARADAY = (faraday) (coulomb) R = (k-mole) (joule/degC) }
PARAMETER { gbar = 0.002 (S/cm2) q10 = 2.5 erev = -20 (mV) }
ASSIGNED { v (mV) i (mA/cm2) minf mtau (ms) celsius (degC) }
STATE { m }
INITIAL { rates(v) m = minf }
BREAKPOINT { SOLVE st METHOD cnexp  i = gbar*m*(v - erev) }
DERIVATIVE st { rates(v) m' = (minf - m)/mtau }
PROCEDURE rates(v (mV)) { LOCAL qt, ktf
    qt = q10^((celsius - 22 (degC))/10 (degC))
    ktf = 1e-3*R*(celsius + 273.15)/FARADAY
    minf = 1/(1 + exp(-(v + 40 (mV))*0.09(/mV)))
    mtau = (1 (ms) + 0.2(ms)*exp(-(v + 40)*ktf*0.5))/qt
}
