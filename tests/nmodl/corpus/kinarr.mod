: radial diffusion in N shells: DEFINE-sized STATE/ASSIGNED arrays, a LOCAL array,
: FROM loops (reactions unrolled), COMPARTMENT i, vol[i], a second-order buffer
DEFINE N 4
NEURON { SUFFIX kinarr NONSPECIFIC_CURRENT i RANGE vshell, gdiff, influx, g, cai GLOBAL DCa, Btot }
UNITS { PI = (pi) (1) }
PARAMETER { DCa = 0.6 Btot = 0.04 Kd = 0.001 kon = 100 kpmp = 0.008 cainf = 5e-5 dia = 2 g = 5 }
ASSIGNED { v i cai vshell[N] gdiff[N] influx }
STATE { ca[N] B[N] CaB[N] }
INITIAL {
    geom()
    FROM i=0 TO N-1 {
        ca[i] = cainf
        B[i] = Btot*Kd/(Kd + cainf)
        CaB[i] = Btot - B[i]
    }
    cai = ca[0]
}
BREAKPOINT { SOLVE diffus METHOD sparse  i = g*cai*(v + 20) }
PROCEDURE geom() {
    LOCAL redge[N], dr
    dr = dia/2/N
    FROM i=0 TO N-1 { redge[i] = dia/2 - i*dr }
    FROM i=0 TO N-2 {
        vshell[i] = PI*(redge[i]^2 - redge[i+1]^2)
        gdiff[i+1] = 2*PI*redge[i+1]/dr
    }
    vshell[N-1] = PI*redge[N-1]^2
    gdiff[0] = PI*dia
}
KINETIC diffus {
    COMPARTMENT i, vshell[i] {ca B CaB}
    influx = 1e-4*(v + 65)
    if (influx < 0) { influx = 0 }
    ~ ca[0] << (influx)
    ~ ca[0] -> (kpmp*gdiff[0])
    ~ ca[0] << (kpmp*gdiff[0]*cainf)
    FROM i=0 TO N-2 {
        ~ ca[i] <-> ca[i+1] (DCa*gdiff[i+1], DCa*gdiff[i+1])
    }
    FROM i=0 TO N-1 {
        ~ ca[i] + B[i] <-> CaB[i] (kon*vshell[i], kon*Kd*vshell[i])
    }
    cai = ca[0]
}
