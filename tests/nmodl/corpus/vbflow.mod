: VERBATIM control flow: if/else if/else, while, compound assignment, ++, && || !,
: a FUNCTION's value by return (the peak recorder idiom of published models)
NEURON { SUFFIX vbflow NONSPECIFIC_CURRENT i RANGE g, peak, tpeak, nup, band, steps, w }
PARAMETER { g = 0.0005 }
ASSIGNED { v i peak tpeak nup band steps w v0 }
INITIAL { peak = 0 tpeak = 0 nup = 0 band = 0 steps = 0 w = 0 v0 = v }
BREAKPOINT { SOLVE check  i = g*sat(v)*(v + 30) }
PROCEDURE check() { LOCAL k
VERBATIM
    steps++;
    if (v > peak + v0) {
        peak = v - v0;
        tpeak = t;
    }
    if (v > -40.0 && !(v > 0.0)) nup += 1.0; else if (v >= 0.0 || v < -70.0) {
        nup -= 0.5;
    } else
        nup *= 0.99;
    _lk = 0;
    w = 1.0;
    while (_lk < 3 && w < 100.0) { w = w*(2.0 + _lk); _lk += 1; }
    band = (v < -60.0) + 2.0*(v >= -60.0 && v < -20.0) + 4.0*(v != v);
    return 0;
ENDVERBATIM
}
FUNCTION sat(vm) {
VERBATIM
    if (_lvm > -20.0) {
        return 1.0;
    }
    return 1.0/(1.0 + exp(-(_lvm + 50.0)/4.0));
ENDVERBATIM
}
