: File-level LOCAL arrays and scalars (outside every block), as ModelDB 120798's
: syn_g.mod: LOCAL a[2] shared by all instances, written and read in a FUNCTION
NEURON { POINT_PROCESS FLocArr RANGE onset, tau0, tau1, gmax, e, i NONSPECIFIC_CURRENT i }
DEFINE NA 2
PARAMETER { onset = 0.5 tau0 = 0.3 tau1 = 3 gmax = 0.002 e = 0 }
ASSIGNED { v i }
LOCAL a[NA]
LOCAL tpeak, amp
LOCAL w[3]
BREAKPOINT { i = cond(t)*(v - e) }
FUNCTION cond(x) {
    tpeak = tau0*tau1*log(tau0/tau1)/(tau0 - tau1)
    amp = gmax/((1 - exp(-tpeak/tau0)) - (1 - exp(-tpeak/tau1)))
    FROM k = 0 TO 2 { w[k] = k + 1 }
    if (x < onset) {
        cond = 0
    } else {
        a[0] = 1 - exp(-(x - onset)/tau0)
        a[1] = 1 - exp(-(x - onset)/tau1)
        cond = amp*(a[0] - a[1])*w[2]/3
    }
}
