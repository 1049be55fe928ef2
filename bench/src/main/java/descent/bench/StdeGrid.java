package descent.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./descent bench stde}: the STDE paper's benchmark grid on this machine. For every
 * dimension, Descent's training step with sparse STDE, the exact Laplacian and sparse HVPs (each
 * in its own JVM with an 8 GiB heap, skipped beyond 60 s per step), and with {@code --torch} the
 * same step in PyTorch (backward-mode SDGD and vmapped HVPs, Debian's python3-torch, same thread
 * count) in the same run, printing iterations/s, peak memory and the ratios.
 *
 * <p>Arguments: {@code --torch PATH} the PyTorch script (bench/torch/stde.py); {@code --dims
 * 100,1000,...}; {@code --steps N} timed steps per cell (default 30).
 */
public final class StdeGrid {
    private StdeGrid() {
    }

    private static final Pattern KV = Pattern.compile("\"(\\w+)\": (\"[^\"]*\"|[-0-9.eE+]+)");

    /** Runs the grid and prints the table. */
    public static void main(String[] args) throws IOException, InterruptedException {
        String torch = null;
        int[] dims = {100, 1000, 10_000, 100_000, 1_000_000};
        int steps = 30;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--torch" -> torch = args[++i];
                case "--dims" -> dims = java.util.Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        int cores = Runtime.getRuntime().availableProcessors();
        String jar = Path.of(StdeGrid.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        Map<String, Map<String, String>> cells = new LinkedHashMap<>();
        Map<String, Boolean> gaveUp = new HashMap<>();
        for (int d : dims) {
            for (String method : new String[] {"stde", "hvp", "exact"}) {
                if (Boolean.TRUE.equals(gaveUp.get(method))) {
                    continue;
                }
                List<String> cmd = List.of("java", "-Xmx8g", "--add-modules", "jdk.incubator.vector", "-Ddescent.quiet=true",
                        "-cp", jar, "descent.bench.StdeStep", method, Integer.toString(d), Integer.toString(steps));
                Map<String, String> r = run(cmd, 30 * 60);
                cells.put("descent/" + method + "/" + d, r);
                if (r == null || r.containsKey("oom") || Double.parseDouble(r.getOrDefault("step_s", "1e9")) > 60) {
                    gaveUp.put(method, true);
                }
                System.err.println("stde grid: descent " + method + " d = " + d + ": " + r);
            }
            if (torch != null) {
                for (String method : new String[] {"sdgd", "hvp"}) {
                    if (Boolean.TRUE.equals(gaveUp.get("torch-" + method))) {
                        continue;
                    }
                    List<String> cmd = List.of("/usr/bin/python3", torch, Integer.toString(cores), Integer.toString(d), method);
                    Map<String, String> r = run(cmd, 20 * 60);
                    cells.put("torch/" + method + "/" + d, r);
                    if (r == null || r.containsKey("oom")) {
                        gaveUp.put("torch-" + method, true);
                    }
                    System.err.println("stde grid: torch " + method + " d = " + d + ": " + r);
                }
            }
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%nSTDE grid: two-body Allen-Cahn, MLP 128 x 4 tanh, 100 points, |J| = 16, Adam, float64, %d cores%n", cores));
        out.append(String.format(Locale.ROOT, "%-10s %14s %14s %14s %14s %14s   %s%n", "dim", "STDE it/s (IQR)", "exact it/s",
                "HVP it/s", "torch best", "STDE/torch", "MB: STDE peak heap in use / peak after GC / live / torch peak RSS"));
        for (int d : dims) {
            double stde = rate(cells.get("descent/stde/" + d));
            double exact = rate(cells.get("descent/exact/" + d));
            double hvp = rate(cells.get("descent/hvp/" + d));
            double ts = rate(cells.get("torch/sdgd/" + d));
            double th = rate(cells.get("torch/hvp/" + d));
            double best = Math.max(ts, th);
            String mem = value(cells.get("descent/stde/" + d), "peak_heap_mb") + " / "
                    + value(cells.get("descent/stde/" + d), "peak_after_gc_mb") + " / "
                    + value(cells.get("descent/stde/" + d), "live_mb") + " / "
                    + bestMemory(cells.get("torch/sdgd/" + d), cells.get("torch/hvp/" + d), ts >= th);
            String spread = value(cells.get("descent/stde/" + d), "quartiles_per_s");
            out.append(String.format(Locale.ROOT, "%-10d %14s %14s %14s %14s %14s   %s%n", d,
                    fmt(stde) + (spread.equals("-") || spread.equals("OOM") ? "" : " (" + spread + ")"), fmt(exact), fmt(hvp),
                    fmt(best), best > 0 && stde > 0 ? String.format(Locale.ROOT, "%.1fx", stde / best) : "-", mem));
        }
        out.append("targets: STDE >= 10x torch at 1K and >= 30x at 10K with <= 1/10 of its memory; >= 3 it/s at 100K; >= 0.5 it/s at 1M in 8 GiB\n");
        System.out.print(out);
    }

    private static String bestMemory(Map<String, String> sdgd, Map<String, String> hvp, boolean sdgdBest) {
        return value(sdgdBest ? sdgd : hvp, "peak_rss_mb");
    }

    private static double rate(Map<String, String> cell) {
        if (cell == null || !cell.containsKey("iterations_per_s")) {
            return -1;
        }
        return Double.parseDouble(cell.get("iterations_per_s"));
    }

    private static String value(Map<String, String> cell, String key) {
        if (cell == null) {
            return "-";
        }
        if (cell.containsKey("oom")) {
            return "OOM";
        }
        return cell.getOrDefault(key, "-");
    }

    private static String fmt(double rate) {
        return rate < 0 ? "OOM/skip" : String.format(Locale.ROOT, "%.2f", rate);
    }

    /** Runs a command and parses the last JSON line it prints; null if it fails or times out. */
    private static Map<String, String> run(List<String> cmd, long timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException ignored) {
                return;
            }
        });
        reader.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return Map.of("oom", "timed out after " + timeoutSeconds + " s");
        }
        reader.join();
        String json = null;
        synchronized (lines) {
            for (String l : lines) {
                if (l.startsWith("{")) {
                    json = l;
                }
            }
        }
        if (json == null) {
            Map<String, String> failed = new HashMap<>();
            failed.put("oom", lines.isEmpty() ? "no output" : lines.get(lines.size() - 1));
            return failed;
        }
        Map<String, String> m = new HashMap<>();
        Matcher kv = KV.matcher(json);
        while (kv.find()) {
            m.put(kv.group(1), kv.group(2).replace("\"", ""));
        }
        return m;
    }
}
