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
    type AppendRequest,
    AppendRequestFromJSON,
    AppendRequestToJSON,
} from '../models/AppendRequest.js';
import {
    type AppendResult,
    AppendResultFromJSON,
    AppendResultToJSON,
} from '../models/AppendResult.js';
import {
    type HistoryEntry,
    HistoryEntryFromJSON,
    HistoryEntryToJSON,
} from '../models/HistoryEntry.js';
import {
    type HistoryPage,
    HistoryPageFromJSON,
    HistoryPageToJSON,
} from '../models/HistoryPage.js';
import {
    type Problem,
    ProblemFromJSON,
    ProblemToJSON,
} from '../models/Problem.js';
import {
    type TombstoneResult,
    TombstoneResultFromJSON,
    TombstoneResultToJSON,
} from '../models/TombstoneResult.js';

export interface AppendHistoryRequest {
    /**
     * 
     */
    appendRequest: AppendRequest;
    /**
     * Project name. Absent or empty means `default`; a value not matching the pattern gives
     * `400` with `field: project`.
     * 
     */
    project?: string;
    /**
     * Makes a retried write safe: the first request with this key (per project) is written and its
     * answer kept for `DEVSTATE_IDEMPOTENCY_TTL` (24 hours by default); a request with the same
     * key and the same body, headers and principal within that time answers the kept result with
     * `Idempotent-Replayed: true` and writes nothing. The same key with a different request is
     * `422` with `field: Idempotency-Key`. 1 to 255 printable ASCII characters (a UUID is a good
     * choice); anything else is `400` with `field: Idempotency-Key`.
     * 
     */
    idempotencyKey?: string;
}

export interface GetHistoryEntryRequest {
    /**
     * Sequence number of the entry within the project. Anything but an integer from 1 to
     * 9223372036854775807 gives `400` with `field: seq`.
     * 
     */
    seq: number;
    /**
     * Project name. Absent or empty means `default`; a value not matching the pattern gives
     * `400` with `field: project`.
     * 
     */
    project?: string;
}

export interface SearchHistoryRequest {
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
    /**
     * Exact `actor`.
     */
    actor?: string;
    /**
     * Exact `action` (reserved actions included).
     */
    action?: string;
    /**
     * Entries with `ts` at or after this instant. An ISO 8601 date-time with an offset
     * (`Z` or `+hh:mm`); anything else gives `400` with `field: since`.
     * 
     */
    since?: string;
    /**
     * Entries with `ts` at or before this instant; same format as `since`.
     */
    until?: string;
    /**
     * Entries whose `cp_from` or `cp_to` equals this value.
     */
    cp?: string;
    /**
     * A JSON object (URL-encoded); matches entries whose `metadata` contains it (JSON
     * containment, as PostgreSQL `@>`), e.g. `{"principal":"alice"}` for the entries one
     * token wrote. Anything but a JSON object gives `400` with `field: metadata`.
     * 
     */
    metadata?: string;
    /**
     * Page size; anything but an integer from 1 to 1000 gives `400` with `field: limit`.
     */
    limit?: number;
    /**
     * Opaque `next_cursor` from the previous page. A value this service did not issue gives
     * `400` with `field: cursor`.
     * 
     */
    cursor?: string;
}

export interface TombstoneHistoryEntryRequest {
    /**
     * Sequence number of the entry within the project. Anything but an integer from 1 to
     * 9223372036854775807 gives `400` with `field: seq`.
     * 
     */
    seq: number;
    /**
     * Project name. Absent or empty means `default`; a value not matching the pattern gives
     * `400` with `field: project`.
     * 
     */
    project?: string;
    /**
     * The `actor` of the history entry this write appends, trimmed. Absent or blank means `api`.
     * Longer than 200 characters (or containing U+0000) gives `422` with `field: actor`.
     * 
     */
    devStateActor?: string;
    /**
     * The text of a JSON object (UTF-8), recorded as the history entry's `metadata` (stored in
     * canonical form), after masking and with `principal` set by the server (see the API
     * description). Anything else, including malformed JSON or nesting deeper than 40 levels,
     * gives `400` with `field: DevState-Metadata`. Declared as a string so that clients send the
     * text as given; send it compact, on one line.
     * 
     */
    devStateMetadata?: string;
}

/**
 * 
 */
export class HistoryApi extends runtime.BaseAPI {

    /**
     * Creates request options for appendHistory without sending the request
     */
    async appendHistoryRequestOpts(requestParameters: AppendHistoryRequest): Promise<runtime.RequestOpts> {
        if (requestParameters['appendRequest'] == null) {
            throw new runtime.RequiredError(
                'appendRequest',
                'Required parameter "appendRequest" was null or undefined when calling appendHistory().'
            );
        }

        const queryParameters: any = {};

        if (requestParameters['project'] != null) {
            queryParameters['project'] = requestParameters['project'];
        }

        const headerParameters: runtime.HTTPHeaders = {};

        headerParameters['Content-Type'] = 'application/json';

        if (requestParameters['idempotencyKey'] != null) {
            headerParameters['Idempotency-Key'] = String(requestParameters['idempotencyKey']);
        }

        if (this.configuration && this.configuration.accessToken) {
            const token = this.configuration.accessToken;
            const tokenString = await token("bearerAuth", []);

            if (tokenString) {
                headerParameters["Authorization"] = `Bearer ${tokenString}`;
            }
        }

        let urlPath = `/v1/devstate/history`;

        return {
            path: urlPath,
            method: 'POST',
            headers: headerParameters,
            query: queryParameters,
            body: AppendRequestToJSON(requestParameters['appendRequest']),
        };
    }

    /**
     * Appends an entry to the project\'s chain. The server assigns `seq`, `ts`, `kid`, `hmac_prev` and `hmac`. The reserved actions `update_state`, `tombstone`, `key_rotated` and `import` are written only by the server itself and are refused here with `422`. `metadata` is stored in canonical form (members sorted, numbers normalised) and reads back that way, with the values of secret-looking members replaced by `\"[MASKED]\"` and with `principal` set to the authenticated caller (the example request is stored as entry 2 of the export example). 
     * Append a history entry
     */
    async appendHistoryRaw(requestParameters: AppendHistoryRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<runtime.ApiResponse<AppendResult>> {
        const requestOptions = await this.appendHistoryRequestOpts(requestParameters);
        const response = await this.request(requestOptions, initOverrides);

        return new runtime.JSONApiResponse(response, (jsonValue) => AppendResultFromJSON(jsonValue));
    }

    /**
     * Appends an entry to the project\'s chain. The server assigns `seq`, `ts`, `kid`, `hmac_prev` and `hmac`. The reserved actions `update_state`, `tombstone`, `key_rotated` and `import` are written only by the server itself and are refused here with `422`. `metadata` is stored in canonical form (members sorted, numbers normalised) and reads back that way, with the values of secret-looking members replaced by `\"[MASKED]\"` and with `principal` set to the authenticated caller (the example request is stored as entry 2 of the export example). 
     * Append a history entry
     */
    async appendHistory(requestParameters: AppendHistoryRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<AppendResult> {
        const response = await this.appendHistoryRaw(requestParameters, initOverrides);
        return await response.value();
    }

    /**
     * Creates request options for getHistoryEntry without sending the request
     */
    async getHistoryEntryRequestOpts(requestParameters: GetHistoryEntryRequest): Promise<runtime.RequestOpts> {
        if (requestParameters['seq'] == null) {
            throw new runtime.RequiredError(
                'seq',
                'Required parameter "seq" was null or undefined when calling getHistoryEntry().'
            );
        }

        const queryParameters: any = {};

        if (requestParameters['project'] != null) {
            queryParameters['project'] = requestParameters['project'];
        }

        const headerParameters: runtime.HTTPHeaders = {};

        if (this.configuration && this.configuration.accessToken) {
            const token = this.configuration.accessToken;
            const tokenString = await token("bearerAuth", []);

            if (tokenString) {
                headerParameters["Authorization"] = `Bearer ${tokenString}`;
            }
        }

        let urlPath = `/v1/devstate/history/{seq}`;
        urlPath = urlPath.replace('{seq}', encodeURIComponent(String(requestParameters['seq'])));

        return {
            path: urlPath,
            method: 'GET',
            headers: headerParameters,
            query: queryParameters,
        };
    }

    /**
     * Read one history entry
     */
    async getHistoryEntryRaw(requestParameters: GetHistoryEntryRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<runtime.ApiResponse<HistoryEntry>> {
        const requestOptions = await this.getHistoryEntryRequestOpts(requestParameters);
        const response = await this.request(requestOptions, initOverrides);

        return new runtime.JSONApiResponse(response, (jsonValue) => HistoryEntryFromJSON(jsonValue));
    }

    /**
     * Read one history entry
     */
    async getHistoryEntry(requestParameters: GetHistoryEntryRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<HistoryEntry> {
        const response = await this.getHistoryEntryRaw(requestParameters, initOverrides);
        return await response.value();
    }

    /**
     * Creates request options for searchHistory without sending the request
     */
    async searchHistoryRequestOpts(requestParameters: SearchHistoryRequest): Promise<runtime.RequestOpts> {
        const queryParameters: any = {};

        if (requestParameters['project'] != null) {
            queryParameters['project'] = requestParameters['project'];
        }

        if (requestParameters['actor'] != null) {
            queryParameters['actor'] = requestParameters['actor'];
        }

        if (requestParameters['action'] != null) {
            queryParameters['action'] = requestParameters['action'];
        }

        if (requestParameters['since'] != null) {
            queryParameters['since'] = requestParameters['since'];
        }

        if (requestParameters['until'] != null) {
            queryParameters['until'] = requestParameters['until'];
        }

        if (requestParameters['cp'] != null) {
            queryParameters['cp'] = requestParameters['cp'];
        }

        if (requestParameters['metadata'] != null) {
            queryParameters['metadata'] = requestParameters['metadata'];
        }

        if (requestParameters['limit'] != null) {
            queryParameters['limit'] = requestParameters['limit'];
        }

        if (requestParameters['cursor'] != null) {
            queryParameters['cursor'] = requestParameters['cursor'];
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

        let urlPath = `/v1/devstate/history/search`;

        return {
            path: urlPath,
            method: 'GET',
            headers: headerParameters,
            query: queryParameters,
        };
    }

    /**
     * Returns entries matching every given filter (AND), newest first (descending `seq`). Tombstoned entries are still returned, marked by `tombstoned_by`. Pass `next_cursor` back as `cursor` (with the same filters) for the next page; `next_cursor` is `null` on the last page. The cursor is a position in the chain, so entries appended meanwhile do not shift the pages. An empty query parameter counts as absent; one that is not well-formed UTF-8 or holds a control character (U+0000 to U+001F, U+007F) gives `400` naming it. 
     * Search history entries
     */
    async searchHistoryRaw(requestParameters: SearchHistoryRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<runtime.ApiResponse<HistoryPage>> {
        const requestOptions = await this.searchHistoryRequestOpts(requestParameters);
        const response = await this.request(requestOptions, initOverrides);

        return new runtime.JSONApiResponse(response, (jsonValue) => HistoryPageFromJSON(jsonValue));
    }

    /**
     * Returns entries matching every given filter (AND), newest first (descending `seq`). Tombstoned entries are still returned, marked by `tombstoned_by`. Pass `next_cursor` back as `cursor` (with the same filters) for the next page; `next_cursor` is `null` on the last page. The cursor is a position in the chain, so entries appended meanwhile do not shift the pages. An empty query parameter counts as absent; one that is not well-formed UTF-8 or holds a control character (U+0000 to U+001F, U+007F) gives `400` naming it. 
     * Search history entries
     */
    async searchHistory(requestParameters: SearchHistoryRequest = {}, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<HistoryPage> {
        const response = await this.searchHistoryRaw(requestParameters, initOverrides);
        return await response.value();
    }

    /**
     * Creates request options for tombstoneHistoryEntry without sending the request
     */
    async tombstoneHistoryEntryRequestOpts(requestParameters: TombstoneHistoryEntryRequest): Promise<runtime.RequestOpts> {
        if (requestParameters['seq'] == null) {
            throw new runtime.RequiredError(
                'seq',
                'Required parameter "seq" was null or undefined when calling tombstoneHistoryEntry().'
            );
        }

        const queryParameters: any = {};

        if (requestParameters['project'] != null) {
            queryParameters['project'] = requestParameters['project'];
        }

        const headerParameters: runtime.HTTPHeaders = {};

        if (requestParameters['devStateActor'] != null) {
            headerParameters['DevState-Actor'] = String(requestParameters['devStateActor']);
        }

        if (requestParameters['devStateMetadata'] != null) {
            headerParameters['DevState-Metadata'] = String(requestParameters['devStateMetadata']);
        }

        if (this.configuration && this.configuration.accessToken) {
            const token = this.configuration.accessToken;
            const tokenString = await token("bearerAuth", []);

            if (tokenString) {
                headerParameters["Authorization"] = `Bearer ${tokenString}`;
            }
        }

        let urlPath = `/v1/devstate/history/{seq}`;
        urlPath = urlPath.replace('{seq}', encodeURIComponent(String(requestParameters['seq'])));

        return {
            path: urlPath,
            method: 'DELETE',
            headers: headerParameters,
            query: queryParameters,
        };
    }

    /**
     * Appends a `tombstone` entry whose `metadata` holds `target_seq` and `principal` plus the members of `DevState-Metadata`, if sent (`target_seq` and `principal` always win). The target stays in the chain; reads mark it through `tombstoned_by`. Nothing is deleted. No `Location` header is sent. 
     * Tombstone a history entry
     */
    async tombstoneHistoryEntryRaw(requestParameters: TombstoneHistoryEntryRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<runtime.ApiResponse<TombstoneResult>> {
        const requestOptions = await this.tombstoneHistoryEntryRequestOpts(requestParameters);
        const response = await this.request(requestOptions, initOverrides);

        return new runtime.JSONApiResponse(response, (jsonValue) => TombstoneResultFromJSON(jsonValue));
    }

    /**
     * Appends a `tombstone` entry whose `metadata` holds `target_seq` and `principal` plus the members of `DevState-Metadata`, if sent (`target_seq` and `principal` always win). The target stays in the chain; reads mark it through `tombstoned_by`. Nothing is deleted. No `Location` header is sent. 
     * Tombstone a history entry
     */
    async tombstoneHistoryEntry(requestParameters: TombstoneHistoryEntryRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<TombstoneResult> {
        const response = await this.tombstoneHistoryEntryRaw(requestParameters, initOverrides);
        return await response.value();
    }

}
