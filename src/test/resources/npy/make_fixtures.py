#!/usr/bin/python3
"""Fixtures for descent.io.NumPy, written by NumPy itself.

    /usr/bin/python3 make_fixtures.py                 regenerate the fixtures in this directory
    /usr/bin/python3 make_fixtures.py --check DIR     check the files NumPyTest wrote to DIR
                                                      (src/target/npy-from-java after the tests)

expected.txt lists, for every array the Java test reads, the shape and the exact float64 values
NumPy's own astype(float64) gives, as IEEE-754 bit patterns in hex (row-major), so the test
compares bit for bit. Error fixtures are listed by name only; the test knows what each must say.
Zip entries carry the fixed zip-epoch time, so regenerating gives identical files.
"""
import hashlib
import io
import os
import sys
import zipfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def f64_bits(values):
    return np.array(values, dtype=np.uint64).view('<f8')


F8_SPECIALS = np.concatenate([
    np.array([0.0, -0.0, 1.5, np.pi, np.inf, -np.inf, np.nan, 5e-324,
              np.finfo(np.float64).max, -2.5, 1 / 3], dtype='<f8'),
    # a quiet NaN with a payload, a negative NaN and a signalling NaN keep their bits
    f64_bits([0x7ff8000000000123, 0xfff8000000000000, 0x7ff0000000000001]),
    np.array([1e-300], dtype='<f8'),
]).reshape(3, 5)

F4_SPECIALS = np.array([0.0, -0.0, 1.5, np.finfo(np.float32).max, 1e-45, np.finfo(np.float32).tiny,
                        np.inf, -np.inf, np.nan, 0.1, -7.25, 16777217.0], dtype='<f4').reshape(2, 6)

F2_SPECIALS = np.array([0.0, -0.0, 1.0, 65504.0, 6.103515625e-05, 5.960464477539063e-08,
                        np.inf, -np.inf, np.nan, 0.1, -2.5, 1000.5], dtype='<f2').reshape(3, 4)

I8 = [-2**63, -2**53 - 2, -2**53, -1, 0, 1, 2**53, 2**53 + 2, 2**60, 2**62 + 2**10]
U8 = [0, 1, 2**53, 2**63, 2**63 + 2**11, 2**64 - 2**11]


def arrays():
    """name -> array, for the .npy fixtures written with np.save."""
    a = {
        'f8_le': F8_SPECIALS,
        'f8_be': F8_SPECIALS.astype('>f8'),
        'f4_le': F4_SPECIALS,
        'f4_be': F4_SPECIALS.astype('>f4'),
        'f2_le': F2_SPECIALS,
        'f2_be': F2_SPECIALS.astype('>f2'),
        'i1': np.array([-128, -1, 0, 1, 127], dtype='i1'),
        'u1': np.array([0, 1, 127, 128, 255], dtype='u1'),
        'bool': np.array([[True, False, True], [False, False, True]]),
        'f8_fortran': np.asfortranarray(np.arange(24, dtype='<f8').reshape(2, 3, 4) / 8),
        'i4_be_fortran': np.asfortranarray(np.array([[1, -2], [3, -4], [5, 2**31 - 1]], dtype='>i4')),
        'f8_scalar': np.array(2.5),
        'i2_scalar': np.array(-7, dtype='<i2'),
        'f8_empty_0': np.zeros((0,)),
        'f8_empty_0x3': np.zeros((0, 3)),
        'f4_empty_2x0x4': np.zeros((2, 0, 4), dtype='<f4'),
    }
    for order, tag in (('<', 'le'), ('>', 'be')):
        a['i2_' + tag] = np.array([-32768, -1, 0, 1, 32767], dtype=order + 'i2')
        a['i4_' + tag] = np.array([-2**31, -1, 0, 1, 2**31 - 1], dtype=order + 'i4')
        a['i8_' + tag] = np.array(I8, dtype=order + 'i8')
        a['u2_' + tag] = np.array([0, 1, 32768, 65535], dtype=order + 'u2')
        a['u4_' + tag] = np.array([0, 1, 2**31, 2**32 - 1], dtype=order + 'u4')
        a['u8_' + tag] = np.array(U8, dtype=order + 'u8')
    return a


def npz_arrays():
    return {'zeta': np.arange(3.0), 'alpha': F8_SPECIALS, 'mid': np.array(-1.25)}


class Unseekable(io.RawIOBase):
    """A write-only stream without seek or tell, as a pipe or socket is."""

    def __init__(self, sink):
        self.sink = sink

    def writable(self):
        return True

    def write(self, b):
        self.sink.write(b)
        return len(b)


def errors():
    """name -> array, for the .npy fixtures Java must reject."""
    return {
        'err_object': np.array([1, 'a', None], dtype=object),
        'err_complex': np.array([1 + 2j, 3 - 4j]),
        'err_structured': np.zeros(3, dtype=[('x', '<f8'), ('y', '<i4')]),
        'err_unicode': np.array(['ab', 'cde']),
        'err_datetime': np.array(['2024-01-01', '2024-06-30'], dtype='datetime64[D]'),
        'err_longdouble': np.array([1.0, 2.0], dtype=np.longdouble),
        'err_i8_inexact': np.array([1, 2**53 + 1, 3], dtype='<i8'),
        'err_u8_inexact': np.array([5, 2**64 - 1], dtype='>u8'),
    }


def bits_line(file, entry, arr):
    shape = 'x'.join(str(d) for d in arr.shape) if arr.ndim else 'scalar'
    flat = np.ascontiguousarray(arr).astype('<f8').ravel(order='C').view('<u8')
    return ' '.join([file, entry, shape] + ['%016x' % v for v in flat])


def generate():
    lines = ['# file entry shape float64-bits... (row-major; "-" for a .npy file, "scalar" for shape ())']
    for name, arr in sorted(arrays().items()):
        np.save(os.path.join(HERE, name + '.npy'), arr)
        lines.append(bits_line(name + '.npy', '-', arr))
    base = np.arange(12, dtype='<f8').reshape(3, 4) - 5.5
    for version in ((2, 0), (3, 0)):
        name = 'f8_v%d.npy' % version[0]
        with open(os.path.join(HERE, name), 'wb') as f:
            np.lib.format.write_array(f, base, version=version)
        lines.append(bits_line(name, '-', base))

    named = npz_arrays()
    np.savez(os.path.join(HERE, 'stored.npz'), **named)
    np.savez_compressed(os.path.join(HERE, 'compressed.npz'), **named)
    with open(os.path.join(HERE, 'stream.npz'), 'wb') as f:
        np.savez(Unseekable(f), **named)
    for file in ('stored.npz', 'compressed.npz', 'stream.npz'):
        for key, arr in named.items():
            lines.append(bits_line(file, key, arr))

    # stored and deflated entries, names with and without the .npy suffix, in a chosen order
    mixed = [('w.npy', np.arange(6, dtype='<f4').reshape(2, 3), zipfile.ZIP_STORED),
             ('b', np.array([0.5, -0.5], dtype='>f8'), zipfile.ZIP_DEFLATED),
             ('sub/v.npy', np.array([[1, 2], [3, 4]], dtype='<i8'), zipfile.ZIP_DEFLATED),
             ('c', np.array(7, dtype='u1'), zipfile.ZIP_STORED)]
    with zipfile.ZipFile(os.path.join(HERE, 'mixed.npz'), 'w') as z:
        for entry, arr, method in mixed:
            buf = io.BytesIO()
            np.save(buf, arr)
            z.writestr(zipfile.ZipInfo(entry), buf.getvalue(), compress_type=method)
    for entry, arr, _ in mixed:
        lines.append(bits_line('mixed.npz', entry, arr))

    for name, arr in sorted(errors().items()):
        np.save(os.path.join(HERE, name + '.npy'), arr, allow_pickle=True)
    with zipfile.ZipFile(os.path.join(HERE, 'err_entry.npz'), 'w') as z:
        for entry, arr in (('good.npy', np.arange(3.0)), ('bad.npy', np.array([1j]))):
            buf = io.BytesIO()
            np.save(buf, arr)
            z.writestr(zipfile.ZipInfo(entry), buf.getvalue())
    with zipfile.ZipFile(os.path.join(HERE, 'err_text_entry.npz'), 'w') as z:
        z.writestr(zipfile.ZipInfo('readme.txt'), 'not an array\n')

    # every float16 bit pattern, converted by NumPy: the digest of the float64 bits (little-endian)
    halves = np.arange(65536, dtype='<u2').view('<f2')
    digest = hashlib.sha256(halves.astype('<f8').tobytes()).hexdigest()
    lines.append('# sha256 of the float64 bits of all 65536 float16 patterns 0x0000..0xffff, in order')
    lines.append('digest f2_all_patterns ' + digest)

    with open(os.path.join(HERE, 'expected.txt'), 'w') as f:
        f.write('\n'.join(lines) + '\n')


def check(directory):
    """Reads what NumPyTest wrote and compares with closed forms, bit for bit."""
    specials = f64_bits([0x0000000000000000, 0x8000000000000000, 0x7ff0000000000000, 0xfff0000000000000,
                         0x7ff8000000000000, 0x7ff8000000000123, 0xfff8000000000000, 0x7ff0000000000001,
                         0x0000000000000001, 0x7fefffffffffffff, 0x3fd5555555555555, 0x400921fb54442d18])
    expected = {
        'specials.npy': specials.reshape(3, 4),
        'arange.npy': (np.arange(24.0) / 8).reshape(2, 3, 4),
        'transposed.npy': np.arange(6.0).reshape(2, 3).T,
        'scalar.npy': np.array(2.5),
        'empty.npy': np.zeros((0, 3)),
    }
    npz = {'zeta': np.arange(3.0), 'alpha': specials.reshape(3, 4), 'mid': np.array(-1.25)}
    failures = []

    def same(name, got, want):
        if got.dtype != np.dtype('<f8') or got.shape != want.shape:
            failures.append('%s: got %s %s, want float64 %s' % (name, got.dtype, got.shape, want.shape))
            return
        g = np.ascontiguousarray(got).view('<u8').ravel()
        w = np.ascontiguousarray(want).view('<u8').ravel()
        for i in np.flatnonzero(g != w):
            failures.append('%s: element %d has bits %016x, want %016x' % (name, i, g[i], w[i]))

    for name, want in expected.items():
        path = os.path.join(directory, name)
        with open(path, 'rb') as f:
            version = np.lib.format.read_magic(f)
            shape, fortran, dtype = np.lib.format.read_array_header_1_0(f)
            if version != (1, 0) or fortran or dtype.str != '<f8' or f.tell() % 64:
                failures.append('%s: header %s %s %s, data at %d' % (name, version, fortran, dtype.str, f.tell()))
        same(name, np.load(path), want)
    for name, method in (('stored.npz', zipfile.ZIP_STORED), ('compressed.npz', zipfile.ZIP_DEFLATED)):
        path = os.path.join(directory, name)
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if [i.filename for i in infos] != [k + '.npy' for k in npz] or any(i.compress_type != method for i in infos):
                failures.append('%s: entries %s' % (name, [(i.filename, i.compress_type) for i in infos]))
        with np.load(path) as data:
            for key, want in npz.items():
                same(name + ':' + key, data[key], want)
    for f in failures:
        print('FAIL', f)
    print('%d files checked, %d failures' % (len(expected) + 2, len(failures)))
    return not failures


if __name__ == '__main__':
    if len(sys.argv) == 3 and sys.argv[1] == '--check':
        sys.exit(0 if check(sys.argv[2]) else 1)
    elif len(sys.argv) == 1:
        generate()
    else:
        sys.exit(__doc__)
