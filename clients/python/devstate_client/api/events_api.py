"""
    DevState API

    DevState is the State & Audit service for development projects. For each project it keeps the state document (exported as `.trae/state.json`) and an append-only audit history (exported as `.trae/history.json`) in PostgreSQL, the source of truth.  **The history chain.** Every history entry has a per-project `seq` (1, 2, 3, ... without gaps) and is sealed with `hmac`: the lowercase hex HMAC-SHA256, under the key named by `kid`, of the RFC 8785 (JCS) canonical JSON of an object with exactly the members `project`, `seq`, `ts`, `actor`, `action`, `cp_from`, `cp_to`, `state_checksum`, `metadata`, `kid` and `hmac_prev` (absent values are JSON `null`). `project` is the name of the project the chain belongs to: it is signed, so a chain cannot be moved to another project, but it is not repeated inside exported entries (it is the `project` member of `.trae/history.json`). `hmac_prev` is the `hmac` of the previous entry (64 zeros for `seq` 1), so changing, removing or reordering any entry breaks every link after it. Nothing is ever deleted: a tombstone is a new entry pointing at its target. `GET /v1/devstate/verify` recomputes the chain. The complete rule, with test vectors, is `docs/CHAIN.md`. New entries are signed with the active key (`getActiveKey`), which is shared by every replica and changed with `rotateKey`; older entries keep verifying under their own `kid` as long as its secret stays configured.  **Conventions.** Every `/v1` route except `getActiveKey` takes the optional `project` query parameter (default `default`). Timestamps the service writes are UTC RFC 3339 with exactly six fraction digits (`2026-11-25T10:00:00.123456Z`). Response bodies always contain every member of their schema; members without a value are written as `null`. Unknown members in request bodies are ignored. The state document carries an `ETag` (its quoted checksum) for conditional reads and writes.  **Authentication.** Send `Authorization: Bearer <token>` (security scheme `bearerAuth`; the scheme name is case-insensitive). Tokens are configured on the server: `DEVSTATE_API_TOKEN` is the token of the built-in principal `admin` (role `admin`), and `DEVSTATE_TOKENS_FILE` names a file of lines `<name> <viewer|writer|admin> <sha256 hex of the token>` (the server holds only the hashes). A token's name is its principal. Each role includes the ones above it in this table:  | role | operations | |---|---| | `viewer` | `getState`, `searchHistory`, `getHistoryEntry`, `verifyChain`, `listLocks`, `exportFiles`, `getActiveKey` | | `writer` | the above, and `updateState`, `replaceState`, `appendHistory`, `tombstoneHistoryEntry`, `acquireLock`, `renewLock`, `releaseLock` | | `admin` | all of the above, and `importFiles`, `rotateKey` |  Each operation names its role in `x-devstate-role`. Reads are anonymous by default: a request without `Authorization` is the principal `anonymous` with the `viewer` role, so reads declare `security: [{}, {bearerAuth: []}]` (token optional) and an operation that needs `writer` or `admin` answers such a request with `401` (authenticate first). With `DEVSTATE_PROTECT_READS=true`, a request without a token is not authenticated at all and every `/v1` operation answers it with `401`. An `Authorization` header that is not a valid bearer token (unknown token, another scheme, nothing after `Bearer`) is `401` on every `/v1` operation, reads included, with `WWW-Authenticate: Bearer` and the same `detail` whatever was wrong. A valid token whose role is too low is `403`.  **Open mode.** When neither `DEVSTATE_API_TOKEN` nor `DEVSTATE_TOKENS_FILE` is set, the server runs open and logs a warning at startup: the `Authorization` header is ignored, every caller is `anonymous` with every role, and no operation answers `401` or `403`. Use it only where every client that can reach the port is trusted. `GET /health` and Quarkus's `/q/*` routes never need a token.  **Rate limits.** Token buckets per principal, or per client address for `anonymous` callers (every caller in open mode): every `POST`, `PUT` and `DELETE` under `/v1` draws on a budget of 120 requests per minute (`DEVSTATE_RATE_LIMIT_MUTATING`), `verifyChain` on its own budget of 600 per minute (`DEVSTATE_RATE_LIMIT_VERIFY`); other reads are not limited. A budget allows bursts of its full size and refills continuously. A request over budget is `429` with `Retry-After`, the whole seconds (at least 1) until it would be accepted. Budgets live in each replica's memory, so N replicas accept up to N times the limit; the client address is the connection's peer (behind a reverse proxy, the proxy's, unless forwarded headers are enabled in Quarkus). `DEVSTATE_RATE_LIMIT_ENABLED=false` turns the limits off.  **Audit principal and masking.** Every entry DevState appends for a request (`appendHistory`, `updateState`, `replaceState`, `tombstoneHistoryEntry`, `rotateKey`) carries `metadata.principal`: the name of the token that authenticated the request, or `anonymous` (open mode). The server sets it after reading the client's metadata, so a client-supplied top-level `principal` is overwritten, and it is part of the signed message: unlike `actor`, which is what the client claims, it cannot be changed without breaking the chain. Before signing, the value of every metadata member named `token`, `access_token`, `refresh_token`, `secret`, `password`, `api_key` or `authorization` (compared case-insensitively, at any depth, inside arrays too; the list is `DEVSTATE_MASKED_KEYS`) is replaced by the string `\"[MASKED]\"` (a `null` value stays `null`); the original value is never stored. Imported entries are stored exactly as signed, and entries written before this version have no `principal`.  **Errors.** Failures are RFC 9457 problem documents (`application/problem+json`, schema `Problem`). Every operation lists `406` (`Accept` does not admit `application/json`), `411` (except `importFiles`), `413` (see *Request bodies*) and `500`, and every `/v1` operation `503` when the database cannot be reached in time (see *Consistency and retries*); besides those, a path the contract does not name answers `404` and a method a path does not have answers `405`. A value that slipped past validation and is refused by the database (SQLSTATE class 22) is a `422` without `field`.  **Consistency and retries.** Every replica reads and writes the same PostgreSQL; a replica may answer state reads from its cache, which a committed write on any replica invalidates within the notification delay (typically milliseconds) and which is not used at all while the replica cannot confirm that its notification channel is live (its last confirmed round trip is older than `DEVSTATE_CACHE_STALENESS_BOUND`, 2 s by default). For read-your-writes across replicas, send the `version` (or `seq`) of your own last write as `DevState-Min-Version` (or `DevState-Min-Seq`): the read then returns that write or a later one. Send an `Idempotency-Key` with writes you may retry. A `503` (database unreachable in time, with `Retry-After`) acknowledges nothing; the write may still have been committed, which a retry with the same `Idempotency-Key` resolves without writing twice.  **Request bodies.** A request whose `Content-Length` is larger than the limit is refused with `413` before its body is read, on any route: 64 MiB (`DEVSTATE_MAX_IMPORT_BYTES`, default 67108864) for `POST /v1/devstate/import`, 1 MiB (`DEVSTATE_MAX_BODY_BYTES`, default 1048576) for every other route. Every route except `POST /v1/devstate/import` refuses an HTTP/1.1 body sent chunked (`Transfer-Encoding`, no `Content-Length`) with `411`; on import such a body is only cut by the HTTP layer's limit of 64 MiB, with a bare `413`. A request body without a `Content-Type` is read as JSON. JSON request bodies may nest objects and arrays at most 32 levels deep (the body itself is level 1); deeper is `400`, as is malformed JSON or JSON whose type does not fit the request schema (for example an object where a string is expected). JSON carried in headers, query parameters or imported file texts may nest up to 40 levels. 

    The version of the OpenAPI document: 0.1.0
    Generated by OpenAPI Generator (https://openapi-generator.tech)

    Do not edit the class manually.
"""  # noqa: E501


import warnings
from pydantic import validate_call, Field, StrictFloat, StrictStr, StrictInt
from typing import Any, Dict, List, Optional, Tuple, Union
from typing_extensions import Annotated

from pydantic import Field, StrictStr, field_validator
from typing import Optional
from typing_extensions import Annotated

from devstate_client.api_client import ApiClient, RequestSerialized
from devstate_client.api_response import ApiResponse
from devstate_client.rest import RESTResponseType


class EventsApi:
    """NOTE: This class is auto generated by OpenAPI Generator
    Ref: https://openapi-generator.tech

    Do not edit the class manually.
    """

    def __init__(self, api_client=None) -> None:
        if api_client is None:
            api_client = ApiClient.get_default()
        self.api_client = api_client


    @validate_call
    def stream_events(
        self,
        project: Annotated[Optional[Annotated[str, Field(strict=True)]], Field(description="Project name; absent or empty means `default`. `*` is every project's feed, for the `admin` role only (`401` without a token, `403` with a lesser one): live only, from when it is opened, nothing replayed, so its events carry no `id:` and `after` or `Last-Event-ID` with it is `400`. Anything else not matching the pattern gives `400` with `field: project`. ")] = None,
        after: Annotated[Optional[Annotated[int, Field(strict=True, ge=0)]], Field(description="Start after this seq (default 0); not an integer ≥ 0 is `400` with `field: after`.")] = None,
        last_event_id: Annotated[Optional[Annotated[int, Field(strict=True, ge=0)]], Field(description="The `id` of the last event the client has; wins over `after`. Not an integer ≥ 0 is `400`.")] = None,
        _request_timeout: Union[
            None,
            Annotated[StrictFloat, Field(gt=0)],
            Tuple[
                Annotated[StrictFloat, Field(gt=0)],
                Annotated[StrictFloat, Field(gt=0)]
            ]
        ] = None,
        _request_auth: Optional[Dict[StrictStr, Any]] = None,
        _content_type: Optional[StrictStr] = None,
        _headers: Optional[Dict[StrictStr, Any]] = None,
        _host_index: Annotated[StrictInt, Field(ge=0, le=0)] = 0,
    ) -> str:
        """The project's change feed (Server-Sent Events)

        A `text/event-stream` that stays open: one `entry` event per committed history entry of the project, in `seq` order, whichever replica wrote it (every replica LISTENs for the commits of all of them). Each event has `id:` = the entry's `seq` and `data:` = an `EntryEvent` (a summary: read the entry itself with `GET /history/{seq}`). The stream starts after `Last-Event-ID` (what a browser's `EventSource` sends when it reconnects) or `after`, default 0 (the whole history, then the live tail): every entry once, without gaps, also when the client was away for long (what it missed is read from the database). Other events carry no `id:`, so `Last-Event-ID` is always the last entry a client has: `state` (a `StateEvent`: the state version and checksum an `update_state` entry made) comes immediately before that entry's `entry` event, also when it is read back from the database, so a resume never misses or repeats it; `lock` (a `LockEvent`: a lock acquired, released or expired) is live only, sent when it happens and never replayed (`GET /locks` has the holders); `disconnected` (a `DisconnectedEvent`) is the last event of a feed the service ends. A comment line (`: heartbeat`) every `DEVSTATE_EVENTS_HEARTBEAT` (15 s) keeps proxies from closing it. A subscriber more than `DEVSTATE_EVENTS_MAX_BUFFERED` (4096) entries behind the live tail (it stopped reading) is disconnected: the service holds at most a page of events for it, sends `disconnected` (reason `too-slow`) and ends the stream; it resumes with `Last-Event-ID`. Opening a feed draws from the caller's `DEVSTATE_RATE_LIMIT_SUBSCRIBE` budget (60 per minute); a principal may keep `DEVSTATE_EVENTS_MAX_PER_PRINCIPAL` (16) feeds open per replica; beyond either is `429`.  `project=*` (admin only) is every project's feed: the `entry`, `state` and `lock` events of all projects from the moment it is opened, each project's in `seq` order, projects interleaved as their commits are seen; no `id:` (there is nothing to resume: after a reconnect, `GET /projects` has every project's head). A subscriber more than `DEVSTATE_EVENTS_MAX_BUFFERED` events behind is disconnected as above. 

        :param project: Project name; absent or empty means `default`. `*` is every project's feed, for the `admin` role only (`401` without a token, `403` with a lesser one): live only, from when it is opened, nothing replayed, so its events carry no `id:` and `after` or `Last-Event-ID` with it is `400`. Anything else not matching the pattern gives `400` with `field: project`. 
        :type project: str
        :param after: Start after this seq (default 0); not an integer ≥ 0 is `400` with `field: after`.
        :type after: int
        :param last_event_id: The `id` of the last event the client has; wins over `after`. Not an integer ≥ 0 is `400`.
        :type last_event_id: int
        :param _request_timeout: timeout setting for this request. If one
                                 number provided, it will be total request
                                 timeout. It can also be a pair (tuple) of
                                 (connection, read) timeouts.
        :type _request_timeout: int, tuple(int, int), optional
        :param _request_auth: set to override the auth_settings for an a single
                              request; this effectively ignores the
                              authentication in the spec for a single request.
        :type _request_auth: dict, optional
        :param _content_type: force content-type for the request.
        :type _content_type: str, Optional
        :param _headers: set to override the headers for a single
                         request; this effectively ignores the headers
                         in the spec for a single request.
        :type _headers: dict, optional
        :param _host_index: set to override the host_index for a single
                            request; this effectively ignores the host_index
                            in the spec for a single request.
        :type _host_index: int, optional
        :return: Returns the result object.
        """ # noqa: E501

        _param = self._stream_events_serialize(
            project=project,
            after=after,
            last_event_id=last_event_id,
            _request_auth=_request_auth,
            _content_type=_content_type,
            _headers=_headers,
            _host_index=_host_index
        )

        _response_types_map: Dict[str, Optional[str]] = {
            '200': "str",
            '400': "Problem",
            '401': "Problem",
            '403': "Problem",
            '406': "Problem",
            '411': "Problem",
            '413': "Problem",
            '414': "Problem",
            '421': "Problem",
            '429': "Problem",
            '431': "Problem",
            '500': "Problem",
            '503': "Problem",
        }
        response_data = self.api_client.call_api(
            *_param,
            _request_timeout=_request_timeout
        )
        response_data.read()
        return self.api_client.response_deserialize(
            response_data=response_data,
            response_types_map=_response_types_map,
        ).data


    @validate_call
    def stream_events_with_http_info(
        self,
        project: Annotated[Optional[Annotated[str, Field(strict=True)]], Field(description="Project name; absent or empty means `default`. `*` is every project's feed, for the `admin` role only (`401` without a token, `403` with a lesser one): live only, from when it is opened, nothing replayed, so its events carry no `id:` and `after` or `Last-Event-ID` with it is `400`. Anything else not matching the pattern gives `400` with `field: project`. ")] = None,
        after: Annotated[Optional[Annotated[int, Field(strict=True, ge=0)]], Field(description="Start after this seq (default 0); not an integer ≥ 0 is `400` with `field: after`.")] = None,
        last_event_id: Annotated[Optional[Annotated[int, Field(strict=True, ge=0)]], Field(description="The `id` of the last event the client has; wins over `after`. Not an integer ≥ 0 is `400`.")] = None,
        _request_timeout: Union[
            None,
            Annotated[StrictFloat, Field(gt=0)],
            Tuple[
                Annotated[StrictFloat, Field(gt=0)],
                Annotated[StrictFloat, Field(gt=0)]
            ]
        ] = None,
        _request_auth: Optional[Dict[StrictStr, Any]] = None,
        _content_type: Optional[StrictStr] = None,
        _headers: Optional[Dict[StrictStr, Any]] = None,
        _host_index: Annotated[StrictInt, Field(ge=0, le=0)] = 0,
    ) -> ApiResponse[str]:
        """The project's change feed (Server-Sent Events)

        A `text/event-stream` that stays open: one `entry` event per committed history entry of the project, in `seq` order, whichever replica wrote it (every replica LISTENs for the commits of all of them). Each event has `id:` = the entry's `seq` and `data:` = an `EntryEvent` (a summary: read the entry itself with `GET /history/{seq}`). The stream starts after `Last-Event-ID` (what a browser's `EventSource` sends when it reconnects) or `after`, default 0 (the whole history, then the live tail): every entry once, without gaps, also when the client was away for long (what it missed is read from the database). Other events carry no `id:`, so `Last-Event-ID` is always the last entry a client has: `state` (a `StateEvent`: the state version and checksum an `update_state` entry made) comes immediately before that entry's `entry` event, also when it is read back from the database, so a resume never misses or repeats it; `lock` (a `LockEvent`: a lock acquired, released or expired) is live only, sent when it happens and never replayed (`GET /locks` has the holders); `disconnected` (a `DisconnectedEvent`) is the last event of a feed the service ends. A comment line (`: heartbeat`) every `DEVSTATE_EVENTS_HEARTBEAT` (15 s) keeps proxies from closing it. A subscriber more than `DEVSTATE_EVENTS_MAX_BUFFERED` (4096) entries behind the live tail (it stopped reading) is disconnected: the service holds at most a page of events for it, sends `disconnected` (reason `too-slow`) and ends the stream; it resumes with `Last-Event-ID`. Opening a feed draws from the caller's `DEVSTATE_RATE_LIMIT_SUBSCRIBE` budget (60 per minute); a principal may keep `DEVSTATE_EVENTS_MAX_PER_PRINCIPAL` (16) feeds open per replica; beyond either is `429`.  `project=*` (admin only) is every project's feed: the `entry`, `state` and `lock` events of all projects from the moment it is opened, each project's in `seq` order, projects interleaved as their commits are seen; no `id:` (there is nothing to resume: after a reconnect, `GET /projects` has every project's head). A subscriber more than `DEVSTATE_EVENTS_MAX_BUFFERED` events behind is disconnected as above. 

        :param project: Project name; absent or empty means `default`. `*` is every project's feed, for the `admin` role only (`401` without a token, `403` with a lesser one): live only, from when it is opened, nothing replayed, so its events carry no `id:` and `after` or `Last-Event-ID` with it is `400`. Anything else not matching the pattern gives `400` with `field: project`. 
        :type project: str
        :param after: Start after this seq (default 0); not an integer ≥ 0 is `400` with `field: after`.
        :type after: int
        :param last_event_id: The `id` of the last event the client has; wins over `after`. Not an integer ≥ 0 is `400`.
        :type last_event_id: int
        :param _request_timeout: timeout setting for this request. If one
                                 number provided, it will be total request
                                 timeout. It can also be a pair (tuple) of
                                 (connection, read) timeouts.
        :type _request_timeout: int, tuple(int, int), optional
        :param _request_auth: set to override the auth_settings for an a single
                              request; this effectively ignores the
                              authentication in the spec for a single request.
        :type _request_auth: dict, optional
        :param _content_type: force content-type for the request.
        :type _content_type: str, Optional
        :param _headers: set to override the headers for a single
                         request; this effectively ignores the headers
                         in the spec for a single request.
        :type _headers: dict, optional
        :param _host_index: set to override the host_index for a single
                            request; this effectively ignores the host_index
                            in the spec for a single request.
        :type _host_index: int, optional
        :return: Returns the result object.
        """ # noqa: E501

        _param = self._stream_events_serialize(
            project=project,
            after=after,
            last_event_id=last_event_id,
            _request_auth=_request_auth,
            _content_type=_content_type,
            _headers=_headers,
            _host_index=_host_index
        )

        _response_types_map: Dict[str, Optional[str]] = {
            '200': "str",
            '400': "Problem",
            '401': "Problem",
            '403': "Problem",
            '406': "Problem",
            '411': "Problem",
            '413': "Problem",
            '414': "Problem",
            '421': "Problem",
            '429': "Problem",
            '431': "Problem",
            '500': "Problem",
            '503': "Problem",
        }
        response_data = self.api_client.call_api(
            *_param,
            _request_timeout=_request_timeout
        )
        response_data.read()
        return self.api_client.response_deserialize(
            response_data=response_data,
            response_types_map=_response_types_map,
        )


    @validate_call
    def stream_events_without_preload_content(
        self,
        project: Annotated[Optional[Annotated[str, Field(strict=True)]], Field(description="Project name; absent or empty means `default`. `*` is every project's feed, for the `admin` role only (`401` without a token, `403` with a lesser one): live only, from when it is opened, nothing replayed, so its events carry no `id:` and `after` or `Last-Event-ID` with it is `400`. Anything else not matching the pattern gives `400` with `field: project`. ")] = None,
        after: Annotated[Optional[Annotated[int, Field(strict=True, ge=0)]], Field(description="Start after this seq (default 0); not an integer ≥ 0 is `400` with `field: after`.")] = None,
        last_event_id: Annotated[Optional[Annotated[int, Field(strict=True, ge=0)]], Field(description="The `id` of the last event the client has; wins over `after`. Not an integer ≥ 0 is `400`.")] = None,
        _request_timeout: Union[
            None,
            Annotated[StrictFloat, Field(gt=0)],
            Tuple[
                Annotated[StrictFloat, Field(gt=0)],
                Annotated[StrictFloat, Field(gt=0)]
            ]
        ] = None,
        _request_auth: Optional[Dict[StrictStr, Any]] = None,
        _content_type: Optional[StrictStr] = None,
        _headers: Optional[Dict[StrictStr, Any]] = None,
        _host_index: Annotated[StrictInt, Field(ge=0, le=0)] = 0,
    ) -> RESTResponseType:
        """The project's change feed (Server-Sent Events)

        A `text/event-stream` that stays open: one `entry` event per committed history entry of the project, in `seq` order, whichever replica wrote it (every replica LISTENs for the commits of all of them). Each event has `id:` = the entry's `seq` and `data:` = an `EntryEvent` (a summary: read the entry itself with `GET /history/{seq}`). The stream starts after `Last-Event-ID` (what a browser's `EventSource` sends when it reconnects) or `after`, default 0 (the whole history, then the live tail): every entry once, without gaps, also when the client was away for long (what it missed is read from the database). Other events carry no `id:`, so `Last-Event-ID` is always the last entry a client has: `state` (a `StateEvent`: the state version and checksum an `update_state` entry made) comes immediately before that entry's `entry` event, also when it is read back from the database, so a resume never misses or repeats it; `lock` (a `LockEvent`: a lock acquired, released or expired) is live only, sent when it happens and never replayed (`GET /locks` has the holders); `disconnected` (a `DisconnectedEvent`) is the last event of a feed the service ends. A comment line (`: heartbeat`) every `DEVSTATE_EVENTS_HEARTBEAT` (15 s) keeps proxies from closing it. A subscriber more than `DEVSTATE_EVENTS_MAX_BUFFERED` (4096) entries behind the live tail (it stopped reading) is disconnected: the service holds at most a page of events for it, sends `disconnected` (reason `too-slow`) and ends the stream; it resumes with `Last-Event-ID`. Opening a feed draws from the caller's `DEVSTATE_RATE_LIMIT_SUBSCRIBE` budget (60 per minute); a principal may keep `DEVSTATE_EVENTS_MAX_PER_PRINCIPAL` (16) feeds open per replica; beyond either is `429`.  `project=*` (admin only) is every project's feed: the `entry`, `state` and `lock` events of all projects from the moment it is opened, each project's in `seq` order, projects interleaved as their commits are seen; no `id:` (there is nothing to resume: after a reconnect, `GET /projects` has every project's head). A subscriber more than `DEVSTATE_EVENTS_MAX_BUFFERED` events behind is disconnected as above. 

        :param project: Project name; absent or empty means `default`. `*` is every project's feed, for the `admin` role only (`401` without a token, `403` with a lesser one): live only, from when it is opened, nothing replayed, so its events carry no `id:` and `after` or `Last-Event-ID` with it is `400`. Anything else not matching the pattern gives `400` with `field: project`. 
        :type project: str
        :param after: Start after this seq (default 0); not an integer ≥ 0 is `400` with `field: after`.
        :type after: int
        :param last_event_id: The `id` of the last event the client has; wins over `after`. Not an integer ≥ 0 is `400`.
        :type last_event_id: int
        :param _request_timeout: timeout setting for this request. If one
                                 number provided, it will be total request
                                 timeout. It can also be a pair (tuple) of
                                 (connection, read) timeouts.
        :type _request_timeout: int, tuple(int, int), optional
        :param _request_auth: set to override the auth_settings for an a single
                              request; this effectively ignores the
                              authentication in the spec for a single request.
        :type _request_auth: dict, optional
        :param _content_type: force content-type for the request.
        :type _content_type: str, Optional
        :param _headers: set to override the headers for a single
                         request; this effectively ignores the headers
                         in the spec for a single request.
        :type _headers: dict, optional
        :param _host_index: set to override the host_index for a single
                            request; this effectively ignores the host_index
                            in the spec for a single request.
        :type _host_index: int, optional
        :return: Returns the result object.
        """ # noqa: E501

        _param = self._stream_events_serialize(
            project=project,
            after=after,
            last_event_id=last_event_id,
            _request_auth=_request_auth,
            _content_type=_content_type,
            _headers=_headers,
            _host_index=_host_index
        )

        _response_types_map: Dict[str, Optional[str]] = {
            '200': "str",
            '400': "Problem",
            '401': "Problem",
            '403': "Problem",
            '406': "Problem",
            '411': "Problem",
            '413': "Problem",
            '414': "Problem",
            '421': "Problem",
            '429': "Problem",
            '431': "Problem",
            '500': "Problem",
            '503': "Problem",
        }
        response_data = self.api_client.call_api(
            *_param,
            _request_timeout=_request_timeout
        )
        return response_data.response


    def _stream_events_serialize(
        self,
        project,
        after,
        last_event_id,
        _request_auth,
        _content_type,
        _headers,
        _host_index,
    ) -> RequestSerialized:

        _host = None

        _collection_formats: Dict[str, str] = {
        }

        _path_params: Dict[str, str] = {}
        _query_params: List[Tuple[str, str]] = []
        _header_params: Dict[str, Optional[str]] = _headers or {}
        _form_params: List[Tuple[str, str]] = []
        _files: Dict[
            str, Union[str, bytes, List[str], List[bytes], List[Tuple[str, bytes]]]
        ] = {}
        _body_params: Optional[bytes] = None

        # process the path parameters
        # process the query parameters
        if project is not None:
            
            _query_params.append(('project', project))
            
        if after is not None:
            
            _query_params.append(('after', after))
            
        # process the header parameters
        if last_event_id is not None:
            _header_params['Last-Event-ID'] = last_event_id
        # process the form parameters
        # process the body parameter


        # set the HTTP header `Accept`
        if 'Accept' not in _header_params:
            _header_params['Accept'] = self.api_client.select_header_accept(
                [
                    'text/event-stream', 
                    'application/problem+json'
                ]
            )


        # authentication setting
        _auth_settings: List[str] = [
            'bearerAuth'
        ]

        return self.api_client.param_serialize(
            method='GET',
            resource_path='/v1/devstate/events',
            path_params=_path_params,
            query_params=_query_params,
            header_params=_header_params,
            body=_body_params,
            post_params=_form_params,
            files=_files,
            auth_settings=_auth_settings,
            collection_formats=_collection_formats,
            _host=_host,
            _request_auth=_request_auth
        )


