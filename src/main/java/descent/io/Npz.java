package descent.io;

import descent.tensor.Tensor;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Archives of named arrays in the {@code .npz} format: a zip file whose entries {@code name.npy}
 * are {@code .npy} arrays, stored or deflated. The key of an entry is its name without the
 * {@code .npy} suffix, as in NumPy.
 */
final class Npz {
    /** Entry time of written archives (the zip epoch), so equal inputs give identical bytes. */
    private static final long ENTRY_TIME = 315532800000L;

    private Npz() {
    }

    /** Reads every array of the archive file at {@code path}, in archive order. */
    static Map<String, Tensor> load(Path path, String source) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(path.toFile());
        } catch (ZipException e) {
            throw notZip(source, e.getMessage(), startsWithNpyMagic(path));
        }
        try (zip) {
            Map<String, Tensor> out = new LinkedHashMap<>();
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (!e.isDirectory()) {
                    try (InputStream in = zip.getInputStream(e)) {
                        put(out, e, in, source);
                    }
                }
            }
            return out;
        }
    }

    /** Reads every array of an archive streamed from {@code in}, in archive order; does not close {@code in}. */
    static Map<String, Tensor> read(InputStream in, String source) throws IOException {
        PushbackInputStream pin = new PushbackInputStream(in, 8);
        byte[] head = pin.readNBytes(6);
        pin.unread(head);
        boolean zip = head.length >= 4 && head[0] == 'P' && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
        if (!zip) {
            boolean npy = head.length == 6;
            for (int i = 0; i < head.length && npy; i++) {
                npy = head[i] == NpyHeader.MAGIC[i];
            }
            throw notZip(source, head.length == 0 ? "empty input" : "no zip signature", npy);
        }
        ZipInputStream zin = new ZipInputStream(pin);
        Map<String, Tensor> out = new LinkedHashMap<>();
        while (true) {
            ZipEntry e;
            try {
                e = zin.getNextEntry();
            } catch (ZipException ex) {
                if (String.valueOf(ex.getMessage()).contains("EXT descriptor")) {
                    throw new IOException(source + ": the archive has a stored entry with a trailing data descriptor"
                            + " (as np.savez writes to a non-seekable stream), which can only be read from a file:"
                            + " save the stream to a file and use loadAll", ex);
                }
                throw new IOException(source + ": corrupt zip archive: " + ex.getMessage(), ex);
            }
            if (e == null) {
                return out;
            }
            if (!e.isDirectory()) {
                put(out, e, zin, source);
            }
        }
    }

    private static void put(Map<String, Tensor> out, ZipEntry e, InputStream in, String source) throws IOException {
        String name = e.getName();
        String key = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
        String where = source + ", entry '" + name + "'";
        Tensor t;
        try {
            t = Npy.read(in, where, e.getSize());
            if (e.getSize() < 0 && in.read() >= 0) {
                throw new IOException(where + ": unexpected bytes after the array data");
            }
        } catch (ZipException | EOFException ex) {
            throw new IOException(where + ": corrupt compressed data: " + ex.getMessage(), ex);
        }
        if (out.containsKey(key)) {
            throw new IOException(source + ": two entries have the key '" + key + "' (names with and without .npy)");
        }
        out.put(key, t);
    }

    /** Writes {@code arrays} as entries {@code key.npy}, deflated or stored; finishes but does not close {@code out}. */
    static void write(OutputStream out, Map<String, Tensor> arrays, boolean deflate, String op) throws IOException {
        for (Map.Entry<String, Tensor> a : arrays.entrySet()) {
            if (a.getKey() == null || a.getValue() == null) {
                throw new IllegalArgumentException(op + ": null " + (a.getKey() == null ? "key" : "tensor for key '" + a.getKey() + "'"));
            }
        }
        ZipOutputStream zout = new ZipOutputStream(out);
        for (Map.Entry<String, Tensor> a : arrays.entrySet()) {
            ZipEntry e = new ZipEntry(a.getKey() + ".npy");
            e.setTime(ENTRY_TIME);
            if (deflate) {
                e.setMethod(ZipEntry.DEFLATED);
            } else {
                CRC32 crc = new CRC32();
                Npy.write(new CheckedOutputStream(OutputStream.nullOutputStream(), crc), a.getValue());
                long size = Npy.byteLength(a.getValue().shape());
                e.setMethod(ZipEntry.STORED);
                e.setSize(size);
                e.setCompressedSize(size);
                e.setCrc(crc.getValue());
            }
            zout.putNextEntry(e);
            Npy.write(zout, a.getValue());
            zout.closeEntry();
        }
        zout.finish();
        out.flush();
    }

    /** Writes an archive file, replacing any file at {@code path}. */
    static void save(Path path, Map<String, Tensor> arrays, boolean deflate, String op) throws IOException {
        try (OutputStream out = Files.newOutputStream(path)) {
            write(out, arrays, deflate, op);
        }
    }

    private static IOException notZip(String source, String detail, boolean npy) {
        return new IOException(source + ": not a zip archive (.npz): " + detail
                + (npy ? "; it is a .npy array, read it with load or read" : ""));
    }

    private static boolean startsWithNpyMagic(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(NpyHeader.MAGIC.length);
            return Arrays.equals(head, NpyHeader.MAGIC);
        } catch (IOException e) {
            return false;
        }
    }
}
