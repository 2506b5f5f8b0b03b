: a Ca pool writing cai: eca follows by Nernst (ion style), with cachan or eca readers
NEURON { SUFFIX capool2 USEION ca READ ica WRITE cai RANGE depth, taur }
UNITS { FARADAY = (faraday) (coulomb) }
PARAMETER { depth = 0.1 taur = 20 cainf = 1e-4 }
ASSIGNED { ica drive }
STATE { cai }
INITIAL { cai = cainf }
BREAKPOINT { SOLVE st METHOD cnexp }
DERIVATIVE st {
    drive = -(10000)*ica/(2*FARADAY*depth)
    if (drive <= 0) { drive = 0 }
    cai' = drive + (cainf - cai)/taur
}
