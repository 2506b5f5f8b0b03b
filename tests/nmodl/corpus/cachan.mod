: a Ca current through a GHK user FUNCTION (efun keeps exp(z)-1 and its threshold)
NEURON { SUFFIX cachan USEION ca READ cai, cao WRITE ica RANGE pbar }
UNITS { FARADAY = (faraday) (coulomb) R = (k-mole) (joule/degC) }
PARAMETER { pbar = 1e-5 }
ASSIGNED { v celsius cai cao ica }
STATE { m }
INITIAL { m = 1/(1 + exp(-(v + 30)/6)) }
BREAKPOINT { SOLVE st METHOD cnexp  ica = pbar*m*m*ghkf(v, cai, cao) }
DERIVATIVE st { m' = (1/(1 + exp(-(v + 30)/6)) - m)/1.5 }
FUNCTION ghkf(v, ci, co) { LOCAL z
    z = (1e-3)*2*FARADAY*v/(R*(celsius + 273.15))
    ghkf = (.001)*2*FARADAY*(ci*efun(-z) - co*efun(z))
}
FUNCTION efun(z) { if (fabs(z) < 1e-4) { efun = 1 - z/2 } else { efun = z/(exp(z) - 1) } }
