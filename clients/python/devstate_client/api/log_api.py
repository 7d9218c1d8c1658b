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
from devstate_client.models.consistency_proof import ConsistencyProof
from devstate_client.models.inclusion_proof import InclusionProof
from devstate_client.models.log_key import LogKey

from devstate_client.api_client import ApiClient, RequestSerialized
from devstate_client.api_response import ApiResponse
from devstate_client.rest import RESTResponseType


class LogApi:
    """NOTE: This class is auto generated by OpenAPI Generator
    Ref: https://openapi-generator.tech

    Do not edit the class manually.
    """

    def __init__(self, api_client=None) -> None:
        if api_client is None:
            api_client = ApiClient.get_default()
        self.api_client = api_client


    @validate_call
    def get_checkpoint(
        self,
        project: Annotated[Optional[Annotated[str, Field(strict=True)]], Field(description="Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. ")] = None,
        size: Annotated[Optional[Annotated[int, Field(strict=True, ge=0)]], Field(description="Tree size (0 … the log's size); not an integer is `400`, beyond the log `404`, both with `field: size`.")] = None,
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
        """The project's signed checkpoint

        The checkpoint of the project's log: a C2SP `tlog-checkpoint` (origin `<log name>/<project>`, tree size, base64 RFC 6962 root hash) signed as a C2SP `signed-note` with Ed25519 by the key `GET /v1/devstate/log/key` names. Without `size`, the latest (every committed write makes a new one); with `size`, the checkpoint of the tree of the first `size` entries. Ed25519 is deterministic: the same tree always gives the same bytes. A project without history has the checkpoint of the empty tree (size 0). 

        :param project: Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. 
        :type project: str
        :param size: Tree size (0 … the log's size); not an integer is `400`, beyond the log `404`, both with `field: size`.
        :type size: int
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

        _param = self._get_checkpoint_serialize(
            project=project,
            size=size,
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
            '404': "Problem",
            '406': "Problem",
            '411': "Problem",
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
    def get_checkpoint_with_http_info(
        self,
        project: Annotated[Optional[Annotated[str, Field(strict=True)]], Field(description="Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. ")] = None,
        size: Annotated[Optional[Annotated[int, Field(strict=True, ge=0)]], Field(description="Tree size (0 … the log's size); not an integer is `400`, beyond the log `404`, both with `field: size`.")] = None,
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
        """The project's signed checkpoint

        The checkpoint of the project's log: a C2SP `tlog-checkpoint` (origin `<log name>/<project>`, tree size, base64 RFC 6962 root hash) signed as a C2SP `signed-note` with Ed25519 by the key `GET /v1/devstate/log/key` names. Without `size`, the latest (every committed write makes a new one); with `size`, the checkpoint of the tree of the first `size` entries. Ed25519 is deterministic: the same tree always gives the same bytes. A project without history has the checkpoint of the empty tree (size 0). 

        :param project: Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. 
        :type project: str
        :param size: Tree size (0 … the log's size); not an integer is `400`, beyond the log `404`, both with `field: size`.
        :type size: int
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

        _param = self._get_checkpoint_serialize(
            project=project,
            size=size,
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
            '404': "Problem",
            '406': "Problem",
            '411': "Problem",
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
    def get_checkpoint_without_preload_content(
        self,
        project: Annotated[Optional[Annotated[str, Field(strict=True)]], Field(description="Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. ")] = None,
        size: Annotated[Optional[Annotated[int, Field(strict=True, ge=0)]], Field(description="Tree size (0 … the log's size); not an integer is `400`, beyond the log `404`, both with `field: size`.")] = None,
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
        """The project's signed checkpoint

        The checkpoint of the project's log: a C2SP `tlog-checkpoint` (origin `<log name>/<project>`, tree size, base64 RFC 6962 root hash) signed as a C2SP `signed-note` with Ed25519 by the key `GET /v1/devstate/log/key` names. Without `size`, the latest (every committed write makes a new one); with `size`, the checkpoint of the tree of the first `size` entries. Ed25519 is deterministic: the same tree always gives the same bytes. A project without history has the checkpoint of the empty tree (size 0). 

        :param project: Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. 
        :type project: str
        :param size: Tree size (0 … the log's size); not an integer is `400`, beyond the log `404`, both with `field: size`.
        :type size: int
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

        _param = self._get_checkpoint_serialize(
            project=project,
            size=size,
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
            '404': "Problem",
            '406': "Problem",
            '411': "Problem",
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


    def _get_checkpoint_serialize(
        self,
        project,
        size,
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
            
        if size is not None:
            
            _query_params.append(('size', size))
            
        # process the header parameters
        # process the form parameters
        # process the body parameter


        # set the HTTP header `Accept`
        if 'Accept' not in _header_params:
            _header_params['Accept'] = self.api_client.select_header_accept(
                [
                    'text/plain', 
                    'application/problem+json'
                ]
            )


        # authentication setting
        _auth_settings: List[str] = [
            'bearerAuth'
        ]

        return self.api_client.param_serialize(
            method='GET',
            resource_path='/v1/devstate/log/checkpoint',
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
    def get_consistency_proof(
        self,
        var_from: Annotated[int, Field(strict=True, ge=0, description="The older tree size; not an integer ≥ 0 is `400`, above `to` `422`.")],
        project: Annotated[Optional[Annotated[str, Field(strict=True)]], Field(description="Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. ")] = None,
        to: Annotated[Optional[Annotated[int, Field(strict=True, ge=0)]], Field(description="The newer tree size; beyond the log is `404`.")] = None,
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
    ) -> ConsistencyProof:
        """Proof that the log only grew

        The RFC 9162 consistency proof that the tree of `to` entries (default: the whole log) extends the tree of `from` entries: no entry of the older checkpoint was changed, removed or reordered. A client that trusts the checkpoint of `from` checks it before it trusts a newer one. Empty when `from` is 0 or equals `to`. 

        :param var_from: The older tree size; not an integer ≥ 0 is `400`, above `to` `422`. (required)
        :type var_from: int
        :param project: Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. 
        :type project: str
        :param to: The newer tree size; beyond the log is `404`.
        :type to: int
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

        _param = self._get_consistency_proof_serialize(
            var_from=var_from,
            project=project,
            to=to,
            _request_auth=_request_auth,
            _content_type=_content_type,
            _headers=_headers,
            _host_index=_host_index
        )

        _response_types_map: Dict[str, Optional[str]] = {
            '200': "ConsistencyProof",
            '400': "Problem",
            '401': "Problem",
            '403': "Problem",
            '404': "Problem",
            '406': "Problem",
            '422': "Problem",
            '411': "Problem",
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
    def get_consistency_proof_with_http_info(
        self,
        var_from: Annotated[int, Field(strict=True, ge=0, description="The older tree size; not an integer ≥ 0 is `400`, above `to` `422`.")],
        project: Annotated[Optional[Annotated[str, Field(strict=True)]], Field(description="Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. ")] = None,
        to: Annotated[Optional[Annotated[int, Field(strict=True, ge=0)]], Field(description="The newer tree size; beyond the log is `404`.")] = None,
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
    ) -> ApiResponse[ConsistencyProof]:
        """Proof that the log only grew

        The RFC 9162 consistency proof that the tree of `to` entries (default: the whole log) extends the tree of `from` entries: no entry of the older checkpoint was changed, removed or reordered. A client that trusts the checkpoint of `from` checks it before it trusts a newer one. Empty when `from` is 0 or equals `to`. 

        :param var_from: The older tree size; not an integer ≥ 0 is `400`, above `to` `422`. (required)
        :type var_from: int
        :param project: Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. 
        :type project: str
        :param to: The newer tree size; beyond the log is `404`.
        :type to: int
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

        _param = self._get_consistency_proof_serialize(
            var_from=var_from,
            project=project,
            to=to,
            _request_auth=_request_auth,
            _content_type=_content_type,
            _headers=_headers,
            _host_index=_host_index
        )

        _response_types_map: Dict[str, Optional[str]] = {
            '200': "ConsistencyProof",
            '400': "Problem",
            '401': "Problem",
            '403': "Problem",
            '404': "Problem",
            '406': "Problem",
            '422': "Problem",
            '411': "Problem",
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
    def get_consistency_proof_without_preload_content(
        self,
        var_from: Annotated[int, Field(strict=True, ge=0, description="The older tree size; not an integer ≥ 0 is `400`, above `to` `422`.")],
        project: Annotated[Optional[Annotated[str, Field(strict=True)]], Field(description="Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. ")] = None,
        to: Annotated[Optional[Annotated[int, Field(strict=True, ge=0)]], Field(description="The newer tree size; beyond the log is `404`.")] = None,
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
        """Proof that the log only grew

        The RFC 9162 consistency proof that the tree of `to` entries (default: the whole log) extends the tree of `from` entries: no entry of the older checkpoint was changed, removed or reordered. A client that trusts the checkpoint of `from` checks it before it trusts a newer one. Empty when `from` is 0 or equals `to`. 

        :param var_from: The older tree size; not an integer ≥ 0 is `400`, above `to` `422`. (required)
        :type var_from: int
        :param project: Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. 
        :type project: str
        :param to: The newer tree size; beyond the log is `404`.
        :type to: int
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

        _param = self._get_consistency_proof_serialize(
            var_from=var_from,
            project=project,
            to=to,
            _request_auth=_request_auth,
            _content_type=_content_type,
            _headers=_headers,
            _host_index=_host_index
        )

        _response_types_map: Dict[str, Optional[str]] = {
            '200': "ConsistencyProof",
            '400': "Problem",
            '401': "Problem",
            '403': "Problem",
            '404': "Problem",
            '406': "Problem",
            '422': "Problem",
            '411': "Problem",
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


    def _get_consistency_proof_serialize(
        self,
        var_from,
        project,
        to,
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
            
        if var_from is not None:
            
            _query_params.append(('from', var_from))
            
        if to is not None:
            
            _query_params.append(('to', to))
            
        # process the header parameters
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
            resource_path='/v1/devstate/log/proof/consistency',
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
    def get_inclusion_proof(
        self,
        seq: Annotated[int, Field(strict=True, ge=1, description="The entry; missing or not an integer ≥ 1 is `400`, not in the tree `404`, both with `field: seq`.")],
        project: Annotated[Optional[Annotated[str, Field(strict=True)]], Field(description="Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. ")] = None,
        size: Annotated[Optional[Annotated[int, Field(strict=True, ge=1)]], Field(description="Tree size; beyond the log is `404`.")] = None,
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
    ) -> InclusionProof:
        """Proof that an entry is in the log

        The RFC 9162 inclusion proof of entry `seq` (leaf index `seq - 1`) in the tree of `size` entries (default: the whole log). Verify it against the root of the checkpoint of that size, starting from the entry's leaf hash, `SHA-256(0x00 || JCS(entry))` (docs/CHAIN.md). 

        :param seq: The entry; missing or not an integer ≥ 1 is `400`, not in the tree `404`, both with `field: seq`. (required)
        :type seq: int
        :param project: Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. 
        :type project: str
        :param size: Tree size; beyond the log is `404`.
        :type size: int
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

        _param = self._get_inclusion_proof_serialize(
            seq=seq,
            project=project,
            size=size,
            _request_auth=_request_auth,
            _content_type=_content_type,
            _headers=_headers,
            _host_index=_host_index
        )

        _response_types_map: Dict[str, Optional[str]] = {
            '200': "InclusionProof",
            '400': "Problem",
            '401': "Problem",
            '403': "Problem",
            '404': "Problem",
            '406': "Problem",
            '411': "Problem",
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
    def get_inclusion_proof_with_http_info(
        self,
        seq: Annotated[int, Field(strict=True, ge=1, description="The entry; missing or not an integer ≥ 1 is `400`, not in the tree `404`, both with `field: seq`.")],
        project: Annotated[Optional[Annotated[str, Field(strict=True)]], Field(description="Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. ")] = None,
        size: Annotated[Optional[Annotated[int, Field(strict=True, ge=1)]], Field(description="Tree size; beyond the log is `404`.")] = None,
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
    ) -> ApiResponse[InclusionProof]:
        """Proof that an entry is in the log

        The RFC 9162 inclusion proof of entry `seq` (leaf index `seq - 1`) in the tree of `size` entries (default: the whole log). Verify it against the root of the checkpoint of that size, starting from the entry's leaf hash, `SHA-256(0x00 || JCS(entry))` (docs/CHAIN.md). 

        :param seq: The entry; missing or not an integer ≥ 1 is `400`, not in the tree `404`, both with `field: seq`. (required)
        :type seq: int
        :param project: Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. 
        :type project: str
        :param size: Tree size; beyond the log is `404`.
        :type size: int
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

        _param = self._get_inclusion_proof_serialize(
            seq=seq,
            project=project,
            size=size,
            _request_auth=_request_auth,
            _content_type=_content_type,
            _headers=_headers,
            _host_index=_host_index
        )

        _response_types_map: Dict[str, Optional[str]] = {
            '200': "InclusionProof",
            '400': "Problem",
            '401': "Problem",
            '403': "Problem",
            '404': "Problem",
            '406': "Problem",
            '411': "Problem",
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
    def get_inclusion_proof_without_preload_content(
        self,
        seq: Annotated[int, Field(strict=True, ge=1, description="The entry; missing or not an integer ≥ 1 is `400`, not in the tree `404`, both with `field: seq`.")],
        project: Annotated[Optional[Annotated[str, Field(strict=True)]], Field(description="Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. ")] = None,
        size: Annotated[Optional[Annotated[int, Field(strict=True, ge=1)]], Field(description="Tree size; beyond the log is `404`.")] = None,
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
        """Proof that an entry is in the log

        The RFC 9162 inclusion proof of entry `seq` (leaf index `seq - 1`) in the tree of `size` entries (default: the whole log). Verify it against the root of the checkpoint of that size, starting from the entry's leaf hash, `SHA-256(0x00 || JCS(entry))` (docs/CHAIN.md). 

        :param seq: The entry; missing or not an integer ≥ 1 is `400`, not in the tree `404`, both with `field: seq`. (required)
        :type seq: int
        :param project: Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. 
        :type project: str
        :param size: Tree size; beyond the log is `404`.
        :type size: int
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

        _param = self._get_inclusion_proof_serialize(
            seq=seq,
            project=project,
            size=size,
            _request_auth=_request_auth,
            _content_type=_content_type,
            _headers=_headers,
            _host_index=_host_index
        )

        _response_types_map: Dict[str, Optional[str]] = {
            '200': "InclusionProof",
            '400': "Problem",
            '401': "Problem",
            '403': "Problem",
            '404': "Problem",
            '406': "Problem",
            '411': "Problem",
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


    def _get_inclusion_proof_serialize(
        self,
        seq,
        project,
        size,
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
            
        if seq is not None:
            
            _query_params.append(('seq', seq))
            
        if size is not None:
            
            _query_params.append(('size', size))
            
        # process the header parameters
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
            resource_path='/v1/devstate/log/proof/inclusion',
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
    def get_log_key(
        self,
        project: Annotated[Optional[Annotated[str, Field(strict=True)]], Field(description="Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. ")] = None,
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
    ) -> LogKey:
        """The key that verifies the project's checkpoints

        The project's origin and its verifier key in the note format (`<origin>+<key id>+<base64(0x01 || Ed25519 public key)>`), as Go's `golang.org/x/mod/sumdb/note` and `github.com/transparency-dev/formats` read it. Pin it out of band (in CI configuration, or from the docs of the deployment): a key fetched from the same server proves only that the server is consistent with itself. 

        :param project: Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. 
        :type project: str
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

        _param = self._get_log_key_serialize(
            project=project,
            _request_auth=_request_auth,
            _content_type=_content_type,
            _headers=_headers,
            _host_index=_host_index
        )

        _response_types_map: Dict[str, Optional[str]] = {
            '200': "LogKey",
            '400': "Problem",
            '401': "Problem",
            '403': "Problem",
            '406': "Problem",
            '411': "Problem",
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
    def get_log_key_with_http_info(
        self,
        project: Annotated[Optional[Annotated[str, Field(strict=True)]], Field(description="Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. ")] = None,
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
    ) -> ApiResponse[LogKey]:
        """The key that verifies the project's checkpoints

        The project's origin and its verifier key in the note format (`<origin>+<key id>+<base64(0x01 || Ed25519 public key)>`), as Go's `golang.org/x/mod/sumdb/note` and `github.com/transparency-dev/formats` read it. Pin it out of band (in CI configuration, or from the docs of the deployment): a key fetched from the same server proves only that the server is consistent with itself. 

        :param project: Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. 
        :type project: str
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

        _param = self._get_log_key_serialize(
            project=project,
            _request_auth=_request_auth,
            _content_type=_content_type,
            _headers=_headers,
            _host_index=_host_index
        )

        _response_types_map: Dict[str, Optional[str]] = {
            '200': "LogKey",
            '400': "Problem",
            '401': "Problem",
            '403': "Problem",
            '406': "Problem",
            '411': "Problem",
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
    def get_log_key_without_preload_content(
        self,
        project: Annotated[Optional[Annotated[str, Field(strict=True)]], Field(description="Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. ")] = None,
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
        """The key that verifies the project's checkpoints

        The project's origin and its verifier key in the note format (`<origin>+<key id>+<base64(0x01 || Ed25519 public key)>`), as Go's `golang.org/x/mod/sumdb/note` and `github.com/transparency-dev/formats` read it. Pin it out of band (in CI configuration, or from the docs of the deployment): a key fetched from the same server proves only that the server is consistent with itself. 

        :param project: Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. 
        :type project: str
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

        _param = self._get_log_key_serialize(
            project=project,
            _request_auth=_request_auth,
            _content_type=_content_type,
            _headers=_headers,
            _host_index=_host_index
        )

        _response_types_map: Dict[str, Optional[str]] = {
            '200': "LogKey",
            '400': "Problem",
            '401': "Problem",
            '403': "Problem",
            '406': "Problem",
            '411': "Problem",
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


    def _get_log_key_serialize(
        self,
        project,
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
            resource_path='/v1/devstate/log/key',
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
    def get_tlog_proof(
        self,
        seq: Annotated[int, Field(strict=True, ge=1, description="The entry; missing or not an integer ≥ 1 is `400`, not in the tree `404`, both with `field: seq`.")],
        project: Annotated[Optional[Annotated[str, Field(strict=True)]], Field(description="Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. ")] = None,
        size: Annotated[Optional[Annotated[int, Field(strict=True, ge=1)]], Field(description="Tree size; beyond the log is `404`.")] = None,
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
        """A self-contained, offline-verifiable proof that an entry is in the log

        Entry `seq`'s inclusion in the tree of `size` entries (default: the whole log) as a C2SP `tlog-proof` (`c2sp.org/tlog-proof@v1`): the `extra` line is the base64 of the entry's leaf data (the RFC 8785 canonical JSON of the entry with `project`, what the leaf hash is computed from), then `index` (`seq - 1`), the inclusion proof hashes, an empty line and the signed checkpoint of that size. A verifier checks the checkpoint's signature and origin, hashes the `extra` data as a leaf and checks the proof against the checkpoint's root; the `extra` data is unauthenticated until then, so it must also check that it is the entry it cares about. Store it as `<name>.tlog-proof`. 

        :param seq: The entry; missing or not an integer ≥ 1 is `400`, not in the tree `404`, both with `field: seq`. (required)
        :type seq: int
        :param project: Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. 
        :type project: str
        :param size: Tree size; beyond the log is `404`.
        :type size: int
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

        _param = self._get_tlog_proof_serialize(
            seq=seq,
            project=project,
            size=size,
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
            '404': "Problem",
            '406': "Problem",
            '411': "Problem",
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
    def get_tlog_proof_with_http_info(
        self,
        seq: Annotated[int, Field(strict=True, ge=1, description="The entry; missing or not an integer ≥ 1 is `400`, not in the tree `404`, both with `field: seq`.")],
        project: Annotated[Optional[Annotated[str, Field(strict=True)]], Field(description="Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. ")] = None,
        size: Annotated[Optional[Annotated[int, Field(strict=True, ge=1)]], Field(description="Tree size; beyond the log is `404`.")] = None,
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
        """A self-contained, offline-verifiable proof that an entry is in the log

        Entry `seq`'s inclusion in the tree of `size` entries (default: the whole log) as a C2SP `tlog-proof` (`c2sp.org/tlog-proof@v1`): the `extra` line is the base64 of the entry's leaf data (the RFC 8785 canonical JSON of the entry with `project`, what the leaf hash is computed from), then `index` (`seq - 1`), the inclusion proof hashes, an empty line and the signed checkpoint of that size. A verifier checks the checkpoint's signature and origin, hashes the `extra` data as a leaf and checks the proof against the checkpoint's root; the `extra` data is unauthenticated until then, so it must also check that it is the entry it cares about. Store it as `<name>.tlog-proof`. 

        :param seq: The entry; missing or not an integer ≥ 1 is `400`, not in the tree `404`, both with `field: seq`. (required)
        :type seq: int
        :param project: Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. 
        :type project: str
        :param size: Tree size; beyond the log is `404`.
        :type size: int
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

        _param = self._get_tlog_proof_serialize(
            seq=seq,
            project=project,
            size=size,
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
            '404': "Problem",
            '406': "Problem",
            '411': "Problem",
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
    def get_tlog_proof_without_preload_content(
        self,
        seq: Annotated[int, Field(strict=True, ge=1, description="The entry; missing or not an integer ≥ 1 is `400`, not in the tree `404`, both with `field: seq`.")],
        project: Annotated[Optional[Annotated[str, Field(strict=True)]], Field(description="Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. ")] = None,
        size: Annotated[Optional[Annotated[int, Field(strict=True, ge=1)]], Field(description="Tree size; beyond the log is `404`.")] = None,
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
        """A self-contained, offline-verifiable proof that an entry is in the log

        Entry `seq`'s inclusion in the tree of `size` entries (default: the whole log) as a C2SP `tlog-proof` (`c2sp.org/tlog-proof@v1`): the `extra` line is the base64 of the entry's leaf data (the RFC 8785 canonical JSON of the entry with `project`, what the leaf hash is computed from), then `index` (`seq - 1`), the inclusion proof hashes, an empty line and the signed checkpoint of that size. A verifier checks the checkpoint's signature and origin, hashes the `extra` data as a leaf and checks the proof against the checkpoint's root; the `extra` data is unauthenticated until then, so it must also check that it is the entry it cares about. Store it as `<name>.tlog-proof`. 

        :param seq: The entry; missing or not an integer ≥ 1 is `400`, not in the tree `404`, both with `field: seq`. (required)
        :type seq: int
        :param project: Project name. Absent or empty means `default`; a value not matching the pattern gives `400` with `field: project`. 
        :type project: str
        :param size: Tree size; beyond the log is `404`.
        :type size: int
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

        _param = self._get_tlog_proof_serialize(
            seq=seq,
            project=project,
            size=size,
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
            '404': "Problem",
            '406': "Problem",
            '411': "Problem",
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


    def _get_tlog_proof_serialize(
        self,
        seq,
        project,
        size,
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
            
        if seq is not None:
            
            _query_params.append(('seq', seq))
            
        if size is not None:
            
            _query_params.append(('size', size))
            
        # process the header parameters
        # process the form parameters
        # process the body parameter


        # set the HTTP header `Accept`
        if 'Accept' not in _header_params:
            _header_params['Accept'] = self.api_client.select_header_accept(
                [
                    'text/plain', 
                    'application/problem+json'
                ]
            )


        # authentication setting
        _auth_settings: List[str] = [
            'bearerAuth'
        ]

        return self.api_client.param_serialize(
            method='GET',
            resource_path='/v1/devstate/log/tlog-proof',
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


