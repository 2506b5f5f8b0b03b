: Named unit factors with numbers inside the units, as ModelDB 105385's ca_gp.mod
: writes FARADAY = (faraday) (10000 coulomb)
NEURON { SUFFIX ufactor NONSPECIFIC_CURRENT i RANGE c, g GLOBAL f1, f2, f3, f4, f5, f6 }
UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    F10K = (faraday) (10000 coulomb)
    FK = (faraday) (1000 coulomb)
    FMILLI = (faraday) (0.001 coulomb)
    F2 = (2 faraday) (coulomb)
    RK = (1000 k-mole) (joule/degC)
    PI = (pi) (1)
}
PARAMETER { g = 0.0005 depth = 0.1 tau = 4 }
ASSIGNED { v i f1 f2 f3 f4 f5 f6 }
STATE { c }
INITIAL { f1 = F10K f2 = FK f3 = FMILLI f4 = F2 f5 = RK f6 = PI c = 0 }
BREAKPOINT { SOLVE st METHOD cnexp i = g*(1 + c)*(v + 40) }
DERIVATIVE st { c' = -i/(2*F10K*depth) - c/tau }
