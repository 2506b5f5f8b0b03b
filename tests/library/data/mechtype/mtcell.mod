: an ARTIFICIAL_CELL that does not call net_event (ranvier's own test mechanism)
NEURON {
    ARTIFICIAL_CELL mtcell
    RANGE count
}
ASSIGNED { count }
INITIAL { count = 0 }
NET_RECEIVE (w) { count = count + 1 }
