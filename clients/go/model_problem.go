/*
DevState API

DevState is the State & Audit service for development projects. For each project it keeps the state document (exported as `.trae/state.json`) and an append-only audit history (exported as `.trae/history.json`) in PostgreSQL, the source of truth.  **The history chain.** Every history entry has a per-project `seq` (1, 2, 3, ... without gaps) and is sealed with `hmac`: the lowercase hex HMAC-SHA256, under the key named by `kid`, of the RFC 8785 (JCS) canonical JSON of an object with exactly the members `project`, `seq`, `ts`, `actor`, `action`, `cp_from`, `cp_to`, `state_checksum`, `metadata`, `kid` and `hmac_prev` (absent values are JSON `null`). `project` is the name of the project the chain belongs to: it is signed, so a chain cannot be moved to another project, but it is not repeated inside exported entries (it is the `project` member of `.trae/history.json`). `hmac_prev` is the `hmac` of the previous entry (64 zeros for `seq` 1), so changing, removing or reordering any entry breaks every link after it. Nothing is ever deleted: a tombstone is a new entry pointing at its target. `GET /v1/devstate/verify` recomputes the chain. The complete rule, with test vectors, is `docs/CHAIN.md`. New entries are signed with the active key (`getActiveKey`), which is shared by every replica and changed with `rotateKey`; older entries keep verifying under their own `kid` as long as its secret stays configured.  **Conventions.** Every `/v1` route except `getActiveKey` takes the optional `project` query parameter (default `default`). Timestamps the service writes are UTC RFC 3339 with exactly six fraction digits (`2026-11-25T10:00:00.123456Z`). Response bodies always contain every member of their schema; members without a value are written as `null`. Unknown members in request bodies are ignored. The state document carries an `ETag` (its quoted checksum) for conditional reads and writes.  **Authentication.** Send `Authorization: Bearer <token>` (security scheme `bearerAuth`; the scheme name is case-insensitive). Tokens are configured on the server: `DEVSTATE_API_TOKEN` is the token of the built-in principal `admin` (role `admin`), and `DEVSTATE_TOKENS_FILE` names a file of lines `<name> <viewer|writer|admin> <sha256 hex of the token>` (the server holds only the hashes). A token's name is its principal. Each role includes the ones above it in this table:  | role | operations | |---|---| | `viewer` | `getState`, `searchHistory`, `getHistoryEntry`, `verifyChain`, `listLocks`, `exportFiles`, `getActiveKey` | | `writer` | the above, and `updateState`, `replaceState`, `appendHistory`, `tombstoneHistoryEntry`, `acquireLock`, `renewLock`, `releaseLock` | | `admin` | all of the above, and `importFiles`, `rotateKey` |  Each operation names its role in `x-devstate-role`. Reads are anonymous by default: a request without `Authorization` is the principal `anonymous` with the `viewer` role, so reads declare `security: [{}, {bearerAuth: []}]` (token optional) and an operation that needs `writer` or `admin` answers such a request with `401` (authenticate first). With `DEVSTATE_PROTECT_READS=true`, a request without a token is not authenticated at all and every `/v1` operation answers it with `401`. An `Authorization` header that is not a valid bearer token (unknown token, another scheme, nothing after `Bearer`) is `401` on every `/v1` operation, reads included, with `WWW-Authenticate: Bearer` and the same `detail` whatever was wrong. A valid token whose role is too low is `403`.  **Open mode.** When neither `DEVSTATE_API_TOKEN` nor `DEVSTATE_TOKENS_FILE` is set, the server runs open and logs a warning at startup: the `Authorization` header is ignored, every caller is `anonymous` with every role, and no operation answers `401` or `403`. Use it only where every client that can reach the port is trusted. `GET /health` and Quarkus's `/q/_*` routes never need a token.  **Rate limits.** Token buckets per principal, or per client address for `anonymous` callers (every caller in open mode): every `POST`, `PUT` and `DELETE` under `/v1` draws on a budget of 120 requests per minute (`DEVSTATE_RATE_LIMIT_MUTATING`), `verifyChain` on its own budget of 600 per minute (`DEVSTATE_RATE_LIMIT_VERIFY`); other reads are not limited. A budget allows bursts of its full size and refills continuously. A request over budget is `429` with `Retry-After`, the whole seconds (at least 1) until it would be accepted. Budgets live in each replica's memory, so N replicas accept up to N times the limit; the client address is the connection's peer (behind a reverse proxy, the proxy's, unless forwarded headers are enabled in Quarkus). `DEVSTATE_RATE_LIMIT_ENABLED=false` turns the limits off.  **Audit principal and masking.** Every entry DevState appends for a request (`appendHistory`, `updateState`, `replaceState`, `tombstoneHistoryEntry`, `rotateKey`) carries `metadata.principal`: the name of the token that authenticated the request, or `anonymous` (open mode). The server sets it after reading the client's metadata, so a client-supplied top-level `principal` is overwritten, and it is part of the signed message: unlike `actor`, which is what the client claims, it cannot be changed without breaking the chain. Before signing, the value of every metadata member named `token`, `access_token`, `refresh_token`, `secret`, `password`, `api_key` or `authorization` (compared case-insensitively, at any depth, inside arrays too; the list is `DEVSTATE_MASKED_KEYS`) is replaced by the string `\"[MASKED]\"` (a `null` value stays `null`); the original value is never stored. Imported entries are stored exactly as signed, and entries written before this version have no `principal`.  **Errors.** Failures are RFC 9457 problem documents (`application/problem+json`, schema `Problem`). Every operation lists `406` (`Accept` does not admit `application/json`), `411` (except `importFiles`), `413` (see *Request bodies*) and `500`, and every `/v1` operation `503` when the database cannot be reached in time (see *Consistency and retries*); besides those, a path the contract does not name answers `404` and a method a path does not have answers `405`. A value that slipped past validation and is refused by the database (SQLSTATE class 22) is a `422` without `field`.  **Consistency and retries.** Every replica reads and writes the same PostgreSQL; a replica may answer state reads from its cache, which a committed write on any replica invalidates within the notification delay (typically milliseconds) and which is not used at all while the replica cannot confirm that its notification channel is live (its last confirmed round trip is older than `DEVSTATE_CACHE_STALENESS_BOUND`, 2 s by default). For read-your-writes across replicas, send the `version` (or `seq`) of your own last write as `DevState-Min-Version` (or `DevState-Min-Seq`): the read then returns that write or a later one. Send an `Idempotency-Key` with writes you may retry. A `503` (database unreachable in time, with `Retry-After`) acknowledges nothing; the write may still have been committed, which a retry with the same `Idempotency-Key` resolves without writing twice.  **Request bodies.** A request whose `Content-Length` is larger than the limit is refused with `413` before its body is read, on any route: 64 MiB (`DEVSTATE_MAX_IMPORT_BYTES`, default 67108864) for `POST /v1/devstate/import`, 1 MiB (`DEVSTATE_MAX_BODY_BYTES`, default 1048576) for every other route. Every route except `POST /v1/devstate/import` refuses an HTTP/1.1 body sent chunked (`Transfer-Encoding`, no `Content-Length`) with `411`; on import such a body is only cut by the HTTP layer's limit of 64 MiB, with a bare `413`. A request body without a `Content-Type` is read as JSON. JSON request bodies may nest objects and arrays at most 32 levels deep (the body itself is level 1); deeper is `400`, as is malformed JSON or JSON whose type does not fit the request schema (for example an object where a string is expected). JSON carried in headers, query parameters or imported file texts may nest up to 40 levels. 

API version: 0.1.0
*/

// Code generated by OpenAPI Generator (https://openapi-generator.tech); DO NOT EDIT.

package devstate

import (
	"encoding/json"
	"bytes"
	"fmt"
)

// checks if the Problem type satisfies the MappedNullable interface at compile time
var _ MappedNullable = &Problem{}

// Problem An RFC 9457 problem document. `type` is `urn:devstate:problem:<slug>`; the slug follows the status: `bad-request` (400), `unauthorized` (401), `forbidden` (403), `not-found` (404), `method-not-allowed` (405), `not-acceptable` (406), `conflict` (409), `length-required` (411), `precondition-failed` (412), `payload-too-large` (413), `unsupported-media-type` (415), `invalid` (422), `locked` (423), `rate-limited` (429), `internal` (500 and other 5xx), `client-error` (any other 4xx the framework raises). The list is not closed: later versions may add slugs, and clients should treat an unknown slug by its `status`. Extension members appear only where they apply; clients must ignore members they do not know. 
type Problem struct {
	Type string `json:"type" validate:"regexp=^urn:devstate:problem:[a-z0-9-]+$"`
	// Fixed per slug, e.g. `Not found`, `Unprocessable content`, `Internal error`.
	Title string `json:"title"`
	Status int32 `json:"status"`
	// Human-readable explanation; present on every problem DevState writes.
	Detail *string `json:"detail,omitempty"`
	// State schema violations, one per violation.
	Errors []ProblemError `json:"errors,omitempty"`
	// The history entry concerned: the target of a refused tombstone; the first differing (or first missing) entry of a refused import; the offending entry of an invalid import file. 
	Seq *int64 `json:"seq,omitempty"`
	// Import chain failures only: the verification reason (`hmac_mismatch`, `prev_mismatch`, `seq_gap`, `unknown_kid`), as in `VerifyFailure`. 
	Reason *string `json:"reason,omitempty"`
	// The offending query/path parameter (`project`, `seq`, `from`, `limit`, `since`, `until`, `metadata`, `cursor`), header (`DevState-Metadata`; `actor` for `DevState-Actor`), body member (`actor`, `action`, `cp_from`, `cp_to`, `state_checksum`, `metadata`, `scope`, `ttl_sec`, `owner`, `reason`, `files`, `kid`) or import file member (`format`, `project`, `entries`). 
	Field *string `json:"field,omitempty"`
	Holder *LockHolder `json:"holder,omitempty"`
}

type _Problem Problem

// NewProblem instantiates a new Problem object
// This constructor will assign default values to properties that have it defined,
// and makes sure properties required by API are set, but the set of arguments
// will change when the set of required properties is changed
func NewProblem(type_ string, title string, status int32) *Problem {
	this := Problem{}
	this.Type = type_
	this.Title = title
	this.Status = status
	return &this
}

// NewProblemWithDefaults instantiates a new Problem object
// This constructor will only assign default values to properties that have it defined,
// but it doesn't guarantee that properties required by API are set
func NewProblemWithDefaults() *Problem {
	this := Problem{}
	return &this
}

// GetType returns the Type field value
func (o *Problem) GetType() string {
	if o == nil {
		var ret string
		return ret
	}

	return o.Type
}

// GetTypeOk returns a tuple with the Type field value
// and a boolean to check if the value has been set.
func (o *Problem) GetTypeOk() (*string, bool) {
	if o == nil {
		return nil, false
	}
	return &o.Type, true
}

// SetType sets field value
func (o *Problem) SetType(v string) {
	o.Type = v
}

// GetTitle returns the Title field value
func (o *Problem) GetTitle() string {
	if o == nil {
		var ret string
		return ret
	}

	return o.Title
}

// GetTitleOk returns a tuple with the Title field value
// and a boolean to check if the value has been set.
func (o *Problem) GetTitleOk() (*string, bool) {
	if o == nil {
		return nil, false
	}
	return &o.Title, true
}

// SetTitle sets field value
func (o *Problem) SetTitle(v string) {
	o.Title = v
}

// GetStatus returns the Status field value
func (o *Problem) GetStatus() int32 {
	if o == nil {
		var ret int32
		return ret
	}

	return o.Status
}

// GetStatusOk returns a tuple with the Status field value
// and a boolean to check if the value has been set.
func (o *Problem) GetStatusOk() (*int32, bool) {
	if o == nil {
		return nil, false
	}
	return &o.Status, true
}

// SetStatus sets field value
func (o *Problem) SetStatus(v int32) {
	o.Status = v
}

// GetDetail returns the Detail field value if set, zero value otherwise.
func (o *Problem) GetDetail() string {
	if o == nil || IsNil(o.Detail) {
		var ret string
		return ret
	}
	return *o.Detail
}

// GetDetailOk returns a tuple with the Detail field value if set, nil otherwise
// and a boolean to check if the value has been set.
func (o *Problem) GetDetailOk() (*string, bool) {
	if o == nil || IsNil(o.Detail) {
		return nil, false
	}
	return o.Detail, true
}

// HasDetail returns a boolean if a field has been set.
func (o *Problem) HasDetail() bool {
	if o != nil && !IsNil(o.Detail) {
		return true
	}

	return false
}

// SetDetail gets a reference to the given string and assigns it to the Detail field.
func (o *Problem) SetDetail(v string) {
	o.Detail = &v
}

// GetErrors returns the Errors field value if set, zero value otherwise.
func (o *Problem) GetErrors() []ProblemError {
	if o == nil || IsNil(o.Errors) {
		var ret []ProblemError
		return ret
	}
	return o.Errors
}

// GetErrorsOk returns a tuple with the Errors field value if set, nil otherwise
// and a boolean to check if the value has been set.
func (o *Problem) GetErrorsOk() ([]ProblemError, bool) {
	if o == nil || IsNil(o.Errors) {
		return nil, false
	}
	return o.Errors, true
}

// HasErrors returns a boolean if a field has been set.
func (o *Problem) HasErrors() bool {
	if o != nil && !IsNil(o.Errors) {
		return true
	}

	return false
}

// SetErrors gets a reference to the given []ProblemError and assigns it to the Errors field.
func (o *Problem) SetErrors(v []ProblemError) {
	o.Errors = v
}

// GetSeq returns the Seq field value if set, zero value otherwise.
func (o *Problem) GetSeq() int64 {
	if o == nil || IsNil(o.Seq) {
		var ret int64
		return ret
	}
	return *o.Seq
}

// GetSeqOk returns a tuple with the Seq field value if set, nil otherwise
// and a boolean to check if the value has been set.
func (o *Problem) GetSeqOk() (*int64, bool) {
	if o == nil || IsNil(o.Seq) {
		return nil, false
	}
	return o.Seq, true
}

// HasSeq returns a boolean if a field has been set.
func (o *Problem) HasSeq() bool {
	if o != nil && !IsNil(o.Seq) {
		return true
	}

	return false
}

// SetSeq gets a reference to the given int64 and assigns it to the Seq field.
func (o *Problem) SetSeq(v int64) {
	o.Seq = &v
}

// GetReason returns the Reason field value if set, zero value otherwise.
func (o *Problem) GetReason() string {
	if o == nil || IsNil(o.Reason) {
		var ret string
		return ret
	}
	return *o.Reason
}

// GetReasonOk returns a tuple with the Reason field value if set, nil otherwise
// and a boolean to check if the value has been set.
func (o *Problem) GetReasonOk() (*string, bool) {
	if o == nil || IsNil(o.Reason) {
		return nil, false
	}
	return o.Reason, true
}

// HasReason returns a boolean if a field has been set.
func (o *Problem) HasReason() bool {
	if o != nil && !IsNil(o.Reason) {
		return true
	}

	return false
}

// SetReason gets a reference to the given string and assigns it to the Reason field.
func (o *Problem) SetReason(v string) {
	o.Reason = &v
}

// GetField returns the Field field value if set, zero value otherwise.
func (o *Problem) GetField() string {
	if o == nil || IsNil(o.Field) {
		var ret string
		return ret
	}
	return *o.Field
}

// GetFieldOk returns a tuple with the Field field value if set, nil otherwise
// and a boolean to check if the value has been set.
func (o *Problem) GetFieldOk() (*string, bool) {
	if o == nil || IsNil(o.Field) {
		return nil, false
	}
	return o.Field, true
}

// HasField returns a boolean if a field has been set.
func (o *Problem) HasField() bool {
	if o != nil && !IsNil(o.Field) {
		return true
	}

	return false
}

// SetField gets a reference to the given string and assigns it to the Field field.
func (o *Problem) SetField(v string) {
	o.Field = &v
}

// GetHolder returns the Holder field value if set, zero value otherwise.
func (o *Problem) GetHolder() LockHolder {
	if o == nil || IsNil(o.Holder) {
		var ret LockHolder
		return ret
	}
	return *o.Holder
}

// GetHolderOk returns a tuple with the Holder field value if set, nil otherwise
// and a boolean to check if the value has been set.
func (o *Problem) GetHolderOk() (*LockHolder, bool) {
	if o == nil || IsNil(o.Holder) {
		return nil, false
	}
	return o.Holder, true
}

// HasHolder returns a boolean if a field has been set.
func (o *Problem) HasHolder() bool {
	if o != nil && !IsNil(o.Holder) {
		return true
	}

	return false
}

// SetHolder gets a reference to the given LockHolder and assigns it to the Holder field.
func (o *Problem) SetHolder(v LockHolder) {
	o.Holder = &v
}

func (o Problem) MarshalJSON() ([]byte, error) {
	toSerialize,err := o.ToMap()
	if err != nil {
		return []byte{}, err
	}
	return json.Marshal(toSerialize)
}

func (o Problem) ToMap() (map[string]interface{}, error) {
	toSerialize := map[string]interface{}{}
	toSerialize["type"] = o.Type
	toSerialize["title"] = o.Title
	toSerialize["status"] = o.Status
	if !IsNil(o.Detail) {
		toSerialize["detail"] = o.Detail
	}
	if !IsNil(o.Errors) {
		toSerialize["errors"] = o.Errors
	}
	if !IsNil(o.Seq) {
		toSerialize["seq"] = o.Seq
	}
	if !IsNil(o.Reason) {
		toSerialize["reason"] = o.Reason
	}
	if !IsNil(o.Field) {
		toSerialize["field"] = o.Field
	}
	if !IsNil(o.Holder) {
		toSerialize["holder"] = o.Holder
	}
	return toSerialize, nil
}

func (o *Problem) UnmarshalJSON(data []byte) (err error) {
	// This validates that all required properties are included in the JSON object
	// by unmarshalling the object into a generic map with string keys and checking
	// that every required field exists as a key in the generic map.
	requiredProperties := []string{
		"type",
		"title",
		"status",
	}

	allProperties := make(map[string]interface{})

	err = json.Unmarshal(data, &allProperties)

	if err != nil {
		return err;
	}

	for _, requiredProperty := range(requiredProperties) {
		if _, exists := allProperties[requiredProperty]; !exists {
			return fmt.Errorf("no value given for required property %v", requiredProperty)
		}
	}

	varProblem := _Problem{}

	decoder := json.NewDecoder(bytes.NewReader(data))
	decoder.DisallowUnknownFields()
	err = decoder.Decode(&varProblem)

	if err != nil {
		return err
	}

	*o = Problem(varProblem)

	return err
}

type NullableProblem struct {
	value *Problem
	isSet bool
}

func (v NullableProblem) Get() *Problem {
	return v.value
}

func (v *NullableProblem) Set(val *Problem) {
	v.value = val
	v.isSet = true
}

func (v NullableProblem) IsSet() bool {
	return v.isSet
}

func (v *NullableProblem) Unset() {
	v.value = nil
	v.isSet = false
}

func NewNullableProblem(val *Problem) *NullableProblem {
	return &NullableProblem{value: val, isSet: true}
}

func (v NullableProblem) MarshalJSON() ([]byte, error) {
	return json.Marshal(v.value)
}

func (v *NullableProblem) UnmarshalJSON(src []byte) error {
	v.isSet = true
	return json.Unmarshal(src, &v.value)
}


