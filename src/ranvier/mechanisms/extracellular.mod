TITLE extracellular.mod   two extracellular layers (ranvier)

COMMENT
The extracellular mechanism's parameters and results.  The equations are not here:
the engine couples the layers into the cable matrix (ranvier/engine/extra_eqn.py).
vext[0] is the potential of the layer next to the membrane, vext[1] of the outer one;
xg[0], xc[0] join layer 0 to layer 1, xg[1], xc[1] and the battery e join layer 1 to
ground; xraxial[k] is layer k's axial resistance.  i_membrane is the membrane current
(ionic plus capacitive) of the last step.  Python names follow NEURON's
(seg.xg[0], seg.vext[1], seg.i_membrane, seg.e_extracellular).
ENDCOMMENT

NEURON {
    SUFFIX extracellular
    RANGE xraxial, xg, xc, e, i_membrane, vext
}

DEFINE NLAYER 2

PARAMETER {
    xraxial[NLAYER] (MOhm/cm)
    xg[NLAYER] (S/cm2)
    xc[NLAYER] (uF/cm2)
    e = 0 (mV)
}

ASSIGNED {
    i_membrane (mA/cm2)
    vext[NLAYER] (mV)
}
