: VERBATIM idioms: includes, a #define, C arithmetic on _l names and NMODL
: variables, printf, and the closing return 0; of a SOLVE'd PROCEDURE
NEURON { SUFFIX vbidiom NONSPECIFIC_CURRENT i RANGE g, cnt, x, gate }
VERBATIM
#include <stdio.h>
#include <math.h>
#define VB_SCALE 0.75
ENDVERBATIM
PARAMETER { g = 0.0008 }
ASSIGNED { v i cnt x gate }
INITIAL { cnt = 0 x = v gate = act(v) }
BREAKPOINT { SOLVE upd  i = g*gate*(v + 20) }
PROCEDURE upd() {
    cnt = cnt + 1
VERBATIM
    /* copy v and relax the gate toward act(v) */
    x = v;
    gate = gate + (act(v) - gate)*VB_SCALE*dt/(1.0 + dt);
    printf("step %g\n", cnt);
    return 0;
ENDVERBATIM
}
FUNCTION act(vm) { LOCAL k
    k = 6
VERBATIM
    _lact = 1.0/(1.0 + exp(-(_lvm + 45.0)/_lk)); // a sigmoid
ENDVERBATIM
}
