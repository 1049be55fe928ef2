// The cells the browser check types into a new "Kotlin (Descent)" notebook, in order, and what each
// must show. `progress` asks for a live display updated in place that ends in a summary matching
// `summary`; `check(result, fail)` inspects the rendered outputs (see check.js for their form).
'use strict';

const svgOf = (result) => result.subareas.flatMap((s) => s.svgs);
const tableText = (result) => result.subareas.flatMap((s) => s.tables).join(' | ');

// An SVG drawn by lets-plot: laid out with a size and made of many shapes.
function expectFigure(result, fail, { count = 1, text } = {}) {
    const svgs = svgOf(result).filter((s) => s.shapes >= 10 && s.width >= 200 && s.height >= 100);
    if (svgs.length < count) {
        fail(`expected ${count} inline SVG figure(s) of at least 200x100 px with 10 shapes, found ` +
            JSON.stringify(svgOf(result).map((s) => ({ width: s.width, height: s.height, shapes: s.shapes }))));
        return;
    }
    if (text && !svgs.some((s) => text.test(s.text))) fail(`no SVG figure shows ${text}`);
}

function expectOutputTypes(result, fail, types) {
    const got = result.outputs.filter((o) => o.type !== 'stream').map((o) => o.type + ':' + o.mime.join(','));
    for (const t of types) if (!got.some((g) => g.startsWith(t))) fail(`no ${t} output (got ${got.join(' ') || 'none'})`);
}

// CHECK_LOAD_JAR loads Descent from that jar (the -all jar) with @file:DependsOn instead of `%use descent`.
const jar = process.env.CHECK_LOAD_JAR;

const cells = [
    {
        name: jar ? 'depends-on-jar' : 'use-descent',
        code: jar ? `@file:DependsOn("${jar}")` : '%use descent',
        timeoutSeconds: 300,
        check: (result, fail) => {
            if (result.outputs.some((o) => o.type !== 'stream')) fail('loading Descent showed an output');
        },
    },
    {
        name: 'minimize',
        code: [
            'val rosen = fn { p -> (1 - p[0]).square() + 100 * (p[1] - p[0] * p[0]).square() }',
            'val run = minimize(rosen, tensorOf(-1.2, 1)) {',
            '    optimizer = adam(lr = 1e-3)',
            '    steps = 1_000_000',
            '    label = "adam on Rosenbrock"',
            '}',
            'check(Math.hypot(run.x[0] - 1, run.x[1] - 1) < 1e-4) { run.toString() }',
            'run',
        ].join('\n'),
        progress: { summary: /^adam on Rosenbrock done: STEPS after 1000000 steps in .* loss .* \|g\| / },
        check: (result, fail) => {
            expectOutputTypes(result, fail, ['display_data:text/html', 'execute_result:text/html']);
            const table = tableText(result);
            for (const row of ['f(x) ', '|grad f(x)| ', 'steps 1000000', 'stop reason STEPS', 'x [1.00000, 1.00000]']) {
                if (!table.includes(row)) fail(`the result table lacks "${row}": ${table}`);
            }
            if (!result.subareas.some((s) => /adam on Rosenbrock stopped: STEPS after 1000000 steps/.test(s.text))) {
                fail('the result does not say "adam on Rosenbrock stopped: STEPS after 1000000 steps"');
            }
            expectFigure(result, fail, { text: /loss/ });
        },
    },
    {
        name: 'history-plot',
        code: 'historyPlot(run, metrics = listOf(Metric.LOSS, Metric.GRADIENT_NORM), title = "Adam on Rosenbrock")',
        check: (result, fail) => {
            expectOutputTypes(result, fail, ['execute_result:image/svg+xml']);
            expectFigure(result, fail, { text: /Adam on Rosenbrock/ });
        },
    },
    {
        name: 'lets-plot',
        code: [
            'val xs = (0..200).map { it / 20.0 }',
            'letsPlot(mapOf("x" to xs, "y" to xs.map { Math.sin(it) })) + geomLine { x = "x"; y = "y" } +',
            '    ggtitle("sin x, drawn by lets-plot")',
        ].join('\n'),
        check: (result, fail) => {
            expectOutputTypes(result, fail, ['execute_result:image/svg+xml']);
            expectFigure(result, fail, { text: /sin x, drawn by lets-plot/ });
        },
    },
    {
        name: 'pinn',
        code: [
            'val poisson = pinn {',
            '    name = "Poisson 1-D"',
            '    domain(Domain.interval(-1.0, 1.0))',
            '    residual { u, x -> u.partial(0, 0) + Math.PI * Math.PI * sin(Math.PI * x[all, 0]) }',
            '    boundary { u, _ -> u.value() }',
            '    exact { x -> sin(Math.PI * x[all, 0]) }',
            '    network(16, 16)',
            '    points = 128',
            '    boundaryPoints = 8',
            '    train { adam(steps = 1500, lr = 1e-2) then lbfgs(300) }',
            '}',
            'check(poisson.relativeL2 < 1e-2) { poisson.toString() }',
            'poisson',
        ].join('\n'),
        progress: { summary: /^Poisson 1-D done: STEPS after 1800 steps in .* rel\. L2 / },
        check: (result, fail) => {
            expectOutputTypes(result, fail, ['display_data:text/html', 'execute_result:text/html']);
            const table = tableText(result);
            for (const row of ['problem Poisson 1-D, d = 1', 'recipe adam 1500 then lbfgs', 'relative L2 error']) {
                if (!table.includes(row)) fail(`the PINN table lacks "${row}": ${table}`);
            }
            expectFigure(result, fail);
        },
    },
];

module.exports = { cells };
