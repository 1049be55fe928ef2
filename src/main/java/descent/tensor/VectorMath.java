package descent.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

import static descent.tensor.FastMath.*;
import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LE;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.NE;

/**
 * The functions of {@link FastMath} evaluated lane by lane with the incubating Vector API: the
 * same formulas with the same operations in the same order, so each lane gets exactly the bits the
 * scalar function returns, whichever JIT tier runs the code. Only lanewise IEEE arithmetic,
 * comparisons, blends, and 64-bit integer adds and shifts on reinterpreted bits are used (no
 * conversions between doubles and longs, which AVX2 lacks as vector instructions).
 *
 * <p>The JIT only keeps vectors in registers when every method handling them is inlined, and it
 * stops inlining ordinary methods once a compilation grows past a fixed size. So no method here
 * passes vectors to another: each loop is written out in full, and longer functions run as passes
 * over blocks of {@value #BLOCK} elements that hand intermediate results over in small arrays
 * (the exponential's double-double value, or the reduced argument of the trigonometric
 * functions). Branches test whole vectors and only skip work whose lanes would be discarded.
 * Loaded only when {@link Simd} found the module; the remainder that does not fill a vector runs
 * the scalar loop.
 */
final class VectorMath {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final long SIGN = Long.MIN_VALUE;
    /** Elements per pass of a multi-pass function; its intermediate arrays stay in the first-level cache. */
    private static final int BLOCK = 512;
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[3][BLOCK]);

    private VectorMath() {
    }

    static int lanes() {
        return L;
    }

    static boolean supports(UnaryOp op) {
        switch (op) {
            case EXP: case LOG: case LOG1P: case EXPM1: case SIN: case COS: case TAN: case TANH:
            case SINH: case COSH: case ATAN: case SIGMOID: case SOFTPLUS:
                return true;
            default:
                return false;
        }
    }

    static void apply(UnaryOp op, double[] x, int xo, double[] y, int yo, int n) {
        int body = S.loopBound(n);
        switch (op) {
            case LOG: log(x, xo, y, yo, body, false); break;
            case LOG1P: log(x, xo, y, yo, body, true); break;
            case ATAN: atan(x, xo, y, yo, body); break;
            default: passes(op, x, xo, y, yo, body); break;
        }
        op.loop(x, xo + body, y, yo + body, n - body);
    }

    private static void passes(UnaryOp op, double[] x, int xo, double[] y, int yo, int n) {
        double[][] scratch = SCRATCH.get();
        double[] a = scratch[0];
        double[] b = scratch[1];
        double[] c = scratch[2];
        for (int i = 0; i < n; i += BLOCK) {
            int m = Math.min(BLOCK, n - i);
            int xi = xo + i;
            int yi = yo + i;
            switch (op) {
                case EXP:
                    expParts(x, xi, false, 1, EXP_MIN, EXP_MAX, 0, y, yi, null, m);
                    break;
                case EXPM1:
                    expParts(x, xi, false, 1, EXPM1_MIN, EXP_MAX, 0, a, 0, b, m);
                    expm1(x, xi, a, b, y, yi, m);
                    break;
                case SIGMOID:
                    expParts(x, xi, true, -1, EXP_MIN, EXP_MAX, 0, a, 0, b, m);
                    sigmoid(x, xi, a, b, y, yi, m);
                    break;
                case SOFTPLUS:
                    expParts(x, xi, true, -1, EXP_MIN, EXP_MAX, 0, a, 0, b, m);
                    softplus(x, xi, a, b, y, yi, m);
                    break;
                case TANH:
                    expParts(x, xi, true, 2, EXP_MIN, TANH_CLAMP, 0, a, 0, b, m);
                    tanh(x, xi, a, b, y, yi, m);
                    break;
                case SINH:
                case COSH:
                    expParts(x, xi, true, 1, EXP_MIN, HYP_MAX, -1, a, 0, b, m);
                    hyperbolic(x, xi, a, b, y, yi, m, op == UnaryOp.SINH);
                    break;
                case SIN:
                case COS:
                case TAN:
                    trigReduce(x, xi, a, b, c, m);
                    trig(op, x, xi, a, b, c, y, yi, m);
                    break;
                default:
                    throw new IllegalArgumentException(op + " has no vectorized loop");
            }
        }
    }

    /**
     * 2^adjust e^{xc} = eh + el for xc = clamp(factor * x) (x replaced by |x| if {@code abs}) into
     * [lo, hi], as FastMath computes it: eh = scale(s + tail), el = expLow(s, tail).
     */
    private static void expParts(double[] x, int xo, boolean abs, double factor, double lo, double hi, long adjust,
            double[] eh, int eo, double[] el, int n) {
        boolean low = el != null;
        for (int i = 0; i < n; i += L) {
            DoubleVector v = DoubleVector.fromArray(S, x, xo + i);
            DoubleVector xc = (abs ? v.abs() : v).mul(factor);
            xc = xc.blend(hi, xc.compare(GT, hi)).blend(lo, xc.compare(LT, lo));
            DoubleVector kd = xc.mul(INV_LN2).add(MAGIC).sub(MAGIC);
            DoubleVector h = xc.sub(kd.mul(LN2_HI));
            DoubleVector l = kd.mul(LN2_LO);
            DoubleVector r = h.sub(l);
            DoubleVector s = h.add(1);
            DoubleVector r2 = r.mul(r);
            DoubleVector r4 = r2.mul(r2);
            DoubleVector b0 = r.mul(E2).add(E1).add(r.mul(E4).add(E3).mul(r2));
            DoubleVector b1 = r.mul(E6).add(E5).add(r.mul(E8).add(E7).mul(r2));
            DoubleVector poly = b0.add(b1.mul(r4)).add(r4.mul(r4).mul(E9)).mul(r).add(E0);
            DoubleVector tail = s.neg().add(1).add(h).add(r2.mul(poly).sub(l));
            DoubleVector e = s.add(tail);
            // 2^k as one factor while it is a normal number (the same product as FastMath.scale's two).
            if (kd.compare(GT, -1000).and(kd.compare(LT, 1000)).allTrue()) {
                DoubleVector f = kd.add(MAGIC).reinterpretAsLongs().add(EXP_BIAS + adjust - MAGIC_BITS).lanewise(LSHL, 52)
                        .reinterpretAsDoubles();
                e.mul(f).intoArray(eh, eo + i);
                if (low) {
                    s.sub(e).add(tail).mul(f).intoArray(el, i);
                }
            } else {
                DoubleVector t1 = kd.mul(0.5).add(MAGIC);
                DoubleVector t2 = kd.sub(t1.sub(MAGIC)).add(MAGIC);
                DoubleVector f1 = t1.reinterpretAsLongs().add(EXP_BIAS - MAGIC_BITS).lanewise(LSHL, 52)
                        .reinterpretAsDoubles();
                DoubleVector f2 = t2.reinterpretAsLongs().add(EXP_BIAS + adjust - MAGIC_BITS).lanewise(LSHL, 52)
                        .reinterpretAsDoubles();
                e.mul(f1).mul(f2).intoArray(eh, eo + i);
                if (low) {
                    s.sub(e).add(tail).mul(f1).mul(f2).intoArray(el, i);
                }
            }
        }
    }

    private static void expm1(double[] x, int xo, double[] eh, double[] el, double[] y, int yo, int n) {
        for (int i = 0; i < n; i += L) {
            DoubleVector v = DoubleVector.fromArray(S, x, xo + i);
            DoubleVector h = DoubleVector.fromArray(S, eh, i);
            DoubleVector sum = h.sub(1);
            DoubleVector bb = sum.sub(h);
            DoubleVector err = h.sub(sum.sub(bb)).add(bb.neg().sub(1));
            DoubleVector r = sum.add(err.add(DoubleVector.fromArray(S, el, i)));
            r.blend(h, v.compare(GT, 700)).blend(-1.0, v.compare(LE, EXPM1_MIN)).blend(v, v.compare(EQ, 0))
                    .intoArray(y, yo + i);
        }
    }

    private static void sigmoid(double[] x, int xo, double[] eh, double[] el, double[] y, int yo, int n) {
        for (int i = 0; i < n; i += L) {
            DoubleVector v = DoubleVector.fromArray(S, x, xo + i);
            DoubleVector h = DoubleVector.fromArray(S, eh, i);
            DoubleVector l = DoubleVector.fromArray(S, el, i);
            DoubleVector dh = h.add(1);
            DoubleVector dl = dh.neg().add(1).add(h).add(l);
            VectorMask<Double> pos = v.compare(GE, 0);
            DoubleVector nh = h.blend(1.0, pos);
            DoubleVector nl = l.blend(0.0, pos);
            DoubleVector inv = DoubleVector.broadcast(S, 1.0).div(dh);
            DoubleVector q = nh.mul(inv);
            // FastMath.quotientCorrection, with FastMath.productError's Veltkamp splits written out.
            DoubleVector p = q.mul(dh);
            DoubleVector cq = q.mul(SPLIT);
            DoubleVector qh = cq.sub(cq.sub(q));
            DoubleVector ql = q.sub(qh);
            DoubleVector cd = dh.mul(SPLIT);
            DoubleVector dhh = cd.sub(cd.sub(dh));
            DoubleVector dhl = dh.sub(dhh);
            DoubleVector pe = qh.mul(dhh).sub(p).add(qh.mul(dhl)).add(ql.mul(dhh)).add(ql.mul(dhl));
            DoubleVector c = nh.sub(p).sub(pe).add(nl.sub(q.mul(dl))).mul(inv);
            q.add(c).intoArray(y, yo + i);
        }
    }

    private static void softplus(double[] x, int xo, double[] eh, double[] el, double[] y, int yo, int n) {
        for (int i = 0; i < n; i += L) {
            DoubleVector v = DoubleVector.fromArray(S, x, xo + i);
            DoubleVector h = DoubleVector.fromArray(S, eh, i);
            DoubleVector l = DoubleVector.fromArray(S, el, i);
            DoubleVector d = h.sub(1);
            VectorMask<Double> big = h.compare(GE, TAN_PI_8);
            DoubleVector f = h.blend(d.mul(0.5), big);
            DoubleVector fl = l.blend(d.neg().sub(1).add(h).add(l).mul(0.5), big);
            DoubleVector kd = DoubleVector.zero(S).blend(1.0, big);
            DoubleVector s = f.div(f.add(2));
            DoubleVector z = s.mul(s);
            DoubleVector z2 = z.mul(z);
            DoubleVector poly = z.mul(L1).add(L0).add(z.mul(L3).add(L2).mul(z2))
                    .add(z.mul(L5).add(L4).add(z2.mul(L6)).mul(z2.mul(z2))).mul(z);
            DoubleVector hfsq = f.mul(0.5).mul(f);
            DoubleVector a = kd.mul(LN2_HI);
            DoubleVector t = a.add(f);
            DoubleVector e1 = a.sub(t).add(f);
            DoubleVector corr = s.mul(hfsq.add(poly)).sub(hfsq).add(kd.mul(LN2_LO).add(fl.div(f.add(1))));
            DoubleVector p = DoubleVector.zero(S).blend(v, v.compare(GT, 0));
            DoubleVector sum = p.add(t);
            DoubleVector bb = sum.sub(p);
            DoubleVector e2 = p.sub(sum.sub(bb)).add(t.sub(bb));
            DoubleVector r = sum.add(e2.add(e1.add(corr)));
            r.blend(v, v.compare(EQ, Double.POSITIVE_INFINITY)).intoArray(y, yo + i);
        }
    }

    private static void tanh(double[] x, int xo, double[] eh, double[] el, double[] y, int yo, int n) {
        for (int i = 0; i < n; i += L) {
            DoubleVector v = DoubleVector.fromArray(S, x, xo + i);
            DoubleVector h = DoubleVector.fromArray(S, eh, i);
            DoubleVector l = DoubleVector.fromArray(S, el, i);
            DoubleVector sum = h.sub(1);
            DoubleVector sl = h.sub(sum).sub(1).add(l);
            DoubleVector nh = sum.add(sl);
            DoubleVector nl = sum.sub(nh).add(sl);
            DoubleVector dh = h.add(1);
            DoubleVector dl = h.sub(dh).add(1).add(l);
            DoubleVector inv = DoubleVector.broadcast(S, 1.0).div(dh);
            DoubleVector q = nh.mul(inv);
            DoubleVector p = q.mul(dh);
            DoubleVector cq = q.mul(SPLIT);
            DoubleVector qh = cq.sub(cq.sub(q));
            DoubleVector ql = q.sub(qh);
            DoubleVector cd = dh.mul(SPLIT);
            DoubleVector dhh = cd.sub(cd.sub(dh));
            DoubleVector dhl = dh.sub(dhh);
            DoubleVector pe = qh.mul(dhh).sub(p).add(qh.mul(dhl)).add(ql.mul(dhh)).add(ql.mul(dhl));
            DoubleVector m = q.add(nh.sub(p).sub(pe).add(nl.sub(q.mul(dl))).mul(inv));
            m.reinterpretAsLongs().and(~SIGN).or(v.reinterpretAsLongs().and(SIGN)).reinterpretAsDoubles()
                    .blend(v, v.compare(EQ, 0)).intoArray(y, yo + i);
        }
    }

    /** sinh ({@code odd}) or cosh from eh + el = e^|x|/2, as in {@link FastMath#sinh} and {@link FastMath#cosh}. */
    private static void hyperbolic(double[] x, int xo, double[] eh, double[] el, double[] y, int yo, int n,
            boolean odd) {
        for (int i = 0; i < n; i += L) {
            DoubleVector v = DoubleVector.fromArray(S, x, xo + i);
            VectorMask<Double> small = v.abs().compare(LT, HYP_SMALL);
            DoubleVector r = v;
            if (!small.allTrue()) {
                DoubleVector h = DoubleVector.fromArray(S, eh, i);
                DoubleVector l = DoubleVector.fromArray(S, el, i);
                DoubleVector q = DoubleVector.broadcast(S, 0.25).div(h);
                if (odd) {
                    DoubleVector m = h.add(l.sub(q));
                    r = m.reinterpretAsLongs().and(~SIGN).or(v.reinterpretAsLongs().and(SIGN)).reinterpretAsDoubles();
                } else {
                    r = h.add(l.add(q));
                }
            }
            if (small.anyTrue()) {
                DoubleVector z = v.mul(v);
                DoubleVector near;
                if (odd) {
                    DoubleVector z2 = z.mul(z);
                    DoubleVector p = z.mul(H1).add(H0).add(z.mul(H3).add(H2).mul(z2))
                            .add(z.mul(H5).add(H4).add(z2.mul(H6)).mul(z2.mul(z2)));
                    near = v.add(v.mul(z).mul(p));
                } else {
                    DoubleVector z2 = z.mul(z);
                    DoubleVector p = z.mul(K1).add(K0).add(z.mul(K3).add(K2).mul(z2)).add(z.mul(K5).add(K4).mul(z2.mul(z2)));
                    DoubleVector hz = z.mul(0.5);
                    DoubleVector w = hz.add(1);
                    near = w.add(w.neg().add(1).add(hz).add(z.mul(z).mul(p)));
                }
                r = r.blend(near, small);
            }
            r.intoArray(y, yo + i);
        }
    }

    /** x = k pi/2 + rh + rl, with t = k + MAGIC, as in FastMath's trig. */
    private static void trigReduce(double[] x, int xo, double[] rhOut, double[] rlOut, double[] tOut, int n) {
        for (int i = 0; i < n; i += L) {
            DoubleVector v = DoubleVector.fromArray(S, x, xo + i);
            DoubleVector t = v.mul(TWO_OVER_PI).add(MAGIC);
            DoubleVector kd = t.sub(MAGIC);
            DoubleVector u = v.sub(kd.mul(PIO2_1));
            DoubleVector w2 = kd.mul(PIO2_2).neg();
            DoubleVector a = u.add(w2);
            DoubleVector b2 = a.sub(u);
            DoubleVector ae = u.sub(a.sub(b2)).add(w2.sub(b2));
            DoubleVector w3 = kd.mul(PIO2_3).neg();
            DoubleVector b = a.add(w3);
            DoubleVector b3 = b.sub(a);
            DoubleVector be = a.sub(b.sub(b3)).add(w3.sub(b3));
            DoubleVector tail = ae.add(be).sub(kd.mul(PIO2_4));
            DoubleVector rh = b.add(tail);
            rh.intoArray(rhOut, i);
            b.sub(rh).add(tail).intoArray(rlOut, i);
            t.intoArray(tOut, i);
        }
    }

    /** sin, cos or tan from the reduced argument; vectors with a lane beyond TRIG_MAX run the scalar loop. */
    private static void trig(UnaryOp op, double[] x, int xo, double[] rhIn, double[] rlIn, double[] tIn, double[] y,
            int yo, int n) {
        boolean tan = op == UnaryOp.TAN;
        long q = op == UnaryOp.COS ? 1 : 0;
        for (int i = 0; i < n; i += L) {
            DoubleVector v = DoubleVector.fromArray(S, x, xo + i);
            DoubleVector av = v.abs();
            if (av.compare(GT, TRIG_MAX).anyTrue()) {
                op.loop(x, xo + i, y, yo + i, L);
                continue;
            }
            DoubleVector rh = DoubleVector.fromArray(S, rhIn, i);
            DoubleVector rl = DoubleVector.fromArray(S, rlIn, i);
            DoubleVector z = rh.mul(rh);
            DoubleVector hz = z.mul(0.5);
            DoubleVector sp = z.mul(S5).add(S4).mul(z).add(S3).mul(z).add(S2).mul(z).add(S1).mul(z).add(S0);
            DoubleVector sinL = z.mul(rh).mul(sp).add(rl.sub(hz.mul(rl)));
            DoubleVector sinR = rh.add(sinL);
            DoubleVector cp = z.mul(C5).add(C4).mul(z).add(C3).mul(z).add(C2).mul(z).add(C1).mul(z).add(C0);
            DoubleVector cw = hz.neg().add(1);
            DoubleVector cosL = cw.neg().add(1).sub(hz).add(z.mul(z).mul(cp).sub(rh.mul(rl)));
            DoubleVector cosR = cw.add(cosL);
            LongVector k = DoubleVector.fromArray(S, tIn, i).reinterpretAsLongs().add(q);
            VectorMask<Double> odd = k.and(1L).compare(NE, 0L).cast(S);
            DoubleVector r;
            if (tan) {
                DoubleVector sl = rh.sub(sinR).add(sinL);
                DoubleVector cl = cw.sub(cosR).add(cosL);
                DoubleVector nh = sinR.blend(cosR, odd);
                DoubleVector nl = sl.blend(cl, odd);
                DoubleVector dh = cosR.blend(sinR, odd);
                DoubleVector dl = cl.blend(sl, odd);
                DoubleVector inv = DoubleVector.broadcast(S, 1.0).div(dh);
                DoubleVector quot = nh.mul(inv);
                DoubleVector p = quot.mul(dh);
                DoubleVector cq = quot.mul(SPLIT);
                DoubleVector qh = cq.sub(cq.sub(quot));
                DoubleVector ql = quot.sub(qh);
                DoubleVector cd = dh.mul(SPLIT);
                DoubleVector dhh = cd.sub(cd.sub(dh));
                DoubleVector dhl = dh.sub(dhh);
                DoubleVector pe = qh.mul(dhh).sub(p).add(qh.mul(dhl)).add(ql.mul(dhh)).add(ql.mul(dhl));
                DoubleVector m = quot.add(nh.sub(p).sub(pe).add(nl.sub(quot.mul(dl))).mul(inv));
                r = m.blend(m.neg(), odd);
            } else {
                r = sinR.blend(cosR, odd).reinterpretAsLongs().lanewise(jdk.incubator.vector.VectorOperators.XOR,
                        k.and(2L).lanewise(LSHL, 62)).reinterpretAsDoubles();
            }
            if (op != UnaryOp.COS) {
                r = r.blend(v, av.compare(LT, TRIG_TINY));
            }
            r.intoArray(y, yo + i);
        }
    }

    /** log x, or log(1 + x) if {@code plusOne}, as in {@link FastMath#log} and {@link FastMath#log1p}. */
    private static void log(double[] x, int xo, double[] y, int yo, int n, boolean plusOne) {
        for (int i = 0; i < n; i += L) {
            DoubleVector v = DoubleVector.fromArray(S, x, xo + i);
            DoubleVector w;
            DoubleVector extra;
            DoubleVector shift;
            VectorMask<Double> ok;
            DoubleVector special;
            if (plusOne) {
                w = v.add(1);
                DoubleVector bb = w.sub(1);
                DoubleVector c = w.sub(bb).neg().add(1).add(v.sub(bb));
                DoubleVector cw = c.div(w);
                extra = cw.sub(cw.mul(0.5).mul(cw));
                shift = DoubleVector.zero(S);
                ok = v.compare(GT, -1).and(v.compare(LT, Double.POSITIVE_INFINITY)).and(v.compare(NE, 0));
                VectorMask<Double> minusOne = v.compare(EQ, -1);
                special = DoubleVector.broadcast(S, Double.NaN).blend(Double.NEGATIVE_INFINITY, minusOne)
                        .blend(v, v.compare(LT, -1).not().and(minusOne.not()));
            } else {
                VectorMask<Double> sub = v.compare(LT, MIN_NORMAL);
                w = v.blend(v.mul(TWO_54), sub);
                extra = DoubleVector.zero(S);
                shift = DoubleVector.zero(S).blend(54.0, sub);
                ok = v.compare(GT, 0).and(v.compare(LT, Double.POSITIVE_INFINITY));
                special = DoubleVector.broadcast(S, Double.NaN).blend(Double.NEGATIVE_INFINITY, v.compare(EQ, 0))
                        .blend(Double.POSITIVE_INFINITY, v.compare(EQ, Double.POSITIVE_INFINITY));
            }
            LongVector bits = w.reinterpretAsLongs();
            LongVector kb = bits.add(EXP_OFFSET_BITS - SQRT_HALF_BITS).lanewise(LSHR, 52);
            DoubleVector f = bits.sub(kb.lanewise(LSHL, 52)).add(EXP_OFFSET_BITS).reinterpretAsDoubles().sub(1);
            DoubleVector kd = kb.add(MAGIC_BITS).reinterpretAsDoubles().sub(MAGIC + 1024).sub(shift);
            DoubleVector s = f.div(f.add(2));
            DoubleVector z = s.mul(s);
            DoubleVector z2 = z.mul(z);
            DoubleVector poly = z.mul(L1).add(L0).add(z.mul(L3).add(L2).mul(z2))
                    .add(z.mul(L5).add(L4).add(z2.mul(L6)).mul(z2.mul(z2))).mul(z);
            DoubleVector hfsq = f.mul(0.5).mul(f);
            DoubleVector a = kd.mul(LN2_HI);
            DoubleVector t = a.add(f);
            DoubleVector e = a.sub(t).add(f);
            DoubleVector corr = s.mul(hfsq.add(poly)).sub(hfsq).add(kd.mul(LN2_LO).add(extra));
            t.add(e.add(corr)).blend(special, ok.not()).intoArray(y, yo + i);
        }
    }

    private static void atan(double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i += L) {
            DoubleVector v = DoubleVector.fromArray(S, x, xo + i);
            DoubleVector ax = v.abs();
            VectorMask<Double> r0 = ax.compare(LE, TAN_PI_8);
            VectorMask<Double> r1 = ax.compare(GT, TAN_PI_8).and(ax.compare(LE, ATAN_B1));
            VectorMask<Double> r3 = ax.compare(GT, ATAN_B2).and(ax.compare(LE, ATAN_B3));
            VectorMask<Double> r4 = ax.compare(GT, ATAN_B3);
            DoubleVector num = ax.sub(1).blend(ax, r0).blend(ax.mul(2).sub(1), r1).blend(ax.sub(1.5), r3).blend(-1.0, r4);
            DoubleVector den = ax.add(1).blend(1.0, r0).blend(ax.add(2), r1).blend(ax.mul(1.5).add(1), r3).blend(ax, r4);
            DoubleVector baseHi = DoubleVector.broadcast(S, PIO4_HI).blend(0.0, r0).blend(ATAN_HALF_HI, r1)
                    .blend(ATAN_3HALF_HI, r3).blend(PIO2_HI, r4);
            DoubleVector baseLo = DoubleVector.broadcast(S, PIO4_LO).blend(0.0, r0).blend(ATAN_HALF_LO, r1)
                    .blend(ATAN_3HALF_LO, r3).blend(PIO2_LO, r4);
            DoubleVector u = num.div(den);
            DoubleVector z = u.mul(u);
            DoubleVector z2 = z.mul(z);
            DoubleVector z4 = z2.mul(z2);
            DoubleVector q0 = z.mul(A1).add(A0).add(z.mul(A3).add(A2).mul(z2));
            DoubleVector q1 = z.mul(A5).add(A4).add(z.mul(A7).add(A6).mul(z2));
            DoubleVector q2 = z.mul(A9).add(A8).add(z2.mul(A10));
            DoubleVector poly = q0.add(q1.mul(z4)).add(q2.mul(z4.mul(z4)));
            DoubleVector p = u.mul(z).mul(poly);
            DoubleVector sum = baseHi.add(u);
            DoubleVector e = baseHi.sub(sum).add(u);
            DoubleVector m = sum.add(e.add(p.add(baseLo)));
            m.reinterpretAsLongs().and(~SIGN).or(v.reinterpretAsLongs().and(SIGN)).reinterpretAsDoubles()
                    .intoArray(y, yo + i);
        }
    }
}
