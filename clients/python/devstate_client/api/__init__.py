# flake8: noqa

# import apis into api package
from devstate_client.api.events_api import EventsApi
from devstate_client.api.files_api import FilesApi
from devstate_client.api.health_api import HealthApi
from devstate_client.api.history_api import HistoryApi
from devstate_client.api.keys_api import KeysApi
from devstate_client.api.locks_api import LocksApi
from devstate_client.api.log_api import LogApi
from devstate_client.api.projects_api import ProjectsApi
from devstate_client.api.state_api import StateApi
from devstate_client.api.verify_api import VerifyApi

