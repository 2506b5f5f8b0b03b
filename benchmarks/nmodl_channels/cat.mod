TITLE cat: low-threshold T-type calcium channel, m^2 h (written for ranvier's load benchmark)
NEURON {
    SUFFIX catb
    USEION ca READ eca WRITE ica
    RANGE gbar, g
    GLOBAL minf, hinf, mtau, htau
}
UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (S) = (siemens)
}
PARAMETER {
    gbar = 0.002 (S/cm2) <0,1e9>
    q10 = 3
}
ASSIGNED {
    v (mV)
    eca (mV)
    ica (mA/cm2)
    g (S/cm2)
    celsius (degC)
    minf hinf
    mtau (ms) htau (ms)
}
STATE { m h }
BREAKPOINT {
    SOLVE states METHOD cnexp
    g = gbar*m*m*h
    ica = g*(v - eca)
}
INITIAL {
    rates(v)
    m = minf
    h = hinf
}
DERIVATIVE states {
    rates(v)
    m' = (minf - m)/mtau
    h' = (hinf - h)/htau
}
PROCEDURE rates(v (mV)) {
    LOCAL qt
    TABLE minf, hinf, mtau, htau DEPEND celsius FROM -120 TO 60 WITH 360
    qt = q10^((celsius - 24)/10)
    minf = 1/(1 + exp(-(v + 57)/6.2))
    hinf = 1/(1 + exp((v + 81)/4))
    mtau = (0.612 + 1/(exp(-(v + 132)/16.7) + exp((v + 16.8)/18.2)))/qt
    if (v < -80) {
        htau = exp((v + 467)/66.6)/qt
    } else {
        htau = (28 + exp(-(v + 22)/10.5))/qt
    }
}
