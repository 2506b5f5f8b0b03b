: STEADYSTATE derivimplicit in INITIAL (derivimplicit with dt = 1e-9: small states only)
: and METHOD derivimplicit in BREAKPOINT
NEURON { SUFFIX ssdimp NONSPECIFIC_CURRENT i RANGE g }
PARAMETER { g = 40 kon = 0.5 koff = 0.2 }
ASSIGNED { v i }
STATE { c1 c2 }
INITIAL { c1 = 0.001 c2 = 0.002 SOLVE st STEADYSTATE derivimplicit }
BREAKPOINT { SOLVE st METHOD derivimplicit  i = g*c2*(v + 80) }
DERIVATIVE st {
    c1' = 1e-3*kon*exp(v/40) - koff*c1 - 2*c1*c1
    c2' = koff*c1 - 0.1*c2
}
