package descent.pinn;

import descent.optim.Result;
import descent.optim.Schedule;
import descent.pinn.zoo.Zoo;
import descent.tensor.Key;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PINN finishing recipe: Adam, then L-BFGS-B with the PINN preset ({@link Phase#lbfgs}) on fixed
 * collocation points, lowers the relative L2 error of the Poisson 1-D network a hundredfold from
 * where Adam left it.
 */
class PinnLbfgsTest {
    @Test
    void lbfgsAfterAdamLowersTheError() {
        Problem p = Zoo.poisson1d();
        Pinn pinn = Pinn.builder(p, Mlp.builder(1).hidden(16, 2).build()).points(128).boundaryPoints(8).metrics(1000, 2000).build();
        Training adam = pinn.train(pinn.init(Key.of(0)), Phase.adam(1000, Schedule.cosine(5e-3, 1000, 1e-4)));
        Training both = pinn.train(pinn.init(Key.of(0)), Phase.adam(1000, Schedule.cosine(5e-3, 1000, 1e-4)), Phase.lbfgs(1000));
        double before = adam.lastRelativeL2();
        double after = both.lastRelativeL2();
        Result r = both.phases().get(1);
        assertTrue(r.iterations() > 100, r.toString());
        // measured: 8.6e-3 after Adam, 1.5e-5 to 1.9e-5 after L-BFGS-B (native and Java matmul)
        assertTrue(before > 1e-3 && after < 1e-4, "L-BFGS-B took the relative L2 error from " + before + " to " + after);
        assertEquals(before, both.records().get(0).relativeL2(), 0, "the Adam phase is the same run");
    }

    @Test
    void burgersBelow3e2WithAdamThenLbfgs() {
        Problem hard = Zoo.burgers1d(true);
        Problem p = hard.sampledFrom(((SpaceTime) hard.domain()).hammersley());
        Pinn pinn = Pinn.builder(p, Mlp.builder(2).hidden(20, 3).build()).points(2000).metrics(500, 2000).build();
        Training t = pinn.train(pinn.init(Key.of(0)), Phase.adam(2000, Schedule.cosine(3e-3, 2000, 1e-5)), Phase.lbfgs(2000));
        // measured on the Hammersley points: 8.8e-2 after Adam, 2.2e-2 after 2000 L-BFGS iterations (native and Java
        // matmul); on random points drawn afresh every step, 0.236 and 4.4e-2 (the shock at x = 0 holds most of the error)
        assertTrue(t.lastRelativeL2() < 3e-2, "relative L2 " + t.lastRelativeL2());
        assertTrue(t.records().get(3).relativeL2() > 5e-2, "Adam alone: " + t.records().get(3).relativeL2());
    }
}
