"""Every problem status the contract declares raises its own ApiException subclass (no server needed)."""
import pytest

from devstate_client import exceptions


class _Response:
    def __init__(self, status):
        self.status = status
        self.reason = "reason"
        self.data = b'{"type":"urn:devstate:problem:x","title":"x","status":%d}' % status
        self.headers = {"Content-Type": "application/problem+json", "Retry-After": "3"}


@pytest.mark.parametrize("status, kind", [
    (400, "BadRequestException"), (401, "UnauthorizedException"), (403, "ForbiddenException"),
    (404, "NotFoundException"), (409, "ConflictException"), (412, "PreconditionFailedException"),
    (422, "UnprocessableEntityException"), (423, "LockedException"), (429, "TooManyRequestsException"),
    (503, "ServiceException"),
])
def test_each_problem_status_raises_its_typed_exception(status, kind):
    with pytest.raises(getattr(exceptions, kind)) as raised:
        exceptions.ApiException.from_response(http_resp=_Response(status), body="{}", data=None)
    assert isinstance(raised.value, exceptions.ApiException)
    assert raised.value.status == status
    assert raised.value.headers["Retry-After"] == "3"
