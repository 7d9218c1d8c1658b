// The package as a newcomer gets it: the README's install commands, run in a copy of the committed
// files (a fresh clone: no node_modules, no dist), pack the client; the tarball is installed into a
// scratch ESM project ("type": "module", moduleResolution nodenext) and a scratch CommonJS one,
// where the README's examples are type-checked and run (against DEVSTATE_URL when it is set, with
// the project renamed so that the test owns it and the server's key in HMAC_KID/HMAC_SECRET).
const test = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const pkgDir = path.join(__dirname, '..');
const repo = path.join(pkgDir, '..', '..');
const readme = fs.readFileSync(path.join(pkgDir, 'README.md'), 'utf8');
const version = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
const url = process.env.DEVSTATE_URL;
const secret = process.env.DEVSTATE_HMAC_SECRET;

const blocks = (language) => [...readme.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);
const npmEnv = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_prefer_offline: 'true',
    npm_config_loglevel: 'error', npm_config_update_notifier: 'false' };
const sh = (command, cwd, env = npmEnv) => execFileSync('bash', ['-euo', 'pipefail', '-c', command],
    { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function freshClone(root) {
    const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', 'clients/typescript'],
        { cwd: repo, encoding: 'utf8' }).split('\n').filter((f) => f && fs.statSync(path.join(repo, f), { throwIfNoEntry: false })?.isFile());
    for (const file of files) {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.copyFileSync(path.join(repo, file), path.join(root, file));
    }
    return root;
}

function scratch(root, name, type, tarball, tsconfig) {
    const dir = path.join(root, name);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `scratch-${name}`, private: true, type }, null, 2));
    // The README's second command, with the path to the tarball this test packed.
    const install = blocks('bash')[0].trim().split('\n')[1].replace(/\s+#.*$/, '');
    assert.match(install, /^npm install \.\/clients\/typescript\/devstate-client-[0-9.]+\.tgz$/);
    sh(install.replace(/\.\/clients\/typescript\/devstate-client-[0-9.]+\.tgz/, tarball), dir);
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    return dir;
}

test('npm pack from a fresh clone, installed into scratch ESM and CommonJS projects, runs the README examples', { timeout: 300_000 }, () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'devstate-ts-package-'));
    try {
        const clone = freshClone(path.join(root, 'clone'));
        const [packCommand] = blocks('bash')[0].trim().split('\n');
        assert.equal(packCommand.replace(/\s+#.*$/, ''), '(cd clients/typescript && npm ci && npm pack)');
        sh(packCommand, clone);
        const tarball = path.join(clone, 'clients', 'typescript', `devstate-client-${version}.tgz`);
        const listing = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).split('\n');
        for (const file of ['package/package.json', 'package/LICENSE', 'package/README.md', 'package/dist/index.js',
            'package/dist/index.d.ts', 'package/dist/esm/index.js', 'package/dist/esm/index.d.ts', 'package/dist/esm/package.json']) {
            assert.ok(listing.includes(file), `${file} in the tarball`);
        }
        const tsc = path.join(clone, 'clients', 'typescript', 'node_modules', '.bin', 'tsc');
        const compilerOptions = { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true,
            outDir: 'out', types: ['node'], typeRoots: [path.join(clone, 'clients', 'typescript', 'node_modules', '@types')] };

        const project = `ts-readme-${crypto.randomUUID().slice(0, 8)}`;
        const adapt = (code) => code.replaceAll('http://localhost:3180', (url ?? 'http://localhost:3180').replace(/\/+$/, ''))
            .replaceAll("'demo'", `'${project}'`);
        const [quickStart, offline] = blocks('ts');
        const runEnv = { ...process.env, HMAC_KID: process.env.DEVSTATE_HMAC_KID ?? 'k1', HMAC_SECRET: secret ?? '' };

        // ESM: the README's examples, type-checked under nodenext and run.
        const esm = scratch(root, 'esm', 'module', tarball, { compilerOptions, include: ['*.ts'] });
        fs.writeFileSync(path.join(esm, 'quickstart.ts'), adapt(quickStart));
        fs.writeFileSync(path.join(esm, 'offline.ts'), adapt(offline));
        sh(`"${tsc}" -p .`, esm);
        assert.equal(sh(`node --input-type=module -e "import { verifyHistory, historyOf, stateChecksum, sessionConsistency, HistoryApi } from '@devstate/client'; console.log([verifyHistory, historyOf, stateChecksum, sessionConsistency, HistoryApi].map((f) => typeof f).join())"`, esm),
            'function,function,function,function,function\n');

        // CommonJS: the README's require line, and the same API type-checked as CommonJS.
        const cjs = scratch(root, 'cjs', 'commonjs', tarball, { compilerOptions, include: ['*.ts'] });
        const requireLine = readme.match(/`(const \{[^`]*\} = require\('@devstate\/client'\);)`/)[1];
        fs.writeFileSync(path.join(cjs, 'index.ts'), `${requireLine.replace('const {', 'import {').replace("} = require('@devstate/client');", "} from '@devstate/client';")}\n`
            + 'console.log(typeof Configuration, typeof HistoryApi, verifyHistory({ format: "devstate-history/1", project: "p", entries: [] }, {}).ok);\n');
        sh(`"${tsc}" -p .`, cjs);
        assert.match(fs.readFileSync(path.join(cjs, 'out', 'index.js'), 'utf8'), /require\("@devstate\/client"\)/);
        assert.equal(sh('node out/index.js', cjs), 'function function true\n');
        assert.equal(sh(`node -e "${requireLine} console.log(typeof Configuration, typeof HistoryApi, typeof verifyHistory)"`, cjs),
            'function function function\n');

        if (url && secret) {
            assert.equal(sh('node out/quickstart.js', esm, runEnv), 'chain ok\n');
            assert.equal(sh('node out/offline.js', esm, runEnv), 'true true\n');
        }
    } finally {
        fs.rmSync(root, { recursive: true, force: true });
    }
});
