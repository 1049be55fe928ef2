package descent.ad;

import descent.tensor.Key;
import descent.tensor.Random;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Random numbers inside traced functions come from keys passed as arguments. */
class RandomKeysTest {
    @Test
    void sameKeySameNumbersEagerAndTraced() {
        Key key = Key.of(2024);
        Func draw = Func.of(k -> Random.normal(k, Shape.of(4, 3)));
        assertEquals(Random.normal(key, Shape.of(4, 3)), draw.call(key.toTensor()));
        Func coords = Func.of(k -> Random.choice(k, 1_000_000, 16));
        assertEquals(Random.choice(key, 1_000_000, 16), coords.call(key.toTensor()));
        Func signs = Func.of(k -> Random.rademacher(k, Shape.of(7)));
        assertEquals(Random.rademacher(key, Shape.of(7)), signs.call(key.toTensor()));
    }

    @Test
    void aNewKeyPerStepGivesNewNumbersFromOnePlan() {
        Func loss = Func.of((x, k) -> x.mul(Random.normal(k, Shape.of(3))).sum());
        Func g = AD.grad(loss);
        Key base = Key.of(1);
        Tensor x = Tensor.of(1, 2, 3);
        Tensor previous = null;
        for (int step = 0; step < 10; step++) {
            Key k = base.foldIn(step);
            Tensor grad = g.call(x, k.toTensor());
            assertEquals(Random.normal(k, Shape.of(3)), grad, "the gradient is the draw itself");
            assertNotEquals(previous, grad);
            previous = grad;
        }
        assertEquals(1, g.traces());
    }

    @Test
    void keysDeriveInsideTracedFunctionsAsTheyDoEagerly() {
        Key key = Key.of(77);
        Func split = Func.of(k -> Random.split(k, 3));
        Tensor keys = split.call(key.toTensor());
        Key[] expected = key.split(3);
        for (int i = 0; i < 3; i++) {
            assertEquals(expected[i].toTensor(), keys.index(0, i));
        }
        Func perStep = Func.of((k, step) -> Random.uniform(Random.foldIn(k, step), Shape.of(2)));
        assertEquals(Random.uniform(key.foldIn(41), Shape.of(2)), perStep.call(key.toTensor(), Tensor.scalar(41)));
        // one draw per key: a batch of keys gives a batch of independent draws
        Tensor batch = Func.of(k -> Random.uniform(Random.split(k, 4), Shape.of(5))).call(key.toTensor());
        assertEquals(Shape.of(4, 5), batch.shape());
        assertEquals(Random.uniform(key.split(4)[2], Shape.of(5)), batch.index(0, 2));
    }

    @Test
    void perExampleNoiseWithVmapOverKeys() {
        Func noisy = Func.of((x, k) -> x.add(Random.normal(k, x.shape()).mul(0.1)).square().sum());
        Key key = Key.of(5);
        Tensor keys = Random.split(key.toTensor(), 6);
        Tensor xs = Tensor.zeros(6, 2);
        Tensor r = AD.vmap(noisy, new int[] {0, 0}, null).call(xs, keys);
        for (int b = 0; b < 6; b++) {
            Tensor n = Random.normal(key.split(6)[b], Shape.of(2));
            assertEquals(n.mul(0.1).square().sum().item(), r.get(b), 1e-16);
        }
        assertTrue(Func.of(k -> Random.rademacher(k, Shape.of(3)).sum()).call(key.toTensor()).item() % 1 == 0);
    }

    @Test
    void foldInBatchesOverKeysOrData() {
        Key key = Key.of(9);
        Func fold = Func.of((k, d) -> Random.foldIn(k, d));
        Tensor steps = Tensor.of(3, 4, 5);
        Tensor byData = AD.vmap(fold, new int[] {AD.NOT_BATCHED, 0}, null).call(key.toTensor(), steps);
        Tensor keys = Random.split(key.toTensor(), 3);
        Tensor byKey = AD.vmap(fold, new int[] {0, AD.NOT_BATCHED}, null).call(keys, Tensor.scalar(8));
        Tensor both = AD.vmap(fold, new int[] {0, 0}, null).call(keys, steps);
        for (int b = 0; b < 3; b++) {
            assertEquals(key.foldIn(3 + b).toTensor(), byData.index(0, b));
            assertEquals(key.split(3)[b].foldIn(8).toTensor(), byKey.index(0, b));
            assertEquals(key.split(3)[b].foldIn(3 + b).toTensor(), both.index(0, b));
        }
    }
}
