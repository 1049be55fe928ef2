package descent.internal.trace;

import java.util.function.Supplier;

/**
 * Per-thread state of tracing: the fingerprint being collected for the function being compiled or
 * checked, whether the code running now is the user's (whose operations the fingerprint records)
 * or Descent's own transforms, and whether equations remember their source lines.
 */
public final class Recorder {
    private static final class State {
        Fingerprint fingerprint;
        boolean user;
        int siteDepth;
    }

    private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

    private Recorder() {
    }

    /** Runs {@code body} collecting a fingerprint of the user code it runs into {@code fp}. */
    public static <T> T collecting(Fingerprint fp, Supplier<T> body) {
        State s = STATE.get();
        Fingerprint saved = s.fingerprint;
        boolean savedUser = s.user;
        s.fingerprint = fp;
        s.user = false;
        try {
            return body.get();
        } finally {
            s.fingerprint = saved;
            s.user = savedUser;
        }
    }

    /** Runs {@code body} as user code ({@code user} true) or as Descent's own code. */
    public static <T> T running(boolean user, Supplier<T> body) {
        State s = STATE.get();
        boolean saved = s.user;
        s.user = user;
        try {
            return body.get();
        } finally {
            s.user = saved;
        }
    }

    /** The fingerprint to record into now, or null when the running code is not the user's. */
    static Fingerprint active() {
        State s = STATE.get();
        return s.user ? s.fingerprint : null;
    }

    /** The fingerprint being collected on this thread, or null. */
    public static Fingerprint collecting() {
        return STATE.get().fingerprint;
    }

    /**
     * Runs {@code body} tracing for NaN debugging: every equation remembers its source line, and
     * simplification keeps equations whose results nothing reads (so their NaNs are reported).
     */
    public static <T> T debugging(Supplier<T> body) {
        State s = STATE.get();
        s.siteDepth++;
        try {
            return body.get();
        } finally {
            s.siteDepth--;
        }
    }

    /** Whether this thread is tracing for NaN debugging. */
    public static boolean debugging() {
        return STATE.get().siteDepth > 0;
    }
}
