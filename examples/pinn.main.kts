@file:DependsOn("dev.descent:descent-dsl:0.1.0-SNAPSHOT")

// A physics-informed network for u'' = -pi^2 sin(pi x) on [-1, 1] with u(+-1) = 0 (u = sin(pi x)),
// written as a pinn { } block. Run with: ./descent run examples/pinn.main.kts
import descent.dsl.*
import descent.pinn.Domain
import kotlin.math.PI

val poisson = pinn {
    name = "Poisson 1-D"
    domain(Domain.interval(-1.0, 1.0))
    residual { u, x -> u.partial(0, 0) + PI * PI * sin(PI * x[all, 0]) }
    boundary { u, _ -> u.value() }
    exact { x -> sin(PI * x[all, 0]) }
    network(32, 32)
    points = 256
    boundaryPoints = 8
    metrics(every = 500, points = 1000)
    train { adam(steps = 1500, lr = cosineDecay(5e-3, 1500, 1e-5)) then adam(steps = 500, lr = 1e-5) }
}
println(poisson)
check(poisson.relativeL2 < 5e-3) { "relative L2 ${poisson.relativeL2}" }
