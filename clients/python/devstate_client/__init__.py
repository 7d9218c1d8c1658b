# coding: utf-8

# flake8: noqa

"""
    DevState API

    DevState is the State & Audit service for development projects. For each project it keeps the state document (exported as `.trae/state.json`) and an append-only audit history (exported as `.trae/history.json`) in PostgreSQL, the source of truth.  **The history chain.** Every history entry has a per-project `seq` (1, 2, 3, ... without gaps) and is sealed with `hmac`: the lowercase hex HMAC-SHA256, under the key named by `kid`, of the RFC 8785 (JCS) canonical JSON of an object with exactly the members `project`, `seq`, `ts`, `actor`, `action`, `cp_from`, `cp_to`, `state_checksum`, `metadata`, `kid` and `hmac_prev` (absent values are JSON `null`). `project` is the name of the project the chain belongs to: it is signed, so a chain cannot be moved to another project, but it is not repeated inside exported entries (it is the `project` member of `.trae/history.json`). `hmac_prev` is the `hmac` of the previous entry (64 zeros for `seq` 1), so changing, removing or reordering any entry breaks every link after it. Nothing is ever deleted: a tombstone is a new entry pointing at its target. `GET /v1/devstate/verify` recomputes the chain. The complete rule, with test vectors, is `docs/CHAIN.md`. New entries are signed with the active key (`getActiveKey`), which is shared by every replica and changed with `rotateKey`; older entries keep verifying under their own `kid` as long as its secret stays configured.  **Conventions.** Every `/v1` route except `getActiveKey` takes the optional `project` query parameter (default `default`). Timestamps the service writes are UTC RFC 3339 with exactly six fraction digits (`2026-11-25T10:00:00.123456Z`). Response bodies always contain every member of their schema; members without a value are written as `null`. Unknown members in request bodies are ignored. The state document carries an `ETag` (its quoted checksum) for conditional reads and writes.  **Authentication.** Send `Authorization: Bearer <token>` (security scheme `bearerAuth`; the scheme name is case-insensitive). Tokens are configured on the server: `DEVSTATE_API_TOKEN` is the token of the built-in principal `admin` (role `admin`), and `DEVSTATE_TOKENS_FILE` names a file of lines `<name> <viewer|writer|admin> <sha256 hex of the token>` (the server holds only the hashes). A token's name is its principal. Each role includes the ones above it in this table:  | role | operations | |---|---| | `viewer` | `getState`, `searchHistory`, `getHistoryEntry`, `verifyChain`, `listLocks`, `exportFiles`, `getActiveKey` | | `writer` | the above, and `updateState`, `replaceState`, `appendHistory`, `tombstoneHistoryEntry`, `acquireLock`, `renewLock`, `releaseLock` | | `admin` | all of the above, and `importFiles`, `rotateKey` |  Each operation names its role in `x-devstate-role`. Reads are anonymous by default: a request without `Authorization` is the principal `anonymous` with the `viewer` role, so reads declare `security: [{}, {bearerAuth: []}]` (token optional) and an operation that needs `writer` or `admin` answers such a request with `401` (authenticate first). With `DEVSTATE_PROTECT_READS=true`, a request without a token is not authenticated at all and every `/v1` operation answers it with `401`. An `Authorization` header that is not a valid bearer token (unknown token, another scheme, nothing after `Bearer`) is `401` on every `/v1` operation, reads included, with `WWW-Authenticate: Bearer` and the same `detail` whatever was wrong. A valid token whose role is too low is `403`.  **Open mode.** When neither `DEVSTATE_API_TOKEN` nor `DEVSTATE_TOKENS_FILE` is set, the server runs open and logs a warning at startup: the `Authorization` header is ignored, every caller is `anonymous` with every role, and no operation answers `401` or `403`. Use it only where every client that can reach the port is trusted. `GET /health` and Quarkus's `/q/*` routes never need a token.  **Rate limits.** Token buckets per principal, or per client address for `anonymous` callers (every caller in open mode): every `POST`, `PUT` and `DELETE` under `/v1` draws on a budget of 120 requests per minute (`DEVSTATE_RATE_LIMIT_MUTATING`), `verifyChain` on its own budget of 600 per minute (`DEVSTATE_RATE_LIMIT_VERIFY`); other reads are not limited. A budget allows bursts of its full size and refills continuously. A request over budget is `429` with `Retry-After`, the whole seconds (at least 1) until it would be accepted. Budgets live in each replica's memory, so N replicas accept up to N times the limit; the client address is the connection's peer (behind a reverse proxy, the proxy's, unless forwarded headers are enabled in Quarkus). `DEVSTATE_RATE_LIMIT_ENABLED=false` turns the limits off.  **Audit principal and masking.** Every entry DevState appends for a request (`appendHistory`, `updateState`, `replaceState`, `tombstoneHistoryEntry`, `rotateKey`) carries `metadata.principal`: the name of the token that authenticated the request, or `anonymous` (open mode). The server sets it after reading the client's metadata, so a client-supplied top-level `principal` is overwritten, and it is part of the signed message: unlike `actor`, which is what the client claims, it cannot be changed without breaking the chain. Before signing, the value of every metadata member named `token`, `access_token`, `refresh_token`, `secret`, `password`, `api_key` or `authorization` (compared case-insensitively, at any depth, inside arrays too; the list is `DEVSTATE_MASKED_KEYS`) is replaced by the string `\"[MASKED]\"` (a `null` value stays `null`); the original value is never stored. Imported entries are stored exactly as signed, and entries written before this version have no `principal`.  **Errors.** Failures are RFC 9457 problem documents (`application/problem+json`, schema `Problem`). Every operation lists `406` (`Accept` does not admit `application/json`), `411` (except `importFiles`), `413` (see *Request bodies*) and `500`, and every `/v1` operation `503` when the database cannot be reached in time (see *Consistency and retries*); besides those, a path the contract does not name answers `404` and a method a path does not have answers `405`. A value that slipped past validation and is refused by the database (SQLSTATE class 22) is a `422` without `field`.  **Consistency and retries.** Every replica reads and writes the same PostgreSQL; a replica may answer state reads from its cache, which a committed write on any replica invalidates within the notification delay (typically milliseconds) and which is not used at all while the replica cannot confirm that its notification channel is live (its last confirmed round trip is older than `DEVSTATE_CACHE_STALENESS_BOUND`, 2 s by default). For read-your-writes across replicas, send the `version` (or `seq`) of your own last write as `DevState-Min-Version` (or `DevState-Min-Seq`): the read then returns that write or a later one. Send an `Idempotency-Key` with writes you may retry. A `503` (database unreachable in time, with `Retry-After`) acknowledges nothing; the write may still have been committed, which a retry with the same `Idempotency-Key` resolves without writing twice.  **Request bodies.** A request whose `Content-Length` is larger than the limit is refused with `413` before its body is read, on any route: 64 MiB (`DEVSTATE_MAX_IMPORT_BYTES`, default 67108864) for `POST /v1/devstate/import`, 1 MiB (`DEVSTATE_MAX_BODY_BYTES`, default 1048576) for every other route. Every route except `POST /v1/devstate/import` refuses an HTTP/1.1 body sent chunked (`Transfer-Encoding`, no `Content-Length`) with `411`; on import such a body is only cut by the HTTP layer's limit of 64 MiB, with a bare `413`. A request body without a `Content-Type` is read as JSON. JSON request bodies may nest objects and arrays at most 32 levels deep (the body itself is level 1); deeper is `400`, as is malformed JSON or JSON whose type does not fit the request schema (for example an object where a string is expected). JSON carried in headers, query parameters or imported file texts may nest up to 40 levels. 

    The version of the OpenAPI document: 0.1.0
    Generated by OpenAPI Generator (https://openapi-generator.tech)

    Do not edit the class manually.
"""  # noqa: E501


__version__ = "0.1.0"

# Define package exports
__all__ = [
    "EventsApi",
    "FilesApi",
    "HealthApi",
    "HistoryApi",
    "KeysApi",
    "LocksApi",
    "LogApi",
    "ProjectsApi",
    "StateApi",
    "VerifyApi",
    "ApiResponse",
    "ApiClient",
    "Configuration",
    "OpenApiException",
    "ApiTypeError",
    "ApiValueError",
    "ApiKeyError",
    "ApiAttributeError",
    "ApiException",
    "AcquireLockRequest",
    "ActiveKey",
    "AppendRequest",
    "AppendResult",
    "ConsistencyProof",
    "DisconnectedEvent",
    "EntryEvent",
    "ExportFiles",
    "ExportFilesFiles",
    "Health",
    "HistoryEntry",
    "HistoryPage",
    "ImportFiles",
    "ImportFilesFiles",
    "ImportResult",
    "ImportedHead",
    "InclusionProof",
    "Lock",
    "LockEvent",
    "LockHolder",
    "LockList",
    "LogKey",
    "LogPosition",
    "Problem",
    "ProblemError",
    "ProjectPage",
    "ProjectSummary",
    "ProjectSummaryHead",
    "ProjectSummaryState",
    "RenewLockRequest",
    "RotateKeyRequest",
    "RotationResult",
    "StateEvent",
    "StateUpdateResult",
    "StateView",
    "TombstoneResult",
    "VerifiedHead",
    "VerifyFailure",
    "VerifyResult",
]

# import apis into sdk package
from devstate_client.api.events_api import EventsApi as EventsApi
from devstate_client.api.files_api import FilesApi as FilesApi
from devstate_client.api.health_api import HealthApi as HealthApi
from devstate_client.api.history_api import HistoryApi as HistoryApi
from devstate_client.api.keys_api import KeysApi as KeysApi
from devstate_client.api.locks_api import LocksApi as LocksApi
from devstate_client.api.log_api import LogApi as LogApi
from devstate_client.api.projects_api import ProjectsApi as ProjectsApi
from devstate_client.api.state_api import StateApi as StateApi
from devstate_client.api.verify_api import VerifyApi as VerifyApi

# import ApiClient
from devstate_client.api_response import ApiResponse as ApiResponse
from devstate_client.api_client import ApiClient as ApiClient
from devstate_client.configuration import Configuration as Configuration
from devstate_client.exceptions import OpenApiException as OpenApiException
from devstate_client.exceptions import ApiTypeError as ApiTypeError
from devstate_client.exceptions import ApiValueError as ApiValueError
from devstate_client.exceptions import ApiKeyError as ApiKeyError
from devstate_client.exceptions import ApiAttributeError as ApiAttributeError
from devstate_client.exceptions import ApiException as ApiException

# import models into sdk package
from devstate_client.models.acquire_lock_request import AcquireLockRequest as AcquireLockRequest
from devstate_client.models.active_key import ActiveKey as ActiveKey
from devstate_client.models.append_request import AppendRequest as AppendRequest
from devstate_client.models.append_result import AppendResult as AppendResult
from devstate_client.models.consistency_proof import ConsistencyProof as ConsistencyProof
from devstate_client.models.disconnected_event import DisconnectedEvent as DisconnectedEvent
from devstate_client.models.entry_event import EntryEvent as EntryEvent
from devstate_client.models.export_files import ExportFiles as ExportFiles
from devstate_client.models.export_files_files import ExportFilesFiles as ExportFilesFiles
from devstate_client.models.health import Health as Health
from devstate_client.models.history_entry import HistoryEntry as HistoryEntry
from devstate_client.models.history_page import HistoryPage as HistoryPage
from devstate_client.models.import_files import ImportFiles as ImportFiles
from devstate_client.models.import_files_files import ImportFilesFiles as ImportFilesFiles
from devstate_client.models.import_result import ImportResult as ImportResult
from devstate_client.models.imported_head import ImportedHead as ImportedHead
from devstate_client.models.inclusion_proof import InclusionProof as InclusionProof
from devstate_client.models.lock import Lock as Lock
from devstate_client.models.lock_event import LockEvent as LockEvent
from devstate_client.models.lock_holder import LockHolder as LockHolder
from devstate_client.models.lock_list import LockList as LockList
from devstate_client.models.log_key import LogKey as LogKey
from devstate_client.models.log_position import LogPosition as LogPosition
from devstate_client.models.problem import Problem as Problem
from devstate_client.models.problem_error import ProblemError as ProblemError
from devstate_client.models.project_page import ProjectPage as ProjectPage
from devstate_client.models.project_summary import ProjectSummary as ProjectSummary
from devstate_client.models.project_summary_head import ProjectSummaryHead as ProjectSummaryHead
from devstate_client.models.project_summary_state import ProjectSummaryState as ProjectSummaryState
from devstate_client.models.renew_lock_request import RenewLockRequest as RenewLockRequest
from devstate_client.models.rotate_key_request import RotateKeyRequest as RotateKeyRequest
from devstate_client.models.rotation_result import RotationResult as RotationResult
from devstate_client.models.state_event import StateEvent as StateEvent
from devstate_client.models.state_update_result import StateUpdateResult as StateUpdateResult
from devstate_client.models.state_view import StateView as StateView
from devstate_client.models.tombstone_result import TombstoneResult as TombstoneResult
from devstate_client.models.verified_head import VerifiedHead as VerifiedHead
from devstate_client.models.verify_failure import VerifyFailure as VerifyFailure
from devstate_client.models.verify_result import VerifyResult as VerifyResult

