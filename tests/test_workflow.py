"""CI, the GitHub workflow and the README agree on the commands, and the workflow is valid."""
import re

import yaml

from sitebuild import PROJECT


def readme_commands():
    block = re.search(r"## Quick start.*?```sh\n(.*?)```", (PROJECT / "README.md").read_text(), re.S).group(1)
    return [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]


def workflow():
    return yaml.safe_load((PROJECT / ".github/workflows/site.yml").read_text())


def test_readme_quick_start_is_two_commands():
    assert readme_commands() == ["make serve", "make test"]


def test_ci_runs_the_readme_test_command():
    script = (PROJECT / ".ci/run").read_text()
    commands = [line.strip() for line in script.splitlines() if line.strip() and not line.startswith("#")]
    assert commands[-1] == readme_commands()[1]


def test_workflow_checks_tests_builds_and_deploys():
    data = workflow()
    triggers = data[True] if True in data else data["on"]  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    steps = data["jobs"]["test"]["steps"]
    runs = [step.get("run") for step in steps if "run" in step]
    assert readme_commands()[1] in runs
    assert "make check" in runs and "make build" in runs
    assert any(step.get("uses", "").startswith("actions/upload-artifact") and step["with"]["path"] == "site/"
               for step in steps)
    deploy = data["jobs"]["deploy"]
    assert deploy["needs"] == "test" and "refs/heads/main" in deploy["if"]
    assert any("gh-deploy" in step.get("run", "") for step in deploy["steps"])


def test_make_targets_exist_for_every_workflow_command():
    targets = set(re.findall(r"^([a-z-]+):", (PROJECT / "Makefile").read_text(), re.M))
    runs = [step["run"] for job in workflow()["jobs"].values() for step in job["steps"] if "run" in step]
    for run in runs:
        for target in re.findall(r"make (\w+)", run):
            assert target in targets, target


def test_pre_commit_runs_kb_check():
    hooks = yaml.safe_load((PROJECT / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    assert hooks[0]["entry"].endswith("kb check")
