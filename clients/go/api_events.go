/*
DevState API

DevState is the State & Audit service for development projects. For each project it keeps the state document (exported as `.trae/state.json`) and an append-only audit history (exported as `.trae/history.json`) in PostgreSQL, the source of truth.  **The history chain.** Every history entry has a per-project `seq` (1, 2, 3, ... without gaps) and is sealed with `hmac`: the lowercase hex HMAC-SHA256, under the key named by `kid`, of the RFC 8785 (JCS) canonical JSON of an object with exactly the members `project`, `seq`, `ts`, `actor`, `action`, `cp_from`, `cp_to`, `state_checksum`, `metadata`, `kid` and `hmac_prev` (absent values are JSON `null`). `project` is the name of the project the chain belongs to: it is signed, so a chain cannot be moved to another project, but it is not repeated inside exported entries (it is the `project` member of `.trae/history.json`). `hmac_prev` is the `hmac` of the previous entry (64 zeros for `seq` 1), so changing, removing or reordering any entry breaks every link after it. Nothing is ever deleted: a tombstone is a new entry pointing at its target. `GET /v1/devstate/verify` recomputes the chain. The complete rule, with test vectors, is `docs/CHAIN.md`. New entries are signed with the active key (`getActiveKey`), which is shared by every replica and changed with `rotateKey`; older entries keep verifying under their own `kid` as long as its secret stays configured.  **Conventions.** Every `/v1` route except `getActiveKey` takes the optional `project` query parameter (default `default`). Timestamps the service writes are UTC RFC 3339 with exactly six fraction digits (`2026-11-25T10:00:00.123456Z`). Response bodies always contain every member of their schema; members without a value are written as `null`. Unknown members in request bodies are ignored. The state document carries an `ETag` (its quoted checksum) for conditional reads and writes.  **Authentication.** Send `Authorization: Bearer <token>` (security scheme `bearerAuth`; the scheme name is case-insensitive). Tokens are configured on the server: `DEVSTATE_API_TOKEN` is the token of the built-in principal `admin` (role `admin`), and `DEVSTATE_TOKENS_FILE` names a file of lines `<name> <viewer|writer|admin> <sha256 hex of the token>` (the server holds only the hashes). A token's name is its principal. Each role includes the ones above it in this table:  | role | operations | |---|---| | `viewer` | `getState`, `searchHistory`, `getHistoryEntry`, `verifyChain`, `listLocks`, `exportFiles`, `getActiveKey` | | `writer` | the above, and `updateState`, `replaceState`, `appendHistory`, `tombstoneHistoryEntry`, `acquireLock`, `renewLock`, `releaseLock` | | `admin` | all of the above, and `importFiles`, `rotateKey` |  Each operation names its role in `x-devstate-role`. Reads are anonymous by default: a request without `Authorization` is the principal `anonymous` with the `viewer` role, so reads declare `security: [{}, {bearerAuth: []}]` (token optional) and an operation that needs `writer` or `admin` answers such a request with `401` (authenticate first). With `DEVSTATE_PROTECT_READS=true`, a request without a token is not authenticated at all and every `/v1` operation answers it with `401`. An `Authorization` header that is not a valid bearer token (unknown token, another scheme, nothing after `Bearer`) is `401` on every `/v1` operation, reads included, with `WWW-Authenticate: Bearer` and the same `detail` whatever was wrong. A valid token whose role is too low is `403`.  **Open mode.** When neither `DEVSTATE_API_TOKEN` nor `DEVSTATE_TOKENS_FILE` is set, the server runs open and logs a warning at startup: the `Authorization` header is ignored, every caller is `anonymous` with every role, and no operation answers `401` or `403`. Use it only where every client that can reach the port is trusted. `GET /health` and Quarkus's `/q/_*` routes never need a token.  **Rate limits.** Token buckets per principal, or per client address for `anonymous` callers (every caller in open mode): every `POST`, `PUT` and `DELETE` under `/v1` draws on a budget of 120 requests per minute (`DEVSTATE_RATE_LIMIT_MUTATING`), `verifyChain` on its own budget of 600 per minute (`DEVSTATE_RATE_LIMIT_VERIFY`); other reads are not limited. A budget allows bursts of its full size and refills continuously. A request over budget is `429` with `Retry-After`, the whole seconds (at least 1) until it would be accepted. Budgets live in each replica's memory, so N replicas accept up to N times the limit; the client address is the connection's peer (behind a reverse proxy, the proxy's, unless forwarded headers are enabled in Quarkus). `DEVSTATE_RATE_LIMIT_ENABLED=false` turns the limits off.  **Audit principal and masking.** Every entry DevState appends for a request (`appendHistory`, `updateState`, `replaceState`, `tombstoneHistoryEntry`, `rotateKey`) carries `metadata.principal`: the name of the token that authenticated the request, or `anonymous` (open mode). The server sets it after reading the client's metadata, so a client-supplied top-level `principal` is overwritten, and it is part of the signed message: unlike `actor`, which is what the client claims, it cannot be changed without breaking the chain. Before signing, the value of every metadata member named `token`, `access_token`, `refresh_token`, `secret`, `password`, `api_key` or `authorization` (compared case-insensitively, at any depth, inside arrays too; the list is `DEVSTATE_MASKED_KEYS`) is replaced by the string `\"[MASKED]\"` (a `null` value stays `null`); the original value is never stored. Imported entries are stored exactly as signed, and entries written before this version have no `principal`.  **Errors.** Failures are RFC 9457 problem documents (`application/problem+json`, schema `Problem`). Every operation lists `406` (`Accept` does not admit `application/json`), `411` (except `importFiles`), `413` (see *Request bodies*) and `500`, and every `/v1` operation `503` when the database cannot be reached in time (see *Consistency and retries*); besides those, a path the contract does not name answers `404` and a method a path does not have answers `405`. A value that slipped past validation and is refused by the database (SQLSTATE class 22) is a `422` without `field`.  **Consistency and retries.** Every replica reads and writes the same PostgreSQL; a replica may answer state reads from its cache, which a committed write on any replica invalidates within the notification delay (typically milliseconds) and which is not used at all while the replica cannot confirm that its notification channel is live (its last confirmed round trip is older than `DEVSTATE_CACHE_STALENESS_BOUND`, 2 s by default). For read-your-writes across replicas, send the `version` (or `seq`) of your own last write as `DevState-Min-Version` (or `DevState-Min-Seq`): the read then returns that write or a later one. Send an `Idempotency-Key` with writes you may retry. A `503` (database unreachable in time, with `Retry-After`) acknowledges nothing; the write may still have been committed, which a retry with the same `Idempotency-Key` resolves without writing twice.  **Request bodies.** A request whose `Content-Length` is larger than the limit is refused with `413` before its body is read, on any route: 64 MiB (`DEVSTATE_MAX_IMPORT_BYTES`, default 67108864) for `POST /v1/devstate/import`, 1 MiB (`DEVSTATE_MAX_BODY_BYTES`, default 1048576) for every other route. Every route except `POST /v1/devstate/import` refuses an HTTP/1.1 body sent chunked (`Transfer-Encoding`, no `Content-Length`) with `411`; on import such a body is only cut by the HTTP layer's limit of 64 MiB, with a bare `413`. A request body without a `Content-Type` is read as JSON. JSON request bodies may nest objects and arrays at most 32 levels deep (the body itself is level 1); deeper is `400`, as is malformed JSON or JSON whose type does not fit the request schema (for example an object where a string is expected). JSON carried in headers, query parameters or imported file texts may nest up to 40 levels. 

API version: 0.1.0
*/

// Code generated by OpenAPI Generator (https://openapi-generator.tech); DO NOT EDIT.

package devstate

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
)


// EventsAPIService EventsAPI service
type EventsAPIService service

type ApiStreamEventsRequest struct {
	ctx context.Context
	ApiService *EventsAPIService
	project *string
	after *int64
	lastEventID *int64
}

// Project name; absent or empty means &#x60;default&#x60;. &#x60;*&#x60; is every project&#39;s feed, for the &#x60;admin&#x60; role only (&#x60;401&#x60; without a token, &#x60;403&#x60; with a lesser one): live only, from when it is opened, nothing replayed, so its events carry no &#x60;id:&#x60; and &#x60;after&#x60; or &#x60;Last-Event-ID&#x60; with it is &#x60;400&#x60;. Anything else not matching the pattern gives &#x60;400&#x60; with &#x60;field: project&#x60;. 
func (r ApiStreamEventsRequest) Project(project string) ApiStreamEventsRequest {
	r.project = &project
	return r
}

// Start after this seq (default 0); not an integer ≥ 0 is &#x60;400&#x60; with &#x60;field: after&#x60;.
func (r ApiStreamEventsRequest) After(after int64) ApiStreamEventsRequest {
	r.after = &after
	return r
}

// The &#x60;id&#x60; of the last event the client has; wins over &#x60;after&#x60;. Not an integer ≥ 0 is &#x60;400&#x60;.
func (r ApiStreamEventsRequest) LastEventID(lastEventID int64) ApiStreamEventsRequest {
	r.lastEventID = &lastEventID
	return r
}

func (r ApiStreamEventsRequest) Execute() (string, *http.Response, error) {
	return r.ApiService.StreamEventsExecute(r)
}

/*
StreamEvents The project's change feed (Server-Sent Events)

A `text/event-stream` that stays open: one `entry` event per committed history entry of
the project, in `seq` order, whichever replica wrote it (every replica LISTENs for the
commits of all of them). Each event has `id:` = the entry's `seq` and `data:` = an
`EntryEvent` (a summary: read the entry itself with `GET /history/{seq}`). The stream
starts after `Last-Event-ID` (what a browser's `EventSource` sends when it reconnects) or
`after`, default 0 (the whole history, then the live tail): every entry once, without
gaps, also when the client was away for long (what it missed is read from the database).
Other events carry no `id:`, so `Last-Event-ID` is always the last entry a client has:
`state` (a `StateEvent`: the state version and checksum an `update_state` entry made)
comes immediately before that entry's `entry` event, also when it is read back from the
database, so a resume never misses or repeats it; `lock` (a `LockEvent`: a lock acquired,
released or expired) is live only, sent when it happens and never replayed (`GET /locks`
has the holders); `disconnected` (a `DisconnectedEvent`) is the last event of a feed the
service ends. A comment line (`: heartbeat`) every `DEVSTATE_EVENTS_HEARTBEAT` (15 s)
keeps proxies from closing it. A subscriber more than `DEVSTATE_EVENTS_MAX_BUFFERED`
(4096) entries behind the live tail (it stopped reading) is disconnected: the service
holds at most a page of events for it, sends `disconnected` (reason `too-slow`) and ends
the stream; it resumes with `Last-Event-ID`. Opening a feed draws from the caller's
`DEVSTATE_RATE_LIMIT_SUBSCRIBE` budget (60 per minute); a principal may keep
`DEVSTATE_EVENTS_MAX_PER_PRINCIPAL` (16) feeds open per replica; beyond either is `429`.

`project=*` (admin only) is every project's feed: the `entry`, `state` and `lock` events
of all projects from the moment it is opened, each project's in `seq` order, projects
interleaved as their commits are seen; no `id:` (there is nothing to resume: after a
reconnect, `GET /projects` has every project's head). A subscriber more than
`DEVSTATE_EVENTS_MAX_BUFFERED` events behind is disconnected as above.


 @param ctx context.Context - for authentication, logging, cancellation, deadlines, tracing, etc. Passed from http.Request or context.Background().
 @return ApiStreamEventsRequest
*/
func (a *EventsAPIService) StreamEvents(ctx context.Context) ApiStreamEventsRequest {
	return ApiStreamEventsRequest{
		ApiService: a,
		ctx: ctx,
	}
}

// Execute executes the request
//  @return string
func (a *EventsAPIService) StreamEventsExecute(r ApiStreamEventsRequest) (string, *http.Response, error) {
	var (
		localVarHTTPMethod   = http.MethodGet
		localVarPostBody     interface{}
		formFiles            []formFile
		localVarReturnValue  string
	)

	localBasePath, err := a.client.cfg.ServerURLWithContext(r.ctx, "EventsAPIService.StreamEvents")
	if err != nil {
		return localVarReturnValue, nil, &GenericOpenAPIError{error: err.Error()}
	}

	localVarPath := localBasePath + "/v1/devstate/events"

	localVarHeaderParams := make(map[string]string)
	localVarQueryParams := url.Values{}
	localVarFormParams := url.Values{}

	if r.project != nil {
		parameterAddToHeaderOrQuery(localVarQueryParams, "project", r.project, "form", "")
	} else {
		var defaultValue string = "default"
		parameterAddToHeaderOrQuery(localVarQueryParams, "project", defaultValue, "form", "")
		r.project = &defaultValue
	}
	if r.after != nil {
		parameterAddToHeaderOrQuery(localVarQueryParams, "after", r.after, "form", "")
	}
	// to determine the Content-Type header
	localVarHTTPContentTypes := []string{}

	// set Content-Type header
	localVarHTTPContentType := selectHeaderContentType(localVarHTTPContentTypes)
	if localVarHTTPContentType != "" {
		localVarHeaderParams["Content-Type"] = localVarHTTPContentType
	}

	// to determine the Accept header
	localVarHTTPHeaderAccepts := []string{"text/event-stream", "application/problem+json"}

	// set Accept header
	localVarHTTPHeaderAccept := selectHeaderAccept(localVarHTTPHeaderAccepts)
	if localVarHTTPHeaderAccept != "" {
		localVarHeaderParams["Accept"] = localVarHTTPHeaderAccept
	}
	if r.lastEventID != nil {
		parameterAddToHeaderOrQuery(localVarHeaderParams, "Last-Event-ID", r.lastEventID, "simple", "")
	}
	req, err := a.client.prepareRequest(r.ctx, localVarPath, localVarHTTPMethod, localVarPostBody, localVarHeaderParams, localVarQueryParams, localVarFormParams, formFiles)
	if err != nil {
		return localVarReturnValue, nil, err
	}

	localVarHTTPResponse, err := a.client.callAPI(req)
	if err != nil || localVarHTTPResponse == nil {
		return localVarReturnValue, localVarHTTPResponse, err
	}

	localVarBody, err := io.ReadAll(localVarHTTPResponse.Body)
	localVarHTTPResponse.Body.Close()
	localVarHTTPResponse.Body = io.NopCloser(bytes.NewBuffer(localVarBody))
	if err != nil {
		return localVarReturnValue, localVarHTTPResponse, err
	}

	if localVarHTTPResponse.StatusCode >= 300 {
		newErr := &GenericOpenAPIError{
			body:  localVarBody,
			error: localVarHTTPResponse.Status,
		}
		if localVarHTTPResponse.StatusCode == 400 {
			var v Problem
			err = a.client.decode(&v, localVarBody, localVarHTTPResponse.Header.Get("Content-Type"))
			if err != nil {
				newErr.error = err.Error()
				return localVarReturnValue, localVarHTTPResponse, newErr
			}
					newErr.error = formatErrorMessage(localVarHTTPResponse.Status, &v)
					newErr.model = v
			return localVarReturnValue, localVarHTTPResponse, newErr
		}
		if localVarHTTPResponse.StatusCode == 401 {
			var v Problem
			err = a.client.decode(&v, localVarBody, localVarHTTPResponse.Header.Get("Content-Type"))
			if err != nil {
				newErr.error = err.Error()
				return localVarReturnValue, localVarHTTPResponse, newErr
			}
					newErr.error = formatErrorMessage(localVarHTTPResponse.Status, &v)
					newErr.model = v
			return localVarReturnValue, localVarHTTPResponse, newErr
		}
		if localVarHTTPResponse.StatusCode == 403 {
			var v Problem
			err = a.client.decode(&v, localVarBody, localVarHTTPResponse.Header.Get("Content-Type"))
			if err != nil {
				newErr.error = err.Error()
				return localVarReturnValue, localVarHTTPResponse, newErr
			}
					newErr.error = formatErrorMessage(localVarHTTPResponse.Status, &v)
					newErr.model = v
			return localVarReturnValue, localVarHTTPResponse, newErr
		}
		if localVarHTTPResponse.StatusCode == 406 {
			var v Problem
			err = a.client.decode(&v, localVarBody, localVarHTTPResponse.Header.Get("Content-Type"))
			if err != nil {
				newErr.error = err.Error()
				return localVarReturnValue, localVarHTTPResponse, newErr
			}
					newErr.error = formatErrorMessage(localVarHTTPResponse.Status, &v)
					newErr.model = v
			return localVarReturnValue, localVarHTTPResponse, newErr
		}
		if localVarHTTPResponse.StatusCode == 411 {
			var v Problem
			err = a.client.decode(&v, localVarBody, localVarHTTPResponse.Header.Get("Content-Type"))
			if err != nil {
				newErr.error = err.Error()
				return localVarReturnValue, localVarHTTPResponse, newErr
			}
					newErr.error = formatErrorMessage(localVarHTTPResponse.Status, &v)
					newErr.model = v
			return localVarReturnValue, localVarHTTPResponse, newErr
		}
		if localVarHTTPResponse.StatusCode == 413 {
			var v Problem
			err = a.client.decode(&v, localVarBody, localVarHTTPResponse.Header.Get("Content-Type"))
			if err != nil {
				newErr.error = err.Error()
				return localVarReturnValue, localVarHTTPResponse, newErr
			}
					newErr.error = formatErrorMessage(localVarHTTPResponse.Status, &v)
					newErr.model = v
			return localVarReturnValue, localVarHTTPResponse, newErr
		}
		if localVarHTTPResponse.StatusCode == 414 {
			var v Problem
			err = a.client.decode(&v, localVarBody, localVarHTTPResponse.Header.Get("Content-Type"))
			if err != nil {
				newErr.error = err.Error()
				return localVarReturnValue, localVarHTTPResponse, newErr
			}
					newErr.error = formatErrorMessage(localVarHTTPResponse.Status, &v)
					newErr.model = v
			return localVarReturnValue, localVarHTTPResponse, newErr
		}
		if localVarHTTPResponse.StatusCode == 421 {
			var v Problem
			err = a.client.decode(&v, localVarBody, localVarHTTPResponse.Header.Get("Content-Type"))
			if err != nil {
				newErr.error = err.Error()
				return localVarReturnValue, localVarHTTPResponse, newErr
			}
					newErr.error = formatErrorMessage(localVarHTTPResponse.Status, &v)
					newErr.model = v
			return localVarReturnValue, localVarHTTPResponse, newErr
		}
		if localVarHTTPResponse.StatusCode == 429 {
			var v Problem
			err = a.client.decode(&v, localVarBody, localVarHTTPResponse.Header.Get("Content-Type"))
			if err != nil {
				newErr.error = err.Error()
				return localVarReturnValue, localVarHTTPResponse, newErr
			}
					newErr.error = formatErrorMessage(localVarHTTPResponse.Status, &v)
					newErr.model = v
			return localVarReturnValue, localVarHTTPResponse, newErr
		}
		if localVarHTTPResponse.StatusCode == 431 {
			var v Problem
			err = a.client.decode(&v, localVarBody, localVarHTTPResponse.Header.Get("Content-Type"))
			if err != nil {
				newErr.error = err.Error()
				return localVarReturnValue, localVarHTTPResponse, newErr
			}
					newErr.error = formatErrorMessage(localVarHTTPResponse.Status, &v)
					newErr.model = v
			return localVarReturnValue, localVarHTTPResponse, newErr
		}
		if localVarHTTPResponse.StatusCode == 500 {
			var v Problem
			err = a.client.decode(&v, localVarBody, localVarHTTPResponse.Header.Get("Content-Type"))
			if err != nil {
				newErr.error = err.Error()
				return localVarReturnValue, localVarHTTPResponse, newErr
			}
					newErr.error = formatErrorMessage(localVarHTTPResponse.Status, &v)
					newErr.model = v
			return localVarReturnValue, localVarHTTPResponse, newErr
		}
		if localVarHTTPResponse.StatusCode == 503 {
			var v Problem
			err = a.client.decode(&v, localVarBody, localVarHTTPResponse.Header.Get("Content-Type"))
			if err != nil {
				newErr.error = err.Error()
				return localVarReturnValue, localVarHTTPResponse, newErr
			}
					newErr.error = formatErrorMessage(localVarHTTPResponse.Status, &v)
					newErr.model = v
		}
		return localVarReturnValue, localVarHTTPResponse, newErr
	}

	err = a.client.decode(&localVarReturnValue, localVarBody, localVarHTTPResponse.Header.Get("Content-Type"))
	if err != nil {
		newErr := &GenericOpenAPIError{
			body:  localVarBody,
			error: err.Error(),
		}
		return localVarReturnValue, localVarHTTPResponse, newErr
	}

	return localVarReturnValue, localVarHTTPResponse, nil
}
