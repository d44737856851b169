"""The batch job on a real Dask cluster: two worker processes on this machine.

The records must be those of a local run, error records included, and the work must
really happen in the cluster's worker processes: the test counts the batches each worker
ran and checks that the scheduler saw no other tasks. Connection problems are usage
errors (exit code 2) that leave no output file behind.
"""

from __future__ import annotations

import json
import os
import re

import pytest

distributed = pytest.importorskip("distributed")
# dashboard_address=None still binds the default port 8787; another cluster on this
# machine makes distributed warn and pick a free port, which is harmless here.
pytestmark = pytest.mark.filterwarnings("ignore:Port 8787 is already in use")

from vn_union_nlp.batch import DEFAULT_BATCH_SIZE, annotate_corpus  # noqa: E402
from vn_union_nlp.cli import main  # noqa: E402

CONFERENCE = (
    "Hội nghị tổng kết công tác công đoàn năm 2024\n\n"
    "Sáng 10/1/2025, LĐLĐ huyện Chợ Mới tổ chức hội nghị tổng kết công tác công đoàn năm "
    "2024. Đến dự có đồng chí Nguyễn Văn An, Chủ tịch LĐLĐ tỉnh Bắc Kạn.\n\n"
    "Dịp này, LĐLĐ tỉnh tặng bằng khen cho 5 tập thể và 10 cá nhân.\n\nThu Hà"
)
CAMPAIGN = (
    "Phát động thi đua lao động giỏi năm 2025\n\n"
    "Ngày 5/3, Công đoàn ngành Giáo dục tỉnh phát động phong trào thi đua “Lao động giỏi, "
    "lao động sáng tạo” trong đoàn viên toàn ngành.\n\nMinh Châu"
)
# Fields that depend on when or how long a run took, not on what it found.
TIMING_KEY = re.compile(r"seconds|elapsed|duration|timing|timestamp")


def without_timing(record: dict) -> dict:
    return {k: v for k, v in record.items() if not TIMING_KEY.search(k)}


def read_records(path) -> list[dict]:
    return [without_timing(json.loads(line)) for line in path.read_text("utf-8").splitlines()]


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        worker_dashboard_address=None,
    ) as cluster:
        yield cluster


@pytest.fixture
def inputs(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "conference.txt").write_text(CONFERENCE, encoding="utf-8")
    (d / "campaign.txt").write_text(CAMPAIGN, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 4)
    lines = [
        json.dumps({"id": "j1", "text": CONFERENCE, "published": "2025-01-11"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "j3"}),
        json.dumps({"id": "j4", "text": CAMPAIGN}, ensure_ascii=False),
    ]
    (d / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return d


def batches_run_by_workers(client) -> dict[str, tuple[int, int]]:
    """Per worker: (its pid, how many batches it annotated so far)."""

    def probe() -> tuple[int, int]:
        from vn_union_nlp.pipeline import _cached_pipeline

        info = _cached_pipeline.cache_info()  # one lookup per batch in batch._annotate_batch
        return os.getpid(), info.hits + info.misses

    return client.run(probe)


def task_prefixes(client) -> set[str]:
    """Names of every kind of task the scheduler has seen."""

    def names(dask_scheduler) -> list[str]:
        return list(dask_scheduler.task_prefixes)

    return set(client.run_on_scheduler(names))


def test_dask_backend_matches_a_local_run_and_runs_on_the_workers(cluster, inputs, tmp_path):
    local, api, cli = (tmp_path / f"{name}.jsonl" for name in ("local", "api", "cli"))
    annotate_corpus([inputs], local)
    expected = read_records(local)
    assert len(expected) == 8  # one line per input: 4 text files + 4 JSONL lines
    assert {r["id"] for r in expected if "error" in r} == {"binary.txt", "batch.jsonl:2", "j3"}

    with distributed.Client(cluster) as client:
        before = batches_run_by_workers(client)
        summary = annotate_corpus(
            [inputs], api, backend="dask", scheduler=cluster.scheduler_address, batch_size=2
        )
        after_api = batches_run_by_workers(client)
        code = main(
            [
                "annotate",
                str(inputs),
                "-o",
                str(cli),
                "--backend",
                "dask",
                "--scheduler",
                cluster.scheduler_address,
                "-q",
            ]
        )
        after_cli = batches_run_by_workers(client)
        prefixes = task_prefixes(client)

    assert read_records(api) == expected
    assert read_records(cli) == expected
    assert (summary.total, summary.errors) == (8, 3)
    assert code == 3  # some inputs became error records

    # Every batch ran in a worker process of the cluster, none in this process.
    assert all(pid != os.getpid() for pid, _ in after_cli.values())
    ran_api = sum(after_api[w][1] - before[w][1] for w in before)
    ran_cli = sum(after_cli[w][1] - after_api[w][1] for w in before)
    assert ran_api == 4  # 8 inputs in batches of 2
    assert ran_cli == -(-8 // DEFAULT_BATCH_SIZE)  # 8 inputs in batches of the default size
    # Only our batches: no nested tasks (scikit-learn's FeatureUnion fans out through
    # joblib's dask backend unless the batch runs its documents sequentially).
    assert prefixes and all("_annotate_batch" in name for name in prefixes), prefixes


def test_unreachable_scheduler_is_a_usage_error_and_writes_nothing(tmp_path, inputs, capsys):
    import dask

    out = tmp_path / "out.jsonl"
    # Nothing listens on port 1; keep the connection attempt short.
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        code = main(
            [
                "annotate",
                str(inputs),
                "-o",
                str(out),
                "--backend",
                "dask",
                "--scheduler",
                "tcp://127.0.0.1:1",
                "-q",
            ]
        )
    assert code == 2
    assert "dask scheduler" in capsys.readouterr().err
    assert not out.exists()


def test_a_scheduler_without_the_dask_backend_is_a_usage_error(tmp_path, inputs, capsys):
    out = tmp_path / "out.jsonl"
    code = main(["annotate", str(inputs), "-o", str(out), "--scheduler", "tcp://127.0.0.1:1"])
    assert code == 2
    assert "--backend dask" in capsys.readouterr().err
    assert not out.exists()


def test_a_cluster_without_workers_is_a_usage_error(tmp_path, inputs, monkeypatch, capsys):
    monkeypatch.setattr("vn_union_nlp.batch.DASK_WORKER_TIMEOUT", 1.0)
    out = tmp_path / "out.jsonl"
    with distributed.LocalCluster(
        n_workers=0, processes=True, host="127.0.0.1", dashboard_address=None
    ) as empty:
        address = empty.scheduler_address
        code = main(
            ["annotate", str(inputs), "-o", str(out), "--backend", "dask", "--scheduler", address]
        )
    assert code == 2
    assert "dask worker" in capsys.readouterr().err
    assert not out.exists()
