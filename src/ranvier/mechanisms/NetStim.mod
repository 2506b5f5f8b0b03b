TITLE NetStim.mod   a generator of spike events (ranvier)

COMMENT
An artificial cell that emits `number` events, the first at `start` and then
every `interval` ms.  With noise = f in (0, 1] an interval is
(1 - f)*interval + f*interval*X with X exponential of mean 1, and the first
event comes at start + f*interval*(X - 1) (not before 0).

Events it receives (through a NetCon, flag 0): a positive weight (re)starts
the sequence if it is off, a negative weight stops it.

Self-events: flag 3 starts the sequence at `start`; flag 1 emits one spike
(net_event) and schedules the next.

Random numbers: each NetStim owns a Random123 stream (RANDOM ranvar, NEURON 9),
ids (1, 0, k) by default with k counting the RANDOM streams of the process;
noiseFromRandom123(a, b, c) sets the ids, seed(x) the position (INITIAL
restarts it at 0), so noisy spike times are NEURON's exactly.
Written for ranvier from the description above.
ENDCOMMENT

NEURON {
    ARTIFICIAL_CELL NetStim
    RANGE interval, number, start
    RANGE noise
    RANDOM ranvar
    THREADSAFE
}

PARAMETER {
    interval = 10 (ms) <1e-9,1e9>
    number = 10 <0,1e9>
    start = 50 (ms)
    noise = 0 <0,1>
}

ASSIGNED {
    event (ms)
    on
    ispike
    done
}

PROCEDURE seed(x) {
    random_setseq(ranvar, x)
}

PROCEDURE noiseFromRandom123(a, b, c) {
    random_setids(ranvar, a, b, c)
}

FUNCTION erand() {
    erand = random_negexp(ranvar)
}

INITIAL {
    seed(0)
    if (noise < 0) {
        noise = 0
    }
    if (noise > 1) {
        noise = 1
    }
    if (start >= 0 && number > 0) {
        on = 1
        : the first event, shifted so that it is `start` on average
        event = start + invl(interval) - interval*(1. - noise)
        if (event < 0) {
            event = 0
        }
        net_send(event, 3)
    }
}

PROCEDURE init_sequence(t0 (ms)) {
    if (number > 0) {
        on = 1
        event = 0
        ispike = 0
    }
}

FUNCTION invl(mean (ms)) (ms) {
    if (mean <= 0.) {
        mean = .01
    }
    if (noise == 0) {
        invl = mean
    } else {
        invl = (1. - noise)*mean + noise*mean*erand()
    }
}

PROCEDURE next_invl() {
    if (number > 0) {
        event = invl(interval)
    }
    if (ispike >= number) {
        on = 0
    }
}

NET_RECEIVE (w) {
    if (flag == 0) {
        : an external event: w > 0 starts a sequence, w < 0 stops it
        if (w > 0 && on == 0) {
            init_sequence(t)
            next_invl()
            event = event - interval*(1. - noise)
            net_send(event, 1)
        } else if (w < 0) {
            on = 0
        }
    }
    if (flag == 3) {
        : the start of the sequence
        if (on == 1) {
            init_sequence(t)
            net_send(0, 1)
        }
    }
    if (flag == 1 && on == 1) {
        ispike = ispike + 1
        net_event(t)
        next_invl()
        if (on == 1) {
            net_send(event, 1)
        }
    }
}
