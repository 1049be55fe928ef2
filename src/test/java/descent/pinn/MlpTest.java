package descent.pinn;

import descent.ad.AD;
import descent.ad.Check;
import descent.ad.Func;
import descent.tensor.Key;
import descent.tensor.Params;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import descent.tensor.Value;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MlpTest {
    @Test
    void shapesAndParameterCount() {
        Mlp net = Mlp.builder(10).hidden(16, 3).build();
        Params<Tensor> p = net.init(Key.of(1));
        assertEquals(List.of("layer0/w", "layer0/b", "layer1/w", "layer1/b", "layer2/w", "layer2/b", "layer3/w", "layer3/b"),
                p.paths());
        assertEquals(10 * 16 + 16 + 2 * (16 * 16 + 16) + 16 + 1, net.parameterCount());
        assertEquals(Shape.of(16, 1), p.get("layer3/w").shape());
        Tensor y = net.func().eval(Tensor.zeros(5, 10), p).tensor(0);
        assertEquals(Shape.of(5), y.shape());
        Mlp multi = Mlp.builder(3).hidden(4).outputs(2).build();
        assertEquals(Shape.of(7, 2), multi.func().eval(Tensor.zeros(7, 3), multi.init(Key.of(2))).tensor(0).shape());
    }

    @Test
    void initializersHaveTheirScales() {
        int fanIn = 400;
        int fanOut = 300;
        Tensor glorot = Init.GLOROT_NORMAL.weights(Key.of(3), fanIn, fanOut);
        assertEquals(2.0 / (fanIn + fanOut), glorot.square().mean().item(), 0.05 * 2.0 / (fanIn + fanOut));
        Tensor torch = Init.TORCH_DEFAULT.weights(Key.of(4), fanIn, fanOut);
        assertTrue(torch.abs().max().item() <= 1 / Math.sqrt(fanIn));
        assertEquals(1.0 / (3 * fanIn), torch.square().mean().item(), 0.05 / (3 * fanIn));
        Tensor lecun = Init.LECUN_TRUNCATED.weights(Key.of(5), fanIn, fanOut);
        assertTrue(lecun.abs().max().item() <= 2 / Math.sqrt(fanIn) / 0.87962566103423978 + 1e-15);
        assertEquals(1.0 / fanIn, lecun.square().mean().item(), 0.05 / fanIn);
        assertEquals(Tensor.zeros(fanOut), Init.GLOROT_UNIFORM.biases(Key.of(6), fanIn, fanOut));
        Tensor haiku = Init.HAIKU_UNIFORM.weights(Key.of(10), fanIn, fanOut);
        assertTrue(haiku.abs().max().item() <= 1 / Math.sqrt(fanIn));
        assertEquals(1.0 / (3 * fanIn), haiku.square().mean().item(), 0.05 / (3 * fanIn));
        // Haiku's fans of a bias vector are its length: U(-1/sqrt(fan_out), 1/sqrt(fan_out)), variance 1/(3 fan_out)
        Tensor bias = Init.HAIKU_UNIFORM.biases(Key.of(11), fanIn, 10_000);
        assertTrue(bias.abs().max().item() <= 1 / Math.sqrt(10_000));
        assertTrue(bias.abs().max().item() > 0.99 / Math.sqrt(10_000));
        assertEquals(1.0 / (3 * 10_000), bias.square().mean().item(), 0.05 / (3 * 10_000));
        Tensor single = Init.HAIKU_UNIFORM.biases(Key.of(12), fanIn, 1);
        assertTrue(Math.abs(single.item()) <= 1);
        Tensor torchBias = Init.TORCH_DEFAULT.biases(Key.of(13), 10_000, 300);
        assertTrue(torchBias.abs().max().item() <= 1 / Math.sqrt(10_000));
    }

    @Test
    void everyArchitectureIsDifferentiable() {
        for (Mlp net : new Mlp[] {
            Mlp.builder(6).hidden(5, 2).activation(Activation.SIN).build(),
            Mlp.builder(6).hidden(5, 2).activation(Activation.GELU).fourierFeatures(4, 1.0, Key.of(7)).build(),
            Mlp.builder(6).hidden(5, 2).activation(Activation.SILU).blockShared(3).build()}) {
            Params<Tensor> p = net.init(Key.of(8));
            Tensor x = descent.tensor.Random.uniform(Key.of(9), Shape.of(4, 6), -1, 1);
            Func loss = Func.of(p, 0, (q, d) -> net.apply(q, q.get("layer0/b").constant(x)).square().sum());
            List<Tensor> leaves = p.leaves();
            Func flat = Func.of(leaves.size(), xs -> new Value[] {loss.applyAll(xs)[0]});
            Check.Report r = Check.gradient(flat, leaves.toArray(new Tensor[0]));
            assertTrue(r.passes(1e-6), r.toString());
            assertTrue(AD.grad(loss).callParams(p).sameStructure(p));
        }
    }

    @Test
    void geluIsTheExactGaussianErrorLinearUnit() {
        Tensor x = Tensor.of(-2, -0.5, 0, 1, 3);
        Tensor g = Func.of(v -> Activation.GELU.apply(v)).call(x);
        // x Phi(x) with Phi(-2) = 0.022750131948179195, Phi(-0.5) = 0.3085375387259869, Phi(1) = 0.8413447460685429, Phi(3) = 0.9986501019683699
        double[] expected = {-2 * 0.022750131948179195, -0.5 * 0.3085375387259869, 0, 0.8413447460685429, 3 * 0.9986501019683699};
        for (int i = 0; i < 5; i++) {
            assertEquals(expected[i], g.get(i), 1e-15);
        }
    }
}
