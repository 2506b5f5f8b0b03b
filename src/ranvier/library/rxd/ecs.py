"""`rxd.Extracellular`: NEURON's 3-D extracellular space, a box of voxels.

What ranvier has: the grid exactly as NEURON 9.0.2 lays it out (nx = ceil((xhi - xlo)/dx)
voxels per axis, the box's high corner moved to xlo + nx dx; voxel (i, j, k) centred at
xlo + (i + 1/2) dx, ...; node index i ny nz + j nz + k), species on it with their initial
values (a number, a function of the node, or for an ion's name NEURON's <ion>o0_<ion>_ion),
`species[ecs].states3d`, `node_by_location`, `node_by_ijk`, the nodes' `concentration`,
`value`, `x3d`, `y3d`, `z3d` and `volume` (dx dy dz times the volume fraction).
What it has not: the dynamics.  NEURON advances them by Douglas-Gunn ADI coupled to the
membrane currents of the segments in each voxel; ranvier refuses to step a model with an
extracellular species (RxDError) rather than leave its states frozen."""
import math

import numpy as np

from .geometry import RxDError

# what the 1-D model (model.py, which imports this module) lends: its solver, the region
# registry, the id counter and the ions' outside default (attach())
_MODEL = {}


def attach(solver, register, ion_o0):
    _MODEL.update(solver=solver, register=register, ion_o0=ion_o0)


class Extracellular:
    """Extracellular(xlo, ylo, zlo, xhi, yhi, zhi, dx, volume_fraction=1, tortuosity=None,
    permeability=None, name=None)"""

    nrn_region = "o"
    _nrn_region = "o"

    def __init__(self, xlo, ylo, zlo, xhi, yhi, zhi, dx, volume_fraction=1, tortuosity=None,
                 permeability=None, name=None):
        if tortuosity is not None and permeability is not None:
            raise RxDError("Extracellular: give tortuosity or permeability, not both")
        if isinstance(dx, (int, float)):
            dx = (dx, dx, dx)
        if len(dx) != 3 or any(not d > 0 for d in dx):
            raise RxDError("Extracellular: dx must be a positive number or three, got %r" % (dx,))
        self._dx = tuple(float(d) for d in dx)
        self._xlo, self._ylo, self._zlo = xlo, ylo, zlo
        self._nx = int(math.ceil(float(xhi - xlo) / self._dx[0]))
        self._ny = int(math.ceil(float(yhi - ylo) / self._dx[1]))
        self._nz = int(math.ceil(float(zhi - zlo) / self._dx[2]))
        self._xhi = xlo + self._dx[0] * self._nx
        self._yhi = ylo + self._dx[1] * self._ny
        self._zhi = zlo + self._dx[2] * self._nz
        if not callable(volume_fraction) and not isinstance(volume_fraction, (int, float)):
            raise RxDError("Extracellular: only a number or a function volume_fraction is supported")
        self.alpha = volume_fraction
        if permeability is not None:
            self.tortuosity = 1.0 / math.sqrt(permeability)
        else:
            self.tortuosity = 1.0 if tortuosity is None else tortuosity
        self.name = name
        self._secs = []             # (no 1-D sections: the 1-D solver skips it)
        _MODEL["register"](self)         # (an id, the region registry, the solver rebuilds)

    @property
    def secs(self):
        return []

    def _alpha_at(self, i, j, k):
        a = self.alpha
        if callable(a):
            return float(a(self._xlo + i * self._dx[0], self._ylo + j * self._dx[1],
                           self._zlo + k * self._dx[2]))
        return float(a)

    def volume(self, index=None):
        """The volume of voxel index (all of them together without one), um^3."""
        v = self._dx[0] * self._dx[1] * self._dx[2]
        if index is None:
            n = self._nx * self._ny * self._nz
            if callable(self.alpha):
                return sum(self._alpha_at(*self._ijk(q)) for q in range(n)) * v
            return n * v * self.alpha
        return v * self._alpha_at(*self._ijk(index))

    def _ijk(self, q):
        i, r = divmod(q, self._ny * self._nz)
        j, k = divmod(r, self._nz)
        return i, j, k

    @property
    def shape(self):
        return (self._nx, self._ny, self._nz)

    def __repr__(self):
        return ("Extracellular(xlo=%r, ylo=%r, zlo=%r, xhi=%r, yhi=%r, zhi=%r, tortuosity=%r, "
                "volume_fraction=%r)" % (self._xlo, self._ylo, self._zlo, self._xhi, self._yhi,
                                         self._zhi, self.tortuosity, self.alpha))


class ECSNode:
    """One voxel of a species on an Extracellular region."""

    def __init__(self, species, region, index):
        self.species = species
        self.region = region
        self._index = index
        self._i, self._j, self._k = region._ijk(index)

    def _arr(self):
        return _MODEL["solver"].ecs_states(self.species, self.region).reshape(-1)

    @property
    def concentration(self):
        return float(self._arr()[self._index])

    @concentration.setter
    def concentration(self, value):
        self._arr()[self._index] = float(value)

    value = concentration

    @property
    def x3d(self):
        return self.region._xlo + (self._i + 0.5) * self.region._dx[0]

    @property
    def y3d(self):
        return self.region._ylo + (self._j + 0.5) * self.region._dx[1]

    @property
    def z3d(self):
        return self.region._zlo + (self._k + 0.5) * self.region._dx[2]

    @property
    def volume(self):
        return self.region.volume(self._index)

    @property
    def d(self):
        return self.species.d

    @property
    def sec(self):
        return None

    @property
    def segment(self):
        return None

    def satisfies(self, cond):
        if isinstance(cond, Extracellular):
            return self.region is cond
        if isinstance(cond, (tuple, list)) and len(cond) == 3:
            r = self.region
            x, y, z = cond
            return (int((x - r._xlo) / r._dx[0]), int((y - r._ylo) / r._dx[1]),
                    int((z - r._zlo) / r._dx[2])) == (self._i, self._j, self._k)
        return False

    @property
    def _ref_concentration(self):
        raise RxDError("%r._ref_value: recording extracellular nodes is not supported in ranvier "
                       "yet" % self)

    _ref_value = _ref_concentration

    def include_flux(self, *args, **kwargs):
        raise RxDError("include_flux on extracellular nodes is not supported in ranvier yet")

    def __repr__(self):
        return "ECSNode(%r, (%d, %d, %d))" % (self.species, self._i, self._j, self._k)


def initial_states(species, region):
    """The species' initial values on the grid, (nx, ny, nz)."""
    ini = species.initial
    shape = region.shape
    if callable(ini):
        out = np.empty(shape)
        n = shape[0] * shape[1] * shape[2]
        flat = out.reshape(-1)
        for q in range(n):
            flat[q] = float(ini(ECSNode(species, region, q)))
        return out
    if ini is None:
        val = _MODEL["ion_o0"](species) if species.name is not None else 0.0
    else:
        val = float(ini)
    return np.full(shape, val)


def node_by_ijk(species, region, i, j, k):
    if not (0 <= i < region._nx and 0 <= j < region._ny and 0 <= k < region._nz):
        raise RxDError("node_by_ijk(%d, %d, %d): outside the %dx%dx%d grid of %r"
                       % (i, j, k, region._nx, region._ny, region._nz, region))
    return ECSNode(species, region, (i * region._ny + j) * region._nz + k)


def node_by_location(species, region, x, y, z):
    e = region
    if e._xlo <= x <= e._xhi and e._ylo <= y <= e._yhi and e._zlo <= z <= e._zhi:
        i = int((x - e._xlo) / e._dx[0])
        j = int((y - e._ylo) / e._dx[1])
        k = int((z - e._zlo) / e._dx[2])
        return node_by_ijk(species, region, i, j, k)
    raise RxDError("Location (%g, %g, %g) is not in extracellular region %r" % (x, y, z, region))
