// Drives a running Jupyter Notebook server with headless Chromium the way a user would: opens a new
// notebook with the "Kotlin (Descent)" kernel from the tree page, pastes cells and runs them with
// Shift+Enter, and checks the rendered page: live progress updated in place and ending in a summary,
// the result renderers' tables and SVG histories, lets-plot figures as inline SVG, no error outputs,
// no script errors, and no request leaving the local server (those are blocked and reported).
//
// Usage: node check.js  (settings from the environment)
//   CHECK_URL         the server, e.g. http://127.0.0.1:8890 (required)
//   CHECK_TOKEN       its token (required)
//   CHECK_KERNEL      kernelspec name (default descent-kotlin)
//   CHECK_OUT         directory for screenshots and the request log (default .)
//   CHECK_CELLS       a module exporting the cells to run (default ./cells.js)
//   CHECK_CHROMIUM    the browser (default /usr/bin/chromium)
//   PUPPETEER_DIR     directory whose node_modules holds puppeteer-core (default: next to this file)
// Exits 0 when every check passes, 1 naming each failed check (and its cell) otherwise.
'use strict';

const fs = require('fs');
const path = require('path');

const url = process.env.CHECK_URL;
const token = process.env.CHECK_TOKEN;
if (!url || !token) {
    console.error('browser-check: CHECK_URL and CHECK_TOKEN are required');
    process.exit(2);
}
const { cells } = require(process.env.CHECK_CELLS ? path.resolve(process.env.CHECK_CELLS) : path.join(__dirname, 'cells.js'));
const kernel = process.env.CHECK_KERNEL || 'descent-kotlin';
const out = path.resolve(process.env.CHECK_OUT || '.');
const chromium = process.env.CHECK_CHROMIUM || '/usr/bin/chromium';
const puppeteer = require(path.join(process.env.PUPPETEER_DIR || __dirname, 'node_modules', 'puppeteer-core'));
const local = new URL(url);

const failures = [];
const requests = [];
const external = [];
const pageErrors = [];
const fail = (where, what) => {
    failures.push(`${where}: ${what}`);
    console.error(`browser-check: FAILED ${where}: ${what}`);
};
const log = (msg) => console.log(`browser-check: ${msg}`);

function isLocal(u) {
    if (u.startsWith('data:') || u.startsWith('blob:') || u.startsWith('about:')) return true;
    try {
        const p = new URL(u);
        return (p.hostname === local.hostname || p.hostname === 'localhost' || p.hostname === '127.0.0.1')
            && p.port === local.port;
    } catch (e) {
        return false;
    }
}

async function watch(page) {
    await page.setRequestInterception(true);
    page.on('request', (r) => {
        const u = r.url();
        requests.push(u);
        if (isLocal(u)) {
            r.continue();
        } else {
            external.push(u);
            r.abort('blockedbyclient');
        }
    });
    page.on('pageerror', (e) => pageErrors.push(String(e && e.message || e)));
    // Request interception does not see WebSockets (the kernel's channels): the network log does.
    const cdp = await page.createCDPSession();
    await cdp.send('Network.enable');
    cdp.on('Network.webSocketCreated', (e) => {
        requests.push(e.url);
        if (!isLocal(e.url)) external.push(e.url);
    });
}

// Runs in the page: the DOM state of one cell's outputs, and a recorder of their changes while it runs.
function installRecorder(index) {
    const cell = Jupyter.notebook.get_cell(index);
    const area = cell.output_area.element[0];
    const rec = { states: [], maxProgress: 0, t0: performance.now(), done: false };
    const progressText = () => {
        const found = [];
        for (const el of area.querySelectorAll('.output_subarea')) {
            const t = el.textContent.replace(/\s+/g, ' ').trim();
            if (el.querySelector('progress') || / done: /.test(t) || / failed: /.test(t)) found.push(t);
        }
        return found;
    };
    const sample = () => {
        const found = progressText();
        rec.maxProgress = Math.max(rec.maxProgress, found.length);
        const last = rec.states.length ? rec.states[rec.states.length - 1].text : null;
        if (found.length && found[0] !== last) {
            rec.states.push({ text: found[0], t: performance.now() - rec.t0, running: !rec.done });
        }
    };
    new MutationObserver(sample).observe(area, { childList: true, subtree: true, characterData: true, attributes: true });
    window.__descentRecorder = rec;
}

async function runCell(page, spec, number) {
    const where = `cell ${number} (${spec.name})`;
    // The cell to type into: the notebook's last one, which is empty after Shift+Enter.
    const index = await page.evaluate(() => {
        const nb = Jupyter.notebook;
        let i = nb.ncells() - 1;
        if (nb.get_cell(i).get_text() !== '') {
            nb.insert_cell_below('code', i);
            i += 1;
        }
        return i;
    });
    const editors = await page.$$('#notebook-container .cell .CodeMirror');
    await editors[index].click();
    await page.keyboard.sendCharacter(spec.code);
    const typed = await page.evaluate((i) => Jupyter.notebook.get_cell(i).get_text(), index);
    if (typed !== spec.code) {
        fail(where, `the editor holds different text than was typed:\n${typed}`);
        return;
    }
    await page.evaluate(installRecorder, index);
    const start = Date.now();
    await page.keyboard.down('Shift');
    await page.keyboard.press('Enter');
    await page.keyboard.up('Shift');
    let midShot = false;
    for (;;) {
        const state = await page.evaluate((i) => {
            const c = Jupyter.notebook.get_cell(i);
            return { prompt: c.element.find('.input_prompt').text(), states: window.__descentRecorder.states.length };
        }, index);
        if (/In\s*\[\d+\]/.test(state.prompt)) break;
        if (spec.progress && !midShot && state.states >= 2) {
            midShot = true;
            const el = await page.$$('#notebook-container .cell');
            await el[index].screenshot({ path: path.join(out, `${number}-${spec.name}-running.png`) });
        }
        if (Date.now() - start > (spec.timeoutSeconds || 300) * 1000) {
            fail(where, `did not finish within ${spec.timeoutSeconds || 300} s`);
            return;
        }
        await new Promise((r) => setTimeout(r, 50));
    }
    await page.evaluate(() => { window.__descentRecorder.done = true; });
    const seconds = (Date.now() - start) / 1000;
    // Give the notebook a moment to lay out SVGs before reading and photographing them.
    await new Promise((r) => setTimeout(r, 300));
    const result = await page.evaluate((i) => {
        const c = Jupyter.notebook.get_cell(i);
        const area = c.output_area.element[0];
        const outputs = c.output_area.outputs.map((o) => ({ type: o.output_type, mime: Object.keys(o.data || {}), name: o.name,
            text: o.text || (o.evalue ? `${o.ename}: ${o.evalue}` : '') }));
        const subareas = [...area.querySelectorAll('.output_subarea')].map((el) => {
            const svgs = [...el.querySelectorAll('svg')].filter((s) => !s.parentElement.closest('svg'));
            return {
                classes: el.className,
                text: el.textContent.replace(/\s+/g, ' ').trim().slice(0, 400),
                tables: [...el.querySelectorAll('table')].map((t) => [...t.rows].map((r) => [...r.cells]
                    .map((c) => c.textContent.trim()).join(' ')).join(' | ')),
                svgs: svgs.map((s) => {
                    const r = s.getBoundingClientRect();
                    return { width: r.width, height: r.height, shapes: s.querySelectorAll('path,rect,line,circle,polyline,polygon').length,
                        text: [...s.querySelectorAll('text')].map((t) => t.textContent.trim()).join(' ') };
                }),
                images: [...el.querySelectorAll('img')].map((im) => im.src.slice(0, 80)),
            };
        });
        return { outputs, subareas, recorder: window.__descentRecorder };
    }, index);
    const el = await page.$$('#notebook-container .cell');
    await el[index].screenshot({ path: path.join(out, `${number}-${spec.name}.png`) });
    log(`${where} ran in ${seconds.toFixed(1)} s: ${result.outputs.map((o) => o.type + (o.mime.length ? '[' + o.mime.join(',') + ']' : '')).join(', ') || 'no output'}`);

    for (const o of result.outputs) {
        if (o.type === 'error') fail(where, `error output: ${o.text}`);
        if (o.type === 'stream' && o.name === 'stderr' && !spec.allowStderr) fail(where, `wrote to stderr: ${o.text.trim().slice(0, 500)}`);
    }
    for (const s of result.subareas) {
        if (/output_error/.test(s.classes)) fail(where, `error shown: ${s.text}`);
        for (const src of s.images) if (!src.startsWith('data:')) fail(where, `an image loads from ${src}`);
    }
    if (spec.progress) checkProgress(where, spec, result.recorder);
    if (spec.check) spec.check(result, (what) => fail(where, what), where);
    return result;
}

function checkProgress(where, spec, rec) {
    const running = rec.states.filter((s) => / steps\/s /.test(s.text + ' '));
    const finals = rec.states.filter((s) => / done: /.test(' ' + s.text + ' '));
    log(`${where}: ${rec.states.length} progress states, ${running.length} running, at most ${rec.maxProgress} progress output(s) at once`);
    for (const s of rec.states) log(`    ${(s.t / 1000).toFixed(2)} s  ${s.text}`);
    if (running.length < 3) fail(where, `progress: ${running.length} distinct running states observed, at least 3 expected`);
    if (new Set(running.map((s) => (s.text.match(/step (\d+)\//) || [])[1])).size < running.length) {
        fail(where, 'progress: two running states show the same step');
    }
    if (rec.maxProgress !== 1) fail(where, `progress: ${rec.maxProgress} progress outputs at once (one, updated in place, expected)`);
    if (finals.length !== 1 || rec.states[rec.states.length - 1] !== finals[0]) {
        fail(where, 'progress: the display does not end in one final summary ("... done: ...")');
    } else if (spec.progress.summary && !spec.progress.summary.test(finals[0].text)) {
        fail(where, `progress: the summary "${finals[0].text}" does not match ${spec.progress.summary}`);
    }
    if (running.length && running[0].t > (rec.states[rec.states.length - 1].t - 200)) {
        fail(where, 'progress: the running states arrived only at the end of the run, not while it ran');
    }
}

(async () => {
    fs.mkdirSync(out, { recursive: true });
    const browser = await puppeteer.launch({
        executablePath: chromium,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-domain-reliability',
            '--metrics-recording-only', '--no-pings'],
        defaultViewport: { width: 1200, height: 900 },
    });
    let code = 0;
    try {
        const page = await browser.newPage();
        await watch(page);
        await page.goto(`${url}/tree?token=${encodeURIComponent(token)}`, { waitUntil: 'networkidle0' });
        // The New menu opens notebooks in a new tab; open it in this one so that its requests are watched from the start.
        await page.evaluate(() => { IPython._target = '_self'; });
        await page.click('#new-dropdown-button');
        const item = `#kernel-${kernel} a`;
        await page.waitForSelector(item, { visible: true });
        const label = await page.$eval(item, (a) => a.textContent.trim());
        log(`New > ${label}`);
        await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(item)]);
        await page.waitForFunction(() => window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel
            && Jupyter.notebook.kernel.is_connected() && Jupyter.notebook.kernel.info_reply
            && Jupyter.notebook.kernel.info_reply.status === 'ok', { timeout: 120000 });
        const info = await page.evaluate(() => ({ name: Jupyter.notebook.kernel.name, path: Jupyter.notebook.notebook_path,
            shown: document.querySelector('.kernel_indicator_name').textContent, language: Jupyter.notebook.kernel.info_reply.language_info.name }));
        log(`opened ${info.path} with kernel ${info.name} ("${info.shown}", language ${info.language})`);
        if (info.name !== kernel) fail('notebook', `kernel ${info.name}, ${kernel} expected`);
        if (info.language !== 'kotlin') fail('notebook', `kernel language ${info.language}, kotlin expected`);
        await page.screenshot({ path: path.join(out, '0-new-notebook.png') });

        for (let i = 0; i < cells.length; i++) await runCell(page, cells[i], i + 1);

        await page.screenshot({ path: path.join(out, 'notebook.png'), fullPage: true });
        await page.evaluate(() => Jupyter.notebook.save_notebook());
        await new Promise((r) => setTimeout(r, 500));
    } catch (e) {
        fail('browser', e.stack || String(e));
    } finally {
        await browser.close();
    }
    fs.writeFileSync(path.join(out, 'requests.txt'), requests.join('\n') + '\n');
    log(`${requests.length} requests, ${external.length} leaving ${local.host} (blocked)`);
    for (const u of new Set(external)) fail('network', `request leaving the local server (blocked): ${u}`);
    for (const e of pageErrors) fail('page', `script error: ${e}`);
    log(`screenshots and requests.txt in ${out}`);
    if (failures.length) {
        console.error(`browser-check: ${failures.length} check(s) FAILED`);
        code = 1;
    } else {
        log('all checks passed');
    }
    process.exit(code);
})();
