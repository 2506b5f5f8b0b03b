TITLE na: fast sodium channel, m^3 h (written for ranvier's load benchmark)
NEURON {
    SUFFIX nab
    USEION na READ ena WRITE ina
    RANGE gbar, g
    GLOBAL minf, hinf, mtau, htau, q10
}
UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (S) = (siemens)
}
PARAMETER {
    gbar = 0.12 (S/cm2) <0,1e9>
    q10 = 3
    vshift = 0 (mV)
}
ASSIGNED {
    v (mV)
    ena (mV)
    ina (mA/cm2)
    g (S/cm2)
    celsius (degC)
    minf hinf
    mtau (ms) htau (ms)
}
STATE { m h }
BREAKPOINT {
    SOLVE states METHOD cnexp
    g = gbar*m*m*m*h
    ina = g*(v - ena)
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
    LOCAL a, b, qt, u
    TABLE minf, hinf, mtau, htau DEPEND celsius, vshift FROM -100 TO 100 WITH 200
    qt = q10^((celsius - 6.3)/10)
    u = v - vshift
    a = 0.1*efun(-(u + 40), 10)
    b = 4*exp(-(u + 65)/18)
    mtau = 1/(qt*(a + b))
    minf = a/(a + b)
    a = 0.07*exp(-(u + 65)/20)
    b = 1/(exp(-(u + 35)/10) + 1)
    htau = 1/(qt*(a + b))
    hinf = a/(a + b)
}
FUNCTION efun(x, y) {
    if (fabs(x/y) < 1e-6) {
        efun = y*(1 - x/y/2)
    } else {
        efun = x/(exp(x/y) - 1)
    }
}
