: a calcium pump whose outside calcium (cao, read, not a STATE) enters the reactions as
: a constant factor, and a COMPARTMENT on that non-STATE (no effect), as published
: pump models write them; pump + pumpca is one system with ca inside
NEURON {
    SUFFIX kinext
    USEION ca READ cao, cai, ica WRITE cai
    RANGE ipump, kout
}
UNITS { (mM) = (milli/liter) (mA) = (milliamp) FARADAY = (faraday) (coulomb) }
PARAMETER { k1 = 30 k2 = 0.5 k3 = 2 k4 = 0.05 kout = 0.01 volo = 1 depth = 0.5 }
ASSIGNED { cao (mM) cai (mM) ica (mA/cm2) ipump }
STATE { ca pump pumpca }
INITIAL { ca = cai pump = 0.02 pumpca = 0 }
BREAKPOINT { SOLVE pmp METHOD sparse }
KINETIC pmp {
    COMPARTMENT depth {ca}
    COMPARTMENT 1e-3*depth {pump pumpca}
    COMPARTMENT volo {cao}
    ~ ca << (-ica*5)
    ~ ca + pump <-> pumpca (k1, k2)
    ~ pumpca <-> pump + cao (k3, k4)
    ~ cao <-> ca (kout, 0.001)
    ipump = f_flux - b_flux
    cai = ca
}
