package descent.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link Optimizers#fromTorch}: torch.optim class names and keyword arguments (torch 1.13's, plus
 * {@code maximize} and the implementation flags {@code foreach, capturable, differentiable, fused}
 * on every class, which later versions accept) mapped to Descent optimizers.
 */
final class TorchOptimizers {
    private TorchOptimizers() {
    }

    private static final List<String> FLAGS = List.of("maximize", "foreach", "capturable", "differentiable", "fused");

    private static final Map<String, List<String>> ARGS = new LinkedHashMap<>();

    static {
        ARGS.put("SGD", List.of("lr", "momentum", "dampening", "weight_decay", "nesterov"));
        ARGS.put("Adagrad", List.of("lr", "lr_decay", "weight_decay", "initial_accumulator_value", "eps"));
        ARGS.put("Adadelta", List.of("lr", "rho", "eps", "weight_decay"));
        ARGS.put("RMSprop", List.of("lr", "alpha", "eps", "weight_decay", "momentum", "centered"));
        ARGS.put("Rprop", List.of("lr", "etas", "step_sizes"));
        ARGS.put("ASGD", List.of("lr", "lambd", "alpha", "t0", "weight_decay"));
        ARGS.put("Adam", List.of("lr", "betas", "eps", "weight_decay", "amsgrad"));
        ARGS.put("AdamW", List.of("lr", "betas", "eps", "weight_decay", "amsgrad"));
        ARGS.put("Adamax", List.of("lr", "betas", "eps", "weight_decay"));
        ARGS.put("NAdam", List.of("lr", "betas", "eps", "weight_decay", "momentum_decay"));
        ARGS.put("RAdam", List.of("lr", "betas", "eps", "weight_decay"));
    }

    /** The class names {@link #build} accepts. */
    static Set<String> classes() {
        return ARGS.keySet();
    }

    static Transform build(String className, Map<String, ?> hyper) {
        List<String> names = className == null ? null : ARGS.get(className);
        if (names == null) {
            String hint = "";
            for (String k : ARGS.keySet()) {
                if (k.equalsIgnoreCase(String.valueOf(className))) {
                    hint = " (did you mean '" + k + "'?)";
                }
            }
            if ("LBFGS".equals(className) || "SparseAdam".equals(className)) {
                hint = " (" + className + " is not a first-order dense method of this catalogue)";
            }
            throw new IllegalArgumentException("fromTorch: unknown torch.optim class '" + className + "'" + hint
                    + "; valid classes are " + ARGS.keySet());
        }
        Map<String, ?> h = hyper == null ? Map.of() : hyper;
        List<String> valid = new ArrayList<>(names);
        valid.addAll(FLAGS);
        for (String k : h.keySet()) {
            if (!valid.contains(k)) {
                throw new IllegalArgumentException("fromTorch: torch.optim." + className + " has no argument '" + k
                        + "'; valid arguments are " + valid);
            }
        }
        Args a = new Args(className, h);
        Transform t;
        try {
            t = create(className, a);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fromTorch: torch.optim." + className + h + ": " + e.getMessage(), e);
        }
        return a.flag("maximize", false) ? Transforms.chain(Transforms.scale(-1), t) : t;
    }

    private static Transform create(String className, Args a) {
        switch (className) {
            case "SGD":
                return new Sgd(a.required("lr"), a.num("momentum", 0), a.num("dampening", 0), a.num("weight_decay", 0),
                        a.flag("nesterov", false));
            case "Adagrad":
                return new Adagrad(a.num("lr", 1e-2), a.num("lr_decay", 0), a.num("weight_decay", 0),
                        a.real("initial_accumulator_value", 0), a.num("eps", 1e-10));
            case "Adadelta":
                return new Adadelta(a.num("lr", 1.0), a.num("rho", 0.9), a.num("eps", 1e-6), a.num("weight_decay", 0));
            case "RMSprop":
                return new RmsProp(a.num("lr", 1e-2), a.num("alpha", 0.99), a.num("eps", 1e-8), a.num("weight_decay", 0),
                        a.num("momentum", 0), a.flag("centered", false));
            case "Rprop": {
                double[] etas = a.realPair("etas", 0.5, 1.2);
                double[] steps = a.realPair("step_sizes", 1e-6, 50);
                return new Rprop(a.real("lr", 1e-2), etas[0], etas[1], steps[0], steps[1]);
            }
            case "ASGD":
                return new Asgd(a.real("lr", 1e-2), a.real("lambd", 1e-4), a.real("alpha", 0.75), a.real("t0", 1e6),
                        a.num("weight_decay", 0));
            case "Adam":
            case "AdamW": {
                boolean w = className.equals("AdamW");
                Schedule[] betas = a.pair("betas", 0.9, 0.999);
                boolean ams = a.flag("amsgrad", false);
                return new Adam(w ? (ams ? "amsgradW" : "adamW") : (ams ? "amsgrad" : "adam"), a.num("lr", 1e-3), betas[0], betas[1],
                        a.num("eps", 1e-8), a.num("weight_decay", w ? 1e-2 : 0), w, ams);
            }
            case "Adamax": {
                Schedule[] betas = a.pair("betas", 0.9, 0.999);
                return new Adamax(a.num("lr", 2e-3), betas[0], betas[1], a.num("eps", 1e-8), a.num("weight_decay", 0));
            }
            case "NAdam": {
                Schedule[] betas = a.pair("betas", 0.9, 0.999);
                return new NAdam(a.num("lr", 2e-3), betas[0], betas[1], a.num("eps", 1e-8), a.num("weight_decay", 0),
                        a.real("momentum_decay", 4e-3));
            }
            default: {
                Schedule[] betas = a.pair("betas", 0.9, 0.999);
                return new RAdam(a.num("lr", 1e-3), betas[0], betas[1], a.num("eps", 1e-8), a.num("weight_decay", 0));
            }
        }
    }

    /** Typed access to the keyword arguments of one class. */
    private static final class Args {
        private final String cls;
        private final Map<String, ?> h;

        Args(String cls, Map<String, ?> h) {
            this.cls = cls;
            this.h = h;
        }

        private IllegalArgumentException bad(String name, String expected, Object v) {
            return new IllegalArgumentException("fromTorch: torch.optim." + cls + " argument '" + name + "' must be " + expected
                    + ", got " + (v == null ? "null" : v + " (" + v.getClass().getSimpleName() + ")"));
        }

        Schedule required(String name) {
            if (!h.containsKey(name)) {
                throw new IllegalArgumentException("fromTorch: torch.optim." + cls + " requires the argument '" + name + "'");
            }
            return num(name, Double.NaN);
        }

        Schedule num(String name, double dflt) {
            return toSchedule(name, h.containsKey(name) ? h.get(name) : dflt);
        }

        private Schedule toSchedule(String name, Object v) {
            if (v instanceof Schedule) {
                return (Schedule) v;
            }
            if (v instanceof Number) {
                return Schedule.constant(((Number) v).doubleValue());
            }
            throw bad(name, "a number or a Schedule", v);
        }

        double real(String name, double dflt) {
            Object v = h.containsKey(name) ? h.get(name) : dflt;
            if (v instanceof Number) {
                return ((Number) v).doubleValue();
            }
            throw bad(name, "a number", v);
        }

        boolean flag(String name, boolean dflt) {
            Object v = h.containsKey(name) ? h.get(name) : dflt;
            if (v == null && !name.equals("maximize")) {
                return dflt;
            }
            if (v instanceof Boolean) {
                return (Boolean) v;
            }
            throw bad(name, "a boolean", v);
        }

        private List<?> list(String name, Object v) {
            if (v instanceof List) {
                return (List<?>) v;
            }
            if (v instanceof double[]) {
                return Arrays.stream((double[]) v).boxed().toList();
            }
            if (v instanceof Object[]) {
                return Arrays.asList((Object[]) v);
            }
            throw bad(name, "a list of two values", v);
        }

        Schedule[] pair(String name, double d0, double d1) {
            if (!h.containsKey(name)) {
                return new Schedule[] {Schedule.constant(d0), Schedule.constant(d1)};
            }
            List<?> l = list(name, h.get(name));
            if (l.size() != 2) {
                throw bad(name, "a list of two values", h.get(name));
            }
            return new Schedule[] {toSchedule(name, l.get(0)), toSchedule(name, l.get(1))};
        }

        double[] realPair(String name, double d0, double d1) {
            if (!h.containsKey(name)) {
                return new double[] {d0, d1};
            }
            List<?> l = list(name, h.get(name));
            if (l.size() != 2 || !(l.get(0) instanceof Number) || !(l.get(1) instanceof Number)) {
                throw bad(name, "a list of two numbers", h.get(name));
            }
            return new double[] {((Number) l.get(0)).doubleValue(), ((Number) l.get(1)).doubleValue()};
        }
    }
}
