"""environment.yml (conda) and pyproject.toml (pip) must ask for the same packages."""

import re
import tomllib

import yaml

from conftest import PROJECT_ROOT

# pip extras that conda ships as separate packages
_SPLIT = {"dask[distributed]": ["dask", "distributed"]}


def _requirements() -> dict[str, str]:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    out = {}
    for req in project["dependencies"] + project["optional-dependencies"]["test"]:
        name, spec = re.match(r"([A-Za-z0-9_.\-\[\]]+)(.*)", req).groups()
        for conda_name in _SPLIT.get(name, [name]):
            out[conda_name.lower()] = spec.replace(" ", "")
    return out


def _conda() -> dict[str, str]:
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    out = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str) and not dep.startswith(("python=", "pip")):
            name, spec = re.match(r"([A-Za-z0-9_.\-]+)(.*)", dep).groups()
            out[name.lower()] = spec.replace(" ", "")
    return out


def test_conda_and_pip_ask_for_the_same_packages_and_bounds():
    assert _conda() == _requirements()


def test_python_version_agrees():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    assert project["requires-python"] == ">=3.11"
    assert "python=3.11" in env["dependencies"]
