"""Drives DevState's MCP endpoint with the official MCP Python SDK, as an IDE agent would.

Usage: mcp_client_check.py <mcp-url> <writer-or-admin-token>
Exits non-zero (with the reason) on the first unexpected answer; prints one line per check.
"""
import asyncio
import json
import sys
import uuid

import httpx2
from mcp import ClientSession
from mcp.client.streamable_http import streamable_http_client

EXPECTED_TOOLS = {"get_state", "update_state", "append_history", "verify_hmac_chain", "export_files",
                  "import_files", "lock_state", "unlock_state", "search_history", "list_projects"}
STATE = {"project": "demo", "version": "1.0.0", "current_cp": "CP1-LC", "no_drift": True, "agents": [],
         "artifact_checksums": [], "updated_at": "2026-11-25T10:00:00Z"}


def structured(result):
    if result.structured_content is not None:
        return result.structured_content
    return json.loads(result.content[0].text)


def check(condition, message):
    if not condition:
        raise SystemExit("FAILED: " + message)
    print("ok:", message)


async def updated_uris(notifications, count, timeout=15):
    """The URIs of the first `count` resources/updated notifications, waiting up to `timeout` s."""
    uris = []
    while len(uris) < count:
        notification = await asyncio.wait_for(notifications.get(), timeout)
        if getattr(notification, "method", None) == "notifications/resources/updated":
            uris.append(str(notification.params.uri))
    return uris


async def main(url, token):
    project = "mcp-" + uuid.uuid4().hex[:8]
    notifications = asyncio.Queue()

    async def collect(message):
        # Server notifications come wrapped (ServerNotification.root) or bare, by SDK version.
        await notifications.put(getattr(message, "root", message))

    async with httpx2.AsyncClient(headers={"Authorization": f"Bearer {token}"}, timeout=30) as http:
        async with streamable_http_client(url, http_client=http) as streams:
            async with ClientSession(streams[0], streams[1], message_handler=collect) as session:
                init = await session.initialize()
                check(init.server_info is not None, f"initialize (server {init.server_info.name})")
                check("lock_state" in (init.instructions or ""), "initialize carries the server's instructions")
                tools = {tool.name: tool for tool in (await session.list_tools()).tools}
                check(EXPECTED_TOOLS <= set(tools), f"list_tools has {sorted(EXPECTED_TOOLS)}")
                check("project" in tools["get_state"].input_schema.get("properties", {}),
                      "tools take a project argument")

                patch = dict(STATE)
                updated = await session.call_tool("update_state", {"project": project, "patch": patch,
                                                                   "actor": "agent-7"})
                check(not updated.is_error and structured(updated)["version"] == 1, "update_state creates the state")
                state = await session.call_tool("get_state", {"project": project})
                check(structured(state)["json"]["current_cp"] == "CP1-LC", "get_state reads it back")
                appended = await session.call_tool("append_history", {"project": project, "actor": "agent-7",
                                                                      "action": "review", "metadata": {"pr": 12}})
                check(structured(appended)["seq"] == 2, "append_history appends seq 2")
                found = await session.call_tool("search_history", {"project": project, "action": "review"})
                items = structured(found)["items"]
                check(len(items) == 1 and items[0]["metadata"]["via"] == "mcp"
                      and items[0]["metadata"]["principal"] == "admin",
                      "search_history finds it, recorded with via=mcp and the principal")
                verified = await session.call_tool("verify_hmac_chain", {"project": project})
                check(structured(verified)["ok"] and structured(verified)["verified"] == 2, "verify_hmac_chain ok")
                lock = structured(await session.call_tool("lock_state", {"project": project, "ttl_sec": 30,
                                                                         "owner": "agent-7"}))
                blocked = await session.call_tool("update_state", {"project": project,
                                                                   "patch": {"current_cp": "CP2-LC"}})
                check(blocked.is_error and structured(blocked)["status"] == 423,
                      "a locked state is a tool error carrying the 423 problem")
                with_lock = await session.call_tool("update_state", {"project": project, "lock_id": lock["lock_id"],
                                                                     "patch": {"current_cp": "CP2-LC"}})
                check(not with_lock.is_error, "update_state with the lock id passes")
                released = await session.call_tool("unlock_state", {"project": project, "lock_id": lock["lock_id"]})
                check(not released.is_error, "unlock_state releases it")
                exported = structured(await session.call_tool("export_files", {"project": project}))
                files = exported["files"]
                check(set(files) == {".trae/state.json", ".trae/history.json", ".trae/checkpoint"},
                      "export_files returns the state, the history and the checkpoint")
                imported = await session.call_tool("import_files", {"project": project, "files": files})
                check(structured(imported)["outcome"] == "unchanged", "import_files of the export is a no-op")
                templates = {t.uri_template for t in (await session.list_resource_templates()).resource_templates}
                check({"devstate://{project}/state", "devstate://{project}/history"} <= templates,
                      "the state and the history are resource templates")
                resource = await session.read_resource(f"devstate://{project}/state")
                check(json.loads(resource.contents[0].text)["json"]["current_cp"] == "CP2-LC",
                      "the state resource reads the state")

                check(init.capabilities.resources is not None and init.capabilities.resources.subscribe,
                      "the server offers resource subscriptions")
                listed = [str(r.uri) for r in (await session.list_resources()).resources]
                check(any(uri.startswith("devstate://") for uri in listed), "projects are listed as resources")
                # Only a registered resource can be subscribed: the project's own are.
                await session.subscribe_resource(f"devstate://{project}/state")
                await session.subscribe_resource(f"devstate://{project}/history")
                while not notifications.empty():
                    notifications.get_nowait()
                await session.call_tool("append_history", {"project": project, "actor": "agent-7", "action": "note"})
                check(await updated_uris(notifications, 1) == [f"devstate://{project}/history"],
                      "an append notifies the history resource only")
                await session.call_tool("update_state", {"project": project, "patch": {"current_cp": "CP3-LC"}})
                check(sorted(await updated_uris(notifications, 2))
                      == [f"devstate://{project}/history", f"devstate://{project}/state"],
                      "a state write notifies the state and the history (its update_state entry)")
                await session.unsubscribe_resource(f"devstate://{project}/history")
                await session.call_tool("update_state", {"project": project, "patch": {"current_cp": "CP4-LC"}})
                check(await updated_uris(notifications, 1) == [f"devstate://{project}/state"],
                      "after unsubscribing the history, only the state is notified")
                resource = await session.read_resource(f"devstate://{project}/state")
                check(json.loads(resource.contents[0].text)["json"]["current_cp"] == "CP4-LC",
                      "the notified resource reads the new state")
                prompts = {p.name for p in (await session.list_prompts()).prompts}
                check({"summarise_changes_since", "move_to_checkpoint"} <= prompts, "the prompts are listed")
                invalid = await session.call_tool("append_history", {"project": project, "actor": "a",
                                                                     "action": "update_state"})
                check(invalid.is_error and structured(invalid)["status"] == 422, "invalid input is a 422 tool error")

    # No token: reads stay open, writes are refused as over HTTP: a tool error carrying the same
    # 401 problem document, raised by the role check before the tool runs.
    async with httpx2.AsyncClient(timeout=30) as http:
        async with streamable_http_client(url, http_client=http) as streams:
            async with ClientSession(streams[0], streams[1]) as session:
                await session.initialize()
                read = await session.call_tool("get_state", {"project": project})
                check(not read.is_error, "get_state without a token is allowed (reads are open)")
                refused = await session.call_tool("append_history", {"project": project, "actor": "x",
                                                                     "action": "note"})
                problem = structured(refused) if refused.is_error else {}
                check(problem.get("status") == 401 and problem.get("type") == "urn:devstate:problem:unauthorized",
                      "append_history without a token is refused: a 401 tool error " + str(problem))
                found = structured(await session.call_tool("search_history", {"project": project, "actor": "x"}))
                check(found["items"] == [], "the refused append wrote nothing: " + str(found))


async def rate_limited(url, token):
    """With a budget of 2 writes per minute, the third write is a 429 tool error with retry_after."""
    project = "mcp-limit-" + uuid.uuid4().hex[:8]
    async with httpx2.AsyncClient(headers={"Authorization": f"Bearer {token}"}, timeout=30) as http:
        async with streamable_http_client(url, http_client=http) as streams:
            async with ClientSession(streams[0], streams[1]) as session:
                await session.initialize()
                results = [await session.call_tool("append_history", {"project": project, "actor": "a",
                                                                      "action": "note"}) for _ in range(3)]
                check(not results[0].is_error and not results[1].is_error, "two writes within the budget")
                problem = structured(results[2])
                check(results[2].is_error and problem["status"] == 429 and problem["retry_after"] >= 1,
                      "the third write is a 429 tool error with retry_after")


if __name__ == "__main__":
    if len(sys.argv) > 3 and sys.argv[3] == "--rate-limited":
        asyncio.run(rate_limited(sys.argv[1], sys.argv[2]))
    else:
        asyncio.run(main(sys.argv[1], sys.argv[2]))
