package descent.internal.trace;

import descent.tensor.Primitive;
import descent.tensor.Shape;
import descent.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the user's code did while a function was traced: the sequence of operations (as a hash of
 * each primitive and its operand shapes), the scalar constants it introduced, and the tensors it
 * captured. Two traces of the same function with the same argument shapes give equal fingerprints
 * exactly when the cached compiled plan is still valid for the second one; a captured tensor that
 * changed, or control flow that went another way, shows up as a difference.
 */
public final class Fingerprint {
    private long hash = 0xcbf29ce484222325L;
    private int ops;
    private final List<Tensor> tensors = new ArrayList<>();
    private final List<double[]> snapshots = new ArrayList<>();
    private final List<StackTraceElement> sites = new ArrayList<>();
    private boolean undetermined;

    private void mix(long v) {
        hash = (hash ^ v) * 0x100000001b3L;
        hash ^= hash >>> 29;
    }

    /** Records an application of {@code p} to operands of the given shapes. */
    void op(Primitive p, Shape[] in) {
        ops++;
        mix(p.hashCode());
        for (Shape s : in) {
            mix(s.hashCode());
        }
    }

    /** Records a constant the user's code introduced. */
    void constant(Tensor t, StackTraceElement site) {
        if (t.rank() == 0) {
            mix(Double.doubleToRawLongBits(t.item()));
            return;
        }
        mix(t.shape().hashCode() + 0x9e3779b97f4a7c15L);
        tensors.add(t);
        snapshots.add(t.sharesMemory() ? t.toArray() : null);
        sites.add(site);
    }

    /** Marks this fingerprint as unable to vouch for the cached plan (the trace must be redone). */
    public void undetermined() {
        undetermined = true;
    }

    /** Number of operations recorded. */
    public int operations() {
        return ops;
    }

    /**
     * Why a later trace {@code now} differs from this one, or null if the plan traced with this
     * fingerprint is valid for it.
     */
    public String difference(Fingerprint now) {
        if (now.undetermined) {
            return "the function applies a transform at new shapes";
        }
        if (tensors.size() != now.tensors.size()) {
            return "it captured " + tensors.size() + " tensor(s) when traced and " + now.tensors.size() + " now";
        }
        for (int i = 0; i < tensors.size(); i++) {
            String d = tensorDifference(i, now.tensors.get(i));
            if (d != null) {
                return d;
            }
        }
        if (hash != now.hash || ops != now.ops) {
            return "its operations differ from when it was traced (" + ops + " then, " + now.ops + " now), so Java or "
                    + "Kotlin control flow in it depends on something other than the argument shapes";
        }
        return null;
    }

    private String tensorDifference(int i, Tensor now) {
        Tensor then = tensors.get(i);
        double[] snapshot = snapshots.get(i);
        boolean same;
        if (!then.shape().equals(now.shape())) {
            same = false;
        } else if (then == now) {
            same = snapshot == null || Arrays.equals(snapshot, now.toArray());
        } else {
            same = Arrays.equals(snapshot != null ? snapshot : then.toArray(), now.toArray());
        }
        if (same) {
            return null;
        }
        StackTraceElement site = sites.get(i);
        return "captured tensor #" + (i + 1) + " of shape " + then.shape() + (site != null ? " (read at " + site + ")" : "")
                + " changed since the function was traced";
    }
}
