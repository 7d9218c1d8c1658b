/* tslint:disable */
/* eslint-disable */
/**
 * DevState API
 * DevState is the State & Audit service for development projects. For each project it keeps the state document (exported as `.trae/state.json`) and an append-only audit history (exported as `.trae/history.json`) in PostgreSQL, the source of truth.  **The history chain.** Every history entry has a per-project `seq` (1, 2, 3, ... without gaps) and is sealed with `hmac`: the lowercase hex HMAC-SHA256, under the key named by `kid`, of the RFC 8785 (JCS) canonical JSON of an object with exactly the members `project`, `seq`, `ts`, `actor`, `action`, `cp_from`, `cp_to`, `state_checksum`, `metadata`, `kid` and `hmac_prev` (absent values are JSON `null`). `project` is the name of the project the chain belongs to: it is signed, so a chain cannot be moved to another project, but it is not repeated inside exported entries (it is the `project` member of `.trae/history.json`). `hmac_prev` is the `hmac` of the previous entry (64 zeros for `seq` 1), so changing, removing or reordering any entry breaks every link after it. Nothing is ever deleted: a tombstone is a new entry pointing at its target. `GET /v1/devstate/verify` recomputes the chain. The complete rule, with test vectors, is `docs/CHAIN.md`. New entries are signed with the active key (`getActiveKey`), which is shared by every replica and changed with `rotateKey`; older entries keep verifying under their own `kid` as long as its secret stays configured.  **Conventions.** Every `/v1` route except `getActiveKey` takes the optional `project` query parameter (default `default`). Timestamps the service writes are UTC RFC 3339 with exactly six fraction digits (`2026-11-25T10:00:00.123456Z`). Response bodies always contain every member of their schema; members without a value are written as `null`. Unknown members in request bodies are ignored. The state document carries an `ETag` (its quoted checksum) for conditional reads and writes.  **Authentication.** Send `Authorization: Bearer <token>` (security scheme `bearerAuth`; the scheme name is case-insensitive). Tokens are configured on the server: `DEVSTATE_API_TOKEN` is the token of the built-in principal `admin` (role `admin`), and `DEVSTATE_TOKENS_FILE` names a file of lines `<name> <viewer|writer|admin> <sha256 hex of the token>` (the server holds only the hashes). A token\'s name is its principal. Each role includes the ones above it in this table:  | role | operations | |---|---| | `viewer` | `getState`, `searchHistory`, `getHistoryEntry`, `verifyChain`, `listLocks`, `exportFiles`, `getActiveKey` | | `writer` | the above, and `updateState`, `replaceState`, `appendHistory`, `tombstoneHistoryEntry`, `acquireLock`, `renewLock`, `releaseLock` | | `admin` | all of the above, and `importFiles`, `rotateKey` |  Each operation names its role in `x-devstate-role`. Reads are anonymous by default: a request without `Authorization` is the principal `anonymous` with the `viewer` role, so reads declare `security: [{}, {bearerAuth: []}]` (token optional) and an operation that needs `writer` or `admin` answers such a request with `401` (authenticate first). With `DEVSTATE_PROTECT_READS=true`, a request without a token is not authenticated at all and every `/v1` operation answers it with `401`. An `Authorization` header that is not a valid bearer token (unknown token, another scheme, nothing after `Bearer`) is `401` on every `/v1` operation, reads included, with `WWW-Authenticate: Bearer` and the same `detail` whatever was wrong. A valid token whose role is too low is `403`.  **Open mode.** When neither `DEVSTATE_API_TOKEN` nor `DEVSTATE_TOKENS_FILE` is set, the server runs open and logs a warning at startup: the `Authorization` header is ignored, every caller is `anonymous` with every role, and no operation answers `401` or `403`. Use it only where every client that can reach the port is trusted. `GET /health` and Quarkus\'s `/q/_*` routes never need a token.  **Rate limits.** Token buckets per principal, or per client address for `anonymous` callers (every caller in open mode): every `POST`, `PUT` and `DELETE` under `/v1` draws on a budget of 120 requests per minute (`DEVSTATE_RATE_LIMIT_MUTATING`), `verifyChain` on its own budget of 600 per minute (`DEVSTATE_RATE_LIMIT_VERIFY`); other reads are not limited. A budget allows bursts of its full size and refills continuously. A request over budget is `429` with `Retry-After`, the whole seconds (at least 1) until it would be accepted. Budgets live in each replica\'s memory, so N replicas accept up to N times the limit; the client address is the connection\'s peer (behind a reverse proxy, the proxy\'s, unless forwarded headers are enabled in Quarkus). `DEVSTATE_RATE_LIMIT_ENABLED=false` turns the limits off.  **Audit principal and masking.** Every entry DevState appends for a request (`appendHistory`, `updateState`, `replaceState`, `tombstoneHistoryEntry`, `rotateKey`) carries `metadata.principal`: the name of the token that authenticated the request, or `anonymous` (open mode). The server sets it after reading the client\'s metadata, so a client-supplied top-level `principal` is overwritten, and it is part of the signed message: unlike `actor`, which is what the client claims, it cannot be changed without breaking the chain. Before signing, the value of every metadata member named `token`, `access_token`, `refresh_token`, `secret`, `password`, `api_key` or `authorization` (compared case-insensitively, at any depth, inside arrays too; the list is `DEVSTATE_MASKED_KEYS`) is replaced by the string `\"[MASKED]\"` (a `null` value stays `null`); the original value is never stored. Imported entries are stored exactly as signed, and entries written before this version have no `principal`.  **Errors.** Failures are RFC 9457 problem documents (`application/problem+json`, schema `Problem`). Every operation lists `406` (`Accept` does not admit `application/json`), `411` (except `importFiles`), `413` (see *Request bodies*) and `500`, and every `/v1` operation `503` when the database cannot be reached in time (see *Consistency and retries*); besides those, a path the contract does not name answers `404` and a method a path does not have answers `405`. A value that slipped past validation and is refused by the database (SQLSTATE class 22) is a `422` without `field`.  **Consistency and retries.** Every replica reads and writes the same PostgreSQL; a replica may answer state reads from its cache, which a committed write on any replica invalidates within the notification delay (typically milliseconds) and which is not used at all while the replica cannot confirm that its notification channel is live (its last confirmed round trip is older than `DEVSTATE_CACHE_STALENESS_BOUND`, 2 s by default). For read-your-writes across replicas, send the `version` (or `seq`) of your own last write as `DevState-Min-Version` (or `DevState-Min-Seq`): the read then returns that write or a later one. Send an `Idempotency-Key` with writes you may retry. A `503` (database unreachable in time, with `Retry-After`) acknowledges nothing; the write may still have been committed, which a retry with the same `Idempotency-Key` resolves without writing twice.  **Request bodies.** A request whose `Content-Length` is larger than the limit is refused with `413` before its body is read, on any route: 64 MiB (`DEVSTATE_MAX_IMPORT_BYTES`, default 67108864) for `POST /v1/devstate/import`, 1 MiB (`DEVSTATE_MAX_BODY_BYTES`, default 1048576) for every other route. Every route except `POST /v1/devstate/import` refuses an HTTP/1.1 body sent chunked (`Transfer-Encoding`, no `Content-Length`) with `411`; on import such a body is only cut by the HTTP layer\'s limit of 64 MiB, with a bare `413`. A request body without a `Content-Type` is read as JSON. JSON request bodies may nest objects and arrays at most 32 levels deep (the body itself is level 1); deeper is `400`, as is malformed JSON or JSON whose type does not fit the request schema (for example an object where a string is expected). JSON carried in headers, query parameters or imported file texts may nest up to 40 levels. 
 *
 * The version of the OpenAPI document: 0.1.0
 * 
 *
 * NOTE: This class is auto generated by OpenAPI Generator (https://openapi-generator.tech).
 * https://openapi-generator.tech
 * Do not edit the class manually.
 */

import * as runtime from '../runtime.js';
import {
    type ExportFiles,
    ExportFilesFromJSON,
    ExportFilesToJSON,
} from '../models/ExportFiles.js';
import {
    type ImportFiles,
    ImportFilesFromJSON,
    ImportFilesToJSON,
} from '../models/ImportFiles.js';
import {
    type ImportResult,
    ImportResultFromJSON,
    ImportResultToJSON,
} from '../models/ImportResult.js';
import {
    type Problem,
    ProblemFromJSON,
    ProblemToJSON,
} from '../models/Problem.js';

export interface ExportFilesRequest {
    /**
     * Project name. Absent or empty means `default`; a value not matching the pattern gives
     * `400` with `field: project`.
     * 
     */
    project?: string;
    /**
     * Read-your-writes for the history: the highest `seq` this read must already include,
     * usually the `seq` of the caller's own last write. Above the project's chain head the
     * answer is `412`. Not an integer from 1 to 9223372036854775807: `400` with
     * `field: DevState-Min-Seq`.
     * 
     */
    devStateMinSeq?: number;
}

export interface ImportFilesRequest {
    /**
     * 
     */
    importFiles: ImportFiles;
    /**
     * Project name. Absent or empty means `default`; a value not matching the pattern gives
     * `400` with `field: project`.
     * 
     */
    project?: string;
}

/**
 * 
 */
export class FilesApi extends runtime.BaseAPI {

    /**
     * Creates request options for exportFiles without sending the request
     */
    async exportFilesRequestOpts(requestParameters: ExportFilesRequest): Promise<runtime.RequestOpts> {
        const queryParameters: any = {};

        if (requestParameters['project'] != null) {
            queryParameters['project'] = requestParameters['project'];
        }

        const headerParameters: runtime.HTTPHeaders = {};

        if (requestParameters['devStateMinSeq'] != null) {
            headerParameters['DevState-Min-Seq'] = String(requestParameters['devStateMinSeq']);
        }

        if (this.configuration && this.configuration.accessToken) {
            const token = this.configuration.accessToken;
            const tokenString = await token("bearerAuth", []);

            if (tokenString) {
                headerParameters["Authorization"] = `Bearer ${tokenString}`;
            }
        }

        let urlPath = `/v1/devstate/export`;

        return {
            path: urlPath,
            method: 'GET',
            headers: headerParameters,
            query: queryParameters,
        };
    }

    /**
     * Returns the exact file texts, read in one consistent snapshot. Both are rendered the same way: 2-space indent, `\"key\": value`, LF line ends, `[]`/`{}` for empty arrays and objects, and a trailing newline.  `.trae/history.json` is `{\"format\": \"devstate-history/1\", \"project\": ..., \"entries\": [...]}` with each entry\'s members in the order seq, ts, actor, action, cp_from, cp_to, state_checksum, metadata, kid, hmac_prev, hmac (no `project`, no `tombstoned_by`; `metadata` members in canonical order). `.trae/state.json` is the state document in canonical form (members in RFC 8785 order); it is absent when the project has no state. Importing the export back is `unchanged`; importing it into an empty database recreates the project and exports byte-identical files.  The body is streamed (chunked): the snapshot is the state and the chain head, read together; the entries up to that head are read page by page as the client consumes them, so the service never holds a whole chain in memory. A failure after the first byte resets the connection (the body is then incomplete and does not parse), it never ends a short body cleanly. 
     * Export .trae/state.json and .trae/history.json
     */
    async exportFilesRaw(requestParameters: ExportFilesRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<runtime.ApiResponse<ExportFiles>> {
        const requestOptions = await this.exportFilesRequestOpts(requestParameters);
        const response = await this.request(requestOptions, initOverrides);

        return new runtime.JSONApiResponse(response, (jsonValue) => ExportFilesFromJSON(jsonValue));
    }

    /**
     * Returns the exact file texts, read in one consistent snapshot. Both are rendered the same way: 2-space indent, `\"key\": value`, LF line ends, `[]`/`{}` for empty arrays and objects, and a trailing newline.  `.trae/history.json` is `{\"format\": \"devstate-history/1\", \"project\": ..., \"entries\": [...]}` with each entry\'s members in the order seq, ts, actor, action, cp_from, cp_to, state_checksum, metadata, kid, hmac_prev, hmac (no `project`, no `tombstoned_by`; `metadata` members in canonical order). `.trae/state.json` is the state document in canonical form (members in RFC 8785 order); it is absent when the project has no state. Importing the export back is `unchanged`; importing it into an empty database recreates the project and exports byte-identical files.  The body is streamed (chunked): the snapshot is the state and the chain head, read together; the entries up to that head are read page by page as the client consumes them, so the service never holds a whole chain in memory. A failure after the first byte resets the connection (the body is then incomplete and does not parse), it never ends a short body cleanly. 
     * Export .trae/state.json and .trae/history.json
     */
    async exportFiles(requestParameters: ExportFilesRequest = {}, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<ExportFiles> {
        const response = await this.exportFilesRaw(requestParameters, initOverrides);
        return await response.value();
    }

    /**
     * Creates request options for importFiles without sending the request
     */
    async importFilesRequestOpts(requestParameters: ImportFilesRequest): Promise<runtime.RequestOpts> {
        if (requestParameters['importFiles'] == null) {
            throw new runtime.RequiredError(
                'importFiles',
                'Required parameter "importFiles" was null or undefined when calling importFiles().'
            );
        }

        const queryParameters: any = {};

        if (requestParameters['project'] != null) {
            queryParameters['project'] = requestParameters['project'];
        }

        const headerParameters: runtime.HTTPHeaders = {};

        headerParameters['Content-Type'] = 'application/json';

        if (this.configuration && this.configuration.accessToken) {
            const token = this.configuration.accessToken;
            const tokenString = await token("bearerAuth", []);

            if (tokenString) {
                headerParameters["Authorization"] = `Bearer ${tokenString}`;
            }
        }

        let urlPath = `/v1/devstate/import`;

        return {
            path: urlPath,
            method: 'POST',
            headers: headerParameters,
            query: queryParameters,
            body: ImportFilesToJSON(requestParameters['importFiles']),
        };
    }

    /**
     * Checks the files completely, then loads them in one transaction under the project\'s chain lock. Checks, in order: only the two known file names; `.trae/history.json` present, valid JSON, `format` `devstate-history/1`, `project` equal to the target project, an `entries` array whose entries have exactly the eleven exported members with the right types (`ts` in the six-fraction-digit UTC form, `hmac`/`hmac_prev` 64 lowercase hex); the whole chain verifies from seq 1 (same rule and reason words as `verifyChain`; the target project is part of every signed message); every `tombstone` entry has a `target_seq` before it. When the chain contains `update_state` entries, `.trae/state.json` is required, must validate against the state schema and must have the checksum recorded by the last `update_state` entry; otherwise it must be absent.  Outcomes: `created` (the project had no history; all entries written), `appended` (the file extends the database chain; only the new entries are written), `unchanged` (the database already holds the file\'s whole chain, or both are empty; nothing is written). When entries are written and a state file was given, the state is set to it with `version` = the number of `update_state` entries and `updated_at` = the `ts` of the last one. The database being ahead of the file, or holding a different entry at the same `seq`, is a `409`. Nothing is written on any failure.  Imported entries are stored exactly as they were signed: no `principal` is added and nothing is masked. The body may be sent chunked (no `411` here); file texts may nest JSON up to 40 levels. 
     * Import .trae/history.json (and .trae/state.json)
     */
    async importFilesRaw(requestParameters: ImportFilesRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<runtime.ApiResponse<ImportResult>> {
        const requestOptions = await this.importFilesRequestOpts(requestParameters);
        const response = await this.request(requestOptions, initOverrides);

        return new runtime.JSONApiResponse(response, (jsonValue) => ImportResultFromJSON(jsonValue));
    }

    /**
     * Checks the files completely, then loads them in one transaction under the project\'s chain lock. Checks, in order: only the two known file names; `.trae/history.json` present, valid JSON, `format` `devstate-history/1`, `project` equal to the target project, an `entries` array whose entries have exactly the eleven exported members with the right types (`ts` in the six-fraction-digit UTC form, `hmac`/`hmac_prev` 64 lowercase hex); the whole chain verifies from seq 1 (same rule and reason words as `verifyChain`; the target project is part of every signed message); every `tombstone` entry has a `target_seq` before it. When the chain contains `update_state` entries, `.trae/state.json` is required, must validate against the state schema and must have the checksum recorded by the last `update_state` entry; otherwise it must be absent.  Outcomes: `created` (the project had no history; all entries written), `appended` (the file extends the database chain; only the new entries are written), `unchanged` (the database already holds the file\'s whole chain, or both are empty; nothing is written). When entries are written and a state file was given, the state is set to it with `version` = the number of `update_state` entries and `updated_at` = the `ts` of the last one. The database being ahead of the file, or holding a different entry at the same `seq`, is a `409`. Nothing is written on any failure.  Imported entries are stored exactly as they were signed: no `principal` is added and nothing is masked. The body may be sent chunked (no `411` here); file texts may nest JSON up to 40 levels. 
     * Import .trae/history.json (and .trae/state.json)
     */
    async importFiles(requestParameters: ImportFilesRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<ImportResult> {
        const response = await this.importFilesRaw(requestParameters, initOverrides);
        return await response.value();
    }

}
