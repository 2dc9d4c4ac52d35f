"""The Kubernetes deployment files load: instance, Helm values and run config match what Dagster expects."""

from pathlib import Path

import yaml
from dagster import validate_run_config
from dagster._config import process_config

from pipeline.definitions import make_definitions
from pipeline.settings import KhabarSettings

K8S = Path(__file__).resolve().parents[1] / "deploy" / "k8s"


def _yaml(name: str) -> dict:
    return yaml.safe_load((K8S / name).read_text(encoding="utf-8"))


def test_instance_run_launcher_config_is_valid_for_dagster_k8s():
    from dagster_k8s import K8sRunLauncher

    launcher = _yaml("dagster.yaml")["run_launcher"]
    assert (launcher["module"], launcher["class"]) == ("dagster_k8s", "K8sRunLauncher")
    result = process_config(K8sRunLauncher.config_type(), launcher["config"])
    assert result.success, result.errors
    env = dict(v.split("=", 1) for v in launcher["config"]["env_vars"])
    assert env["KHABAR_EXECUTOR"] == "k8s" and env["KHABAR_STORAGE"].startswith("s3://")


def test_jobs_run_on_the_k8s_executor_with_the_shipped_run_config(monkeypatch, tmp_path):
    monkeypatch.setenv("KHABAR_EXECUTOR", "k8s")
    defs = make_definitions(KhabarSettings(output_dir=str(tmp_path)))
    for name in ("build_batch", "assemble", "link_batch", "publish"):
        job = defs.resolve_job_def(name)
        assert job.executor_def.name == "k8s"
        assert validate_run_config(job, _yaml("run_config.yaml"))


def test_the_default_executor_stays_local(tmp_path):
    job = make_definitions(KhabarSettings(output_dir=str(tmp_path))).resolve_job_def("assemble")
    assert job.executor_def.name != "k8s"


def test_helm_values_give_user_code_and_runs_the_same_storage_and_data_volume():
    values = _yaml("values.yaml")
    (deployment,) = values["dagster-user-deployments"]["deployments"]
    env = {e["name"]: e["value"] for e in deployment["env"]}
    assert env["KHABAR_EXECUTOR"] == "k8s" and env["KHABAR_STORAGE"].startswith("s3://")
    assert deployment["dagsterApiGrpcArgs"] == ["-m", "pipeline.definitions"]
    launcher = values["runLauncher"]
    assert launcher["type"] == "K8sRunLauncher"
    mounts = {m["mountPath"] for m in launcher["config"]["k8sRunLauncher"]["volumeMounts"]}
    assert {m["mountPath"] for m in deployment["volumeMounts"]} == mounts
    assert env["KHABAR_INPUT"].startswith(tuple(mounts)) and env["KHABAR_OUTPUT"].startswith(tuple(mounts))


def test_image_installs_the_locked_dependencies():
    text = (K8S / "Dockerfile").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements.lock" in text
    assert "pipeline.definitions" in text
