"""1-D reaction-diffusion (NEURON 9.0.2's `rxd`, dimension 1): regions, species,
reactions, their nodes, and the solver that the engine calls each fixed step
(engine HOOKS["nonvint"]).

Nodes: for every species on a region and every section of the region, one node per
segment plus one zero-volume node at the section's 1 end; a section whose parent is not
in the region starts from a zero-volume root node (shared by the sections attached to the
same missing parent).  Zero-volume nodes are algebraic junctions of the implicit
diffusion (their concentration is reset to 0 after each step, as in NEURON).

Units: concentrations mM, d um^2/ms, rates of Reaction/Rate mM/ms, rates of
MultiCompartmentReaction molecules/um^2/ms (scaled by membrane area / volume)."""
import gc
import itertools
import math
import weakref

import numpy as np

from . import ecs as _ecs
from .geometry import RxDError, inside
from .rxdmath import _Arith, _Reaction, _wrap

FARADAY = 96485.33212331001                  # C/mol (e * NA), NEURON 9's value
AVOGADRO = 6.02214076e23
MOLECULES_PER_MM_UM3 = AVOGADRO / 1e18

class _WeakRegistry:
    """The live objects of one kind, in the order they were made.  As NEURON's rxd, the
    module holds its regions, species and reactions weakly: one the script no longer
    refers to drops out of the model (the solver rebuilds without it)."""

    def __init__(self):
        self._refs = []

    def append(self, obj):
        self._refs = [r for r in self._refs if r() is not None]
        self._refs.append(weakref.ref(obj, _forget))

    def __iter__(self):
        return iter([o for o in (r() for r in self._refs) if o is not None])

    def __len__(self):
        return sum(1 for r in self._refs if r() is not None)

    def __bool__(self):
        return any(r() is not None for r in self._refs)

    def clear(self):
        self._refs = []


def _forget(_ref):
    SOLVER._stale = True


_IDS = itertools.count()
_REGIONS = _WeakRegistry()
_SPECIES = _WeakRegistry()
_REACTIONS = _WeakRegistry()
_FLUXES = []          # (node key, source, unit scale) of Node.include_flux


def _secs_of(secs):
    if secs is None:
        from ...model.section import allsec
        return list(allsec())
    if hasattr(secs, "hname") and hasattr(secs, "nseg"):
        return [secs]
    return list(secs)


class Region:
    """Region(secs, nrn_region=None, geometry=inside, dimension=None, dx=None, name=None)"""

    def __init__(self, secs=None, nrn_region=None, geometry=None, dimension=None, dx=None,
                 name=None):
        if nrn_region not in (None, "i", "o"):
            raise RxDError("Region: nrn_region must be 'i', 'o' or None, got %r" % (nrn_region,))
        if dimension not in (None, 1):
            raise RxDError("Region(dimension=%r): only 1-D rxd is implemented" % (dimension,))
        # weak references, as NEURON's: a section only regions name is freed (and drops
        # out of the regions)
        self._secrefs = [weakref.ref(s) for s in _secs_of(secs)]
        self.nrn_region = nrn_region
        self._nrn_region = nrn_region
        self.geometry = inside if geometry is None else geometry
        self._geometry = self.geometry
        self.name = name
        self.dx = dx
        self._id = next(_IDS)
        _REGIONS.append(self)
        SOLVER.invalidate()

    @property
    def _secs(self):
        out = []
        for r in self._secrefs:
            s = r()
            if s is not None and s.is_valid():
                out.append(s)
        return out

    @property
    def secs(self):
        return list(self._secs)

    def __repr__(self):
        return "Region(..., nrn_region=%r, geometry=%r%s)" % (
            self.nrn_region, self.geometry, ", name=%r" % self.name if self.name else "")


def _regions_arg(regions):
    from .ecs import Extracellular
    if regions is None:
        return []
    if isinstance(regions, (Region, Extracellular)):
        return [regions]
    return list(regions)


def _is_ecs(region):
    from .ecs import Extracellular
    return isinstance(region, Extracellular)


def _ion_o0(species):
    from ...model.store import ion_default
    return ion_default(species.name)[2]


class _SpeciesBase(_Arith):
    def src(self, ref):
        return ref(self)

    def leaves(self):
        return [self]

    def _items(self):
        return {self: 1}


class Species(_SpeciesBase):
    """Species(regions, d=0, name=None, charge=0, initial=None, atolscale=1)"""
    _is_param = False

    def __init__(self, regions=None, d=0, name=None, charge=0, initial=None, atolscale=1,
                 ecs_boundary_conditions=None, represents=None):
        self._regions = _regions_arg(regions)
        self.d = d
        self.name = name
        self.charge = charge
        self.initial = initial
        self._atolscale = atolscale
        self._on = {}
        self._id = next(_IDS)
        _SPECIES.append(self)
        self._register_ion()
        SOLVER.invalidate()

    def _register_ion(self):
        """A named species on a region with nrn_region is NEURON's ion of that name: it
        exists from now on (seg.<name>i, seg._ref_<name>i), as in NEURON."""
        if self._is_param or self.name is None:
            return
        if any(r.nrn_region is not None for r in self._regions):
            from ...model.store import ion_index
            from .. import stdlib
            ion_index(self.name, self.charge if self.charge else None)
            stdlib.DECLARED_IONS.add(self.name)

    @property
    def regions(self):
        return list(self._regions)

    @property
    def charge(self):
        return self._charge

    @charge.setter
    def charge(self, value):
        self._charge = value

    def __getitem__(self, region):
        if region not in self._regions:
            raise RxDError("%r is not defined on %r" % (self, region))
        sor = self._on.get(region)
        if sor is None:
            sor = self._on[region] = SpeciesOnRegion(self, region)
        return sor

    @property
    def nodes(self):
        return SOLVER.nodes_of(self, None)

    def indices(self, regions=None, secs=None):
        return [n._index for n in self.nodes if (regions is None or n.region in regions)
                and (secs is None or n.sec in secs)]

    def re_init(self):
        SOLVER.init_species(self)

    def __repr__(self):
        return "%s(name=%r)" % (type(self).__name__, self.name)


class State(Species):
    """A state that is not a concentration (NEURON's rxd.State: otherwise a Species)."""


class Parameter(Species):
    """Parameter(regions, name=None, charge=0, value=0): a per-node value reactions read."""
    _is_param = True

    def __init__(self, regions=None, name=None, charge=0, value=None, initial=None,
                 represents=None):
        if value is None:
            value = 0 if initial is None else initial
        Species.__init__(self, regions, d=0, name=name, charge=charge, initial=value)

    @property
    def value(self):
        return self.initial

    @value.setter
    def value(self, v):
        self.initial = v
        if SOLVER.built:
            self.nodes.value = v


class SpeciesOnRegion(_SpeciesBase):
    """species[region]: the species restricted to one region."""

    def __init__(self, species, region):
        self._species = species
        self._region = region
        self.initial = None   # accepted and kept, but (as in NEURON 9.0.2) never used

    @property
    def species(self):
        return self._species

    @property
    def region(self):
        return self._region

    @property
    def name(self):
        return self._species.name

    @property
    def charge(self):
        return self._species.charge

    @property
    def nodes(self):
        return SOLVER.nodes_of(self._species, self._region)

    @property
    def concentration(self):
        raise RxDError("%r.concentration: use .nodes.concentration" % self)

    def _ecs(self, what):
        if not _is_ecs(self._region):
            raise RxDError("%r.%s: only for a species on an rxd.Extracellular region" % (self, what))

    @property
    def states3d(self):
        """The species' values on the extracellular grid, an (nx, ny, nz) array that is the
        state itself (writing it sets the state)."""
        self._ecs("states3d")
        return SOLVER.ecs_states(self._species, self._region)

    def node_by_location(self, x, y, z):
        self._ecs("node_by_location")
        from .ecs import node_by_location
        return node_by_location(self._species, self._region, x, y, z)

    def node_by_ijk(self, i, j, k):
        self._ecs("node_by_ijk")
        from .ecs import node_by_ijk
        return node_by_ijk(self._species, self._region, i, j, k)

    def __repr__(self):
        return "%r[%r]" % (self._species, self._region.name or self._region)


def _sp_reg(leaf, region):
    """(species, region) a leaf names in the context of region."""
    if isinstance(leaf, SpeciesOnRegion):
        return leaf._species, leaf._region
    return leaf, region


class _ReactionBase:
    def _register(self):
        _REACTIONS.append(self)
        SOLVER.invalidate()


class Rate(_ReactionBase):
    """Rate(species, rate, regions=None, membrane_flux=False): d species / dt += rate."""

    def __init__(self, species, rate, regions=None, membrane_flux=False):
        if membrane_flux:
            raise RxDError("Rate(membrane_flux=True) is not supported in 1-D ranvier rxd yet")
        self._species = species
        self._rate = _wrap(rate)
        self._regions = _regions_arg(regions)
        self._register()

    def _lines(self, region):
        sp, reg = _sp_reg(self._species, region)
        if isinstance(self._species, SpeciesOnRegion) and reg is not region:
            return None
        if self._regions and region not in self._regions:
            return None
        if region not in sp._regions:
            return None
        if sp._is_param:
            import warnings
            warnings.warn("Parameters values are fixed, %r will not change the value of %r"
                          % (self, sp))
            return None
        return [("add", sp, region, 1.0, self._rate)]

    def __repr__(self):
        return "Rate(%r, %r)" % (self._species, self._rate)


class Reaction(_ReactionBase):
    """Reaction(lhs, rhs, kf, kb=None, regions=None, custom_dynamics=False, mass_action=None)
    or Reaction(scheme, kf, kb, ...)."""
    _membrane = None

    def __init__(self, *args, regions=None, custom_dynamics=None, mass_action=None,
                 scale_by_area=True, membrane=None, membrane_flux=False, border=None):
        if border is not None:          # NEURON's older name of membrane
            if membrane is not None:
                raise RxDError("%s: give membrane or border, not both" % type(self).__name__)
            membrane = border
        if isinstance(args[0], _Reaction):
            sch = args[0]
            lhs, rhs, direction = sch._lhs, sch._rhs, sch._dir
            rest = list(args[1:])
        else:
            lhs, rhs = _wrap(args[0]), _wrap(args[1])
            rest = list(args[2:])
            direction = "<>" if len(rest) > 1 and rest[1] is not None else ">"
        if not rest:
            raise RxDError("%s: a forward rate is required" % type(self).__name__)
        kf = rest[0]
        kb = rest[1] if len(rest) > 1 else None
        if custom_dynamics is not None and mass_action is not None:
            raise RxDError("Cannot specify both custom_dynamics and mass_action.")
        self._custom = (custom_dynamics if custom_dynamics is not None
                        else (not mass_action if mass_action is not None else False))
        if direction == "<":
            lhs, rhs = rhs, lhs
            direction = ">"
        if direction == "<>" and kb is None:
            raise RxDError("bidirectional Reaction needs two rate constants")
        if direction == ">" and kb is not None:
            raise RxDError("unidirectional Reaction can have only one rate constant")
        self._lhs, self._rhs = lhs._items(), rhs._items()
        for k, v in list(self._lhs.items()) + list(self._rhs.items()):
            if not isinstance(k, _SpeciesBase):
                raise RxDError("%r: reaction sides must be sums of species" % self)
        self._kf, self._kb = kf, kb
        self._make_rate()
        self._regions = _regions_arg(regions)
        self._scale_by_area = scale_by_area
        self._membrane_flux = membrane_flux
        if membrane is not None:
            self._membrane = membrane
        self._check()
        self._register()

    def _make_rate(self):
        rate = _wrap(self._kf)
        if not self._custom:
            for k, v in self._lhs.items():
                rate = rate * k if v == 1 else rate * k ** v
        if self._kb is not None:
            rb = _wrap(self._kb)
            if not self._custom:
                for k, v in self._rhs.items():
                    rb = rb * k if v == 1 else rb * k ** v
            rate = rate - rb
        self._rate_expr = rate

    @property
    def f_rate(self):
        """The forward rate (constant or expression); assigning it changes the reaction
        from the next step on."""
        return self._kf

    @f_rate.setter
    def f_rate(self, value):
        self._kf = value
        self._make_rate()
        SOLVER.reactions_changed()

    @property
    def b_rate(self):
        """The backward rate (None for a one-way reaction)."""
        return self._kb

    @b_rate.setter
    def b_rate(self, value):
        if self._kb is None and value is not None:
            raise RxDError("%r is one-way: it has no backward rate to set" % self)
        self._kb = value
        self._make_rate()
        SOLVER.reactions_changed()

    def _check(self):
        if self._membrane_flux:
            raise RxDError("Reaction: membrane_flux needs a MultiCompartmentReaction")

    def _entries(self):
        out = []
        for k, v in self._lhs.items():
            out.append((k, -v))
        for k, v in self._rhs.items():
            out.append((k, v))
        return out

    def _lines(self, region):
        if self._regions and region not in self._regions:
            return None
        for k, _ in self._entries():
            sp, reg = _sp_reg(k, region)
            if reg is not region or region not in sp._regions:
                return None
        summed = {}
        for k, v in self._entries():
            sp, _ = _sp_reg(k, region)
            summed[sp] = summed.get(sp, 0) + v
        return [("rate", self._rate_expr)] + [("add", sp, region, float(m), None)
                                               for sp, m in sorted(summed.items(), key=lambda t: t[0]._id)
                                               if not sp._is_param]

    def __repr__(self):
        return "%s(%r, %r)" % (type(self).__name__, self._lhs, self._rhs)


class MultiCompartmentReaction(Reaction):
    """MultiCompartmentReaction(lhs, rhs, kf, kb=None, membrane=region, membrane_flux=False,
    mass_action=None, custom_dynamics=None, scale_by_area=True): a flux across the membrane
    region (rates in molecules/um^2/ms); with membrane_flux=True it is carried as the ion
    current of the charged species."""

    def _check(self):
        if self._membrane is None:
            raise RxDError("MultiCompartmentReaction requires a membrane parameter")
        if not self._membrane.geometry.is_area():
            raise RxDError("must specify a membrane not a volume for the boundary")
        for k, _ in self._entries():
            if not isinstance(k, SpeciesOnRegion):
                raise RxDError("MultiCompartmentReaction: %r must be given on a region "
                               "(species[region])" % (k,))
        for leaf in self._rate_expr.leaves():
            if isinstance(leaf, Species):
                raise RxDError("MultiCompartmentReaction: %r in the rate must be given on a "
                               "region (species[region])" % (leaf,))
        self._cur_charges = []
        for k, v in self._entries():
            s = k._species
            nr = k._region.nrn_region
            sm = {"i": 1, None: 0, "o": -1}[nr]
            self._cur_charges.append(sm * s.charge if v < 0 else -sm * s.charge)

    def _applies(self, sec):
        if sec not in self._membrane._secs:
            return False
        return all(sec in k._region._secs for k, _ in self._entries())


class _Group:
    """Locations (section, segment) sharing one set of regions: one compiled rate
    function and one local state vector (species x regions) per location."""

    def __init__(self, regions):
        self.regions = regions
        self.locs = []


class _Solver:
    """The rxd state vector and the engine hook (engine HOOKS["nonvint"])."""

    def __init__(self):
        self.built = False
        self.y = np.zeros(0)
        self.old_layers = []
        self.ecs = {}               # (species id, Extracellular id) -> (nx, ny, nz) states
        self._key = self._ion_key = None
        self._stale = True
        self._hooked = False

    # -- engine hook -------------------------------------------------------------
    def active(self):
        return bool(_SPECIES)

    def invalidate(self):
        self._stale = True
        self.built = False
        if not self._hooked:
            from ... import engine
            engine.set_hook("nonvint", self)
            self._hooked = True

    def reactions_changed(self):
        """A reaction's rate was changed: recompile the reactions, keep the states."""
        if not self.built:
            return
        # NEURON 9.0.2 keeps the reactions as compiled before the change and adds the
        # changed ones: until the next finitialize each step applies the newest set, then
        # the older ones, each as its own implicit step
        self.old_layers.insert(0, self.groups)
        self._build_reactions()
        self._ion_key = None
        self._step_tables()

    def _ensure(self):
        store = _store()
        key = (store.STRUCTURE.topology, store.STRUCTURE.geometry)
        if self._stale or key != self._key:
            self._build()           # (may define the 3-D shape: the geometry version moves)
            self._key = (store.STRUCTURE.topology, store.STRUCTURE.geometry)
            self._stale = False

    def init(self):
        from ... import engine
        self._marked = None
        cv = sys_modules().get("ranvier.engine.cvode")
        if cv is not None and cv.is_active():
            raise RxDError("rxd with CVODE is not implemented yet (use the fixed step)")
        self._ensure()
        if self.old_layers:             # finitialize compiles the reactions afresh
            self.old_layers = []
            self._build_reactions()
            self._ion_key = None
            self._step_tables()
        self._mark_ions()
        for sp in _SPECIES:
            self.init_species(sp)
        self._transfer()
        self._nernst(engine.state.celsius)

    def init_species(self, sp):
        self._ensure()
        for nd in self.node_objs:
            if nd.species is sp:
                self.y[nd._index] = _initial_value(nd)
        for reg in sp._regions:
            if _is_ecs(reg):
                from .ecs import initial_states
                self.ecs_states(sp, reg)[...] = initial_states(sp, reg)

    def currents(self):
        """The membrane_flux reactions' currents added to the ion currents (and kept to be
        taken out again of the ion-current sources of the next step)."""
        if not self.built:
            return
        self._ensure()
        self._mark_ions()               # (maps the ions first; cached while nothing moves)
        if not self.n_ind:
            return
        self.ind[:] = 0.0
        flat = _store().NODES.ions.reshape(-1)
        for g in self.groups:
            if g.has_flux:
                g.kernels.induced(self.y, g.sidx, g.pidx, g.mults, self.lookup, self.ind_scale,
                                  self.ind)
        _kernels().add_at(flat, self.ind_ptr, self.ind)

    def step(self):
        if not self.built:
            return
        if self.has_ecs:
            raise RxDError("rxd.Extracellular: the 3-D extracellular dynamics (diffusion, "
                           "reactions, membrane fluxes) are not implemented in ranvier yet; "
                           "only the grid, its nodes and initial values are")
        kernels = _kernels()
        dt = _engine().state.dt
        self._map_ions()
        flat = _store().NODES.ions.reshape(-1)
        y = self.y
        kernels.diffusion_step(y, dt, self.mi, self.mj, self.mv, self.cidx, self.cscale,
                               self.cptr, flat, self.ind, self.ind_k, self.tp, self.ta, self.tb,
                               self.tc, self.td, self.zvi, self.has_diff)
        for g in self.active_groups:
            g.kernels.step(y, dt, g.sidx, g.pidx, g.mults)
        if _FLUXES:
            for key, source, scale in _FLUXES:       # Node.include_flux (Python callbacks)
                j = self.index_of.get(key)
                if j is not None:
                    y[j] += dt * float(source()) / (scale * self.vol[j])
        kernels.transfer(y, self.tidx, self.tptr, flat)

    # -- ion coupling ------------------------------------------------------------
    def _step_tables(self):
        """What each step uses, fixed until the next build or reaction change."""
        self.active_groups = [g for layer in [self.groups] + self.old_layers for g in layer
                              if g.nstate]
        self.ind_k = self.lookup[self.cidx] if len(self.cidx) else np.zeros(0, np.int64)
        self.n_ind = len(self.ind_scale)
        self.ind = np.zeros(self.n_ind)
        self.has_ecs = self._has_ecs()

    def _map_ions(self):
        """Flat indices into the ions array (the engine may renumber its nodes)."""
        NODES = _store().NODES
        ions = NODES.ions
        key = (id(ions), ions.shape[2], self._key)
        if key == self._ion_key:
            return
        from ...model.store import NFIELDS, ION_I, ION_CI, ION_CO
        cap = ions.shape[2]
        enode = lambda sec, i: sec((i + 0.5) / sec.nseg)._node()       # noqa: E731
        self.cptr = np.array([(k * NFIELDS + ION_I) * cap + enode(sec, i)
                              for (k, sec, i) in self.c_where], dtype=np.int64)
        self.tptr = np.array([(k * NFIELDS + (ION_CI if io == "i" else ION_CO)) * cap + enode(sec, i)
                              for (k, io, sec, i) in self.t_where], dtype=np.int64)
        self.ind_ptr = np.array([(k * NFIELDS + ION_I) * cap + enode(sec, i)
                                 for (k, sec, i) in self.ind_where], dtype=np.int64)
        self.style_nodes = [(k, z, np.array([enode(sec, i) for sec, i in where], dtype=np.int64))
                            for k, z, where in self.style_where]
        self._ion_key = key

    def _mark_ions(self):
        """Where rxd writes an ion's concentrations, e follows them (Nernst)."""
        from ... import engine
        from ...model.store import NODES, ION_STYLE
        self._map_ions()
        lay = engine.state.layout
        if lay.estyle.shape[0] == 0:
            return
        key = (self._ion_key, id(lay), id(lay.estyle), id(NODES.ions), lay.estyle.shape[0])
        if key == getattr(self, "_marked", None):
            return                      # (every step: nothing moved since the last marking)
        est = engine._estyle(lay)
        for k, z, nodes in self.style_nodes:
            NODES.ions[k, ION_STYLE, nodes] = z
            est[k] = 1
        self._marked = (self._ion_key, id(lay), id(lay.estyle), id(NODES.ions), lay.estyle.shape[0])

    def _nernst(self, celsius):
        from ...model.store import NODES, ION_E, ION_CI, ION_CO
        ktf = (1000.0 * (1.380649e-23 * 6.02214076e23) * (celsius + 273.15)) / (
            1.602176634e-19 * 6.02214076e23)
        for k, z, nodes in self.style_nodes:
            ions = NODES.ions
            for i in nodes:
                ci, co = ions[k, ION_CI, i], ions[k, ION_CO, i]
                # NEURON's nernst: 1e6 where ci <= 0, -1e6 where co <= 0
                ions[k, ION_E, i] = (1e6 if ci <= 0 else -1e6 if co <= 0
                                     else ktf / z * math.log(co / ci))

    def _transfer(self):
        from ...model.store import NODES
        from . import kernels
        self._map_ions()
        kernels.transfer(self.y, self.tidx, self.tptr, NODES.ions.reshape(-1))

    # -- nodes ---------------------------------------------------------------------
    def nodes_of(self, species, region):
        self._ensure()
        out = NodeList([n for n in self.node_objs if n.species is species
                        and (region is None or n.region is region)])
        from .ecs import ECSNode
        for reg in species._regions:
            if _is_ecs(reg) and (region is None or region is reg):
                n = reg._nx * reg._ny * reg._nz
                out.extend(ECSNode(species, reg, q) for q in range(n))
        return out

    def ecs_states(self, species, region):
        """The (nx, ny, nz) state array of a species on an Extracellular region (made, at
        the initial values, when first asked for)."""
        a = self.ecs.get((species._id, region._id))
        if a is None:
            from .ecs import initial_states
            a = self.ecs[(species._id, region._id)] = initial_states(species, region)
        return a

    def _has_ecs(self):
        return any(_is_ecs(r) for sp in _SPECIES for r in sp._regions)

    def _build(self):
        from ...model.store import ion_index, ION_VALENCE
        old = {}
        if self.built or len(self.y):
            y = self.y
            old = {(nd.species._id, nd.region._id, nd.sec._serial, nd._iseg, nd.sec.nseg):
                   y[nd._index] for nd in getattr(self, "node_objs", [])}
        # let go of the previous model, then of what the script no longer refers to
        # (regions, species, reactions and sections only the solver held)
        self.node_objs, self.where, self.index_of, self.groups, self.old_layers = [], {}, {}, [], []
        self.c_where, self.t_where, self.ind_where, self.style_where = [], [], [], []
        gc.collect()
        live = {(sp._id, r._id) for sp in _SPECIES for r in sp._regions if _is_ecs(r)}
        self.ecs = {k: v for k, v in self.ecs.items() if k in live}
        vol, sa, diff = [], [], []
        node_objs = []
        where = {}              # (species, region, sec) -> offset of its segment nodes
        end_of = {}             # (species, region, sec) -> its 1-end node
        rows = []
        self.c_where, self.t_where, cidx, cscale, tidx = [], [], [], [], []
        style = {}

        def alloc(v, s, d):
            vol.append(v)
            sa.append(s)
            diff.append(d)
            rows.append({})
            return len(vol) - 1

        def add(i, js, vals):
            r = rows[i]
            for j, val in zip(js, vals):
                if val == 0:
                    continue
                r[j] = r.get(j, 0) + val

        for sp in _SPECIES:
            d = 0.0 if sp._is_param else float(sp.d)
            for reg in sp._regions:
                if _is_ecs(reg):
                    continue            # (its grid: ecs_states)
                geo = reg.geometry
                secs = [s for s in reg._secs if s.is_valid()]
                inreg = set(secs)
                # NEURON's order (its rxd sorts a region's sections as SectionList's
                # wholetree lists them): the trees in allroots order, each breadth first,
                # children in their children() order; parents come before children
                order = [t for t in _nrn_tree_order() if t in inreg]
                missing = {}
                for s in order:
                    nseg = s.nseg
                    ps = _parent_seg(s)
                    if ps is None or ps.sec not in inreg:
                        key = None if ps is None else ps.sec
                        if key is None or key not in missing:
                            r = alloc(0.0, 0.0, d)
                            if key is not None:
                                missing[key] = r
                        else:
                            r = missing[key]
                        il0 = r
                    else:
                        p = ps.sec
                        pi = int(p.nseg * ps.x)
                        il0 = where[(sp, reg, p)] + pi if pi < p.nseg else end_of[(sp, reg, p)]
                    v = np.asarray(geo.volumes1d(s), dtype=float)
                    a = np.asarray(geo.surface_areas1d(s), dtype=float)
                    nb = np.asarray(geo.neighbor_areas1d(s), dtype=float)
                    off = len(vol)
                    where[(sp, reg, s)] = off
                    for i in range(nseg):
                        io = alloc(float(v[i]), float(a[i]), d)
                        node_objs.append(Node(sp, reg, s, i, io))
                    end_of[(sp, reg, s)] = alloc(0.0, 0.0, d)
                    if d:
                        dx = s.L / nseg
                        for i in range(nseg):
                            io = off + i
                            il = io - 1 if i > 0 else il0
                            rate_l = d * nb[i] / (vol[io] * dx)
                            if i == 0:
                                rate_l *= 2
                            rate_r = d * nb[i + 1] / (vol[io] * dx)
                            if i == nseg - 1:
                                rate_r *= 2
                            add(io, [il, io, io + 1], [-rate_l, rate_r + rate_l, -rate_r])
                            if i == 0:
                                scale = vol[io] / vol[il] if vol[il] else vol[io]
                                add(il, [il, io], [rate_l * scale, -rate_l * scale])
                            if i == nseg - 1:
                                ir = io + 1
                                scale = vol[io] / vol[ir] if vol[ir] else vol[io]
                                add(ir, [ir, io], [rate_r * scale, -rate_r * scale])
                    # coupling to NEURON's ion
                    if reg.nrn_region is not None and sp.name is not None and not sp._is_param:
                        k = ion_index(sp.name, sp.charge if sp.charge else None)
                        for i in range(nseg):
                            io = off + i
                            self.t_where.append((k, reg.nrn_region, s, i))
                            tidx.append(io)
                            if sp.charge:
                                style.setdefault(k, []).append((s, i))
                                sign = -1 if reg.nrn_region == "i" else 1
                                self.c_where.append((k, s, i))
                                cidx.append(io)
                                cscale.append(sign * sa[io] * 10000.0 / (sp.charge * FARADAY * vol[io]))
        n = len(vol)
        self.vol = np.array(vol)
        self.sa = np.array(sa)
        self.node_objs = node_objs
        self.index_of = {(n.species, n.region, n.sec, n._iseg): n._index for n in node_objs}
        self.where = where
        self.y = np.zeros(n)
        for nd in node_objs:
            v = old.get((nd.species._id, nd.region._id, nd.sec._serial, nd._iseg, nd.sec.nseg))
            # a new node starts at its initial value (NEURON sets it when it makes the node)
            self.y[nd._index] = v if v is not None else _initial_value(nd)
        self.zvi = np.array([i for i in range(n) if vol[i] == 0], dtype=np.int64)
        mi, mj, mv = [], [], []
        tp = np.full(n, -1, dtype=np.int64)
        ta, tb, td = np.zeros(n), np.zeros(n), np.zeros(n)
        for i, r in enumerate(rows):
            for j, val in r.items():
                mi.append(i)
                mj.append(j)
                mv.append(val)
                if i < j:
                    tp[j] = i
                    ta[j] = val
                elif i == j:
                    td[i] = val
                else:
                    tb[i] = val
        c = np.array([1.0 if v > 0 else 0.0 for v in vol])
        self.tc = np.where(td > 0, c, 1.0)
        self.tp, self.ta, self.tb, self.td = tp, ta, tb, td
        self.mi = np.array(mi, dtype=np.int64)
        self.mj = np.array(mj, dtype=np.int64)
        self.mv = np.array(mv, dtype=float)
        self.has_diff = len(mi) > 0
        self.cidx = np.array(cidx, dtype=np.int64)
        self.cscale = np.array(cscale, dtype=float)
        self.tidx = np.array(tidx, dtype=np.int64)
        self.style_where = [(k, float(ION_VALENCE.get(_name_of(k), 1) or 1), w) for k, w in style.items()]
        self.old_layers = []
        self._build_reactions()
        self._ion_key = None
        self._step_tables()
        self.built = True

    def _build_reactions(self):
        """Group the locations by their set of regions and compile one rate function per
        group (NEURON: one per set of regions of a section)."""
        n = len(self.y)
        self.lookup = np.full(n, -1, dtype=np.int64)
        self.ind_scale, self.ind_where = [], []
        self.groups = []
        reactions = list(_REACTIONS)
        if not reactions:
            return
        # the regions present on each section (those with some species there)
        sec_regions = {}
        for (sp, reg, sec) in self.where:
            sec_regions.setdefault(sec, [])
            if reg not in sec_regions[sec]:
                sec_regions[sec].append(reg)
        membranes = []
        for r in reactions:
            if isinstance(r, MultiCompartmentReaction) and r._membrane not in membranes:
                membranes.append(r._membrane)
        groups = {}
        for sec, regs in sec_regions.items():
            key = (tuple(sorted(regs, key=lambda r: r._id)),
                   tuple(m._id for m in membranes if sec in m._secs))
            g = groups.get(key)
            if g is None:
                g = groups[key] = _Group(list(key[0]))
            g.locs.extend((sec, i) for i in range(sec.nseg))
        for key, g in groups.items():
            self._compile_group(g, reactions)
            self.groups.append(g)

    def _compile_group(self, g, reactions):
        regs = g.regions
        rid = {r: i for i, r in enumerate(regs)}
        lines = []
        involved = []
        mcr_entries = []             # (reaction, entry index) per mult column
        sample_sec = g.locs[0][0] if g.locs else None
        for r in reactions:
            if isinstance(r, MultiCompartmentReaction):
                if sample_sec is None or not r._applies(sample_sec):
                    continue
                lines.append(("rate", r._rate_expr, None))
                for e, (k, v) in enumerate(r._entries()):
                    if k._species._is_param:
                        continue
                    lines.append(("mc", k._species, k._region, len(mcr_entries),
                                  r._cur_charges[e] if r._membrane_flux else None))
                    mcr_entries.append((r, k, v))
                involved.append(r)
            else:
                for reg in regs:
                    ls = r._lines(reg)
                    if ls is None:
                        continue
                    for ln in ls:
                        if ln[0] == "rate":
                            lines.append(("rate", ln[1], reg))
                        else:
                            lines.append(("add", ln[1], ln[2], ln[3], ln[4]))
                    involved.append(r)
        if not lines:
            g.nstate = 0
            g.has_flux = False
            return
        spc = [s for s in _SPECIES if not s._is_param]
        prm = [s for s in _SPECIES if s._is_param]
        sid = {s: i for i, s in enumerate(spc)}
        pid = {s: i for i, s in enumerate(prm)}
        nr = len(regs)

        def ref_in(region):
            def ref(obj):
                sp, reg = _sp_reg(obj, region)
                if reg not in rid:
                    raise RxDError("rxd: %r is not on a region of these sections" % (obj,))
                if sp._is_param:
                    return "p[%d]" % (pid[sp] * nr + rid[reg])
                return "s[%d]" % (sid[sp] * nr + rid[reg])
            return ref

        src = ["def rates(s, p, m, out, fl):",
               "    for i in range(out.shape[0]):",
               "        out[i] = 0.0",
               "    rate = 0.0"]
        has_flux = False
        for ln in lines:
            if ln[0] == "rate":
                src.append("    rate = %s" % ln[1].src(ref_in(ln[2])))
            elif ln[0] == "add":
                _, sp, reg, mult, expr = ln
                i = sid[sp] * nr + rid[reg]
                if expr is not None:
                    src.append("    out[%d] += %s" % (i, expr.src(ref_in(reg))))
                else:
                    src.append("    out[%d] += (%r) * rate" % (i, mult))
            else:
                _, sp, reg, col, charge = ln
                i = sid[sp] * nr + rid[reg]
                src.append("    out[%d] += m[%d] * rate" % (i, col))
                if charge is not None:
                    has_flux = True
                    src.append("    fl[%d] += %r * rate" % (i, float(charge)))
        g.source = "\n".join(src)
        nloc = len(g.locs)
        sidx = np.full((nloc, len(spc) * nr), -1, dtype=np.int64)
        pidx = np.full((nloc, max(len(prm) * nr, 0)), -1, dtype=np.int64)
        for li, (sec, i) in enumerate(g.locs):
            for sp in spc:
                for reg in regs:
                    off = self.where.get((sp, reg, sec))
                    if off is not None:
                        sidx[li, sid[sp] * nr + rid[reg]] = off + i
            for sp in prm:
                for reg in regs:
                    off = self.where.get((sp, reg, sec))
                    if off is not None:
                        pidx[li, pid[sp] * nr + rid[reg]] = off + i
        # only the states some reaction changes or reads take part in the local systems
        used = set()
        for ln in lines:
            if ln[0] in ("add", "mc"):
                used.add(sid[ln[1]] * nr + rid[ln[2]])
        for col in range(sidx.shape[1]):
            if col not in used:
                refd = any(("s[%d]" % col) in s for s in src)
                if not refd:
                    sidx[:, col] = -1
        mults = np.zeros((nloc, max(len(mcr_entries), 1)))
        for col, (r, k, v) in enumerate(mcr_entries):
            mem = r._membrane
            for li, (sec, i) in enumerate(g.locs):
                area = mem.geometry.volumes1d(sec)[i] if r._scale_by_area else 1.0
                off = self.where[(k._species, k._region, sec)]
                volume = self.vol[off + i]
                mults[li, col] = (area / volume / MOLECULES_PER_MM_UM3) * (1 if v > 0 else -1) * abs(v)
        g.sidx, g.pidx, g.mults = sidx, pidx, mults
        g.nstate = int((sidx >= 0).any())
        from . import kernels
        g.kernels = kernels.local_kernels(g.source)
        g.has_flux = has_flux
        if has_flux:
            self._setup_induced(g, [r for r in involved if isinstance(r, MultiCompartmentReaction)
                                    and r._membrane_flux])

    def _setup_induced(self, g, mcrs):
        """NEURON's membrane-flux currents: per reaction, segment and charged species one
        current; the species' states on the 'i' and 'o' sides map to it."""
        from ...model.store import ion_index
        for r in mcrs:
            names = []
            for k, _ in r._entries():
                s = k._species
                if s.name is not None and (s.name, s.charge) not in names:
                    names.append((s.name, s.charge))
            for (sec, i) in g.locs:
                seg = sec((i + 0.5) / sec.nseg)
                area = r._membrane.geometry.volumes1d(sec)[i] if r._scale_by_area else 1.0
                ratio = area / seg.area()
                scale = -ratio * FARADAY / (10000 * MOLECULES_PER_MM_UM3)
                for name, charge in names:
                    if not charge:
                        continue
                    kk = len(self.ind_scale)
                    self.ind_scale.append(scale)
                    self.ind_where.append((ion_index(name), sec, i))
                    for sp in _SPECIES:
                        if sp.name != name or sp._is_param:
                            continue
                        for reg in sp._regions:
                            if reg.nrn_region is None:
                                continue
                            off = self.where.get((sp, reg, sec))
                            if off is not None:
                                self.lookup[off + i] = kk
        self.ind_scale = np.array(self.ind_scale, dtype=float)


_MODS = {}


def _store():
    m = _MODS.get("store")
    if m is None:
        from ...model import store as m
        _MODS["store"] = m
    return m


def _engine():
    m = _MODS.get("engine")
    if m is None:
        from ... import engine as m
        _MODS["engine"] = m
    return m


def _kernels():
    m = _MODS.get("kernels")
    if m is None:
        from . import kernels as m
        _MODS["kernels"] = m
    return m


def _initial_value(nd):
    """A node's initial value: the species' initial (a number or a function of the node),
    else, for an ion's species, NEURON's <ion>i0/<ion>o0 (e.g. h.cai0_ca_ion), else 0."""
    from ...model.store import ion_default
    sp = nd.species
    ini = sp.initial
    if callable(ini):
        val = ini(nd)
    elif ini is not None:
        val = ini
    elif nd.region.nrn_region is not None and sp.name is not None:
        _e0, ci0, co0 = ion_default(sp.name)
        val = ci0 if nd.region.nrn_region == "i" else co0
    else:
        val = 0.0
    return float(val)


def _nrn_tree_order():
    """Every section: the roots in creation order, each tree breadth first with the
    children in children() order (NEURON's SectionList.wholetree over allroots)."""
    from ...model.section import allsec
    out = []
    for root in allsec():
        if root.parentseg() is not None:
            continue
        queue = [root]
        head = 0
        while head < len(queue):
            sec = queue[head]
            head += 1
            out.append(sec)
            queue.extend(sec.children())
    return out


def _parent_seg(sec):
    """The segment a section's first node diffuses to: its true parent segment, else (a
    child of a root's 0 end) the attachment point itself (NEURON's rxd._parent)."""
    ps = sec.trueparentseg()
    return ps if ps is not None else sec.parentseg()


def _name_of(k):
    from ...model.store import ION_NAMES
    return ION_NAMES[k]


def sys_modules():
    import sys
    return sys.modules


class Node:
    """One rxd node: a species on a region in one segment."""

    def __init__(self, species, region, sec, iseg, index):
        self.species = species
        self.region = region
        self.sec = sec
        self._iseg = iseg
        self._index = index
        self.x = (iseg + 0.5) / sec.nseg

    @property
    def concentration(self):
        return float(SOLVER.y[self._index])

    @concentration.setter
    def concentration(self, value):
        # as NEURON: the state only; cai follows at the next step
        SOLVER.y[self._index] = float(value)

    value = concentration

    @property
    def segment(self):
        return self.sec(self.x)

    def _loc3d(self):
        """The node's 3-D position: its x interpolated along the section's 3-D points by
        normalised arc length (as NEURON's Node1D)."""
        sec = self.sec
        n = int(sec.n3d())
        if n == 0:
            from ...model.shape import define_shape
            define_shape()
            n = int(sec.n3d())
        length = sec.L
        arc = [sec.arc3d(i) / length for i in range(n)]
        return (float(np.interp(self.x, arc, [sec.x3d(i) for i in range(n)])),
                float(np.interp(self.x, arc, [sec.y3d(i) for i in range(n)])),
                float(np.interp(self.x, arc, [sec.z3d(i) for i in range(n)])))

    @property
    def x3d(self):
        return self._loc3d()[0]

    @property
    def y3d(self):
        return self._loc3d()[1]

    @property
    def z3d(self):
        return self._loc3d()[2]

    @property
    def volume(self):
        return float(SOLVER.vol[self._index])

    @property
    def surface_area(self):
        return float(SOLVER.sa[self._index])

    @property
    def d(self):
        return self.species.d

    def satisfies(self, cond):
        if isinstance(cond, Region):
            return self.region is cond
        if hasattr(cond, "nseg") and hasattr(cond, "hname"):
            return self.sec is cond or self.sec == cond
        if hasattr(cond, "x") and hasattr(cond, "sec"):
            sec = cond.sec
            return self.sec == sec and min(int(cond.x * sec.nseg), sec.nseg - 1) == self._iseg
        if isinstance(cond, (int, float)):
            return abs(self.x - cond) < 0.5 / self.sec.nseg
        raise RxDError("rxd nodes: unrecognised selector %r" % (cond,))

    @property
    def _ref_concentration(self):
        """A pointer to the node's value.  A node of an ion (a named species on a region
        with nrn_region) points at the segment's <name>i / <name>o, which the solver keeps
        equal to the node's state after every step (so Vector.record works); other nodes
        give a pointer that reads and writes the state but cannot be recorded yet."""
        from ...model.pointer import Pointer
        sp, reg = self.species, self.region
        if reg.nrn_region is not None and sp.name is not None and not sp._is_param:
            from ...model import store
            k = store.ion_index(sp.name, sp.charge if sp.charge else None)
            field = store.ION_CI if reg.nrn_region == "i" else store.ION_CO
            return Pointer("ion", (self.sec, self.x, k, field),
                           "%s.%s%s" % (self.segment, sp.name, reg.nrn_region))
        raise RxDError("%r._ref_concentration: only nodes of a species on a region with "
                       "nrn_region ('i' or 'o') can be recorded in ranvier yet" % self)

    _ref_value = _ref_concentration

    def include_flux(self, *args, units="molecule/ms"):
        """Add a flux (an amount per ms) into this node, after each step's reactions:
        a number, a function of no arguments, a pointer, or (object, 'name')."""
        scales = {"molecule/ms": MOLECULES_PER_MM_UM3, "mol/ms": 1e-18, "mmol/ms": 1e-15,
                  "millimol/ms": 1e-15, "mol/s": 1e-15}
        if units not in scales:
            raise RxDError("include_flux: unknown unit: %r" % (units,))
        if len(args) == 2:
            obj, name = args
            if not hasattr(obj, name):
                raise RxDError("include_flux: %r has no %r" % (obj, name))
            source = (lambda: getattr(obj, name))
        elif len(args) == 1 and callable(args[0]):
            source = args[0]
        elif len(args) == 1 and hasattr(args[0], "__getitem__") and not isinstance(args[0], str):
            ptr = args[0]
            source = (lambda: ptr[0])
        elif len(args) == 1 and isinstance(args[0], (int, float)):
            value = float(args[0])
            source = (lambda: value)
        else:
            raise RxDError("include_flux: unsupported flux form %r" % (args,))
        _FLUXES.append(((self.species, self.region, self.sec, self._iseg), source, scales[units]))

    def __repr__(self):
        return "Node(%r, %r, %s(%g))" % (self.species, self.region.name, self.sec.name(), self.x)


class NodeList(list):
    """A list of nodes; attribute access gives the list of the nodes' values, assignment
    sets them all; calling it with a section, segment or region selects nodes."""

    def __call__(self, cond):
        return NodeList([n for n in self if n.satisfies(cond)])

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return [getattr(n, name) for n in self]

    def __setattr__(self, name, value):
        for n in self:
            setattr(n, name, value)

    def __getitem__(self, i):
        r = list.__getitem__(self, i)
        return NodeList(r) if isinstance(i, slice) else r

    @property
    def value(self):
        return [n.value for n in self]

    @value.setter
    def value(self, v):
        for n in self:
            n.value = v


SOLVER = _Solver()


def _register_region(region):
    region._id = next(_IDS)
    _REGIONS.append(region)
    SOLVER.invalidate()


_ecs.attach(SOLVER, _register_region, _ion_o0)


def re_init():
    """Reinitialise all rxd states from their initial conditions (and the ions)."""
    SOLVER._stale = True
    SOLVER.init()


def set_solve_type(domain=None, dimension=None, dx=None, nsubseg=None, method=None):
    if dimension not in (None, 1):
        raise RxDError("rxd.set_solve_type(dimension=%r): only 1-D rxd is implemented in ranvier"
                       % (dimension,))
    if nsubseg not in (None,) or method not in (None,):
        raise RxDError("rxd.set_solve_type: nsubseg and method are not implemented")


def nthread(n=None):
    return 1


def reset():
    """Forget every region, species and reaction (ranvier.reset)."""
    _REGIONS.clear()
    _SPECIES.clear()
    _REACTIONS.clear()
    _FLUXES.clear()
    SOLVER.__init__()
