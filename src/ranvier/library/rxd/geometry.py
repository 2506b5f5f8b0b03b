"""Region geometries of 1-D rxd: per segment volume and membrane surface area, and the
cross-section areas at the nseg + 1 segment borders (for diffusion), computed as NEURON
9.0.2's rxd computes them from a section's 3-D points (frusta between the points and
the segment borders, diameters interpolated linearly in arc length)."""
import math

import numpy as np

from ...core.errors import ModelError


class RxDError(ModelError):
    """An rxd specification NEURON's rxd refuses (a ValueError)."""


def _shape(sec):
    if sec.n3d() < 2:
        from ...model.shape import define_shape
        define_shape()
    n = sec.n3d()
    arc = np.array([sec.arc3d(i) for i in range(n)])
    diam = np.array([sec.diam3d(i) for i in range(n)])
    return arc, diam


def _frusta(sec, piece, diam_scale=1.0):
    """Sum over each segment of piece(d0, d1, length) over the frusta inside it."""
    arc, diam = _shape(sec)
    diam = diam * diam_scale
    nseg = sec.nseg
    dx = sec.L / nseg
    out = np.zeros(nseg)
    for iseg in range(nseg):
        lo = iseg * dx
        hi = (iseg + 1) * dx
        inner = arc[np.searchsorted(arc, lo, "right"):np.searchsorted(arc, hi, "left")]
        pts = [lo] + [float(x) for x in inner] + [hi]
        ds = np.interp(pts, arc, diam)
        total = 0
        for i in range(len(pts) - 1):
            total += piece(ds[i], ds[i + 1], pts[i + 1] - pts[i])
        out[iseg] = total
    return out


def _volumes1d(sec):
    return _frusta(sec, lambda d0, d1, length: math.pi * length / 12.0 * (d0 ** 2 + d0 * d1 + d1 ** 2))


def _surface_fn(scale, diam_scale=1.0):
    def f(sec):
        return _frusta(sec, lambda d0, d1, length: scale * 0.5 * (d0 + d1) * math.sqrt(
            0.25 * (d0 - d1) ** 2 + length ** 2), diam_scale)
    return f


def _border_diams(sec):
    arc, diam = _shape(sec)
    return np.interp(np.linspace(0, sec.L, sec.nseg + 1), arc, diam)


def _perimeter_fn(scale, diam_scale=1.0):
    return lambda sec: scale * (_border_diams(sec) * diam_scale)


def _neighbor_areas1d(sec):
    return np.pi * 0.25 * _border_diams(sec) ** 2


_surface_areas1d = _surface_fn(np.pi)
_zero = lambda sec: np.zeros(sec.nseg)         # noqa: E731


def _scaled(k, f):
    return lambda sec: k * f(sec)


def _per_length(value):
    return lambda sec: np.full(sec.nseg, value * sec.L / sec.nseg)


class RxDGeometry:
    """Base of the geometries: volumes1d, surface_areas1d, neighbor_areas1d (functions
    of a section), is_volume(), is_area()."""
    volume = True

    def is_volume(self):
        return self.volume

    def is_area(self):
        return not self.volume

    def __call__(self):
        return self      # rxd.inside and rxd.inside() are the same


class _Inside(RxDGeometry):
    volumes1d = staticmethod(_volumes1d)
    surface_areas1d = staticmethod(_surface_areas1d)
    neighbor_areas1d = staticmethod(_neighbor_areas1d)

    def __repr__(self):
        return "inside"


class _Membrane(RxDGeometry):
    volume = False
    volumes1d = staticmethod(_surface_areas1d)
    surface_areas1d = staticmethod(_zero)
    neighbor_areas1d = staticmethod(_perimeter_fn(np.pi))

    def __repr__(self):
        return "membrane"


inside = _Inside()
membrane = _Membrane()


class FractionalVolume(RxDGeometry):
    def __init__(self, volume_fraction=1, surface_fraction=0, neighbor_areas_fraction=None):
        if neighbor_areas_fraction is None:
            neighbor_areas_fraction = volume_fraction
        self._volume_fraction = volume_fraction
        self._surface_fraction = surface_fraction
        self._neighbor_areas_fraction = neighbor_areas_fraction
        if surface_fraction == 0:
            self.surface_areas1d = _zero
        elif surface_fraction == 1:
            self.surface_areas1d = _surface_areas1d
        else:
            self.surface_areas1d = _scaled(surface_fraction, _surface_areas1d)
        self.neighbor_areas1d = _scaled(neighbor_areas_fraction, _neighbor_areas1d)
        self.volumes1d = _scaled(volume_fraction, _volumes1d)

    def __repr__(self):
        return ("FractionalVolume(volume_fraction=%r, surface_fraction=%r, neighbor_areas_fraction=%r)"
                % (self._volume_fraction, self._surface_fraction, self._neighbor_areas_fraction))


class FixedCrossSection(RxDGeometry):
    def __init__(self, cross_area, surface_area=0):
        self._cross_area, self._surface_area = cross_area, surface_area
        self.volumes1d = _per_length(cross_area)
        self.surface_areas1d = _per_length(surface_area)
        self.neighbor_areas1d = lambda sec: np.full(sec.nseg + 1, float(cross_area))

    def __repr__(self):
        return "FixedCrossSection(%r, surface_area=%r)" % (self._cross_area, self._surface_area)


class FixedPerimeter(RxDGeometry):
    volume = False

    def __init__(self, perimeter, on_cell_surface=False):
        self._perim, self._on_surface = perimeter, on_cell_surface
        self.volumes1d = _per_length(perimeter)
        self.surface_areas1d = self.volumes1d if on_cell_surface else _zero
        self.neighbor_areas1d = lambda sec: np.full(sec.nseg + 1, float(perimeter))

    def __repr__(self):
        return "FixedPerimeter(%r, on_cell_surface=%r)" % (self._perim, self._on_surface)


class ScalableBorder(RxDGeometry):
    """A border whose area is scale * diam * length (scale defaults to pi: the surface)."""
    volume = False

    def __init__(self, scale=None, diam_scale=None, on_cell_surface=False):
        if scale is not None and diam_scale is not None:
            raise RxDError("ScalableBorder: give scale or diam_scale, not both")
        self._scale = np.pi if scale is None else scale
        self._diam_scale = 1.0 if diam_scale is None else diam_scale
        self._on_surface = on_cell_surface
        self.volumes1d = _surface_fn(self._scale, self._diam_scale)
        self.surface_areas1d = self.volumes1d if on_cell_surface else _zero
        self.neighbor_areas1d = _perimeter_fn(self._scale, self._diam_scale)

    def __repr__(self):
        return "ScalableBorder(%r, on_cell_surface=%r)" % (self._scale, self._on_surface)


class DistributedBoundary(RxDGeometry):
    """area_per_vol um^2 of border per um^3 of volume."""
    volume = False

    def __init__(self, area_per_vol, perim_per_area=0):
        self._area_per_vol = area_per_vol
        self.volumes1d = _scaled(area_per_vol, _volumes1d)
        self.surface_areas1d = _zero
        self.neighbor_areas1d = _scaled(perim_per_area, _neighbor_areas1d)

    def __repr__(self):
        return "DistributedBoundary(%g)" % self._area_per_vol


class Shell(RxDGeometry):
    """The annulus between lo*diam and hi*diam."""

    def __init__(self, lo=None, hi=None):
        if lo is None or hi is None:
            raise RxDError("Shell: only shells with a lo and hi are supported")
        if lo > hi:
            lo, hi = hi, lo
        if lo == hi:
            raise RxDError("Shell objects must have thickness")
        if lo < 1 < hi:
            raise RxDError("shells may not cross the membrane; i.e. 1 cannot lie strictly "
                           "between lo and hi")
        self._lo, self._hi = lo, hi
        self.surface_areas1d = _surface_areas1d if (lo == 1 or hi == 1) else _zero

    def neighbor_areas1d(self, sec):
        d = _border_diams(sec)
        return np.pi * 0.25 * ((d * self._hi) ** 2 - (d * self._lo) ** 2)

    def volumes1d(self, sec):
        lo, hi = self._lo, self._hi

        def piece(d0, d1, length):
            h0, h1, l0, l1 = hi * d0, hi * d1, lo * d0, lo * d1
            return math.pi * length / 12.0 * ((h0 ** 2 + h0 * h1 + h1 ** 2) - (l0 ** 2 + l0 * l1 + l1 ** 2))
        return _frusta(sec, piece)

    def __repr__(self):
        return "Shell(lo=%r, hi=%r)" % (self._lo, self._hi)
