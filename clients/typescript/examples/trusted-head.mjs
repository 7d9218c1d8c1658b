// Checks the DevState log against the checkpoint this program last trusted, kept in the state file
// (its one argument); not part of the published package. Needs `npm run build` first.
//   DEVSTATE_URL, DEVSTATE_PROJECT, DEVSTATE_LOG_VERIFIER_KEY (pinned), optional DEVSTATE_TOKEN
// Prints `trusted <origin> <size>` (exit 0); a rewritten history: the refusal on stderr, exit 7;
// any other failure: its message on stderr, exit 1.
import { Configuration, LogApi, LogVerificationError, ResponseError, TrustedHead } from '../dist/esm/index.js';

function required(name) {
    const value = process.env[name];
    if (!value) {
        throw new Error(`${name} is not set`);
    }
    return value;
}

async function describe(error) {
    if (error instanceof ResponseError) {
        const body = await error.response.text().catch(() => '');
        let detail = body;
        try {
            detail = JSON.parse(body).detail ?? body;
        } catch {
            // not a problem document: its text as it is
        }
        return `${error.response.url}: HTTP ${error.response.status}${detail ? `: ${detail}` : ''}`;
    }
    return error instanceof Error ? error.message : String(error);
}

try {
    const args = process.argv.slice(2);
    if (args.length !== 1) {
        throw new Error('usage: node examples/trusted-head.mjs <state file>');
    }
    const config = new Configuration({
        basePath: required('DEVSTATE_URL').replace(/\/+$/, ''),
        accessToken: process.env.DEVSTATE_TOKEN || undefined,
    });
    const head = new TrustedHead(args[0], required('DEVSTATE_LOG_VERIFIER_KEY'));
    const checkpoint = await head.check(new LogApi(config), required('DEVSTATE_PROJECT'));
    console.log(`trusted ${checkpoint.origin} ${checkpoint.size}`);
} catch (error) {
    console.error(await describe(error));
    process.exitCode = error instanceof LogVerificationError && error.reason === 'rewritten' ? 7 : 1;
}
