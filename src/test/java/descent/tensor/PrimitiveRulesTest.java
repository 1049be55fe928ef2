package descent.tensor;

import descent.Testing;
import descent.ad.AD;
import descent.ad.Check;
import descent.ad.Func;
import descent.tensor.Primitive;


import descent.tensor.Value;
import descent.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every registered primitive, on every sample it declares, in every mode: reverse mode against
 * finite differences, forward against reverse, Taylor coefficients to order 6 against nested
 * forward mode, and reverse mode through a jet coefficient against finite differences.
 */
class PrimitiveRulesTest {
    private static final int MAX_ORDER = 6;

    /** One sample with its drawn operands. */
    private static final class Case {
        final Sample sample;
        final Tensor[] args;
        final int[] diff;
        final Tensor weight;

        Case(Sample s, long seed) {
            this.sample = s;
            Random r = new Random(seed);
            args = new Tensor[s.shapes().length];
            List<Integer> d = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                if (s.differentiable(i)) {
                    args[i] = Testing.uniform(r, s.shapes()[i], s.lo(), s.hi());
                    d.add(i);
                } else {
                    args[i] = s.fixed()[i];
                }
            }
            diff = d.stream().mapToInt(Integer::intValue).toArray();
            weight = Testing.uniform(r, s.prim().shape(s.shapes()), -1, 1);
        }

        Tensor[] diffArgs() {
            Tensor[] t = new Tensor[diff.length];
            for (int i = 0; i < diff.length; i++) {
                t[i] = args[diff[i]];
            }
            return t;
        }

        /** prim applied to the differentiable operands xs (others fixed). */
        Value apply(Value[] xs) {
            Value[] all = new Value[args.length];
            for (int i = 0; i < all.length; i++) {
                all[i] = xs[0].constant(args[i]);
            }
            for (int i = 0; i < diff.length; i++) {
                all[diff[i]] = xs[i];
            }
            return sample.prim().applyAll(all);
        }

        Func vector() {
            return Func.of(diff.length, xs -> new Value[] {apply(xs)});
        }

        Func scalar() {
            return Func.of(diff.length, xs -> new Value[] {apply(xs).mul(weight).sum()});
        }
    }

    @TestFactory
    Stream<DynamicTest> everyPrimitiveInEveryMode() {
        List<DynamicTest> tests = new ArrayList<>();
        long seed = 1;
        for (Primitive p : Primitives.all()) {
            for (Sample s : p.samples()) {
                Case c = new Case(s, seed++);
                if (c.diff.length == 0) {
                    continue;
                }
                if (s.finiteDifferences()) {
                    tests.add(DynamicTest.dynamicTest(s + ": reverse vs finite differences", () -> reverseVsDifferences(c)));
                    tests.add(DynamicTest.dynamicTest(s + ": grad of jet coefficient vs finite differences",
                            () -> gradOfJetVsDifferences(c)));
                }
                tests.add(DynamicTest.dynamicTest(s + ": forward vs reverse", () -> forwardVsReverse(c)));
                tests.add(DynamicTest.dynamicTest(s + ": batching rule vs one application per element", () -> batchingVsLoop(c)));
                tests.add(DynamicTest.dynamicTest(s + ": jet to order " + MAX_ORDER + " vs nested forward",
                        () -> jetVsNestedForward(c)));
            }
        }
        return tests.stream();
    }

    @Test
    void everyPrimitiveIsRegistered() {
        java.util.Set<String> registered = new java.util.TreeSet<>();
        for (Primitive p : Primitives.all()) {
            registered.add(p.getClass().getName());
        }
        java.util.Set<String> defined = new java.util.TreeSet<>();
        for (com.tngtech.archunit.core.domain.JavaClass c : new com.tngtech.archunit.core.importer.ClassFileImporter()
                .withImportOption(com.tngtech.archunit.core.importer.ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("descent.tensor")) {
            if (c.isAssignableTo(Primitive.class) && !c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT)) {
                defined.add(c.getName());
            }
        }
        defined.removeAll(registered);
        assertTrue(defined.isEmpty(), "primitives missing from Primitives.all(), so never checked: " + defined);
    }

    @Test
    void everyRegisteredPrimitiveHasSamples() {
        for (Primitive p : Primitives.all()) {
            assertFalse(p.samples().isEmpty(), p.name() + " declares no samples");
        }
    }

    /** vmap of the primitive, for every non-empty set of batched operands, against applying it element by element. */
    private static void batchingVsLoop(Case c) {
        int size = 3;
        int k = c.args.length;
        Random r = new Random(11);
        Tensor[][] elements = new Tensor[k][size];
        Tensor[] stacked = new Tensor[k];
        for (int i = 0; i < k; i++) {
            for (int b = 0; b < size; b++) {
                elements[i][b] = c.sample.differentiable(i)
                        ? Testing.uniform(r, c.args[i].shape(), c.sample.lo(), c.sample.hi()) : c.args[i];
            }
            stacked[i] = Tensor.stack(0, elements[i]);
        }
        Primitive p = c.sample.prim();
        for (int mask = 1; mask < (1 << k); mask++) {
            int[] axes = new int[k];
            Tensor[] args = new Tensor[k];
            for (int i = 0; i < k; i++) {
                boolean batched = (mask & (1 << i)) != 0;
                axes[i] = batched ? 0 : AD.NOT_BATCHED;
                args[i] = batched ? stacked[i] : elements[i][0];
            }
            Tensor[] expected = new Tensor[size];
            for (int b = 0; b < size; b++) {
                Tensor[] operands = new Tensor[k];
                for (int i = 0; i < k; i++) {
                    operands[i] = (mask & (1 << i)) != 0 ? elements[i][b] : elements[i][0];
                }
                expected[b] = p.evaluate(operands);
            }
            Func f = Func.of(k, xs -> new Value[] {p.applyAll(xs)});
            Tensor actual = AD.vmap(f, axes, null).call(args);
            Testing.assertClose(actual, Tensor.stack(0, expected), 1e-13, c.sample + " batched operands " + Integer.toBinaryString(mask));
        }
    }

    private static void reverseVsDifferences(Case c) {
        Check.Report r = Check.gradient(c.scalar(), c.diffArgs());
        assertTrue(r.passes(1e-6), c.sample + ": " + r);
    }

    private static void forwardVsReverse(Case c) {
        Random r = new Random(42);
        Tensor[] x = c.diffArgs();
        Tensor[] t = new Tensor[x.length];
        for (int i = 0; i < x.length; i++) {
            t[i] = Testing.uniform(r, x[i].shape(), -1, 1);
        }
        Func s = c.scalar();
        Tensor[] in = new Tensor[2 * x.length];
        System.arraycopy(x, 0, in, 0, x.length);
        System.arraycopy(t, 0, in, x.length, x.length);
        double forward = AD.jvp(s).callAll(in)[1].item();
        int[] all = new int[x.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        Tensor[] g = AD.grad(s, all).callAll(x);
        double reverse = 0;
        double scale = 1e-300;
        for (int i = 0; i < x.length; i++) {
            reverse += g[i].mul(t[i]).sum().item();
            scale += g[i].mul(t[i]).abs().sum().item();
        }
        assertTrue(Math.abs(forward - reverse) <= 1e-12 * Math.max(1, scale),
                c.sample + ": jvp gives " + forward + ", <grad, t> gives " + reverse);
    }

    private static void jetVsNestedForward(Case c) {
        Random r = new Random(7);
        Tensor[] x = c.diffArgs();
        int n = x.length;
        Tensor[][] v = new Tensor[n][MAX_ORDER];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < MAX_ORDER; k++) {
                v[i][k] = k < 3 ? Testing.uniform(r, x[i].shape(), -1, 1) : Tensor.zeros(x[i].shape());
            }
        }
        Func prim = c.vector();
        Tensor[] in = new Tensor[n * (MAX_ORDER + 1)];
        System.arraycopy(x, 0, in, 0, n);
        for (int i = 0; i < n; i++) {
            System.arraycopy(v[i], 0, in, n + i * MAX_ORDER, MAX_ORDER);
        }
        Tensor[] jet = AD.jet(prim, MAX_ORDER).callAll(in);
        Func path = Func.of(t -> {
            Value[] xs = new Value[n];
            double fact = 1;
            for (int i = 0; i < n; i++) {
                Value xi = t.constant(x[i]);
                Value tk = t;
                fact = 1;
                for (int k = 1; k <= MAX_ORDER; k++) {
                    fact *= k;
                    xi = xi.add(tk.mul(v[i][k - 1]).div(fact));
                    tk = tk.mul(t);
                }
                xs[i] = xi;
            }
            return c.apply(xs);
        });
        Func d = path;
        for (int k = 1; k <= MAX_ORDER; k++) {
            Func prev = AD.jvp(d);
            d = Func.of(t -> prev.applyAll(t, t.constant(1))[1]);
            Tensor nested = d.call(Tensor.scalar(0));
            Testing.assertClose(nested, jet[k], 1e-9, c.sample + " derivative " + k);
        }
    }

    private static void gradOfJetVsDifferences(Case c) {
        Random r = new Random(11);
        Tensor[] x = c.diffArgs();
        int n = x.length;
        int order = 2;
        Tensor[] series = new Tensor[n * order];
        for (int i = 0; i < n; i++) {
            series[i * order] = Testing.uniform(r, x[i].shape(), -1, 1);
            series[i * order + 1] = Testing.uniform(r, x[i].shape(), -1, 1);
        }
        Func jet = AD.jet(c.vector(), order);
        Func coefficient = Func.of(n, xs -> {
            Value[] in = new Value[n * (order + 1)];
            System.arraycopy(xs, 0, in, 0, n);
            for (int i = 0; i < series.length; i++) {
                in[n + i] = xs[0].constant(series[i]);
            }
            return new Value[] {jet.applyAll(in)[order].mul(c.weight).sum()};
        });
        Check.Report report = Check.gradient(coefficient, x);
        assertTrue(report.passes(1e-5), c.sample + ": " + report);
    }
}
