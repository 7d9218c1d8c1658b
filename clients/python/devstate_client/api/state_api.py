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
from typing import Any, Dict, Optional
from typing_extensions import Annotated
from devstate_client.models.state_update_result import StateUpdateResult
from devstate_client.models.state_view import StateView

from devstate_client.api_client import ApiClient, RequestSerialized
from devstate_client.api_response import ApiResponse
from devstate_client.rest import RESTResponseType


class StateApi:
    """NOTE: This class is auto generated by OpenAPI Generator
    Ref: https://openapi-generator.tech

    Do not edit the class manually.
    """

    def __init__(self, api_client=None) -> None:
        if api_client is None:
            api_client = ApiClient.get_default()
        self.api_client = api_client


    @validate_call
    def get_state(
        self,
        project: Annotated[Optional[Annotated[str, Field(strict=True)]], Field(description="Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. ")] = None,
        dev_state_min_version: Annotated[Optional[Annotated[int, Field(strict=True, ge=1)]], Field(description="Read-your-writes across replicas: the lowest state `version` this read may return, usually the `version` of the caller's own last write. A replica whose cached copy is older reads the database instead. Above the project's current version (or when the project has no state) the answer is `412`. Not an integer from 1 to 9223372036854775807: `400` with `field: DevState-Min-Version`. ")] = None,
        if_none_match: Annotated[Optional[StrictStr], Field(description="Entity tags previously returned in `ETag` (list, `W/` and `*` as for `If-Match`); `304` while one of them names the current checksum. ")] = None,
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
    ) -> StateView:
        """Read the state document

        Returns the project's current state document with its checksum and version. The document is returned in canonical form: members in RFC 8785 order (sorted), numbers normalised. The `ETag` header carries the quoted checksum; send it back in `If-None-Match` to get `304` while it is unchanged. 

        :param project: Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. 
        :type project: str
        :param dev_state_min_version: Read-your-writes across replicas: the lowest state `version` this read may return, usually the `version` of the caller's own last write. A replica whose cached copy is older reads the database instead. Above the project's current version (or when the project has no state) the answer is `412`. Not an integer from 1 to 9223372036854775807: `400` with `field: DevState-Min-Version`. 
        :type dev_state_min_version: int
        :param if_none_match: Entity tags previously returned in `ETag` (list, `W/` and `*` as for `If-Match`); `304` while one of them names the current checksum. 
        :type if_none_match: str
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

        _param = self._get_state_serialize(
            project=project,
            dev_state_min_version=dev_state_min_version,
            if_none_match=if_none_match,
            _request_auth=_request_auth,
            _content_type=_content_type,
            _headers=_headers,
            _host_index=_host_index
        )

        _response_types_map: Dict[str, Optional[str]] = {
            '200': "StateView",
            '304': None,
            '400': "Problem",
            '401': "Problem",
            '403': "Problem",
            '404': "Problem",
            '406': "Problem",
            '411': "Problem",
            '412': "Problem",
            '413': "Problem",
            '414': "Problem",
            '421': "Problem",
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
    def get_state_with_http_info(
        self,
        project: Annotated[Optional[Annotated[str, Field(strict=True)]], Field(description="Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. ")] = None,
        dev_state_min_version: Annotated[Optional[Annotated[int, Field(strict=True, ge=1)]], Field(description="Read-your-writes across replicas: the lowest state `version` this read may return, usually the `version` of the caller's own last write. A replica whose cached copy is older reads the database instead. Above the project's current version (or when the project has no state) the answer is `412`. Not an integer from 1 to 9223372036854775807: `400` with `field: DevState-Min-Version`. ")] = None,
        if_none_match: Annotated[Optional[StrictStr], Field(description="Entity tags previously returned in `ETag` (list, `W/` and `*` as for `If-Match`); `304` while one of them names the current checksum. ")] = None,
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
    ) -> ApiResponse[StateView]:
        """Read the state document

        Returns the project's current state document with its checksum and version. The document is returned in canonical form: members in RFC 8785 order (sorted), numbers normalised. The `ETag` header carries the quoted checksum; send it back in `If-None-Match` to get `304` while it is unchanged. 

        :param project: Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. 
        :type project: str
        :param dev_state_min_version: Read-your-writes across replicas: the lowest state `version` this read may return, usually the `version` of the caller's own last write. A replica whose cached copy is older reads the database instead. Above the project's current version (or when the project has no state) the answer is `412`. Not an integer from 1 to 9223372036854775807: `400` with `field: DevState-Min-Version`. 
        :type dev_state_min_version: int
        :param if_none_match: Entity tags previously returned in `ETag` (list, `W/` and `*` as for `If-Match`); `304` while one of them names the current checksum. 
        :type if_none_match: str
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

        _param = self._get_state_serialize(
            project=project,
            dev_state_min_version=dev_state_min_version,
            if_none_match=if_none_match,
            _request_auth=_request_auth,
            _content_type=_content_type,
            _headers=_headers,
            _host_index=_host_index
        )

        _response_types_map: Dict[str, Optional[str]] = {
            '200': "StateView",
            '304': None,
            '400': "Problem",
            '401': "Problem",
            '403': "Problem",
            '404': "Problem",
            '406': "Problem",
            '411': "Problem",
            '412': "Problem",
            '413': "Problem",
            '414': "Problem",
            '421': "Problem",
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
    def get_state_without_preload_content(
        self,
        project: Annotated[Optional[Annotated[str, Field(strict=True)]], Field(description="Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. ")] = None,
        dev_state_min_version: Annotated[Optional[Annotated[int, Field(strict=True, ge=1)]], Field(description="Read-your-writes across replicas: the lowest state `version` this read may return, usually the `version` of the caller's own last write. A replica whose cached copy is older reads the database instead. Above the project's current version (or when the project has no state) the answer is `412`. Not an integer from 1 to 9223372036854775807: `400` with `field: DevState-Min-Version`. ")] = None,
        if_none_match: Annotated[Optional[StrictStr], Field(description="Entity tags previously returned in `ETag` (list, `W/` and `*` as for `If-Match`); `304` while one of them names the current checksum. ")] = None,
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
        """Read the state document

        Returns the project's current state document with its checksum and version. The document is returned in canonical form: members in RFC 8785 order (sorted), numbers normalised. The `ETag` header carries the quoted checksum; send it back in `If-None-Match` to get `304` while it is unchanged. 

        :param project: Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. 
        :type project: str
        :param dev_state_min_version: Read-your-writes across replicas: the lowest state `version` this read may return, usually the `version` of the caller's own last write. A replica whose cached copy is older reads the database instead. Above the project's current version (or when the project has no state) the answer is `412`. Not an integer from 1 to 9223372036854775807: `400` with `field: DevState-Min-Version`. 
        :type dev_state_min_version: int
        :param if_none_match: Entity tags previously returned in `ETag` (list, `W/` and `*` as for `If-Match`); `304` while one of them names the current checksum. 
        :type if_none_match: str
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

        _param = self._get_state_serialize(
            project=project,
            dev_state_min_version=dev_state_min_version,
            if_none_match=if_none_match,
            _request_auth=_request_auth,
            _content_type=_content_type,
            _headers=_headers,
            _host_index=_host_index
        )

        _response_types_map: Dict[str, Optional[str]] = {
            '200': "StateView",
            '304': None,
            '400': "Problem",
            '401': "Problem",
            '403': "Problem",
            '404': "Problem",
            '406': "Problem",
            '411': "Problem",
            '412': "Problem",
            '413': "Problem",
            '414': "Problem",
            '421': "Problem",
            '431': "Problem",
            '500': "Problem",
            '503': "Problem",
        }
        response_data = self.api_client.call_api(
            *_param,
            _request_timeout=_request_timeout
        )
        return response_data.response


    def _get_state_serialize(
        self,
        project,
        dev_state_min_version,
        if_none_match,
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
            
        # process the header parameters
        if dev_state_min_version is not None:
            _header_params['DevState-Min-Version'] = dev_state_min_version
        if if_none_match is not None:
            _header_params['If-None-Match'] = if_none_match
        # process the form parameters
        # process the body parameter


        # set the HTTP header `Accept`
        if 'Accept' not in _header_params:
            _header_params['Accept'] = self.api_client.select_header_accept(
                [
                    'application/json', 
                    'application/problem+json'
                ]
            )


        # authentication setting
        _auth_settings: List[str] = [
            'bearerAuth'
        ]

        return self.api_client.param_serialize(
            method='GET',
            resource_path='/v1/devstate/state',
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




    @validate_call
    def replace_state(
        self,
        request_body: Dict[str, Any],
        project: Annotated[Optional[Annotated[str, Field(strict=True)]], Field(description="Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. ")] = None,
        idempotency_key: Annotated[Optional[Annotated[str, Field(min_length=1, strict=True, max_length=255)]], Field(description="Makes a retried write safe: the first request with this key (per project) is written and its answer kept for `DEVSTATE_IDEMPOTENCY_TTL` (24 hours by default); a request with the same key and the same body, headers and principal within that time answers the kept result with `Idempotent-Replayed: true` and writes nothing. The same key with a different request is `422` with `field: Idempotency-Key`. 1 to 255 printable ASCII characters (a UUID is a good choice); anything else is `400` with `field: Idempotency-Key`. ")] = None,
        if_match: Annotated[Optional[StrictStr], Field(description="Entity tags of the state as returned in `ETag` (a comma-separated list; `W/` tags compare like strong ones; `*` matches any existing state). The write happens only if one of them names the current checksum; otherwise, or when the project has no state yet, `412`. ")] = None,
        dev_state_lock: Annotated[Optional[StrictStr], Field(description="Any string. While an unexpired lock holds scope `state` of the project, the write is accepted only if this is exactly that lock's `lock_id` (lowercase UUID text); otherwise (absent or different) `423` with `holder`. Ignored while scope `state` is free. ")] = None,
        dev_state_actor: Annotated[Optional[Annotated[str, Field(strict=True, max_length=200)]], Field(description="The `actor` of the history entry this write appends, trimmed. Absent or blank means `api`. Longer than 200 characters (or containing U+0000) gives `422` with `field: actor`. ")] = None,
        dev_state_metadata: Annotated[Optional[StrictStr], Field(description="The text of a JSON object (UTF-8), recorded as the history entry's `metadata` (stored in canonical form), after masking and with `principal` set by the server (see the API description). Anything else, including malformed JSON or nesting deeper than 40 levels, gives `400` with `field: DevState-Metadata`. Declared as a string so that clients send the text as given; send it compact, on one line. ")] = None,
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
    ) -> StateUpdateResult:
        """Replace the state document

        Replaces the whole document with the body (a JSON object; `422` otherwise, an empty body or `null` is `400`). Only `application/json` is accepted (`application/merge-patch+json` is `415` here). Validation, conditional headers, the lock check and the `update_state` history entry work as for `updateState`. 

        :param request_body: (required)
        :type request_body: Dict[str, object]
        :param project: Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. 
        :type project: str
        :param idempotency_key: Makes a retried write safe: the first request with this key (per project) is written and its answer kept for `DEVSTATE_IDEMPOTENCY_TTL` (24 hours by default); a request with the same key and the same body, headers and principal within that time answers the kept result with `Idempotent-Replayed: true` and writes nothing. The same key with a different request is `422` with `field: Idempotency-Key`. 1 to 255 printable ASCII characters (a UUID is a good choice); anything else is `400` with `field: Idempotency-Key`. 
        :type idempotency_key: str
        :param if_match: Entity tags of the state as returned in `ETag` (a comma-separated list; `W/` tags compare like strong ones; `*` matches any existing state). The write happens only if one of them names the current checksum; otherwise, or when the project has no state yet, `412`. 
        :type if_match: str
        :param dev_state_lock: Any string. While an unexpired lock holds scope `state` of the project, the write is accepted only if this is exactly that lock's `lock_id` (lowercase UUID text); otherwise (absent or different) `423` with `holder`. Ignored while scope `state` is free. 
        :type dev_state_lock: str
        :param dev_state_actor: The `actor` of the history entry this write appends, trimmed. Absent or blank means `api`. Longer than 200 characters (or containing U+0000) gives `422` with `field: actor`. 
        :type dev_state_actor: str
        :param dev_state_metadata: The text of a JSON object (UTF-8), recorded as the history entry's `metadata` (stored in canonical form), after masking and with `principal` set by the server (see the API description). Anything else, including malformed JSON or nesting deeper than 40 levels, gives `400` with `field: DevState-Metadata`. Declared as a string so that clients send the text as given; send it compact, on one line. 
        :type dev_state_metadata: str
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

        _param = self._replace_state_serialize(
            request_body=request_body,
            project=project,
            idempotency_key=idempotency_key,
            if_match=if_match,
            dev_state_lock=dev_state_lock,
            dev_state_actor=dev_state_actor,
            dev_state_metadata=dev_state_metadata,
            _request_auth=_request_auth,
            _content_type=_content_type,
            _headers=_headers,
            _host_index=_host_index
        )

        _response_types_map: Dict[str, Optional[str]] = {
            '200': "StateUpdateResult",
            '400': "Problem",
            '401': "Problem",
            '403': "Problem",
            '406': "Problem",
            '408': "Problem",
            '411': "Problem",
            '412': "Problem",
            '413': "Problem",
            '414': "Problem",
            '415': "Problem",
            '421': "Problem",
            '422': "Problem",
            '423': "Problem",
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
    def replace_state_with_http_info(
        self,
        request_body: Dict[str, Any],
        project: Annotated[Optional[Annotated[str, Field(strict=True)]], Field(description="Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. ")] = None,
        idempotency_key: Annotated[Optional[Annotated[str, Field(min_length=1, strict=True, max_length=255)]], Field(description="Makes a retried write safe: the first request with this key (per project) is written and its answer kept for `DEVSTATE_IDEMPOTENCY_TTL` (24 hours by default); a request with the same key and the same body, headers and principal within that time answers the kept result with `Idempotent-Replayed: true` and writes nothing. The same key with a different request is `422` with `field: Idempotency-Key`. 1 to 255 printable ASCII characters (a UUID is a good choice); anything else is `400` with `field: Idempotency-Key`. ")] = None,
        if_match: Annotated[Optional[StrictStr], Field(description="Entity tags of the state as returned in `ETag` (a comma-separated list; `W/` tags compare like strong ones; `*` matches any existing state). The write happens only if one of them names the current checksum; otherwise, or when the project has no state yet, `412`. ")] = None,
        dev_state_lock: Annotated[Optional[StrictStr], Field(description="Any string. While an unexpired lock holds scope `state` of the project, the write is accepted only if this is exactly that lock's `lock_id` (lowercase UUID text); otherwise (absent or different) `423` with `holder`. Ignored while scope `state` is free. ")] = None,
        dev_state_actor: Annotated[Optional[Annotated[str, Field(strict=True, max_length=200)]], Field(description="The `actor` of the history entry this write appends, trimmed. Absent or blank means `api`. Longer than 200 characters (or containing U+0000) gives `422` with `field: actor`. ")] = None,
        dev_state_metadata: Annotated[Optional[StrictStr], Field(description="The text of a JSON object (UTF-8), recorded as the history entry's `metadata` (stored in canonical form), after masking and with `principal` set by the server (see the API description). Anything else, including malformed JSON or nesting deeper than 40 levels, gives `400` with `field: DevState-Metadata`. Declared as a string so that clients send the text as given; send it compact, on one line. ")] = None,
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
    ) -> ApiResponse[StateUpdateResult]:
        """Replace the state document

        Replaces the whole document with the body (a JSON object; `422` otherwise, an empty body or `null` is `400`). Only `application/json` is accepted (`application/merge-patch+json` is `415` here). Validation, conditional headers, the lock check and the `update_state` history entry work as for `updateState`. 

        :param request_body: (required)
        :type request_body: Dict[str, object]
        :param project: Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. 
        :type project: str
        :param idempotency_key: Makes a retried write safe: the first request with this key (per project) is written and its answer kept for `DEVSTATE_IDEMPOTENCY_TTL` (24 hours by default); a request with the same key and the same body, headers and principal within that time answers the kept result with `Idempotent-Replayed: true` and writes nothing. The same key with a different request is `422` with `field: Idempotency-Key`. 1 to 255 printable ASCII characters (a UUID is a good choice); anything else is `400` with `field: Idempotency-Key`. 
        :type idempotency_key: str
        :param if_match: Entity tags of the state as returned in `ETag` (a comma-separated list; `W/` tags compare like strong ones; `*` matches any existing state). The write happens only if one of them names the current checksum; otherwise, or when the project has no state yet, `412`. 
        :type if_match: str
        :param dev_state_lock: Any string. While an unexpired lock holds scope `state` of the project, the write is accepted only if this is exactly that lock's `lock_id` (lowercase UUID text); otherwise (absent or different) `423` with `holder`. Ignored while scope `state` is free. 
        :type dev_state_lock: str
        :param dev_state_actor: The `actor` of the history entry this write appends, trimmed. Absent or blank means `api`. Longer than 200 characters (or containing U+0000) gives `422` with `field: actor`. 
        :type dev_state_actor: str
        :param dev_state_metadata: The text of a JSON object (UTF-8), recorded as the history entry's `metadata` (stored in canonical form), after masking and with `principal` set by the server (see the API description). Anything else, including malformed JSON or nesting deeper than 40 levels, gives `400` with `field: DevState-Metadata`. Declared as a string so that clients send the text as given; send it compact, on one line. 
        :type dev_state_metadata: str
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

        _param = self._replace_state_serialize(
            request_body=request_body,
            project=project,
            idempotency_key=idempotency_key,
            if_match=if_match,
            dev_state_lock=dev_state_lock,
            dev_state_actor=dev_state_actor,
            dev_state_metadata=dev_state_metadata,
            _request_auth=_request_auth,
            _content_type=_content_type,
            _headers=_headers,
            _host_index=_host_index
        )

        _response_types_map: Dict[str, Optional[str]] = {
            '200': "StateUpdateResult",
            '400': "Problem",
            '401': "Problem",
            '403': "Problem",
            '406': "Problem",
            '408': "Problem",
            '411': "Problem",
            '412': "Problem",
            '413': "Problem",
            '414': "Problem",
            '415': "Problem",
            '421': "Problem",
            '422': "Problem",
            '423': "Problem",
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
    def replace_state_without_preload_content(
        self,
        request_body: Dict[str, Any],
        project: Annotated[Optional[Annotated[str, Field(strict=True)]], Field(description="Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. ")] = None,
        idempotency_key: Annotated[Optional[Annotated[str, Field(min_length=1, strict=True, max_length=255)]], Field(description="Makes a retried write safe: the first request with this key (per project) is written and its answer kept for `DEVSTATE_IDEMPOTENCY_TTL` (24 hours by default); a request with the same key and the same body, headers and principal within that time answers the kept result with `Idempotent-Replayed: true` and writes nothing. The same key with a different request is `422` with `field: Idempotency-Key`. 1 to 255 printable ASCII characters (a UUID is a good choice); anything else is `400` with `field: Idempotency-Key`. ")] = None,
        if_match: Annotated[Optional[StrictStr], Field(description="Entity tags of the state as returned in `ETag` (a comma-separated list; `W/` tags compare like strong ones; `*` matches any existing state). The write happens only if one of them names the current checksum; otherwise, or when the project has no state yet, `412`. ")] = None,
        dev_state_lock: Annotated[Optional[StrictStr], Field(description="Any string. While an unexpired lock holds scope `state` of the project, the write is accepted only if this is exactly that lock's `lock_id` (lowercase UUID text); otherwise (absent or different) `423` with `holder`. Ignored while scope `state` is free. ")] = None,
        dev_state_actor: Annotated[Optional[Annotated[str, Field(strict=True, max_length=200)]], Field(description="The `actor` of the history entry this write appends, trimmed. Absent or blank means `api`. Longer than 200 characters (or containing U+0000) gives `422` with `field: actor`. ")] = None,
        dev_state_metadata: Annotated[Optional[StrictStr], Field(description="The text of a JSON object (UTF-8), recorded as the history entry's `metadata` (stored in canonical form), after masking and with `principal` set by the server (see the API description). Anything else, including malformed JSON or nesting deeper than 40 levels, gives `400` with `field: DevState-Metadata`. Declared as a string so that clients send the text as given; send it compact, on one line. ")] = None,
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
        """Replace the state document

        Replaces the whole document with the body (a JSON object; `422` otherwise, an empty body or `null` is `400`). Only `application/json` is accepted (`application/merge-patch+json` is `415` here). Validation, conditional headers, the lock check and the `update_state` history entry work as for `updateState`. 

        :param request_body: (required)
        :type request_body: Dict[str, object]
        :param project: Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. 
        :type project: str
        :param idempotency_key: Makes a retried write safe: the first request with this key (per project) is written and its answer kept for `DEVSTATE_IDEMPOTENCY_TTL` (24 hours by default); a request with the same key and the same body, headers and principal within that time answers the kept result with `Idempotent-Replayed: true` and writes nothing. The same key with a different request is `422` with `field: Idempotency-Key`. 1 to 255 printable ASCII characters (a UUID is a good choice); anything else is `400` with `field: Idempotency-Key`. 
        :type idempotency_key: str
        :param if_match: Entity tags of the state as returned in `ETag` (a comma-separated list; `W/` tags compare like strong ones; `*` matches any existing state). The write happens only if one of them names the current checksum; otherwise, or when the project has no state yet, `412`. 
        :type if_match: str
        :param dev_state_lock: Any string. While an unexpired lock holds scope `state` of the project, the write is accepted only if this is exactly that lock's `lock_id` (lowercase UUID text); otherwise (absent or different) `423` with `holder`. Ignored while scope `state` is free. 
        :type dev_state_lock: str
        :param dev_state_actor: The `actor` of the history entry this write appends, trimmed. Absent or blank means `api`. Longer than 200 characters (or containing U+0000) gives `422` with `field: actor`. 
        :type dev_state_actor: str
        :param dev_state_metadata: The text of a JSON object (UTF-8), recorded as the history entry's `metadata` (stored in canonical form), after masking and with `principal` set by the server (see the API description). Anything else, including malformed JSON or nesting deeper than 40 levels, gives `400` with `field: DevState-Metadata`. Declared as a string so that clients send the text as given; send it compact, on one line. 
        :type dev_state_metadata: str
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

        _param = self._replace_state_serialize(
            request_body=request_body,
            project=project,
            idempotency_key=idempotency_key,
            if_match=if_match,
            dev_state_lock=dev_state_lock,
            dev_state_actor=dev_state_actor,
            dev_state_metadata=dev_state_metadata,
            _request_auth=_request_auth,
            _content_type=_content_type,
            _headers=_headers,
            _host_index=_host_index
        )

        _response_types_map: Dict[str, Optional[str]] = {
            '200': "StateUpdateResult",
            '400': "Problem",
            '401': "Problem",
            '403': "Problem",
            '406': "Problem",
            '408': "Problem",
            '411': "Problem",
            '412': "Problem",
            '413': "Problem",
            '414': "Problem",
            '415': "Problem",
            '421': "Problem",
            '422': "Problem",
            '423': "Problem",
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


    def _replace_state_serialize(
        self,
        request_body,
        project,
        idempotency_key,
        if_match,
        dev_state_lock,
        dev_state_actor,
        dev_state_metadata,
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
            
        # process the header parameters
        if idempotency_key is not None:
            _header_params['Idempotency-Key'] = idempotency_key
        if if_match is not None:
            _header_params['If-Match'] = if_match
        if dev_state_lock is not None:
            _header_params['DevState-Lock'] = dev_state_lock
        if dev_state_actor is not None:
            _header_params['DevState-Actor'] = dev_state_actor
        if dev_state_metadata is not None:
            _header_params['DevState-Metadata'] = dev_state_metadata
        # process the form parameters
        # process the body parameter
        if request_body is not None:
            _body_params = request_body


        # set the HTTP header `Accept`
        if 'Accept' not in _header_params:
            _header_params['Accept'] = self.api_client.select_header_accept(
                [
                    'application/json', 
                    'application/problem+json'
                ]
            )

        # set the HTTP header `Content-Type`
        if _content_type:
            _header_params['Content-Type'] = _content_type
        else:
            _default_content_type = (
                self.api_client.select_header_content_type(
                    [
                        'application/json'
                    ]
                )
            )
            if _default_content_type is not None:
                _header_params['Content-Type'] = _default_content_type

        # authentication setting
        _auth_settings: List[str] = [
            'bearerAuth'
        ]

        return self.api_client.param_serialize(
            method='PUT',
            resource_path='/v1/devstate/state',
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




    @validate_call
    def update_state(
        self,
        request_body: Dict[str, Any],
        project: Annotated[Optional[Annotated[str, Field(strict=True)]], Field(description="Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. ")] = None,
        idempotency_key: Annotated[Optional[Annotated[str, Field(min_length=1, strict=True, max_length=255)]], Field(description="Makes a retried write safe: the first request with this key (per project) is written and its answer kept for `DEVSTATE_IDEMPOTENCY_TTL` (24 hours by default); a request with the same key and the same body, headers and principal within that time answers the kept result with `Idempotent-Replayed: true` and writes nothing. The same key with a different request is `422` with `field: Idempotency-Key`. 1 to 255 printable ASCII characters (a UUID is a good choice); anything else is `400` with `field: Idempotency-Key`. ")] = None,
        if_match: Annotated[Optional[StrictStr], Field(description="Entity tags of the state as returned in `ETag` (a comma-separated list; `W/` tags compare like strong ones; `*` matches any existing state). The write happens only if one of them names the current checksum; otherwise, or when the project has no state yet, `412`. ")] = None,
        dev_state_lock: Annotated[Optional[StrictStr], Field(description="Any string. While an unexpired lock holds scope `state` of the project, the write is accepted only if this is exactly that lock's `lock_id` (lowercase UUID text); otherwise (absent or different) `423` with `holder`. Ignored while scope `state` is free. ")] = None,
        dev_state_actor: Annotated[Optional[Annotated[str, Field(strict=True, max_length=200)]], Field(description="The `actor` of the history entry this write appends, trimmed. Absent or blank means `api`. Longer than 200 characters (or containing U+0000) gives `422` with `field: actor`. ")] = None,
        dev_state_metadata: Annotated[Optional[StrictStr], Field(description="The text of a JSON object (UTF-8), recorded as the history entry's `metadata` (stored in canonical form), after masking and with `principal` set by the server (see the API description). Anything else, including malformed JSON or nesting deeper than 40 levels, gives `400` with `field: DevState-Metadata`. Declared as a string so that clients send the text as given; send it compact, on one line. ")] = None,
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
    ) -> StateUpdateResult:
        """Apply a JSON Merge Patch to the state document

        Applies the body as an RFC 7396 JSON Merge Patch to the current document (to `{}` when the project has no state yet): `null` removes a member, objects merge recursively, anything else replaces. The body itself must be a JSON object (`422` otherwise; an empty body or `null` is `400`). The result must validate against the state schema (`docs/STATE.schema.json`), else `422` with `errors`.  The new state and an `update_state` history entry are written in one transaction, under the project's chain lock; the response names that entry (`seq`, `hmac`). Every successful write increments `version` and appends an entry, even when the document does not change. The entry records `actor` (`DevState-Actor`), `metadata` (`DevState-Metadata`, masked, with the caller's `principal`), `state_checksum` (the new checksum) and, only when `current_cp` changed, `cp_from`/`cp_to`. 

        :param request_body: (required)
        :type request_body: Dict[str, object]
        :param project: Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. 
        :type project: str
        :param idempotency_key: Makes a retried write safe: the first request with this key (per project) is written and its answer kept for `DEVSTATE_IDEMPOTENCY_TTL` (24 hours by default); a request with the same key and the same body, headers and principal within that time answers the kept result with `Idempotent-Replayed: true` and writes nothing. The same key with a different request is `422` with `field: Idempotency-Key`. 1 to 255 printable ASCII characters (a UUID is a good choice); anything else is `400` with `field: Idempotency-Key`. 
        :type idempotency_key: str
        :param if_match: Entity tags of the state as returned in `ETag` (a comma-separated list; `W/` tags compare like strong ones; `*` matches any existing state). The write happens only if one of them names the current checksum; otherwise, or when the project has no state yet, `412`. 
        :type if_match: str
        :param dev_state_lock: Any string. While an unexpired lock holds scope `state` of the project, the write is accepted only if this is exactly that lock's `lock_id` (lowercase UUID text); otherwise (absent or different) `423` with `holder`. Ignored while scope `state` is free. 
        :type dev_state_lock: str
        :param dev_state_actor: The `actor` of the history entry this write appends, trimmed. Absent or blank means `api`. Longer than 200 characters (or containing U+0000) gives `422` with `field: actor`. 
        :type dev_state_actor: str
        :param dev_state_metadata: The text of a JSON object (UTF-8), recorded as the history entry's `metadata` (stored in canonical form), after masking and with `principal` set by the server (see the API description). Anything else, including malformed JSON or nesting deeper than 40 levels, gives `400` with `field: DevState-Metadata`. Declared as a string so that clients send the text as given; send it compact, on one line. 
        :type dev_state_metadata: str
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

        _param = self._update_state_serialize(
            request_body=request_body,
            project=project,
            idempotency_key=idempotency_key,
            if_match=if_match,
            dev_state_lock=dev_state_lock,
            dev_state_actor=dev_state_actor,
            dev_state_metadata=dev_state_metadata,
            _request_auth=_request_auth,
            _content_type=_content_type,
            _headers=_headers,
            _host_index=_host_index
        )

        _response_types_map: Dict[str, Optional[str]] = {
            '200': "StateUpdateResult",
            '400': "Problem",
            '401': "Problem",
            '403': "Problem",
            '406': "Problem",
            '408': "Problem",
            '411': "Problem",
            '412': "Problem",
            '413': "Problem",
            '414': "Problem",
            '415': "Problem",
            '421': "Problem",
            '422': "Problem",
            '423': "Problem",
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
    def update_state_with_http_info(
        self,
        request_body: Dict[str, Any],
        project: Annotated[Optional[Annotated[str, Field(strict=True)]], Field(description="Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. ")] = None,
        idempotency_key: Annotated[Optional[Annotated[str, Field(min_length=1, strict=True, max_length=255)]], Field(description="Makes a retried write safe: the first request with this key (per project) is written and its answer kept for `DEVSTATE_IDEMPOTENCY_TTL` (24 hours by default); a request with the same key and the same body, headers and principal within that time answers the kept result with `Idempotent-Replayed: true` and writes nothing. The same key with a different request is `422` with `field: Idempotency-Key`. 1 to 255 printable ASCII characters (a UUID is a good choice); anything else is `400` with `field: Idempotency-Key`. ")] = None,
        if_match: Annotated[Optional[StrictStr], Field(description="Entity tags of the state as returned in `ETag` (a comma-separated list; `W/` tags compare like strong ones; `*` matches any existing state). The write happens only if one of them names the current checksum; otherwise, or when the project has no state yet, `412`. ")] = None,
        dev_state_lock: Annotated[Optional[StrictStr], Field(description="Any string. While an unexpired lock holds scope `state` of the project, the write is accepted only if this is exactly that lock's `lock_id` (lowercase UUID text); otherwise (absent or different) `423` with `holder`. Ignored while scope `state` is free. ")] = None,
        dev_state_actor: Annotated[Optional[Annotated[str, Field(strict=True, max_length=200)]], Field(description="The `actor` of the history entry this write appends, trimmed. Absent or blank means `api`. Longer than 200 characters (or containing U+0000) gives `422` with `field: actor`. ")] = None,
        dev_state_metadata: Annotated[Optional[StrictStr], Field(description="The text of a JSON object (UTF-8), recorded as the history entry's `metadata` (stored in canonical form), after masking and with `principal` set by the server (see the API description). Anything else, including malformed JSON or nesting deeper than 40 levels, gives `400` with `field: DevState-Metadata`. Declared as a string so that clients send the text as given; send it compact, on one line. ")] = None,
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
    ) -> ApiResponse[StateUpdateResult]:
        """Apply a JSON Merge Patch to the state document

        Applies the body as an RFC 7396 JSON Merge Patch to the current document (to `{}` when the project has no state yet): `null` removes a member, objects merge recursively, anything else replaces. The body itself must be a JSON object (`422` otherwise; an empty body or `null` is `400`). The result must validate against the state schema (`docs/STATE.schema.json`), else `422` with `errors`.  The new state and an `update_state` history entry are written in one transaction, under the project's chain lock; the response names that entry (`seq`, `hmac`). Every successful write increments `version` and appends an entry, even when the document does not change. The entry records `actor` (`DevState-Actor`), `metadata` (`DevState-Metadata`, masked, with the caller's `principal`), `state_checksum` (the new checksum) and, only when `current_cp` changed, `cp_from`/`cp_to`. 

        :param request_body: (required)
        :type request_body: Dict[str, object]
        :param project: Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. 
        :type project: str
        :param idempotency_key: Makes a retried write safe: the first request with this key (per project) is written and its answer kept for `DEVSTATE_IDEMPOTENCY_TTL` (24 hours by default); a request with the same key and the same body, headers and principal within that time answers the kept result with `Idempotent-Replayed: true` and writes nothing. The same key with a different request is `422` with `field: Idempotency-Key`. 1 to 255 printable ASCII characters (a UUID is a good choice); anything else is `400` with `field: Idempotency-Key`. 
        :type idempotency_key: str
        :param if_match: Entity tags of the state as returned in `ETag` (a comma-separated list; `W/` tags compare like strong ones; `*` matches any existing state). The write happens only if one of them names the current checksum; otherwise, or when the project has no state yet, `412`. 
        :type if_match: str
        :param dev_state_lock: Any string. While an unexpired lock holds scope `state` of the project, the write is accepted only if this is exactly that lock's `lock_id` (lowercase UUID text); otherwise (absent or different) `423` with `holder`. Ignored while scope `state` is free. 
        :type dev_state_lock: str
        :param dev_state_actor: The `actor` of the history entry this write appends, trimmed. Absent or blank means `api`. Longer than 200 characters (or containing U+0000) gives `422` with `field: actor`. 
        :type dev_state_actor: str
        :param dev_state_metadata: The text of a JSON object (UTF-8), recorded as the history entry's `metadata` (stored in canonical form), after masking and with `principal` set by the server (see the API description). Anything else, including malformed JSON or nesting deeper than 40 levels, gives `400` with `field: DevState-Metadata`. Declared as a string so that clients send the text as given; send it compact, on one line. 
        :type dev_state_metadata: str
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

        _param = self._update_state_serialize(
            request_body=request_body,
            project=project,
            idempotency_key=idempotency_key,
            if_match=if_match,
            dev_state_lock=dev_state_lock,
            dev_state_actor=dev_state_actor,
            dev_state_metadata=dev_state_metadata,
            _request_auth=_request_auth,
            _content_type=_content_type,
            _headers=_headers,
            _host_index=_host_index
        )

        _response_types_map: Dict[str, Optional[str]] = {
            '200': "StateUpdateResult",
            '400': "Problem",
            '401': "Problem",
            '403': "Problem",
            '406': "Problem",
            '408': "Problem",
            '411': "Problem",
            '412': "Problem",
            '413': "Problem",
            '414': "Problem",
            '415': "Problem",
            '421': "Problem",
            '422': "Problem",
            '423': "Problem",
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
    def update_state_without_preload_content(
        self,
        request_body: Dict[str, Any],
        project: Annotated[Optional[Annotated[str, Field(strict=True)]], Field(description="Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. ")] = None,
        idempotency_key: Annotated[Optional[Annotated[str, Field(min_length=1, strict=True, max_length=255)]], Field(description="Makes a retried write safe: the first request with this key (per project) is written and its answer kept for `DEVSTATE_IDEMPOTENCY_TTL` (24 hours by default); a request with the same key and the same body, headers and principal within that time answers the kept result with `Idempotent-Replayed: true` and writes nothing. The same key with a different request is `422` with `field: Idempotency-Key`. 1 to 255 printable ASCII characters (a UUID is a good choice); anything else is `400` with `field: Idempotency-Key`. ")] = None,
        if_match: Annotated[Optional[StrictStr], Field(description="Entity tags of the state as returned in `ETag` (a comma-separated list; `W/` tags compare like strong ones; `*` matches any existing state). The write happens only if one of them names the current checksum; otherwise, or when the project has no state yet, `412`. ")] = None,
        dev_state_lock: Annotated[Optional[StrictStr], Field(description="Any string. While an unexpired lock holds scope `state` of the project, the write is accepted only if this is exactly that lock's `lock_id` (lowercase UUID text); otherwise (absent or different) `423` with `holder`. Ignored while scope `state` is free. ")] = None,
        dev_state_actor: Annotated[Optional[Annotated[str, Field(strict=True, max_length=200)]], Field(description="The `actor` of the history entry this write appends, trimmed. Absent or blank means `api`. Longer than 200 characters (or containing U+0000) gives `422` with `field: actor`. ")] = None,
        dev_state_metadata: Annotated[Optional[StrictStr], Field(description="The text of a JSON object (UTF-8), recorded as the history entry's `metadata` (stored in canonical form), after masking and with `principal` set by the server (see the API description). Anything else, including malformed JSON or nesting deeper than 40 levels, gives `400` with `field: DevState-Metadata`. Declared as a string so that clients send the text as given; send it compact, on one line. ")] = None,
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
        """Apply a JSON Merge Patch to the state document

        Applies the body as an RFC 7396 JSON Merge Patch to the current document (to `{}` when the project has no state yet): `null` removes a member, objects merge recursively, anything else replaces. The body itself must be a JSON object (`422` otherwise; an empty body or `null` is `400`). The result must validate against the state schema (`docs/STATE.schema.json`), else `422` with `errors`.  The new state and an `update_state` history entry are written in one transaction, under the project's chain lock; the response names that entry (`seq`, `hmac`). Every successful write increments `version` and appends an entry, even when the document does not change. The entry records `actor` (`DevState-Actor`), `metadata` (`DevState-Metadata`, masked, with the caller's `principal`), `state_checksum` (the new checksum) and, only when `current_cp` changed, `cp_from`/`cp_to`. 

        :param request_body: (required)
        :type request_body: Dict[str, object]
        :param project: Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. 
        :type project: str
        :param idempotency_key: Makes a retried write safe: the first request with this key (per project) is written and its answer kept for `DEVSTATE_IDEMPOTENCY_TTL` (24 hours by default); a request with the same key and the same body, headers and principal within that time answers the kept result with `Idempotent-Replayed: true` and writes nothing. The same key with a different request is `422` with `field: Idempotency-Key`. 1 to 255 printable ASCII characters (a UUID is a good choice); anything else is `400` with `field: Idempotency-Key`. 
        :type idempotency_key: str
        :param if_match: Entity tags of the state as returned in `ETag` (a comma-separated list; `W/` tags compare like strong ones; `*` matches any existing state). The write happens only if one of them names the current checksum; otherwise, or when the project has no state yet, `412`. 
        :type if_match: str
        :param dev_state_lock: Any string. While an unexpired lock holds scope `state` of the project, the write is accepted only if this is exactly that lock's `lock_id` (lowercase UUID text); otherwise (absent or different) `423` with `holder`. Ignored while scope `state` is free. 
        :type dev_state_lock: str
        :param dev_state_actor: The `actor` of the history entry this write appends, trimmed. Absent or blank means `api`. Longer than 200 characters (or containing U+0000) gives `422` with `field: actor`. 
        :type dev_state_actor: str
        :param dev_state_metadata: The text of a JSON object (UTF-8), recorded as the history entry's `metadata` (stored in canonical form), after masking and with `principal` set by the server (see the API description). Anything else, including malformed JSON or nesting deeper than 40 levels, gives `400` with `field: DevState-Metadata`. Declared as a string so that clients send the text as given; send it compact, on one line. 
        :type dev_state_metadata: str
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

        _param = self._update_state_serialize(
            request_body=request_body,
            project=project,
            idempotency_key=idempotency_key,
            if_match=if_match,
            dev_state_lock=dev_state_lock,
            dev_state_actor=dev_state_actor,
            dev_state_metadata=dev_state_metadata,
            _request_auth=_request_auth,
            _content_type=_content_type,
            _headers=_headers,
            _host_index=_host_index
        )

        _response_types_map: Dict[str, Optional[str]] = {
            '200': "StateUpdateResult",
            '400': "Problem",
            '401': "Problem",
            '403': "Problem",
            '406': "Problem",
            '408': "Problem",
            '411': "Problem",
            '412': "Problem",
            '413': "Problem",
            '414': "Problem",
            '415': "Problem",
            '421': "Problem",
            '422': "Problem",
            '423': "Problem",
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


    def _update_state_serialize(
        self,
        request_body,
        project,
        idempotency_key,
        if_match,
        dev_state_lock,
        dev_state_actor,
        dev_state_metadata,
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
            
        # process the header parameters
        if idempotency_key is not None:
            _header_params['Idempotency-Key'] = idempotency_key
        if if_match is not None:
            _header_params['If-Match'] = if_match
        if dev_state_lock is not None:
            _header_params['DevState-Lock'] = dev_state_lock
        if dev_state_actor is not None:
            _header_params['DevState-Actor'] = dev_state_actor
        if dev_state_metadata is not None:
            _header_params['DevState-Metadata'] = dev_state_metadata
        # process the form parameters
        # process the body parameter
        if request_body is not None:
            _body_params = request_body


        # set the HTTP header `Accept`
        if 'Accept' not in _header_params:
            _header_params['Accept'] = self.api_client.select_header_accept(
                [
                    'application/json', 
                    'application/problem+json'
                ]
            )

        # set the HTTP header `Content-Type`
        if _content_type:
            _header_params['Content-Type'] = _content_type
        else:
            _default_content_type = (
                self.api_client.select_header_content_type(
                    [
                        'application/merge-patch+json', 
                        'application/json'
                    ]
                )
            )
            if _default_content_type is not None:
                _header_params['Content-Type'] = _default_content_type

        # authentication setting
        _auth_settings: List[str] = [
            'bearerAuth'
        ]

        return self.api_client.param_serialize(
            method='POST',
            resource_path='/v1/devstate/state',
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


