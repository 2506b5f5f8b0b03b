: TABLE with DEPEND on a GLOBAL and on celsius, in a PROCEDURE and a FUNCTION
NEURON { SUFFIX tabdep NONSPECIFIC_CURRENT i GLOBAL minf, mtau, q RANGE gbar }
PARAMETER { gbar = 0.003 q = 1 }
ASSIGNED { v i minf mtau celsius }
STATE { m }
INITIAL { rates(v) m = minf }
BREAKPOINT { SOLVE st METHOD cnexp  i = gbar*m*(v - 10)*fb(v) }
DERIVATIVE st { rates(v) m' = (minf - m)/mtau }
PROCEDURE rates(v) {
    TABLE minf, mtau DEPEND q, celsius FROM -80 TO 40 WITH 30
    minf = 1/(1 + exp(-(v + 50)/4))
    mtau = q*(0.5 + 3*exp(-((v + 50)/15)^2))*3^((6.3 - celsius)/10)
}
FUNCTION fb(v) { TABLE FROM -100 TO 50 WITH 15  fb = 1/(1 + exp((v + 20)/9)) }
