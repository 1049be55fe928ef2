"""Prints reference values of the standard normal quantile Phi^-1(p) as the Java rows of
NormalQuantileTest.REFERENCE (src/test/java/descent/tensor/NormalQuantileTest.java).

Each p is a double (written exactly, as a hexadecimal literal); Phi^-1(p) is found with mpmath at
60 significant digits by Newton's method on log Phi(z) = log p, where Phi(z) = erfc(-z / sqrt 2) / 2
keeps the lower tail exact, and using Phi^-1(p) = -Phi^-1(1 - p) above 1/2 (1 - p is exact in mpmath).
Run: /usr/bin/python3 tools/reference/normal_quantile.py
"""
import mpmath as mp

mp.mp.dps = 60


def quantile(p):
    p = mp.mpf(p)
    if p > 0.5:
        return -quantile(1 - p)
    if p == 0.5:
        return mp.mpf(0)
    cdf = lambda z: mp.erfc(-z / mp.sqrt(2)) / 2
    pdf = lambda z: mp.exp(-z * z / 2) / mp.sqrt(2 * mp.pi)
    z = -mp.sqrt(-2 * mp.log(2 * p)) if p < 0.3 else (p - mp.mpf(0.5)) * mp.sqrt(2 * mp.pi)
    for _ in range(200):
        step = (mp.log(cdf(z)) - mp.log(p)) / (pdf(z) / cdf(z))
        z -= step
        if abs(step) < mp.mpf(10) ** -50 * max(1, abs(z)):
            break
    else:
        raise ValueError(f'no convergence at p = {p}')
    return z


def points():
    ps = [2.0 ** -53, 2.0 ** -52, 1e-300, 1e-100, 1e-30, 1e-20, 1e-15, 1e-12, 1.3887943864964021e-11,
          1e-11, 1e-10, 1e-8, 1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.025, 0.05, 0.0749, 0.075, 0.0751]
    ps += [k / 64 for k in range(5, 60)]
    ps += [0.9249, 0.925, 0.9251, 0.95, 0.975, 0.99, 0.999, 0.9999, 1 - 1e-6, 1 - 1e-10, 1 - 1e-15,
           1 - 2.0 ** -52, 1 - 2.0 ** -53]
    return ps


if __name__ == '__main__':
    for p in points():
        z = quantile(p)
        print(f'        {{{float(p).hex()}, {mp.nstr(z, 25)}}},')
