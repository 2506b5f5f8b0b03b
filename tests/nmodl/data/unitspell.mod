TITLE unitspell: declared units in the spellings NEURON accepts (tests/nmodl)
NEURON {
    SUFFIX unitspell
    RANGE a, b, c, d, e, f, p1, p2, p3, r, w, a1, a2, a3
    GLOBAL gg, gn
    NONSPECIFIC_CURRENT inon
}
UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
}
PARAMETER {
    a = 1 ( mA / cm2 )
    b = 2 (1/ms)
    c = 3 (micro-siemens)
    d = 4 (1)
    e = 5
    f = 6 (/ms)
    p1 = 7 (mA/ cm2)
    p2 = 8 (ohm cm)
    p3 = 9 (/ ms) <0, 1e9>
    gg = 10 (degC)
    gn = 11
}
ASSIGNED {
    v (mV)
    inon (mA/cm2)
    r (ohm cm)
    w
    a1 ( mA / cm2 )
    a2 (mA/ cm2)
    a3 ( 1 )
}
STATE { s1 (mM) s2 sx ( mM ) }
BREAKPOINT { inon = 0 }
INITIAL { s1 = 0 s2 = 0 }
