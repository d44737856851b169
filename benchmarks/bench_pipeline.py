"""Throughput, scale-out, memory and load time of the whole pipeline, against underthesea.

One run, one input: the corpus articles (``corpus/*.jsonl``), else the development seeds
(``../shared/seeds``), else a built-in article, cycled to at least ``--words`` words.
It measures

- words/s and docs/s of ``vn_union_nlp.load()`` on one core (steady state, best of
  ``--repeat``), with the share of each component;
- underthesea's bundled CRF ``ner`` on the same text, split into sentences with
  underthesea's ``sent_tokenize`` (splitting not timed), and the ratio of the two;
- ``annotate_corpus(..., jobs=1)`` against ``jobs=2`` from a fresh interpreter each (import,
  model loading and worker start-up counted), then warm (the loky workers already up),
  and ``nlp.pipe(n_process=2)`` warm;
- peak RSS (``VmHWM`` in ``/proc/<pid>/status``) of every worker process;
- the cold load time of ``vn_union_nlp.load()`` in a fresh subprocess;
- the time for 1x, 4x and 16x the input on one core (the cost should be linear).

It prints a readable table and then the JSON summary (``--json FILE`` also writes it).
When a target is missed it profiles the pipeline with cProfile and prints where the time
goes (``--profile`` always does).

    python benchmarks/bench_pipeline.py [--words 20000] [--repeat 3] [--json out.json]

Words are whitespace-separated words of the input (what ``wc -w`` counts), the same unit
for both systems; ``tokens`` are the pipeline's word tokens (multi-syllable words).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
BUILTIN = (
    "Hội nghị tổng kết công tác công đoàn năm 2024\n\n"
    "Sáng 10/1, LĐLĐ tỉnh Bắc Kạn tổ chức hội nghị tổng kết công tác công đoàn năm 2024. "
    "Đến dự có đồng chí Nguyễn Văn An, Chủ tịch LĐLĐ tỉnh. Năm qua, các cấp công đoàn đã "
    "phát động phong trào thi đua “Lao động giỏi, lao động sáng tạo” trong công nhân viên "
    "chức lao động. Dịp này, Tổng Liên đoàn Lao động Việt Nam tặng bằng khen cho 5 tập thể "
    "và 10 cá nhân.\n\nThu Hà"
)
TARGETS = {
    "ratio_vs_underthesea_ner": 4.0,  # at least, one core
    "speedup_2_jobs": 1.8,  # at least, steady state
    "peak_rss_per_worker_mb": 400.0,  # at most
    "cold_load_seconds": 2.0,  # at most
}
FIRST_TEXT = "Hội nghị tổng kết năm 2024\n\nSáng 10/1, LĐLĐ tỉnh tổ chức hội nghị tổng kết."


# -- input ------------------------------------------------------------------------------
def sample_texts() -> tuple[list[str], str]:
    """The base texts and where they came from."""
    texts: list[str] = []
    corpus_files = sorted((ROOT / "corpus").glob("*.jsonl"))
    for path in corpus_files:
        with path.open(encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in fh if line.strip()]
    if texts:
        return texts, "corpus/" + ",".join(p.name for p in corpus_files)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    if texts:
        return texts, str(SEEDS)
    return [BUILTIN], "built-in article"


def words_of(text: str) -> int:
    return len(text.split())


def cycle_to(base: list[str], words: int) -> list[str]:
    """Whole texts from ``base``, cycled, until at least ``words`` words."""
    texts: list[str] = []
    total = 0
    while total < words:
        for text in base:
            texts.append(text)
            total += words_of(text)
            if total >= words:
                break
    return texts


def write_jsonl(texts: list[str], path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(texts):
            fh.write(json.dumps({"id": f"doc-{i:05d}", "text": text}, ensure_ascii=False) + "\n")


# -- measuring --------------------------------------------------------------------------
def best_of(repeat: int, run: Callable[[], Any]) -> dict[str, float]:
    """Wall and CPU seconds of the fastest of ``repeat`` runs (the least disturbed one)."""
    runs = []
    for _ in range(repeat):
        c0, t0 = time.process_time(), time.perf_counter()
        run()
        runs.append((time.perf_counter() - t0, time.process_time() - c0))
    wall, cpu = min(runs)
    return {"wall": wall, "cpu": cpu, "walls": [round(w, 3) for w, _ in runs]}


def rates(words: int, docs: int, seconds: float) -> dict[str, float]:
    return {
        "seconds": round(seconds, 3),
        "words_per_second": round(words / seconds, 1),
        "docs_per_second": round(docs / seconds, 2),
    }


def proc_status(pid: int | str) -> dict[str, str]:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return {}
    return dict(line.split(":\t", 1) for line in text.splitlines() if ":\t" in line)


def kb_to_mb(value: str | None) -> float | None:
    return round(int(value.split()[0]) / 1024, 1) if value else None


def worker_memory() -> list[dict[str, Any]]:
    """Peak and current RSS of this process's loky worker processes (Linux /proc)."""
    me = str(os.getpid())
    workers = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        status = proc_status(entry.name)
        if status.get("PPid", "").strip() != me:
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if "loky" not in cmdline or "resource_tracker" in cmdline:
            continue
        workers.append(
            {
                "pid": int(entry.name),
                "peak_rss_mb": kb_to_mb(status.get("VmHWM")),
                "rss_mb": kb_to_mb(status.get("VmRSS")),
            }
        )
    return sorted(workers, key=lambda w: w["pid"])


def shutdown_loky() -> None:
    from joblib.externals.loky import get_reusable_executor

    get_reusable_executor().shutdown(wait=True)


# -- the measurements -------------------------------------------------------------------
class Timed:
    """A component wrapper that adds up the time spent in the component."""

    def __init__(self, component: Callable[[Any], Any]):
        self.component = component
        self.seconds = 0.0

    def __call__(self, article: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return self.component(article)
        finally:
            self.seconds += time.perf_counter() - t0


def component_shares(nlp: Any, texts: list[str]) -> dict[str, float]:
    from vn_union_nlp import Pipeline

    timed = {name: Timed(nlp.get_pipe(name)) for name in nlp.pipe_names}
    wrapped = Pipeline(timed.items())
    t0 = time.perf_counter()
    for text in texts:
        wrapped(text)
    total = time.perf_counter() - t0
    shares = {name: round(t.seconds / total, 3) for name, t in timed.items()}
    shares["other"] = round(1 - sum(shares.values()), 3)
    return shares


def single_core(nlp: Any, texts: list[str], repeat: int) -> dict[str, Any]:
    tokens = sum(nlp(t).words for t in texts)  # also warms every lazy model up
    words = sum(map(words_of, texts))
    timing = best_of(repeat, lambda: [nlp(t) for t in texts])
    return {
        **rates(words, len(texts), timing["wall"]),
        "cpu_seconds": round(timing["cpu"], 3),
        "words_per_cpu_second": round(words / timing["cpu"], 1),
        "tokens": tokens,
        "runs": timing["walls"],
        "component_share": component_shares(nlp, texts),
    }


def underthesea_sentences(texts: list[str]) -> list[str]:
    from underthesea import sent_tokenize

    return [
        s for t in texts for line in t.splitlines() if line.strip() for s in sent_tokenize(line)
    ]


def underthesea_ner(texts: list[str], repeat: int) -> dict[str, Any]:
    try:
        from underthesea import ner
    except ImportError as exc:
        return {"error": f"underthesea is not installed: {exc}"}
    sentences = underthesea_sentences(texts)
    ner(sentences[0])  # load its model outside the timing
    words = sum(map(words_of, sentences))
    timing = best_of(repeat, lambda: [ner(s) for s in sentences])
    return {
        **rates(words, len(texts), timing["wall"]),
        "cpu_seconds": round(timing["cpu"], 3),
        "words_per_cpu_second": round(words / timing["cpu"], 1),
        "sentences": len(sentences),
        "runs": timing["walls"],
    }


def run_python(code: str, *args: str) -> tuple[dict[str, Any], float]:
    """Run ``code`` in a fresh interpreter; its last stdout line is JSON."""
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"subprocess failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1]), wall


COLD_LOAD = """
import json, sys, time
t0 = time.perf_counter()
import vn_union_nlp
t1 = time.perf_counter()
nlp = vn_union_nlp.load()
t2 = time.perf_counter()
nlp(sys.argv[1])
t3 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "load": t2 - t0, "first_article": t3 - t0}))
"""


def cold_load(runs: int) -> dict[str, Any]:
    results = [run_python(COLD_LOAD, FIRST_TEXT) for _ in range(runs)]

    def median(key: str) -> float:
        return round(statistics.median(r[key] for r, _ in results), 3)

    return {
        "runs": runs,
        "import_seconds": median("import"),
        "load_seconds": median("load"),
        "load_seconds_min": round(min(r["load"] for r, _ in results), 3),
        "first_article_seconds": median("first_article"),
        "process_wall_seconds": round(statistics.median(w for _, w in results), 3),
    }


COLD_BATCH = """
import json, os, sys, time
from pathlib import Path
t0 = time.perf_counter()
from vn_union_nlp.batch import annotate_corpus
summary = annotate_corpus([sys.argv[1]], sys.argv[2], jobs=int(sys.argv[3]), force=True)
seconds = time.perf_counter() - t0
workers = []
for entry in Path("/proc").iterdir():
    if not entry.name.isdigit():
        continue
    try:
        status = (entry / "status").read_text()
        cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
    except OSError:
        continue
    fields = dict(l.split(":\\t", 1) for l in status.splitlines() if ":\\t" in l)
    if fields.get("PPid", "").strip() == str(os.getpid()) and "loky" in cmdline \\
            and "resource_tracker" not in cmdline:
        workers.append(int(fields["VmHWM"].split()[0]) / 1024)
me = (Path("/proc/self/status").read_text().split("VmHWM:")[1].split()[0])
print(json.dumps({"seconds": seconds, "summary": summary.to_dict(),
                  "worker_peak_rss_mb": workers, "main_peak_rss_mb": int(me) / 1024}))
"""


def cold_batch(path: Path, out: Path, jobs: int) -> dict[str, Any]:
    result, wall = run_python(COLD_BATCH, str(path), str(out), str(jobs))
    return {
        "seconds": round(result["seconds"], 3),
        "process_wall_seconds": round(wall, 3),
        "docs": result["summary"]["total"],
        "errors": result["summary"]["errors"],
        "worker_peak_rss_mb": [round(m, 1) for m in result["worker_peak_rss_mb"]],
        "main_peak_rss_mb": round(result["main_peak_rss_mb"], 1),
    }


def batch_steady_one_job(nlp: Any, path: Path, out: Path, repeat: int) -> float:
    """``annotate_corpus(jobs=1)`` without its ``load()``: read, annotate, write."""
    from vn_union_nlp.batch import annotate_record, iter_inputs

    def run() -> None:
        with out.open("w", encoding="utf-8") as fh:
            for record in iter_inputs([path]):
                fh.write(json.dumps(annotate_record(nlp, record), ensure_ascii=False) + "\n")
                fh.flush()

    return best_of(repeat, run)["wall"]


def batch_warm(path: Path, out: Path, jobs: int, repeat: int) -> dict[str, Any]:
    """``annotate_corpus(jobs=N)`` in this process: the first call starts the workers."""
    from vn_union_nlp.batch import annotate_corpus

    t0 = time.perf_counter()
    annotate_corpus([path], out, jobs=jobs, force=True)
    first = time.perf_counter() - t0
    timing = best_of(repeat, lambda: annotate_corpus([path], out, jobs=jobs, force=True))
    return {"first_call_seconds": round(first, 3), "warm_seconds": round(timing["wall"], 3)}


def pipe_warm(nlp: Any, texts: list[str], n_process: int, repeat: int) -> float:
    list(nlp.pipe(texts[: 2 * n_process], n_process=n_process))  # workers up, models loaded
    return best_of(repeat, lambda: list(nlp.pipe(texts, n_process=n_process)))["wall"]


def scaling(nlp: Any, texts: list[str], factors: list[int]) -> list[dict[str, Any]]:
    rows = []
    base = None
    for k in factors:
        batch = texts * k
        words = sum(map(words_of, batch))
        t0 = time.perf_counter()
        for text in batch:
            nlp(text)
        seconds = time.perf_counter() - t0
        base = base if base is not None else seconds / k
        rows.append(
            {
                "factor": k,
                "words": words,
                **rates(words, len(batch), seconds),
                "seconds_per_1x": round(seconds / k, 3),
                "vs_linear": round(seconds / (k * base), 3),
                "main_rss_mb": kb_to_mb(proc_status("self").get("VmRSS")),
            }
        )
    return rows


def profile(nlp: Any, texts: list[str], top: int = 25) -> dict[str, Any]:
    """cProfile of the pipeline: the busiest functions and the time per package/module."""
    prof = cProfile.Profile()
    prof.enable()
    for text in texts:
        nlp(text)
    prof.disable()
    stats = pstats.Stats(prof)
    total = sum(v[2] for v in stats.stats.values())  # own time of every function
    by_module: dict[str, float] = {}
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
        by_module[module_of(filename)] = by_module.get(module_of(filename), 0.0) + tottime
    stream = io.StringIO()
    pstats.Stats(prof, stream=stream).sort_stats("tottime").print_stats(top)
    return {
        "own_time_by_module": {
            m: round(t / total, 3) for m, t in sorted(by_module.items(), key=lambda kv: -kv[1])[:15]
        },
        "top_functions": stream.getvalue(),
    }


def module_of(filename: str) -> str:
    """``vn_union_nlp/ner/features.py`` -> ``vn_union_nlp.ner.features``; packages by name."""
    path = Path(filename)
    parts = path.parts
    if "vn_union_nlp" in parts:
        i = parts.index("vn_union_nlp")
        return ".".join(parts[i:]).removesuffix(".py")
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1].removesuffix(".py")
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins/C"
    return "stdlib:" + path.stem


def break_even(one: dict[str, float], two: dict[str, float], target: float) -> float | None:
    """Words at which the cold 2-job run reaches ``target`` x the cold 1-job run.

    Each run costs start-up S plus words/rate: solve S1 + N/r1 = target * (S2 + N/r2).
    """
    s1, r1, s2, r2 = one["startup"], one["rate"], two["startup"], two["rate"]
    denominator = 1 / r1 - target / r2
    if denominator <= 0:
        return None  # the steady state itself is below the target
    return max(0.0, (target * s2 - s1) / denominator)


# -- report -----------------------------------------------------------------------------
def machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def table(summary: dict[str, Any]) -> str:
    s = summary
    one, ut, par = s["single_core"], s.get("underthesea_ner", {}), s["parallel"]
    lines = [
        f"input: {s['input']['docs']} docs, {s['input']['words']:,} words "
        f"({s['input']['source']}); {s['machine']['cpus']} CPUs, "
        f"load average {s['machine']['load_average_at_start']}",
        "",
        f"{'measure':<44}{'value':>14}  notes",
        f"{'pipeline, 1 core, words/s':<44}{one['words_per_second']:>14,.0f}  "
        f"{one['docs_per_second']:.1f} docs/s, best of {len(one['runs'])}",
    ]
    if "words_per_second" in ut:
        lines.append(
            f"{'underthesea.ner, 1 core, words/s':<44}{ut['words_per_second']:>14,.0f}  "
            f"{ut['sentences']} sentences"
        )
        lines.append(
            f"{'ratio pipeline / underthesea.ner':<44}{s['ratio_vs_underthesea_ner']:>14.2f}  "
            f"CPU-time ratio {s['ratio_vs_underthesea_ner_cpu']:.2f}"
        )
    lines += [
        f"{'cold, jobs=1 (fresh process), s':<44}{par['cold_1_job']['seconds']:>14.2f}  "
        "import + load + annotate",
        f"{'cold, jobs=2 (fresh process), s':<44}{par['cold_2_jobs']['seconds']:>14.2f}  "
        "import + worker start-up + annotate",
        f"{'speed-up 2 jobs, cold':<44}{par['speedup_cold']:>14.2f}",
        f"{'steady, jobs=1, s':<44}{par['steady_1_job_seconds']:>14.2f}",
        f"{'steady, jobs=2 (warm workers), s':<44}{par['warm_2_jobs']['warm_seconds']:>14.2f}",
        f"{'speed-up 2 jobs, steady':<44}{par['speedup_steady']:>14.2f}",
    ]
    if par.get("pipe_2_processes_seconds") is not None:
        lines.append(f"{'nlp.pipe(n_process=2) warm, speed-up':<44}{par['speedup_pipe']:>14.2f}")
    if par.get("words_for_target_speedup_cold") is not None:
        lines.append(
            f"{'words for 1.8x speed-up from cold (est.)':<44}"
            f"{par['words_for_target_speedup_cold']:>14,.0f}"
        )
    lines += [
        f"{'peak RSS per worker, MB':<44}{s['peak_rss_per_worker_mb']:>14.0f}  "
        f"all workers: {s['worker_peak_rss_mb']}",
        f"{'cold load() in a fresh process, s':<44}{s['cold_load']['load_seconds']:>14.2f}  "
        f"first article at {s['cold_load']['first_article_seconds']:.2f} s",
    ]
    for row in s.get("scaling", []):
        lines.append(
            f"{'time for ' + str(row['factor']) + 'x input, s':<44}{row['seconds']:>14.2f}  "
            f"{row['words']:,} words, {row['vs_linear']:.2f}x linear"
        )
    lines += ["", "component share of pipeline time: " + json.dumps(one["component_share"]), ""]
    lines.append(f"{'target':<44}{'wanted':>14}  result")
    for name, check in s["targets"].items():
        lines.append(
            f"{name:<44}{check['wanted']:>14}  {check['measured']} "
            f"{'ok' if check['met'] else 'MISSED'}"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=20_000, help="input size (default 20000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing; the best counts")
    parser.add_argument("--jobs", type=int, default=2, help="parallel jobs to compare with 1")
    parser.add_argument("--scales", default="1,4,16", help="input multiples for the linearity run")
    parser.add_argument("--cold-runs", type=int, default=3, help="fresh processes for load()")
    parser.add_argument("--profile", action="store_true", help="always print a cProfile")
    parser.add_argument("--skip-underthesea", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the JSON summary to this file")
    args = parser.parse_args()

    import vn_union_nlp

    base, source = sample_texts()
    texts = cycle_to(base, args.words)
    words = sum(map(words_of, texts))
    summary: dict[str, Any] = {
        "machine": machine(),
        "input": {"source": source, "docs": len(texts), "words": words},
        "version": vn_union_nlp.__version__,
    }
    print(f"cold load ({args.cold_runs} fresh processes) ...", file=sys.stderr)
    summary["cold_load"] = cold_load(args.cold_runs)

    nlp = vn_union_nlp.load()
    summary["pipe_names"] = nlp.pipe_names
    print("pipeline, one core ...", file=sys.stderr)
    summary["single_core"] = single_core(nlp, texts, args.repeat)
    if not args.skip_underthesea:
        print("underthesea.ner, one core ...", file=sys.stderr)
        summary["underthesea_ner"] = ut = underthesea_ner(texts, args.repeat)
        if "words_per_second" in ut:
            one = summary["single_core"]
            summary["ratio_vs_underthesea_ner"] = round(
                one["words_per_second"] / ut["words_per_second"], 2
            )
            summary["ratio_vs_underthesea_ner_cpu"] = round(
                one["words_per_cpu_second"] / ut["words_per_cpu_second"], 2
            )

    with tempfile.TemporaryDirectory(prefix="bench-pipeline-") as tmp:
        path, out = Path(tmp) / "input.jsonl", Path(tmp) / "out.jsonl"
        write_jsonl(texts, path)
        print(f"batch, 1 and {args.jobs} jobs ...", file=sys.stderr)
        cold_1 = cold_batch(path, out, 1)
        cold_n = cold_batch(path, out, args.jobs)
        steady_1 = batch_steady_one_job(nlp, path, out, args.repeat)
        warm_n = batch_warm(path, out, args.jobs, args.repeat)
        workers = worker_memory()
        pipe_n = pipe_warm(nlp, texts, args.jobs, args.repeat)
        workers_pipe = worker_memory()
    shutdown_loky()
    one_pipe = summary["single_core"]["seconds"]
    parallel: dict[str, Any] = {
        "jobs": args.jobs,
        "cold_1_job": cold_1,
        "cold_2_jobs": cold_n,
        "speedup_cold": round(cold_1["seconds"] / cold_n["seconds"], 2),
        "steady_1_job_seconds": round(steady_1, 3),
        "warm_2_jobs": warm_n,
        "speedup_steady": round(steady_1 / warm_n["warm_seconds"], 2),
        "pipe_2_processes_seconds": round(pipe_n, 3),
        "speedup_pipe": round(one_pipe / pipe_n, 2),
        **{
            f"words_per_second_{k}": round(words / v, 1)
            for k, v in (("steady_1_job", steady_1), ("warm_2_jobs", warm_n["warm_seconds"]))
        },
    }
    parallel["words_for_target_speedup_cold"] = break_even(
        {"startup": cold_1["seconds"] - steady_1, "rate": words / steady_1},
        {
            "startup": cold_n["seconds"] - warm_n["warm_seconds"],
            "rate": words / warm_n["warm_seconds"],
        },
        TARGETS["speedup_2_jobs"],
    )
    summary["parallel"] = parallel
    peaks = [w["peak_rss_mb"] for w in workers + workers_pipe] + cold_n["worker_peak_rss_mb"]
    summary["worker_peak_rss_mb"] = sorted({p for p in peaks if p is not None})
    summary["peak_rss_per_worker_mb"] = max(summary["worker_peak_rss_mb"], default=0.0)
    summary["main_peak_rss_mb"] = kb_to_mb(proc_status("self").get("VmHWM"))

    factors = [int(k) for k in args.scales.split(",") if k.strip()]
    if factors:
        print(f"linearity {factors} ...", file=sys.stderr)
        summary["scaling"] = scaling(nlp, texts, factors)

    checks = {
        "ratio_vs_underthesea_ner": (summary.get("ratio_vs_underthesea_ner"), ">="),
        "speedup_2_jobs": (parallel["speedup_steady"], ">="),
        "peak_rss_per_worker_mb": (summary["peak_rss_per_worker_mb"], "<="),
        "cold_load_seconds": (summary["cold_load"]["load_seconds"], "<="),
    }
    summary["targets"] = {
        name: {
            "wanted": f"{op} {TARGETS[name]}",
            "measured": value,
            "met": value is not None
            and (value >= TARGETS[name] if op == ">=" else value <= TARGETS[name]),
        }
        for name, (value, op) in checks.items()
    }
    summary["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    missed = [n for n, c in summary["targets"].items() if not c["met"]]
    if missed or args.profile:
        print("profiling ...", file=sys.stderr)
        summary["profile"] = profile(nlp, cycle_to(base, min(args.words, 10_000)))

    print(table(summary))
    if "profile" in summary:
        print("\nown time by module (cProfile, share of total):")
        for module, share in summary["profile"]["own_time_by_module"].items():
            print(f"  {module:<50}{share:>7.1%}")
        print(summary["profile"]["top_functions"])
    report = {k: v for k, v in summary.items() if k != "profile"}
    if "profile" in summary:
        report["profile"] = {"own_time_by_module": summary["profile"]["own_time_by_module"]}
    print(json.dumps(report, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
