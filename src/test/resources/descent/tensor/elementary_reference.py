"""Writes elementary_reference.txt: arguments and exact values of Descent's elementary functions.

Each line is `name x hi lo` with the raw IEEE 754 bits of three doubles in hexadecimal: the
argument x, the correctly rounded value hi of the function at x, and lo, the exact value minus hi
rounded to a double (so hi + lo holds the value to about 106 bits). Values come from mpmath at 60
significant digits. Arguments mix wide random ranges, neighbourhoods of the points where the
implementations switch formulas or lose the most accuracy, and exact edge values. Run with
`python3 elementary_reference.py` (Debian: apt-get install python3-mpmath); tests only read the
output.
"""
import math
import random
import struct

from mpmath import mp, mpf

mp.dps = 60

FUNCTIONS = {
    'exp': mp.exp, 'expm1': mp.expm1, 'log': mp.log, 'log1p': mp.log1p,
    'sin': mp.sin, 'cos': mp.cos, 'tan': mp.tan, 'atan': mp.atan,
    'tanh': mp.tanh, 'sinh': mp.sinh, 'cosh': mp.cosh,
    'sigmoid': lambda x: 1 / (1 + mp.exp(-x)), 'softplus': lambda x: mp.log1p(mp.exp(x)),
}

# Points where formulas switch or results are most sensitive, per function.
CENTERS = {
    'exp': [0, 0.34657359, -0.34657359, 1, 709.78, -708.39, -745.13, -744.44, 1e-10],
    'expm1': [0, 0.34657359, -0.34657359, 36.7, -37.4, -40, 700, 709.78, 1e-10],
    'log': [1, 0.70710678, 1.41421356, 2, 0.5, 2.2250738585072014e-308, 1e-310, 1e300],
    'log1p': [0, -0.29289321, 0.41421356, -0.999, 1e-10, 1, 3, 1e20],
    'tanh': [0, 0.12, 0.35, 1, 19, 1e-8],
    'sinh': [0, 1, 710.47, 22, 1e-8], 'cosh': [0, 1, 710.47, 22, 1e-8],
    'atan': [0.41421356, 0.6875, 1.1875, 2.4375, 2.41421356, 1, 1e-8, 1e10],
    'sigmoid': [0, 0.88, 3.45, 36.7, 745, 709], 'softplus': [0, 0.88, 1.27, 2.75, 36.7, 745, 709],
}

EDGES = [0.0, 5e-324, 2.2250738585072014e-308, 1e-300, 1e-20, 2 ** -27, 2 ** -26, 0.5, 1.0, 2.0, 10.0,
         709.782712893384, 709.7827128933841, 710.4758600739439, -745.1332191019411, -708.3964185322641,
         2097152.0, 2097151.9999999998, 1e6 + 0.5, 355.0, 103993.0, 1.7976931348623157e308]


def bits(x):
    return '%016x' % struct.unpack('<Q', struct.pack('<d', x))[0]


def step(x, n):
    """x moved n ulps (n may be negative)."""
    for _ in range(abs(n)):
        x = math.nextafter(x, math.inf if n > 0 else -math.inf)
    return x


def arguments(name, rng):
    xs = []
    for _ in range(150):
        kind = rng.randrange(4)
        if kind == 0:
            x = rng.uniform(-4, 4)
        elif kind == 1:
            x = rng.uniform(-50, 50)
        elif kind == 2:
            x = math.copysign(10 ** rng.uniform(-30, 10), rng.random() - 0.5)
        else:
            x = rng.uniform(-800, 800)
        if name == 'log':
            x = abs(x) * 2.0 ** rng.randrange(-1000, 1000)
        if name == 'log1p' and kind == 0:
            x = abs(x) / 4 - 1 + 1e-12
        xs.append(x)
    if name in ('sin', 'cos', 'tan'):
        for _ in range(200):
            k = rng.randrange(20) if rng.randrange(4) == 0 else rng.randrange(1 << 21)
            x = float(k * mp.pi / 2)
            if abs(x) > 2 ** 21:
                x /= 2
            xs.append(math.copysign(step(x, rng.randrange(-4, 5)), rng.random() - 0.5))
    else:
        for _ in range(200):
            c = rng.choice(CENTERS[name])
            mode = rng.randrange(3)
            if mode == 0:
                x = step(c, rng.randrange(-1000, 1001))
            elif mode == 1:
                x = c + (rng.random() - 0.5) * 1e-6 * max(1, abs(c))
            else:
                x = c + (rng.random() - 0.5) * 0.02 * max(1, abs(c))
            if name not in ('log', 'log1p') and c != 0 and rng.random() < 0.5:
                x = -x
            xs.append(x)
    for e in EDGES:
        xs.extend([e, -e, step(e, 1), step(e, -1)] if e > 0 else [e])
    return xs


def main():
    rng = random.Random(20240611)
    lines = []
    for name, f in FUNCTIONS.items():
        for x in arguments(name, rng):
            if math.isnan(x) or math.isinf(x):
                continue
            try:
                v = f(mpf(x))
            except (ValueError, ZeroDivisionError):
                continue
            if not isinstance(v, type(mpf(0))) or not mp.isfinite(v):
                continue
            hi = float(v)
            if math.isinf(hi):
                continue
            lo = float(v - mpf(hi))
            lines.append('%s %s %s %s' % (name, bits(x), bits(hi), bits(lo)))
    with open('elementary_reference.txt', 'w') as out:
        out.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main()
