"""Shared fixtures: the real samples are read from ../shared/samples, never copied into the repo."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from budgetdoc.model import Document
from budgetdoc.pipeline import load

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "samples"
SAMPLE_FILES = {
    "000": SAMPLES / "000_d143e8e39e389391.txt",
    "001": SAMPLES / "001_8bbea08ca3cc6e70.txt",
    "002": SAMPLES / "002_600f8d7deff56880.txt",
    "003": SAMPLES / "003_e5361b4e9819f483.txt",
    "004": SAMPLES / "004_cf34223da48d0767.txt",
}
FINAL_ACCOUNTS = ("000", "002", "003", "004")

_cache: dict[str, Document] = {}


def benchmark_module(name: str) -> ModuleType:
    """``benchmarks/<name>.py`` as a module, for tests that run a short slice of a benchmark."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up while the module runs
        spec.loader.exec_module(module)
    return sys.modules[name]


def sample_doc(sample_id: str) -> Document:
    """The parsed sample, parsed once per test session."""
    if sample_id not in _cache:
        _cache[sample_id] = load(SAMPLE_FILES[sample_id])
    return _cache[sample_id]


@pytest.fixture
def sample():
    return sample_doc
