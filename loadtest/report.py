"""Writes docs/benchmarks/REPORT.md and its PNG charts from the summaries of scripts/bench.sh.

    python loadtest/report.py docs/benchmarks

Reads summaries/<workload>.json (written by devstate-load run, or by the k6 scripts' handleSummary
in the same shape), summaries/big-chain.json (optional) and summaries/machine.json. Needs matplotlib (scripts/bench.sh installs it in target/bench-venv).
"""
import json
import pathlib
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

ORDER = ["state-read", "state-read-304", "search", "verify", "export", "log-proofs", "state-update", "append", "ide-day"]
# The issue's targets (rate per second, where the issue names one); the rest are this suite's own.
ISSUE_TARGETS = {
    "state-read": "issue: 3000 req/s, p95 < 5 ms",
    "state-read-304": "issue: 3000 req/s, p95 < 5 ms",
    "state-update": "issue: 300 req/s, p95 < 50 ms",
    "append": "issue: 500 req/s for 60 s, p95 < 20 ms, 0 errors, chain verifies with the exact count",
    "search": "suite: 200 req/s, p95 < 50 ms",
    "verify": "suite: 10 req/s; window p95 < 50 ms; whole 10k chain p95 < 100 ms (100k < 1 s scaled)",
    "export": "suite: 2 req/s, p95 < 500 ms for the 10k-entry project",
    "log-proofs": "issue: inclusion and consistency proofs on a 1,000,000-entry project, 200 req/s, p95 < 5 ms "
                  "(here on the seeded project; the 1M-entry run is scripts/bench-log.sh)",
    "ide-day": "suite: 100 iterations/s, every route p95 < 50 ms",
}
VERIFY_100K_TARGET_S = 1.0


def ms(v):
    return "—" if v is None or v < 0 else (f"{v:.2f}" if v < 100 else f"{v:.0f}")


def load(out):
    sums = {}
    for p in sorted((out / "summaries").glob("*.json")):
        if p.stem in ("big-chain", "machine"):
            continue
        sums[p.stem] = json.loads(p.read_text())
    names = [n for n in ORDER if n in sums] + [n for n in sums if n not in ORDER]
    big = json.loads((out / "summaries" / "big-chain.json").read_text()) if (out / "summaries" / "big-chain.json").exists() else {}
    machine = json.loads((out / "summaries" / "machine.json").read_text())
    return names, sums, big, machine


def rate_ok(s):
    """Iterations started per second of the scheduled window, and the runner's verdict on the drops
    (its dropped_iterations threshold: at most 1 in 1000, which cannot move the p95)."""
    it = s["iterations"]
    achieved = (it["scheduled"] - it["dropped"]) / s["config"]["duration_s"]
    return dropped_threshold(s)["ok"], achieved


def dropped_threshold(s):
    return next(t for t in s["thresholds"] if t["metric"] == "dropped_iterations")


def verdicts(s):
    """Per route: (ok, reasons)."""
    limits = {t["metric"][len("http_req_duration{route:"):-1]: t for t in s["thresholds"] if t["metric"].startswith("http_req_duration")}
    rok, achieved = rate_ok(s)
    out = {}
    for route, st in s["routes"].items():
        reasons = []
        t = limits.get(route)
        if t and not t["ok"]:
            reasons.append(f"p95 {ms(st['p95_ms'])} ≥ {t['expr'][len('p(95)<'):]} ms")
        if st["failed"]:
            reasons.append(f"{st['failed']} errors")
        if not rok:
            reasons.append(f"{s['iterations']['dropped']} of {s['iterations']['scheduled']} iterations dropped, "
                           f"not {dropped_threshold(s)['expr']} (started {achieved:.0f}/{s['config']['rate_per_s']:g} per s)")
        out[route] = (not reasons, reasons, t)
    return out


def charts(out, names, sums):
    rows = []
    for n in names:
        for route, st in sorted(sums[n]["routes"].items()):
            t = next((t for t in sums[n]["thresholds"] if t["metric"] == f"http_req_duration{{route:{route}}}"), None)
            limit = float(t["expr"][len("p(95)<"):]) if t else None
            rows.append((f"{n}\n{route}" if route.replace("_", "-") != n else n, st, limit))
    fig, ax = plt.subplots(figsize=(max(8, 0.75 * len(rows)), 5.5))
    xs = range(len(rows))
    w = 0.27
    ax.bar([x - w for x in xs], [r[1]["p50_ms"] for r in rows], w, label="p50", color="#9ecae1")
    ax.bar(list(xs), [r[1]["p95_ms"] for r in rows], w, label="p95", color="#3182bd")
    ax.bar([x + w for x in xs], [r[1]["p99_ms"] for r in rows], w, label="p99", color="#08519c")
    for x, r in zip(xs, rows):
        if r[2] is not None:
            miss = r[1]["p95_ms"] >= r[2]
            ax.hlines(r[2], x - 0.45, x + 0.45, colors="#d62728" if miss else "#2ca02c", linewidth=2.5)
    ax.plot([], [], color="#2ca02c", linewidth=2.5, label="p95 target (met)")
    ax.plot([], [], color="#d62728", linewidth=2.5, label="p95 target (missed)")
    ax.set_yscale("log")
    ax.set_ylabel("latency, ms (log scale)")
    ax.set_xticks(list(xs))
    ax.set_xticklabels([r[0] for r in rows], rotation=60, ha="right", fontsize=8)
    ax.set_title("DevState latency per workload and route")
    ax.legend(fontsize=8, ncol=2)
    ax.grid(axis="y", which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(out / "latency.png", dpi=110)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(9, 4.5))
    xs = range(len(names))
    target = [sums[n]["config"]["rate_per_s"] for n in names]
    achieved = [rate_ok(sums[n])[1] for n in names]
    ax.bar([x - 0.2 for x in xs], target, 0.4, label="target iterations/s", color="#bdbdbd")
    ax.bar([x + 0.2 for x in xs], achieved, 0.4, label="started iterations/s (not dropped)", color="#31a354")
    ax.set_yscale("log")
    ax.set_xticks(list(xs))
    ax.set_xticklabels(names, rotation=30, ha="right")
    ax.set_ylabel("iterations per second (log scale)")
    ax.set_title("Arrival rate: target vs achieved")
    ax.legend()
    ax.grid(axis="y", which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(out / "throughput.png", dpi=110)
    plt.close(fig)


def main():
    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "docs/benchmarks")
    names, sums, big, machine = load(out)
    charts(out, names, sums)
    L = []
    L.append("# DevState benchmark report\n")
    measured = ", ".join(sorted({f"{sums[n]['config']['duration_s']:g} s" for n in names})) or "—"
    warmup = ", ".join(sorted({f"{sums[n]['config'].get('warmup_s', 0):g} s" for n in names})) or "—"
    L.append(f"Produced by `{machine['command']}` on {machine['date_utc']} (commit `{machine['git_commit']}`): "
             f"{measured} measured per workload after {warmup} of unrecorded warm-up at the same rate "
             f"(and, before any measurement, a JIT warm-up pass: every workload {machine.get('jit_warmup', '0s')} unrecorded "
             "on a project of its own), "
             f"constant arrival rate (open model), on a project seeded with {machine['seed_entries']} signed history entries "
             "and a schema-valid state. Rate limiting off. Latency is from request written to last byte read, "
             "measured by the load runner on the same machine. Raw summaries: [summaries/](summaries/).\n")
    L.append("A **miss** is recorded, not hidden: the command succeeds either way.\n")
    L.append("## Summary\n")
    L.append("| workload | route | target | p50 ms | p95 ms | p99 ms | throughput req/s | errors | result |")
    L.append("|---|---|---|---:|---:|---:|---:|---:|---|")
    misses = []
    for n in names:
        s = sums[n]
        v = verdicts(s)
        for route, st in sorted(s["routes"].items()):
            ok, reasons, t = v[route]
            target = f"p95 < {t['expr'][len('p(95)<'):]} ms" if t else "—"
            dropped = s["iterations"]["dropped"]
            res = "pass" if ok else "**miss**: " + "; ".join(reasons)
            if ok and dropped:
                res += f" ({dropped} of {s['iterations']['scheduled']} iterations dropped, {dropped_threshold(s)['expr']})"
            if not ok:
                misses.append(f"{n}/{route}: " + "; ".join(reasons))
            L.append(f"| {n} | `{route}` | {target} | {ms(st['p50_ms'])} | {ms(st['p95_ms'])} | {ms(st['p99_ms'])} | "
                     f"{st['rate_per_s']:.1f} | {st['failed']} | {res} |")
        # A threshold whose route drew no request is a miss: that route was not measured.
        for t in s["thresholds"]:
            route = t["metric"][len("http_req_duration{route:"):-1] if t["metric"].startswith("http_req_duration{") else None
            if route is not None and route not in s["routes"]:
                misses.append(f"{n}/{route}: no request on this route")
                L.append(f"| {n} | `{route}` | p95 < {t['expr'][len('p(95)<'):]} ms | — | — | — | 0.0 | 0 | "
                         "**miss**: no request on this route |")
        for ch in s.get("checks") or []:
            if not ch["ok"]:
                misses.append(f"{n}: check failed: {ch['name']}")
    if big:
        vs = sorted(big["verify_s"])
        med = vs[len(vs) // 2]
        ok = med < VERIFY_100K_TARGET_S and big["verify_result"].get("ok")
        if not ok:
            misses.append(f"verify of {big['entries']} entries: median {med:.3f} s")
        L.append(f"| verify {big['entries']:,} entries | `verify_full` | < 1 s | median {med * 1000:.0f} | | max {max(vs) * 1000:.0f} | | 0 | "
                 f"{'pass' if ok else '**miss**'} |")
        ex = big["export"]
        L.append(f"| export {big['entries']:,} entries | `export` | report | median {sorted(e['s'] for e in ex)[len(ex) // 2] * 1000:.0f} | | "
                 f"max {max(e['s'] for e in ex) * 1000:.0f} | | 0 | reported |")
        cap = big.get("export_capped")
        if cap:
            streamed = cap["status"] == 200 and cap["same_bytes"] and cap["bytes"] > cap["xmx_mib"] * 2**20
            if not streamed:
                misses.append(f"export under -Xmx{cap['xmx_mib']}m: status {cap['status']}, same bytes {cap['same_bytes']}")
            L.append(f"| export {big['entries']:,} entries, heap capped | `export` | streams: {cap['bytes'] / 2**20:.0f} MiB body "
                     f"with -Xmx{cap['xmx_mib']}m | {cap['s'] * 1000:.0f} | | | | {0 if cap['status'] == 200 else 1} | "
                     f"{'pass' if streamed else '**miss**'} |")
    L.append("")
    L.append("![latency per route](latency.png)\n")
    L.append("![arrival rate](throughput.png)\n")
    if misses:
        L.append("Misses in this run:\n")
        L += [f"- {m}" for m in misses]
        L.append("")

    L.append("## Workloads\n")
    for n in names:
        s = sums[n]
        rok, achieved = rate_ok(s)
        L.append(f"### {n}\n")
        L.append(f"{s['description']}. Target: {ISSUE_TARGETS.get(n, '—')}.\n")
        L.append(f"Arrival rate {s['config']['rate_per_s']:g} iterations/s for {s['config']['duration_s']:g} s: "
                 f"{s['iterations']['scheduled']} scheduled, {s['iterations']['completed']} completed "
                 f"in {s['elapsed_s']:.1f} s, {s['iterations']['dropped']} dropped (started {achieved:.1f}/s); {s['http_reqs']} requests "
                 f"({s['http_reqs_per_s']:.1f}/s), {s['http_req_failed']} failed.\n")
        L.append("| route | requests | req/s | min | p50 | p90 | p95 | p99 | max | statuses |")
        L.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
        for route, st in sorted(s["routes"].items()):
            L.append(f"| `{route}` | {st['count']} | {st['rate_per_s']:.1f} | {ms(st['min_ms'])} | {ms(st['p50_ms'])} | "
                     f"{ms(st['p90_ms'])} | {ms(st['p95_ms'])} | {ms(st['p99_ms'])} | {ms(st['max_ms'])} | "
                     + ", ".join(f"{k}: {v}" for k, v in sorted(st["statuses"].items())) + " |")
        L.append("")
        L.append("Thresholds (as the runner evaluated them):\n")
        for t in s["thresholds"]:
            L.append(f"- {'✓' if t['ok'] else '✗'} `{t['metric']}` `{t['expr']}` — actual {t['actual']:g}")
        for ch in s.get("checks") or []:
            L.append(f"- {'✓' if ch['ok'] else '✗'} check: {ch['name']} — {ch['detail']}")
        L.append("")

    if big:
        L.append(f"## Verify and export of {big['entries']:,} entries\n")
        vr = big["verify_result"]
        L.append(f"A second project seeded with {big['entries']:,} signed entries (one import) plus the state's "
                 f"`update_state` entry. `GET /v1/devstate/verify` (whole chain, server-side): first "
                 + ", ".join(f"{x * 1000:.0f} ms" for x in big.get("verify_warmup_s", []))
                 + " while the JIT compiles the verify path (warm-up, not counted), then five measured runs: "
                 + ", ".join(f"{x * 1000:.0f} ms" for x in big["verify_s"])
                 + f" (curl total time). Result of the last run: `ok={str(vr.get('ok')).lower()}`, "
                 f"`verified={vr.get('verified')}`, head seq {(vr.get('head') or {}).get('seq')}. Target < 1 s.\n")
        L.append("`GET /v1/devstate/export`, three runs, with the service's heap (sum of "
                 "`jvm_memory_used_bytes{area=\"heap\"}` from `/q/metrics`; the peak is the largest of samples taken every ~100 ms during the export):\n")
        L.append("| run | time ms | bytes | heap peak during export MiB |")
        L.append("|---:|---:|---:|---:|")
        for i, e in enumerate(big["export"], 1):
            L.append(f"| {i} | {e['s'] * 1000:.0f} | {e['bytes']:,} | {e['heap_peak_bytes'] / 2**20:.0f} |")
        L.append("")
        L.append(f"Heap before the exports: {big['heap_before_bytes'] / 2**20:.0f} MiB; after: "
                 f"{big['heap_after_bytes'] / 2**20:.0f} MiB (no GC forced; the JVM runs with its default heap sizing, "
                 "so these figures include garbage not yet collected).\n")
        cap = big.get("export_capped")
        if cap:
            L.append(f"The streaming proof: a second service process on the same database, started with "
                     f"`-Xmx{cap['xmx_mib']}m -XX:+ExitOnOutOfMemoryError`, exported the same chain: HTTP {cap['status']}, "
                     f"{cap['bytes']:,} bytes ({cap['bytes'] / 2**20:.0f} MiB, larger than its whole heap) in "
                     f"{cap['s'] * 1000:.0f} ms, byte-identical to the uncapped export: {str(cap['same_bytes']).lower()}. "
                     "An export that held the chain in memory would have run out of memory there "
                     "(`ExportMemoryIT` checks the same with 100k entries and a 64 MiB heap on every test run).\n")

    L.append("## Machine\n")
    L.append(f"- CPU: {machine['cpu_model']}, `nproc` = {machine['nproc']} (shared by PostgreSQL, the service and the load runner)")
    L.append(f"- Kernel: {machine['kernel']}")
    L.append(f"- Java: {machine['java'].splitlines()[0]}")
    L.append(f"- PostgreSQL: {machine['postgres']} (default settings of a fresh `initdb`, `synchronous_commit=on`)")
    L.append(f"- Load runner: {machine['load_runner']}")
    la = machine.get("loadavg_1m") or []
    if la:
        L.append(f"- 1-minute load average during the run (sampled every 5 s): min {min(la):.1f}, "
                 f"mean {sum(la) / len(la):.1f}, max {max(la):.1f} — with {machine['nproc']} cores, anything well above "
                 "the benchmark's own share means other work competed for the CPU")
    L.append("- Memory (`free -h`):\n")
    L.append("```\n" + machine["free_h"] + "\n```\n")
    (out / "REPORT.md").write_text("\n".join(L) + "\n")


if __name__ == "__main__":
    main()
